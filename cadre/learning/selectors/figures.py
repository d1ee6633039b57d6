"""Learning spend figures (issue 17 points 3 and 4): the spend baseline and price variance.

Each figure is one grouped query over spend lines (SUM and COUNT by organisation, supplier,
product and financial year) and a few small look-ups of names; NumPy does the rest over the
grouped rows (``cadre.learning.variance``). Spend lines never reach Python one by one.

Who sees what: every account allowed the figures (``LEARNING_FIGURES``) sees every
organisation. Organisations are named: these are public spending on contracts, not personal
data. No person is named; headcounts of the profession are suppressed below 5.

Definitions (shown on the pages and in docs/learning-figures.md):

- A **financial year** runs from April to March and is named by its first calendar year.
- A line's supplier and product count only once its match is made or confirmed; lines
  waiting for review or with no supplier found count under "Supplier not yet matched".
- An organisation's **unit price** for a product in a year is its total amount divided by
  its total attendees over its matched lines for that product that give attendees (more
  than 0). Lines without attendees count in spend, not in prices.
- **Skill family**: the framework skill's category. A product building skills in several
  families has its spend split equally between them.
- **Per head of the profession**: an organisation's spend divided by the people in the
  profession it has today (current people whose workforce record says in the profession),
  whatever the year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from cadre.access.rules import LEARNING_FIGURES
from cadre.core import stamps
from cadre.core.suppression import PROTECTED_LABEL, suppress_table
from cadre.learning import variance as calc
from cadre.learning.models import (
    MatchStatus,
    Product,
    ProductDescription,
    ProductSkill,
    Provider,
    SpendImport,
    SpendLine,
    SupplierName,
)
from cadre.learning.selectors.contracts import best_contracted_rates
from cadre.organisations.models import Organisation
from cadre.people.selectors import current_filter
from cadre.workforce.models import WorkforceRecord

#: Statuses whose supplier and product count (the matcher's, or a reviewer's).
MATCHED = (MatchStatus.MATCHED, MatchStatus.CONFIRMED)
SUPPLIER_NOT_MATCHED = "Supplier not yet matched"
PRODUCT_NOT_MATCHED = "Not yet matched to a product"
NOT_A_SUPPLIER = "Not a learning supplier (reviewed)"
NO_PRODUCT = "No catalogue product"
#: Keys in the grouped rows: a line not (yet) matched, and a matched line without one.
NOT_YET, NONE = -2, -1
NO_SKILL = "Product builds no recorded skill"
NO_FAMILY = "Skill with no family recorded"
#: Headcounts from 1 to this minus one are hidden (core.suppression).
THRESHOLD = 5
#: Financial years accepted on every channel (docs/limits.md).
MIN_YEAR, MAX_YEAR = 2000, 2100
BY_CHOICES = ("organisation", "supplier", "product", "family")
BY_LABELS = {"organisation": "Organisation", "supplier": "Supplier", "product": "Product",
             "family": "Skill family"}

DEFINITIONS = [
    "A financial year runs from April to March and is named by its first calendar year "
    "(2025 is April 2025 to March 2026).",
    "A line's supplier and product count once the matcher or a reviewer has matched it; "
    f'lines waiting for review or with no supplier found count under "{SUPPLIER_NOT_MATCHED}" '
    f'and "{PRODUCT_NOT_MATCHED}". A matched line whose supplier a reviewer found is not a '
    f'learning supplier counts under "{NOT_A_SUPPLIER}"; one with no catalogue product '
    f'under "{NO_PRODUCT}".',
    "An organisation's unit price for a product is its total amount divided by its total "
    "attendees, over its matched lines for that product that give attendees. Lines without "
    "attendees count in spend but not in prices; an organisation whose priced lines net to "
    "nothing or less (refunds) has no price.",
    "The median is the middle of the organisations' unit prices, each organisation counting "
    "once (with an even number, halfway between the middle two).",
    "The saving at the median adds up, for each organisation paying more than the median, "
    "the difference times its attendees; organisations paying less are not counted against "
    "it. The saving at the best contracted rate does the same against the lowest price per "
    "place on any contract running today.",
    "A product that builds skills in several skill families has its spend split equally "
    "between them.",
    "Spend per head of the profession divides an organisation's spend by the people in the "
    "profession it has today, whatever the year; it is hidden where that headcount is fewer "
    "than 5, or could be worked out from the total.",
]


def may_see_figures(user: Any) -> bool:
    """Accounts the permission map lets see the figures; ``None`` is the command line."""
    return user is None or LEARNING_FIGURES.allows(user)


# -- values -------------------------------------------------------------------------------


def money(value: float | Decimal | None) -> str | None:
    """Pounds as a string with 2 decimals (the JSON and CSV form), or None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(str(float(value)))
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pounds(value: float | None, *, pence: bool = False) -> str:
    """Pounds for a page: "£1,235" (whole pounds) or "£1,234.50" (``pence``)."""
    if value is None or np.isnan(value):
        return ""
    return f"£{value:,.2f}" if pence else f"£{round(value):,}"


