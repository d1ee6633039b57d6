"""The plain pay figures (``recruitment.pay_figures``): quartiles against a plain-Python
reference on random groups, suppression with true labels, yearly costs, the benchmark's
basis and the flags' words. No database."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cadre.recruitment import pay_figures as pf


@pytest.mark.parametrize("seed", range(40))
def test_spread_matches_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.choice([0, 1, 2, 4, 5, 6, 7, 10, 31, 200])
    values = [float(rng.randint(0, 200) * 500) for _ in range(n)]
    threshold = rng.choice([1, 2, 5, 10])
    got = pf.spread(values, threshold=threshold)
    want = pf.reference_spread(values, threshold=threshold)
    assert got.count == want["count"] == n
    assert got.suppressed is want["suppressed"]
    if want["suppressed"]:
        assert (got.lower_quartile, got.median, got.upper_quartile) == (None, None, None)
    else:
        for key in ("lower_quartile", "median", "upper_quartile"):
            assert getattr(got, key) == pytest.approx(want[key], abs=1e-6)


@pytest.mark.parametrize("n, label, suppressed", [
    (0, "no people", True), (1, "fewer than 5 people", True),
    (4, "fewer than 5 people", True), (5, "5 people", False),
    (1234, "1,234 people", False)])
def test_labels_are_true(n: int, label: str, suppressed: bool) -> None:
    found = pf.spread([40_000.0] * n)
    assert found.label == label and found.suppressed is suppressed
    assert pf.count_label(n) == label


def test_yearly_cost_is_the_day_rate_times_220_days() -> None:
    assert pf.WORKING_DAYS_PER_YEAR == 220
    assert pf.yearly_costs([500, 612.5]).tolist() == [110_000.0, 134_750.0]


def _benchmark(employed: list[float], market: tuple[pf.MarketLine, ...] = ()) -> pf.Benchmark:
    return pf.Benchmark(employed=pf.spread(employed), contingent=pf.spread([]), market=market)


def _line(pk: int, median: int, day: dt.date, *, for_grade: bool = False) -> pf.MarketLine:
    return pf.MarketLine(id=pk, low=median - 5000, median=median, high=median + 5000,
                         source=f"Survey {pk}", source_date=day, for_grade=for_grade)


def test_the_benchmark_is_employed_pay_when_shown() -> None:
    found = _benchmark([50_000, 52_000, 54_000, 56_000, 58_000, 60_000],
                       (_line(1, 70_000, dt.date(2026, 1, 1)),))
    assert found.basis == "employed"
    assert (found.low, found.median, found.high) == (52_500, 55_000, 57_500)
    assert [r.key for r in found.sources] == ["employed", "contingent", "market-1"]
    assert found.sources[1].people == "no people" and found.sources[1].suppressed


def test_the_newest_market_figure_otherwise_for_the_grade_first() -> None:
    old, new = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
    found = _benchmark([50_000] * 3, (_line(1, 60_000, new), _line(2, 65_000, old,
                                                                   for_grade=True)))
    assert found.basis == "market"
    assert (found.low, found.median, found.high) == (60_000, 65_000, 70_000)
    assert "Fewer than 5 employed people" in found.basis_label
    assert found.sources[0].low is None and found.sources[0].people == "fewer than 5 people"
    nothing = _benchmark([])
    assert nothing.basis is None and nothing.flags(1, 2) == []
    assert nothing.low is None


def test_flags_in_words() -> None:
    found = _benchmark([50_000, 52_000, 54_000, 56_000, 58_000, 60_000])
    assert found.flags(40_000, 50_000) == [
        "The top of the range, £50,000, is below the lower quartile of employed pay, "
        "£52,500."]
    assert found.flags(45_000, 54_000) == [
        "The top of the range, £54,000, is below the median of employed pay, £55,000."]
    assert found.flags(60_000, 70_000) == [
        "The bottom of the range, £60,000, is above the upper quartile of employed pay, "
        "£57,500."]
    assert found.flags(56_000, 70_000) == [
        "The bottom of the range, £56,000, is above the median of employed pay, £55,000."]
    assert found.flags(50_000, 60_000) == []
    assert found.flags(None, None) == []
    market = _benchmark([], (_line(1, 60_000, dt.date(2026, 1, 1)),))
    assert market.flags(30_000, 40_000) == [
        "The top of the range, £40,000, is below the low market figure, £55,000."]


@pytest.mark.parametrize("seed", range(30))
def test_flags_agree_with_plain_comparisons(seed: int) -> None:
    rng = random.Random(1000 + seed)
    values = [float(rng.randint(20, 120) * 1000) for _ in range(rng.randint(5, 40))]
    found = _benchmark(values)
    low, median, high = found.low, found.median, found.high
    pay_min = rng.randint(10, 130) * 1000
    pay_max = pay_min + rng.randint(0, 40) * 1000
    flags = found.flags(pay_min, pay_max)
    assert any("top of the range" in f for f in flags) is (pay_max < median)
    assert any("below the lower quartile" in f for f in flags) is (pay_max < low)
    assert any("bottom of the range" in f for f in flags) is (pay_min > median)
    assert any("above the upper quartile" in f for f in flags) is (pay_min > high)
