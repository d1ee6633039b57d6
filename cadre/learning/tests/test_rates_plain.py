"""The plain day-rate module against its plain-Python reference on random cases."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from cadre.learning import rates


def _random_rows(rng: random.Random, n: int) -> list[tuple[float, int, int, int, int]]:
    rows = []
    for _ in range(n):
        family = rng.randint(1, 3)
        level = family * 10 + rng.randint(0, 3)
        # Whole pounds and pennies, and repeated values, as real rate cards have.
        rate = rng.choice([float(rng.randint(300, 1300)), round(rng.uniform(300, 1300), 2),
                           650.0])
        rows.append((rate, family, level, rng.randint(1, 6), rng.randint(-1, 4)))
    return rows


def _data(rows: list[tuple]) -> rates.RateData:
    if not rows:
        return rates.RateData.empty()
    columns = list(zip(*rows, strict=True))
    return rates.RateData.from_columns(*columns)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


@pytest.mark.parametrize("seed", range(40))
def test_benchmarks_match_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    rows = _random_rows(rng, rng.randint(0, 120))
    threshold = rng.choice([1, 2, 5])
    got = rates.benchmarks(_data(rows), threshold=threshold)
    want = rates.reference_benchmarks(rows, threshold=threshold)
    assert len(got) == len(want)
    for i, (family, level) in enumerate(got.keys.tolist()):
        expected = want[(family, level)]
        assert got.count[i] == expected["count"]
        assert bool(got.suppressed[i]) == expected["suppressed"]
        if expected["suppressed"]:
            assert np.isnan([got.median[i], got.lower_quartile[i], got.upper_quartile[i],
                             got.total[i]]).all()
            continue
        for name in ("median", "lower_quartile", "upper_quartile", "total"):
            assert _close(getattr(got, name)[i], expected[name]), name


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("column", [3, 4])
def test_variance_matches_the_reference(seed: int, column: int) -> None:
    rng = random.Random(1000 + seed)
    rows = _random_rows(rng, rng.randint(1, 150))
    threshold = rng.choice([1, 3, 5])
    data = _data(rows)
    by = data.organisation if column == 3 else data.supplier
    got = rates.variance(data, by, threshold=threshold)
    want = rates.reference_variance(rows, column, threshold=threshold)
    assert len(got.stats) == len(want)
    for i, key in enumerate(got.stats.keys.tolist()):
        expected = want[tuple(key)]
        assert got.stats.count[i] == expected["count"]
        assert bool(got.stats.suppressed[i]) == expected["suppressed"]
        if not expected["suppressed"]:
            assert _close(got.stats.median[i], expected["median"])
        if expected["group_median"] is None:
            assert np.isnan(got.group_median[i])
        else:
            assert _close(got.group_median[i], expected["group_median"])
            if not expected["suppressed"]:
                assert _close(got.difference[i], expected["median"] - expected["group_median"])


@pytest.mark.parametrize("seed", range(30))
def test_flags_match_the_reference(seed: int) -> None:
    rng = random.Random(2000 + seed)
    rows = _random_rows(rng, rng.randint(0, 150))
    threshold = rng.choice([1, 5])
    data = _data(rows)
    got = rates.flags(data, rates.benchmarks(data, threshold=threshold))
    assert got.tolist() == rates.reference_flags(rows, threshold=threshold)
    counts = rates.flag_counts(data.organisation, got)
    for code, rated, above in zip(counts.code, counts.rated, counts.above, strict=True):
        mine = [flag for row, flag in zip(rows, got, strict=True) if row[3] == code]
        assert rated == len(mine) and above == sum(mine)


@pytest.mark.parametrize("seed", range(30))
def test_costs_match_the_reference(seed: int) -> None:
    rng = random.Random(3000 + seed)
    rows = _random_rows(rng, rng.randint(0, 150))
    threshold = rng.choice([1, 5])
    per_head = {level: rng.uniform(30_000, 90_000) for level in range(10, 34)
                if rng.random() < 0.7}
    got = rates.costs(_data(rows), per_head, threshold=threshold)
    want = rates.reference_costs(rows, per_head, threshold=threshold)
    assert len(got.count) == len(want)
    for i, key in enumerate(got.keys.tolist()):
        expected = want[tuple(key)]
        assert got.count[i] == expected["count"]
        assert bool(got.suppressed[i]) == expected["suppressed"]
        if expected["suppressed"]:
            assert np.isnan(got.contingent[i]) and np.isnan(got.employed[i])
            continue
        assert _close(got.contingent[i], expected["contingent"])
        if expected["employed"] is None:
            assert np.isnan(got.employed[i])
        else:
            assert _close(got.employed[i], expected["employed"])


def test_hand_worked_quartiles() -> None:
    # Five rates 400, 500, 600, 700, 1000: positions 1, 2, 3 of 0..4.
    data = rates.RateData.from_columns([700, 400, 1000, 500, 600], [1] * 5, [7] * 5,
                                       [1] * 5, [1] * 5)
    stats = rates.benchmarks(data)
    level = stats.keys.tolist().index([1, 7])
    assert (stats.lower_quartile[level], stats.median[level],
            stats.upper_quartile[level]) == (500, 600, 700)
    assert rates.flags(data, stats).tolist() == [False, False, True, False, False]


def test_employed_cost_is_midpoint_with_on_costs() -> None:
    assert rates.employed_cost(minimum=40_000, maximum=50_000, on_cost_percent=30) == 58_500
    assert rates.WORKING_DAYS_PER_YEAR == 220


def test_bad_columns_refused() -> None:
    with pytest.raises(ValueError):
        rates.RateData.from_columns([1.0, 2.0], [1], [1], [1], [1])
    with pytest.raises(ValueError):
        rates.RateData.from_columns([float("nan")], [1], [1], [1], [1])


@pytest.mark.parametrize("seed", range(10))
def test_far_apart_ids_are_coded_by_their_distinct_values(seed: int) -> None:
    rng = random.Random(4000 + seed)
    rows = [(r, f * 10**11, lv * 10**10 + f, o * 10**9, s)
            for r, f, lv, o, s in _random_rows(rng, rng.randint(20, 120))]
    data = _data(rows)
    got = rates.variance(data, data.organisation, threshold=2)
    want = rates.reference_variance(rows, 3, threshold=2)
    assert {tuple(k) for k in got.stats.keys.tolist()} == set(want)
    for i, key in enumerate(got.stats.keys.tolist()):
        if not want[tuple(key)]["suppressed"]:
            assert _close(got.stats.median[i], want[tuple(key)]["median"])
    assert rates.flags(data, rates.benchmarks(data, threshold=2)).tolist() == \
        rates.reference_flags(rows, threshold=2)


def test_rates_are_ordered_to_the_penny() -> None:
    data = rates.RateData.from_columns([650.01, 650.0, 650.02, 649.99, 650.03], [1] * 5,
                                       [2] * 5, [3] * 5, [4] * 5)
    stats = rates.benchmarks(data)
    assert stats.median[0] == 650.01
    with pytest.raises(ValueError):
        rates.RateData.from_columns([rates.MAX_RATE + 1], [1], [1], [1], [1])