def check_year(value: object) -> int | None:
    """A financial year from a request or command (None when not given), else a
    ``ValidationError`` naming ``year``."""
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValidationError({"year": "Enter a financial year as four digits, like 2025."}
                              ) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"Enter a financial year from {MIN_YEAR} to {MAX_YEAR}."})
    return year


def check_by(value: object) -> str:
    by = str(value or "organisation")
    if by not in BY_CHOICES:
        raise ValidationError({"by": f"Choose one of {', '.join(BY_CHOICES)}."})
    return by


def _table_names() -> dict[str, str]:
    return {"lines": SpendLine._meta.db_table, "imports": SpendImport._meta.db_table,
            "names": SupplierName._meta.db_table,
            "descriptions": ProductDescription._meta.db_table,
            "products": Product._meta.db_table, "providers": Provider._meta.db_table}


def spend_fingerprint() -> str:
    """What changes whenever spend lines or their matches change, in one small query:
    imports (added or deleted), review decisions (each saves its name or description),
    and the catalogue's size (a deleted product or supplier clears lines' matches)."""
    t = _table_names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {t['imports']}),"  # noqa: S608 - our table names
            f" (SELECT MAX(id) FROM {t['imports']}),"
            f" (SELECT MAX(decided_at) FROM {t['names']}),"
            f" (SELECT MAX(decided_at) FROM {t['descriptions']}),"
            f" (SELECT COUNT(*) FROM {t['products']}), (SELECT COUNT(*) FROM {t['providers']})")
        found = cursor.fetchone()
    return hashlib.sha256("|".join(str(v) for v in found).encode()).hexdigest()[:24]


#: Seconds grouped spend stays cached; its key carries the spend fingerprint, so a change
#: is seen at once; the timeout only bounds what a write outside the services could leave.
CACHE_SECONDS = 300


def _cached(key: str, fingerprint: str, compute: Any) -> Any:
    full = stamps.key("learning-figures", key, fingerprint)
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, CACHE_SECONDS)
    return found


def _years_query() -> list[int]:
    """Distinct years newest first, walking the index on ``year`` (a recursive query of one
    index probe per year instead of a scan of every line)."""
    t = _table_names()["lines"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE y(year) AS (SELECT MAX(year) FROM {t} UNION ALL "  # noqa: S608
            f"SELECT (SELECT MAX(year) FROM {t} WHERE year < y.year) FROM y "
            f"WHERE y.year IS NOT NULL) SELECT year FROM y WHERE year IS NOT NULL")
        return [int(row[0]) for row in cursor.fetchall()]


def spend_years(fingerprint: str | None = None) -> list[int]:
    """Financial years with spend, newest first."""
    return _cached("years", fingerprint or spend_fingerprint(), _years_query)


def chosen_year(value: object, fingerprint: str | None = None
                ) -> tuple[int | None, list[int]]:
    """The year asked for (checked), else the newest with spend; and the years with spend."""
    year = check_year(value)
    years = spend_years(fingerprint)
    if year is None:
        year = years[0] if years else None
    return year, years


def _names(model: type, keys: Any) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=list(keys)).values_list("pk", "name"))


# -- baseline -----------------------------------------------------------------------------


