"""The plain demand module against plain-Python references on random cases."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

import numpy as np
import pytest

from cadre.core.suppression import PROTECTED_LABEL, suppress_table
from cadre.learning import demand as calc


def reference_counts(rows):  # noqa: ANN001, ANN201
    out: Counter = Counter()
    for row in rows:
        day = row[3]
        quarter = None if day is None else (day.year, (day.month - 1) // 3)
        key = (row[0], row[1], row[2], None if quarter is None else quarter[0] * 4 + quarter[1])
        out[key] += row[4] if len(row) > 4 else 1
    return {k: v for k, v in out.items() if v}


def reference_matches(needs, offers):  # noqa: ANN001, ANN201
    out = {}
    for skill, level in needs:
        found = [o for o in offers if o.skill == skill and o.level >= level]
        found.sort(key=lambda o: (o.level, o.price, o.product))
        out[(skill, level)] = found
    return out


def _random_day(rng: random.Random) -> dt.date | None:
    if rng.random() < 0.3:
        return None
    return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))


@pytest.mark.parametrize("seed", range(40))
def test_counts_match_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randrange(0, 300)):
        row = (rng.randrange(1, 5), rng.randrange(1, 8), rng.randrange(1, 5), _random_day(rng))
        if rng.random() < 0.5:
            row = (*row, rng.randrange(1, 9))
        rows.append(row)
    assert calc.count_needs(rows) == reference_counts(rows)


def test_dates_as_text_and_quarters() -> None:
    rows = [(1, 2, 3, "2027-03-31"), (1, 2, 3, dt.date(2027, 1, 1)), (1, 2, 3, None, 4)]
    counts = calc.count_needs(rows)
    q = calc.quarter_of(dt.date(2027, 2, 1))
    assert counts == {(1, 2, 3, q): 2, (1, 2, 3, None): 4}
    assert calc.quarter_label(q) == "January to March 2027"
    assert calc.quarter_label(None) == "No date set"
    assert calc.quarter_start(calc.quarter_of(dt.date(2027, 11, 30))) == dt.date(2027, 10, 1)


@pytest.mark.parametrize("seed", range(40))
def test_matches_match_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    offers = [calc.Offer(pid, rng.randrange(1, 6), rng.randrange(1, 5),
                         Decimal(rng.randrange(0, 5)) * 100)
              for pid in range(rng.randrange(0, 40))]
    needs = {(rng.randrange(1, 7), rng.randrange(1, 5)) for _ in range(20)}
    assert calc.match_products(needs, offers) == reference_matches(needs, offers)


def test_lowest_sufficient_level_first() -> None:
    offers = [calc.Offer(1, 7, 4, Decimal(10)), calc.Offer(2, 7, 3, Decimal(900)),
              calc.Offer(3, 7, 2, Decimal(1)), calc.Offer(4, 7, 3, Decimal(800))]
    found = calc.match_products([(7, 3)], offers)[(7, 3)]
    assert [o.product for o in found] == [4, 2, 1]


@pytest.mark.parametrize("seed", range(25))
def test_the_table_is_core_suppression_of_the_counts(seed: int) -> None:
    rng = random.Random(seed)
    rows = [(rng.randrange(1, 4), rng.randrange(1, 4), rng.randrange(1, 3), _random_day(rng),
             rng.randrange(1, 12)) for _ in range(rng.randrange(1, 60))]
    counts = calc.count_needs(rows)
    table = calc.demand_table(counts)
    keys = sorted({k[:3] for k in counts})
    assert table.rows == keys
    dated = sorted({k[3] for k in counts if k[3] is not None})
    assert table.quarters[:len(dated)] == dated
    matrix = np.zeros((len(keys), len(table.quarters)), dtype=np.int64)
    for (o, s, lv, q), n in counts.items():
        matrix[keys.index((o, s, lv)), table.quarters.index(q)] = n
    expected = suppress_table(matrix)
    assert (table.table.mask == expected.mask).all()
    for i in range(len(keys)):
        for j in range(len(table.quarters)):
            shown = table.cell(i, j)
            value = int(matrix[i, j])
            if isinstance(shown, str):
                # Hidden: labelled truthfully (small, or protecting one).
                assert shown == ("fewer than 5" if 0 < value < 5 else PROTECTED_LABEL)
            else:
                assert shown == value and not 0 < value < 5
        total = table.row_total(i)
        assert isinstance(total, str) or not 0 < total < 5


def test_estimates_hidden_with_their_places() -> None:
    assert calc.derived(6, Decimal("100.50")) == Decimal("603.00")
    assert calc.derived("fewer than 5", Decimal("100")) == PROTECTED_LABEL
    assert calc.derived(PROTECTED_LABEL, Decimal("100")) == PROTECTED_LABEL
    assert calc.derived(6, None) is None


def test_empty() -> None:
    assert calc.count_needs([]) == {}
    table = calc.demand_table({})
    assert table.rows == [] and table.grand_total() == 0
