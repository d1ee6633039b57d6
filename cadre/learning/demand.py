"""Demand for learning from skill gaps and development plans (issue 17 point 5).

Plain Python and NumPy, no Django. The database hands over need rows already grouped:
(organisation, skill, level ordinal, due date or None, how many people); this module

- counts them by organisation, skill, level and calendar quarter of the due date
  (:func:`count_needs`; a need with no date goes in the "No date set" quarter),
- lays the counts out as one table, rows (organisation, skill, level) by quarters, and
  hides small counts with ``cadre.core.suppression`` (:func:`demand_table`): the table is
  always the whole government's, so every filtered view, file and answer shows cells and
  totals of one suppressed table and no two views can be subtracted from each other,
- matches each (skill, level) to the products that build the skill at or above the level,
  the lowest sufficient level first, then the cheapest, then by id (:func:`match_products`).

Quarters are calendar quarters, keyed ``year * 4 + (month - 1) // 3``; ``None`` is no date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from cadre.core.suppression import SuppressedTable, hidden_label, suppress_table

#: Counts from 1 to THRESHOLD - 1 are hidden.
THRESHOLD = 5
#: The quarter column of needs without a date (gaps with no plan objective for the skill).
NO_DATE_LABEL = "No date set"
_NO_QUARTER = -1
_MONTHS = ("January to March", "April to June", "July to September", "October to December")

Need = tuple  # (organisation, skill, level, due date | None[, people])
RowKey = tuple[int, int, int]  # (organisation, skill, level ordinal)


def quarter_of(day: dt.date | None) -> int | None:
    """The quarter key of a date (None for no date)."""
    if day is None:
        return None
    return day.year * 4 + (day.month - 1) // 3


def quarter_label(key: int | None) -> str:
    """"January to March 2027"; "No date set" for None."""
    if key is None:
        return NO_DATE_LABEL
    return f"{_MONTHS[key % 4]} {key // 4}"


def quarter_start(key: int) -> dt.date:
    return dt.date(key // 4, (key % 4) * 3 + 1, 1)


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def count_needs(rows: Iterable[Need]) -> dict[tuple[int, int, int, int | None], int]:
    """People needing each (organisation, skill, level, quarter).

    Each row is (organisation, skill, level ordinal, due date or None) and optionally a
    count of people (default 1). Dates may be ``date`` objects or ISO strings.
    """
    orgs, skills, levels, quarters, weights = [], [], [], [], []
    for row in rows:
        orgs.append(int(row[0]))
        skills.append(int(row[1]))
        levels.append(int(row[2]))
        quarter = quarter_of(_as_date(row[3]))
        quarters.append(_NO_QUARTER if quarter is None else quarter)
        weights.append(int(row[4]) if len(row) > 4 else 1)
    if not orgs:
        return {}
    keys = np.array([orgs, skills, levels, quarters], dtype=np.int64).T
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=np.asarray(weights, dtype=np.int64),
                         minlength=unique.shape[0]).astype(np.int64)
    return {(int(o), int(s), int(lv), None if q == _NO_QUARTER else int(q)): int(n)
            for (o, s, lv, q), n in zip(unique, totals, strict=True) if n}


@dataclass
class DemandTable:
    """Rows (organisation, skill, level) by quarter columns, suppressed as one table.

    ``rows`` are ordered by ids and ``quarters`` by date with None (no date) last, so the
    same counts always give the same hidden cells. Every shown value comes from
    ``table`` (counts, masks, totals); hidden ones are their labels.
    """

    rows: list[RowKey]
    quarters: list[int | None]
    table: SuppressedTable

    @property
    def threshold(self) -> int:
        return self.table.threshold

    def cell(self, i: int, j: int) -> int | str:
        return self.table.display(i, j)

    def row_total(self, i: int) -> int | str:
        return self.table.display_row_total(i)

    def quarter_total(self, j: int) -> int | str:
        return self.table.display_col_total(j)

    def grand_total(self) -> int | str:
        return self.table.display_grand_total()

    def row_hidden(self, i: int) -> bool:
        return bool(self.table.row_total_mask[i])

    @property
    def any_hidden(self) -> bool:
        t = self.table
        return bool(t.mask.any() or t.row_total_mask.any() or t.col_total_mask.any()
                    or t.grand_total_hidden)

    def row_index(self) -> dict[RowKey, int]:
        return {key: i for i, key in enumerate(self.rows)}


def demand_table(counts: dict[tuple[int, int, int, int | None], int], *,
                 threshold: int = THRESHOLD) -> DemandTable:
    """The counts of :func:`count_needs` as one suppressed table (rows with no one left out)."""
    rows = sorted({(o, s, lv) for (o, s, lv, _q) in counts})
    dated = sorted({q for (_o, _s, _l, q) in counts if q is not None})
    quarters: list[int | None] = [*dated, *([None] if any(
        q is None for (_o, _s, _l, q) in counts) else [])]
    row_of = {key: i for i, key in enumerate(rows)}
    col_of = {q: j for j, q in enumerate(quarters)}
    matrix = np.zeros((len(rows), len(quarters)), dtype=np.int64)
    for (o, s, lv, q), n in counts.items():
        matrix[row_of[(o, s, lv)], col_of[q]] += n
    return DemandTable(rows, quarters, suppress_table(matrix, threshold=threshold))


def derived(value: int | str, price: Decimal | None) -> Decimal | str | None:
    """``places x price``: hidden as ``[c]`` when the places are hidden (a cost worked out
    from a hidden count), None when there is no price."""
    if price is None:
        return None
    if isinstance(value, str):
        return hidden_label(primary=False)
    return (Decimal(value) * price).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Offer:
    """A product building ``skill`` to ``level`` at ``price`` per place."""

    product: int
    skill: int
    level: int
    price: Decimal


def match_products(needs: Iterable[tuple[int, int]], offers: Sequence[Offer],
                   ) -> dict[tuple[int, int], list[Offer]]:
    """For each (skill, level): the offers building the skill at or above the level, the
    lowest sufficient level first, then the lowest price, then the product id."""
    by_skill: dict[int, list[Offer]] = {}
    for offer in sorted(offers, key=lambda o: (o.skill, o.level, o.price, o.product)):
        by_skill.setdefault(offer.skill, []).append(offer)
    levels = {skill: np.fromiter((o.level for o in found), dtype=np.int64, count=len(found))
              for skill, found in by_skill.items()}
    out: dict[tuple[int, int], list[Offer]] = {}
    for skill, level in needs:
        found = by_skill.get(skill)
        if not found:
            out[(skill, level)] = []
            continue
        start = int(np.searchsorted(levels[skill], level, side="left"))
        out[(skill, level)] = found[start:]
    return out