@dataclass
class BaselineRow:
    label: str
    spend: float
    lines: int
    attendees: int
    share: float
    supplier: str = ""
    key: int | None = None
    headcount: int | str | None = None
    per_head: float | str | None = None

    def as_dict(self, by: str) -> dict[str, Any]:
        data: dict[str, Any] = {BY_CHOICES_KEY[by]: self.label}
        if by == "product":
            data["supplier"] = self.supplier
        data.update({"spend": money(self.spend), "lines": self.lines,
                     "attendees": self.attendees,
                     "share_of_spend": round(self.share, 3)})
        if by == "organisation":
            data["profession_headcount"] = self.headcount
            data["spend_per_head"] = (money(self.per_head)
                                      if isinstance(self.per_head, float) else self.per_head)
        return data

    @property
    def spend_display(self) -> str:
        return pounds(self.spend)

    @property
    def per_head_display(self) -> str:
        if self.per_head is None:
            return "No one recorded"
        if isinstance(self.per_head, str):
            return self.per_head
        return pounds(self.per_head)

    @property
    def share_display(self) -> str:
        percent = self.share * 100
        return "less than 1%" if 0 < percent < 0.5 else f"{percent:.0f}%"


BY_CHOICES_KEY = {"organisation": "organisation", "supplier": "supplier",
                  "product": "product", "family": "skill_family"}
#: The columns of each baseline table in downloads and on the command line.
BASELINE_COLUMNS = {
    "organisation": ["organisation", "spend", "lines", "attendees", "share_of_spend",
                     "profession_headcount", "spend_per_head"],
    "supplier": ["supplier", "spend", "lines", "attendees", "share_of_spend"],
    "product": ["product", "supplier", "spend", "lines", "attendees", "share_of_spend"],
    "family": ["skill_family", "spend", "lines", "attendees", "share_of_spend"],
}


@dataclass
class Baseline:
    year: int | None
    years: list[int]
    total_spend: float = 0.0
    total_lines: int = 0
    total_attendees: int = 0
    headcount: int | str = 0
    per_head: float | str | None = None
    tables: dict[str, list[BaselineRow]] = field(default_factory=dict)

    @property
    def total_display(self) -> str:
        return pounds(self.total_spend)

    @property
    def per_head_display(self) -> str:
        if self.per_head is None:
            return "No one recorded"
        return self.per_head if isinstance(self.per_head, str) else pounds(self.per_head)

    def rows(self, by: str) -> list[dict[str, Any]]:
        return [row.as_dict(by) for row in self.tables.get(by, [])]

    def as_dict(self, by: str | None = None) -> dict[str, Any]:
        wanted = [by] if by else list(BY_CHOICES)
        return {
            "year": self.year,
            "years": self.years,
            "total_spend": money(self.total_spend),
            "lines": self.total_lines,
            "attendees": self.total_attendees,
            "profession_headcount": self.headcount,
            "spend_per_head": (money(self.per_head) if isinstance(self.per_head, float)
                               else self.per_head),
            "definitions": DEFINITIONS,
            **{f"by_{b}": self.rows(b) for b in wanted},
        }


#: Columns of the grouped spend rows.
ORG, SUP, PROD, M_PENCE, M_LINES, M_PEOPLE, U_PENCE, U_LINES, U_PEOPLE, P_PENCE, P_LINES, \
    P_PEOPLE = range(12)


