"""``cadre.learning.variance`` against a plain-Python reference on random cases (ties, one
organisation, zero attendees, refunds, products with and without a contracted rate)."""

from __future__ import annotations

import math
import random
import statistics

import numpy as np
import pytest

from cadre.learning.variance import price_variance, supplier_variance


def reference(rows: list[tuple[int, float, float]], rates: dict[int, float]) -> dict:
    """rows: (product, amount, attendees) per organisation. Plain Python."""
    prices: dict[int, list[tuple[float, float, float]]] = {}
    for product, amount, attendees in rows:
        if attendees > 0 and amount > 0:
            prices.setdefault(product, []).append((amount / attendees, attendees, amount))
    out = {}
    for product, entries in prices.items():
        values = [p for p, _, _ in entries]
        median = statistics.median(values)
        best = rates.get(product)
        out[product] = {
            "organisations": len(values),
            "min": min(values), "median": median, "max": max(values),
            "spend": sum(a for _, _, a in entries),
            "attendees": sum(n for _, n, _ in entries),
            "saving_at_median": sum((p - median) * n for p, n, _ in entries if p > median),
            "saving_at_best": None if best is None
            else sum((p - best) * n for p, n, _ in entries if p > best),
        }
    return out


def _random_rows(rng: random.Random) -> tuple[list[tuple[int, float, float]], dict[int, float]]:
    rows = []
    for product in range(rng.randint(0, 12)):
        for _ in range(rng.choice([1, 1, 2, 3, 4, 7])):
            attendees = rng.choice([0, 1, 2, 3, 10, 25])
            # Few distinct prices, so ties are common.
            price = rng.choice([100.0, 250.0, 250.0, 399.99, 1200.5])
            amount = round(price * attendees, 2) if attendees else rng.choice([0.0, 500.0])
            if rng.random() < 0.05:
                amount = -abs(amount) - 1  # a refund
            rows.append((product, amount, float(attendees)))
    rates = {p: rng.choice([90.0, 250.0, 2000.0]) for p in range(12) if rng.random() < 0.5}
    return rows, rates


@pytest.mark.parametrize("seed", range(200))
def test_matches_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    rows, rates = _random_rows(rng)
    expected = reference(rows, rates)
    result = price_variance([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                            rates)
    got = result.products
    assert sorted(expected) == got.keys.tolist()
    for i, product in enumerate(got.keys.tolist()):
        e = expected[product]
        assert got.organisations[i] == e["organisations"]
        for key, arr in (("min", got.min_price), ("median", got.median_price),
                         ("max", got.max_price), ("spend", got.spend),
                         ("attendees", got.attendees),
                         ("saving_at_median", got.saving_at_median)):
            assert math.isclose(arr[i], e[key], rel_tol=1e-9, abs_tol=1e-6), (key, product)
        if e["saving_at_best"] is None:
            assert np.isnan(got.saving_at_best[i])
        else:
            assert math.isclose(got.saving_at_best[i], e["saving_at_best"], abs_tol=1e-6)
    # Per row: each priced row's saving, and they add up to the product's.
    assert len(result.rows.index) == sum(e["organisations"] for e in expected.values())
    for pos, price, saving in zip(result.rows.index.tolist(), result.rows.unit_price.tolist(),
                                  result.rows.saving_at_median.tolist(), strict=True):
        product, amount, attendees = rows[pos]
        assert math.isclose(price, amount / attendees)
        median = expected[product]["median"]
        assert math.isclose(saving, max(price - median, 0) * attendees, abs_tol=1e-6)

    # Suppliers: products 0-5 to supplier 1, the rest to supplier 2.
    supplier_of = {p: 1 if p < 6 else 2 for p in expected}
    suppliers = supplier_variance(got, supplier_of)
    for j, supplier in enumerate(suppliers.keys.tolist()):
        mine = [e for p, e in expected.items() if supplier_of[p] == supplier]
        assert suppliers.products[j] == len(mine)
        assert suppliers.organisations_rows[j] == sum(e["organisations"] for e in mine)
        assert math.isclose(suppliers.saving_at_median[j],
                            sum(e["saving_at_median"] for e in mine), abs_tol=1e-6)
        assert math.isclose(suppliers.saving_at_best[j],
                            sum(e["saving_at_best"] or 0 for e in mine), abs_tol=1e-6)
        assert suppliers.products_with_rate[j] == sum(
            e["saving_at_best"] is not None for e in mine)


def test_hand_worked_example() -> None:
    # Product 7: three organisations at 100, 200 and 400 per place (2, 1 and 3 people).
    # Median 200; saving at the median (400 - 200) x 3 = 600; at a rate of 150:
    # (200 - 150) x 1 + (400 - 150) x 3 = 800.
    result = price_variance([7, 7, 7], [200, 200, 1200], [2, 1, 3], {7: 150.0})
    p = result.products
    assert (p.min_price[0], p.median_price[0], p.max_price[0]) == (100, 200, 400)
    assert p.saving_at_median[0] == 600 and p.saving_at_best[0] == 800
    assert p.spend[0] == 1600 and p.attendees[0] == 6


def test_one_organisation_saves_nothing_at_its_own_median() -> None:
    result = price_variance([3], [500], [4])
    p = result.products
    assert p.organisations[0] == 1 and p.median_price[0] == 125 and p.saving_at_median[0] == 0
    assert np.isnan(p.saving_at_best[0])


def test_even_count_takes_the_mean_of_the_middle_two_and_ties_save_nothing() -> None:
    result = price_variance([1, 1, 1, 1], [100, 100, 300, 300], [1, 1, 1, 1])
    p = result.products
    assert p.median_price[0] == 200 and p.saving_at_median[0] == 200
    tied = price_variance([1, 1, 1], [50, 50, 50], [1, 1, 1])
    assert tied.products.saving_at_median[0] == 0


def test_zero_attendees_and_refunds_give_no_price() -> None:
    result = price_variance([1, 1, 2], [500, -20, 300], [0, 2, 0])
    assert result.products.keys.tolist() == []
    assert result.rows.index.tolist() == []
    empty = supplier_variance(result.products, {})
    assert empty.keys.tolist() == []


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError, match="same length"):
        price_variance([1, 2], [1.0], [1, 1])
