"""Price variance over grouped spend (issue 17 point 4): plain NumPy, no Django.

The input is one row per (product, organisation) for one financial year: the organisation's
total amount and total attendees over its matched lines for that product that give
attendees (the database sums them). An organisation's **unit price** for the product is
amount / attendees. Rows with no attendees, or whose amount nets to nothing or less
(refunds), give no price and are left out.

Per product, over the organisations that paid it:

- the spread: how many organisations, the lowest, median and highest unit price (the
  median of the organisations' prices, each organisation counting once; with an even
  number, the mean of the two middle prices);
- the **saving at the median**: the sum over organisations paying above the median of
  (unit price - median) x attendees;
- the **saving at the best contracted rate** (when the product has one): the same sum
  against that rate. Organisations at or below it save nothing; no one is charged more.

Per supplier, the same summed over its products (the saving at the best contracted rate
over the products that have one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ProductFigures:
    """Per product (the sorted distinct product keys), arrays aligned with ``keys``."""

    keys: np.ndarray            # int64
    organisations: np.ndarray   # int64: organisations with a price
    spend: np.ndarray           # float64: amount over the priced rows
    attendees: np.ndarray       # float64
    min_price: np.ndarray
    median_price: np.ndarray
    max_price: np.ndarray
    best_rate: np.ndarray       # nan where the product has no contracted rate
    saving_at_median: np.ndarray
    saving_at_best: np.ndarray  # nan where the product has no contracted rate


@dataclass(frozen=True)
class RowFigures:
    """Per priced input row, in the order of ``index`` (positions in the input)."""

    index: np.ndarray            # int64 positions into the input arrays
    unit_price: np.ndarray
    median_price: np.ndarray     # the row's product's median
    saving_at_median: np.ndarray
    saving_at_best: np.ndarray   # nan where the product has no contracted rate


@dataclass(frozen=True)
class SupplierFigures:
    keys: np.ndarray
    products: np.ndarray         # int64: products with a price
    organisations_rows: np.ndarray  # int64: (product, organisation) prices
    spend: np.ndarray
    attendees: np.ndarray
    saving_at_median: np.ndarray
    saving_at_best: np.ndarray   # over the products with a contracted rate; 0 if none
    products_with_rate: np.ndarray


@dataclass(frozen=True)
class Variance:
    products: ProductFigures
    rows: RowFigures


def _as(values: object, dtype: type) -> np.ndarray:
    return np.asarray(values, dtype=dtype).reshape(-1)


def _sum(group: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Per-group sums as floats (``np.bincount`` gives integers for no input)."""
    return np.bincount(group, weights=weights, minlength=n).astype(np.float64)


def price_variance(product: object, amount: object, attendees: object,
                   best_rate: dict[int, float] | None = None) -> Variance:
    """Spread and savings per product from per (product, organisation) rows.

    ``product``, ``amount`` and ``attendees`` are aligned sequences (one entry per
    organisation buying the product); ``best_rate`` maps a product key to its best
    contracted unit price.
    """
    product_arr = _as(product, np.int64)
    amount_arr = _as(amount, np.float64)
    attendees_arr = _as(attendees, np.float64)
    if not (len(product_arr) == len(amount_arr) == len(attendees_arr)):
        raise ValueError("product, amount and attendees must have the same length")
    priced = np.flatnonzero((attendees_arr > 0) & (amount_arr > 0))
    prod = product_arr[priced]
    price = amount_arr[priced] / attendees_arr[priced]
    # Sort by product, then price: each product's prices are one sorted run.
    order = np.lexsort((price, prod))
    index, prod, price = priced[order], prod[order], price[order]
    people = attendees_arr[index]
    spend = amount_arr[index]
    keys, starts, counts = np.unique(prod, return_index=True, return_counts=True)
    group = np.repeat(np.arange(len(keys)), counts)
    ends = starts + counts - 1
    if len(keys):
        low = price[starts + (counts - 1) // 2]
        high = price[starts + counts // 2]
        median = (low + high) / 2
        min_price, max_price = price[starts], price[ends]
    else:
        median = min_price = max_price = np.zeros(0)
    rates = best_rate or {}
    best = np.array([rates.get(int(k), np.nan) for k in keys], dtype=np.float64)
    row_median = median[group]
    row_saving = np.maximum(price - row_median, 0.0) * people
    row_best = best[group]
    with np.errstate(invalid="ignore"):
        row_saving_best = np.where(np.isnan(row_best), np.nan,
                                   np.maximum(price - np.nan_to_num(row_best), 0.0) * people)
    n = len(keys)
    saving_best = _sum(group, np.nan_to_num(row_saving_best), n)
    saving_best[np.isnan(best)] = np.nan
    products = ProductFigures(
        keys=keys, organisations=counts.astype(np.int64),
        spend=_sum(group, spend, n),
        attendees=_sum(group, people, n),
        min_price=min_price, median_price=median, max_price=max_price, best_rate=best,
        saving_at_median=_sum(group, row_saving, n),
        saving_at_best=saving_best,
    )
    rows = RowFigures(index=index, unit_price=price, median_price=row_median,
                      saving_at_median=row_saving, saving_at_best=row_saving_best)
    return Variance(products=products, rows=rows)


def supplier_variance(products: ProductFigures, supplier_of: dict[int, int]) -> SupplierFigures:
    """The product figures summed per supplier (``supplier_of`` maps product to supplier)."""
    supplier = np.array([supplier_of[int(k)] for k in products.keys], dtype=np.int64)
    keys, group = np.unique(supplier, return_inverse=True)
    n = len(keys)
    has_rate = ~np.isnan(products.saving_at_best)

    def total(values: np.ndarray) -> np.ndarray:
        return _sum(group, values, n)

    return SupplierFigures(
        keys=keys,
        products=np.bincount(group, minlength=n).astype(np.int64),
        organisations_rows=total(products.organisations.astype(np.float64)).astype(np.int64),
        spend=total(products.spend), attendees=total(products.attendees),
        saving_at_median=total(products.saving_at_median),
        saving_at_best=total(np.where(has_rate, products.saving_at_best, 0.0)),
        products_with_rate=total(has_rate.astype(np.float64)).astype(np.int64),
    )