def _grouped_query(year: int, product_id: int | None) -> np.ndarray:
    """One GROUP BY organisation, supplier, product over the year's lines: for each, the
    pence, lines and attendees of matched lines (M), of lines not yet matched (U) and of
    matched lines of a product with attendees (P, the priced ones). Sums are whole pence
    from the database, read with a plain cursor straight into NumPy. The covering index
    ``learning_spend_figures`` (year, organisation, provider, product, status, amount,
    attendees) lets PostgreSQL read the year's lines from the index alone, in group order."""
    t = _table_names()["lines"]
    m = "match_status IN (%s, %s)"
    p = f"{m} AND product_id IS NOT NULL AND attendees > 0"
    u = f"NOT ({m})"
    params: list[Any] = []
    columns = []
    for cond in (m, u, p):
        # Summed in double precision (several times faster than exact decimals here) and
        # rounded to the penny: exact for any realistic total.
        columns += [f"CAST(ROUND(COALESCE(SUM(CAST(amount AS DOUBLE PRECISION)) FILTER "
                    f"(WHERE {cond}), 0) * 100) AS BIGINT)",
                    f"COUNT(*) FILTER (WHERE {cond})",
                    f"COALESCE(SUM(attendees) FILTER (WHERE {cond}), 0)"]
        params += [str(status) for status in MATCHED] * 3
    where = "year = %s" + (" AND product_id = %s" if product_id is not None else "")
    params += [year] + ([product_id] if product_id is not None else [])
    sql = (f"SELECT organisation_id, COALESCE(provider_id, {NONE}),"  # noqa: S608
           f" COALESCE(product_id, {NONE}), {', '.join(columns)} FROM {t} WHERE {where}"
           " GROUP BY organisation_id, provider_id, product_id")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(-1, 12)


def spend_groups(year: int, fingerprint: str) -> np.ndarray:
    """The year's grouped spend (cached under the spend fingerprint)."""
    return _cached(f"groups-{year}", fingerprint, lambda: _grouped_query(year, None))


def _pence(value: Decimal | None) -> int:
    return int((value or 0) * 100)


def _table(keys: np.ndarray, pence: np.ndarray, lines: np.ndarray, people: np.ndarray,
           total: int) -> list[tuple[int, float, int, int, float]]:
    """Sum per key; (key, pounds, lines, attendees, share) sorted by spend, largest first."""
    uniq, inverse = np.unique(keys, return_inverse=True)
    n = len(uniq)
    spend = np.bincount(inverse, weights=pence, minlength=n) / 100 if n else np.zeros(0)
    count = np.bincount(inverse, weights=lines, minlength=n) if n else np.zeros(0)
    heads = np.bincount(inverse, weights=people, minlength=n) if n else np.zeros(0)
    order = np.argsort(-spend, kind="stable")
    return [(int(uniq[i]), float(spend[i]), int(count[i]), int(heads[i]),
             float(spend[i] * 100 / total) if total else 0.0) for i in order]


def _headcounts(organisation_ids: list[int]) -> dict[int, int]:
    """People in the profession today per organisation: one grouped query over every
    organisation, kept in the shared cache under the data stamps (ADR 27: people and
    workforce writes bump them) and today's date (who is current changes at midnight)."""
    full = stamps.key("learning-headcounts", timezone.localdate().isoformat(),
                      stamps.overall_token(stamps.tokens()))
    counts = cache.get(full)
    if counts is None:
        counts = dict(
            WorkforceRecord.objects.filter(current_filter("person__"), in_profession=True)
            .order_by().values_list("person__organisation_id").annotate(n=Count("id")))
        cache.set(full, counts, CACHE_SECONDS)
    return {pk: counts[pk] for pk in organisation_ids if pk in counts}


def _families(product_ids: list[int]) -> dict[int, list[str]]:
    """Each product's distinct skill families (one query)."""
    found: dict[int, set[str]] = {}
    for product, category in (ProductSkill.objects.filter(product_id__in=product_ids)
                              .order_by().values_list("product_id", "skill__category")
                              .distinct()):
        found.setdefault(product, set()).add(category.strip() or NO_FAMILY)
    return {p: sorted(names) for p, names in found.items()}


def _baseline_rows(g: np.ndarray) -> np.ndarray:
    """Matched and not-yet-matched parts of the grouped rows as one array of
    (organisation, supplier, product, pence, lines, attendees)."""
    matched = g[g[:, M_LINES] > 0][:, [ORG, SUP, PROD, M_PENCE, M_LINES, M_PEOPLE]]
    waiting = g[g[:, U_LINES] > 0][:, [ORG, SUP, PROD, U_PENCE, U_LINES, U_PEOPLE]].copy()
    waiting[:, 1:3] = NOT_YET
    return np.concatenate([matched, waiting])


def _supplier_label(key: int, names: dict[int, str]) -> str:
    if key == NOT_YET:
        return SUPPLIER_NOT_MATCHED
    return NOT_A_SUPPLIER if key == NONE else names.get(key, "")


def _product_label(key: int, titles: dict[int, tuple[str, str]]) -> str:
    if key == NOT_YET:
        return PRODUCT_NOT_MATCHED
    return NO_PRODUCT if key == NONE else titles.get(key, ("", ""))[0]


def baseline(year_value: object = None) -> Baseline:
    """Spend for one financial year by organisation, supplier, product and skill family,
    and per head of the profession, with totals."""
    fingerprint = spend_fingerprint()
    year, years = chosen_year(year_value, fingerprint)
    result = Baseline(year=year, years=years)
    if year is None:
        return result
    g = _baseline_rows(spend_groups(year, fingerprint))
    org, sup, prod, pence, lines, people = (g[:, i] for i in range(6))
    total = int(pence.sum())
    result.total_spend = total / 100
    result.total_lines = int(lines.sum())
    result.total_attendees = int(people.sum())

    org_rows = _table(org, pence, lines, people, total)
    org_ids = [k for k, *_ in org_rows]
    org_names = _names(Organisation, org_ids)
    heads = _headcounts(org_ids)
    counts = np.array([heads.get(k, 0) for k in org_ids], dtype=np.int64).reshape(-1, 1)
    table = suppress_table(counts, threshold=THRESHOLD) if len(org_ids) else None
    rows = []
    for i, (key, spend, n, att, share) in enumerate(org_rows):
        row = BaselineRow(org_names.get(key, ""), spend, n, att, share, key=key)
        head = int(counts[i, 0])
        if table is not None and table.mask[i, 0]:
            row.headcount, row.per_head = table.display(i, 0), PROTECTED_LABEL
        else:
            row.headcount, row.per_head = head, (spend / head if head else None)
        rows.append(row)
    result.tables["organisation"] = rows
    if table is not None:
        total_heads = int(counts.sum())
        if table.col_total_mask[0]:
            result.headcount, result.per_head = table.display_col_total(0), PROTECTED_LABEL
        else:
            result.headcount = total_heads
            result.per_head = result.total_spend / total_heads if total_heads else None

    sup_rows = _table(sup, pence, lines, people, total)
    sup_names = _names(Provider, [k for k, *_ in sup_rows if k > 0])
    result.tables["supplier"] = [
        BaselineRow(_supplier_label(k, sup_names), s, n, a, sh, key=k)
        for k, s, n, a, sh in sup_rows]

    prod_rows = _table(prod, pence, lines, people, total)
    product_ids = [k for k, *_ in prod_rows if k > 0]
    info = {pk: (title, supplier) for pk, title, supplier in
            Product.objects.filter(pk__in=product_ids).values_list("pk", "title",
                                                                   "provider__name")}
    result.tables["product"] = [
        BaselineRow(_product_label(k, info), s, n, a, sh,
                    supplier=info.get(k, ("", ""))[1], key=k)
        for k, s, n, a, sh in prod_rows]

    families = _families(product_ids)
    family_spend: dict[str, list[float]] = {}
    for k, s, n, a, _ in prod_rows:
        names = [_product_label(k, info)] if k < 0 else families.get(k, [NO_SKILL])
        for name in names:
            entry = family_spend.setdefault(name, [0.0, 0.0, 0.0])
            entry[0] += s / len(names)
            entry[1] += n / len(names)
            entry[2] += a / len(names)
    ordered = sorted(family_spend.items(), key=lambda kv: (-kv[1][0], kv[0]))
    result.tables["family"] = [
        BaselineRow(name, s, round(n), round(a), s / result.total_spend if total else 0.0)
        for name, (s, n, a) in ordered]
    return result


# -- price variance -----------------------------------------------------------------------


@dataclass
class ProductRow:
    key: int
    product: str
    supplier: str
    supplier_key: int
    organisations: int
    spend: float
    attendees: int
    min_price: float
    median_price: float
    max_price: float
    best_rate: float
    saving_at_median: float
    saving_at_best: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "product_id": self.key, "product": self.product, "supplier": self.supplier,
            "organisations": self.organisations, "spend": money(self.spend),
            "attendees": self.attendees,
            "min_unit_price": money(self.min_price),
            "median_unit_price": money(self.median_price),
            "max_unit_price": money(self.max_price),
            "best_contracted_rate": money(self.best_rate),
            "saving_at_median": money(self.saving_at_median),
            "saving_at_best_rate": money(self.saving_at_best),
        }

    def display(self) -> dict[str, str]:
        return {"min": pounds(self.min_price, pence=True),
                "median": pounds(self.median_price, pence=True),
                "max": pounds(self.max_price, pence=True),
                "best": pounds(self.best_rate, pence=True) or "No contract",
                "saving_at_median": pounds(self.saving_at_median),
                "saving_at_best": pounds(self.saving_at_best) or "No contract",
                "spend": pounds(self.spend)}


@dataclass
class SupplierRow:
    supplier: str
    products: int
    prices: int
    spend: float
    attendees: int
    saving_at_median: float
    saving_at_best: float
    products_with_rate: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier, "products": self.products,
            "organisation_prices": self.prices, "spend": money(self.spend),
            "attendees": self.attendees, "saving_at_median": money(self.saving_at_median),
            "saving_at_best_rate": money(self.saving_at_best),
            "products_with_contracted_rate": self.products_with_rate,
        }

    def display(self) -> dict[str, str]:
        return {"spend": pounds(self.spend), "saving_at_median": pounds(self.saving_at_median),
                "saving_at_best": pounds(self.saving_at_best)}


@dataclass
class OrganisationPrice:
    product: ProductRow
    organisation: str
    organisation_key: int
    spend: float
    attendees: int
    unit_price: float
    saving_at_median: float
    saving_at_best: float

    def as_dict(self) -> dict[str, Any]:
        """The command's and downloads' row: the six named columns first."""
        return {
            "product": self.product.product, "supplier": self.product.supplier,
            "organisation": self.organisation, "unit_price": money(self.unit_price),
            "median_unit_price": money(self.product.median_price),
            "saving_at_median": money(self.saving_at_median),
            "attendees": self.attendees, "spend": money(self.spend),
            "best_contracted_rate": money(self.product.best_rate),
            "saving_at_best_rate": money(self.saving_at_best),
        }

    def display(self) -> dict[str, str]:
        diff = self.unit_price - self.product.median_price
        if abs(diff) < 0.005:
            against = "At the median"
        else:
            against = (f"{pounds(abs(diff), pence=True)} "
                       f"{'above' if diff > 0 else 'below'} the median")
        return {"unit_price": pounds(self.unit_price, pence=True), "against": against,
                "spend": pounds(self.spend),
                "saving_at_median": pounds(self.saving_at_median),
                "saving_at_best": pounds(self.saving_at_best) or "No contract"}


ROW_COLUMNS = ["product", "supplier", "organisation", "unit_price", "median_unit_price",
               "saving_at_median", "attendees", "spend", "best_contracted_rate",
               "saving_at_best_rate"]


@dataclass
class VarianceFigures:
    year: int | None
    years: list[int]
    on: dt.date
    products: list[ProductRow] = field(default_factory=list)
    suppliers: list[SupplierRow] = field(default_factory=list)
    prices: list[OrganisationPrice] = field(default_factory=list)
    total_saving_at_median: float = 0.0
    total_saving_at_best: float = 0.0
    priced_spend: float = 0.0
    #: The grouped rows the figures came from (the drill-down reads its unpriced spend).
    groups: np.ndarray | None = None

    def as_dict(self, *, with_prices: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": self.year, "years": self.years, "rates_on": self.on.isoformat(),
            "definitions": DEFINITIONS,
            "priced_spend": money(self.priced_spend),
            "saving_at_median": money(self.total_saving_at_median),
            "saving_at_best_rate": money(self.total_saving_at_best),
            "products": [p.as_dict() for p in self.products],
            "suppliers": [s.as_dict() for s in self.suppliers],
        }
        if with_prices:
            data["organisations"] = [p.as_dict() for p in self.prices]
        return data

    def rows(self) -> list[dict[str, Any]]:
        return [p.as_dict() for p in self.prices]


def variance(year_value: object = None, *, product_id: int | None = None,
             on: dt.date | None = None, with_prices: bool = False) -> VarianceFigures:
    """Unit prices per product and organisation for one financial year, their spread and
    the savings at the median and at the best contracted rate; the same per supplier.
    ``product_id`` narrows to one product (its drill-down); each organisation's price
    (``prices``) is listed for it, or with ``with_prices``."""
    fingerprint = spend_fingerprint()
    year, years = chosen_year(year_value, fingerprint)
    on = on or timezone.localdate()
    result = VarianceFigures(year=year, years=years, on=on)
    if year is None:
        return result
    g = (spend_groups(year, fingerprint) if product_id is None
         else _grouped_query(year, product_id))
    result.groups = g
    g = g[g[:, P_PEOPLE] > 0]
    if not len(g):
        return result
    product = g[:, PROD]
    amount = g[:, P_PENCE] / 100
    people = g[:, P_PEOPLE]
    rates = {k: float(v) for k, v in best_contracted_rates(on=on).items()}
    figures = calc.price_variance(product, amount, people, rates)
    p = figures.products
    info = {pk: (title, supplier_id, supplier) for pk, title, supplier_id, supplier in
            Product.objects.filter(pk__in=p.keys.tolist())
            .values_list("pk", "title", "provider_id", "provider__name")}
    rows: dict[int, ProductRow] = {}
    for i, key in enumerate(p.keys.tolist()):
        title, supplier_id, supplier = info[key]
        rows[key] = ProductRow(
            key, title, supplier, supplier_id, int(p.organisations[i]), float(p.spend[i]),
            int(p.attendees[i]), float(p.min_price[i]), float(p.median_price[i]),
            float(p.max_price[i]), float(p.best_rate[i]), float(p.saving_at_median[i]),
            float(p.saving_at_best[i]))
    result.products = sorted(rows.values(),
                             key=lambda r: (-r.saving_at_median, r.product, r.supplier))
    result.total_saving_at_median = float(p.saving_at_median.sum())
    result.total_saving_at_best = float(np.nansum(p.saving_at_best))
    result.priced_spend = float(p.spend.sum())

    s = calc.supplier_variance(p, {k: v[1] for k, v in info.items()})
    names = {v[1]: v[2] for v in info.values()}
    result.suppliers = sorted(
        (SupplierRow(names[k], int(s.products[j]), int(s.organisations_rows[j]),
                     float(s.spend[j]), int(s.attendees[j]), float(s.saving_at_median[j]),
                     float(s.saving_at_best[j]), int(s.products_with_rate[j]))
         for j, k in enumerate(s.keys.tolist())),
        key=lambda r: (-r.saving_at_median, r.supplier))

    if product_id is None and not with_prices:
        return result
    r = figures.rows
    org_of = g[:, ORG]
    org_names = _names(Organisation, set(org_of[r.index].tolist()))
    prices = [
        OrganisationPrice(rows[int(product[pos])], org_names.get(int(org_of[pos]), ""),
                          int(org_of[pos]), float(amount[pos]), int(people[pos]),
                          float(r.unit_price[j]), float(r.saving_at_median[j]),
                          float(r.saving_at_best[j]))
        for j, pos in enumerate(r.index.tolist())]
    prices.sort(key=lambda x: (x.product.product, x.product.supplier, -x.unit_price,
                               x.organisation))
    result.prices = prices
    return result


@dataclass
class ProductVariance:
    product: Product
    figures: VarianceFigures
    unpriced_spend: float
    unpriced_lines: int

    @property
    def row(self) -> ProductRow | None:
        return self.figures.products[0] if self.figures.products else None


def product_variance(product: Product, year_value: object = None) -> ProductVariance:
    """One product's organisations and their unit prices against the median, and its
    matched spend that gives no attendees (so no price)."""
    figures = variance(year_value, product_id=product.pk)
    g = figures.groups if figures.groups is not None else np.zeros((0, 12), dtype=np.int64)
    unpriced_pence = int(g[:, M_PENCE].sum() - g[:, P_PENCE].sum())
    unpriced_lines = int(g[:, M_LINES].sum() - g[:, P_LINES].sum())
    return ProductVariance(product, figures, unpriced_pence / 100, unpriced_lines)
