"""The impact comparison (``cadre.community.impact``) against its plain reference on random
cases, and on an example worked by hand."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from cadre.community.impact import SUPPRESS_BELOW, compare, compare_reference, size_label


def _grouped(people: list[tuple[str, float]]) -> tuple[list, list, list]:
    counts = Counter(people)
    keys = list(counts)
    return [k[0] for k in keys], [k[1] for k in keys], [counts[k] for k in keys]


def _run(p: list[tuple[str, float]], c: list[tuple[str, float]]):
    return compare(*_grouped(p), *_grouped(c)), compare_reference(p, c)


@pytest.mark.parametrize("seed", range(60))
def test_matches_reference_on_random_cases(seed: int) -> None:
    rng = random.Random(seed)
    strata = [f"s{i}" for i in range(rng.randint(1, 6))]
    rate = rng.random() < 0.5

    def value() -> float:
        return float(rng.random() < 0.4) if rate else float(rng.choice([-1, -0.5, 0, 0.5, 1, 2]))

    p = [(rng.choice(strata), value()) for _ in range(rng.randint(0, 40))]
    c = [(rng.choice(strata + ["only-comparison"]), value())
         for _ in range(rng.randint(0, 80))]
    fast, ref = _run(p, c)
    assert (fast.participants, fast.comparison, fast.strata_used, fast.strata_dropped,
            fast.participants_dropped, fast.suppressed) == (
        ref.participants, ref.comparison, ref.strata_used, ref.strata_dropped,
        ref.participants_dropped, ref.suppressed)
    if not ref.suppressed:
        for name in ("participant_value", "comparison_value", "difference", "low", "high"):
            assert getattr(fast, name) == pytest.approx(getattr(ref, name), abs=1e-9), name


def test_hand_worked_example() -> None:
    # Stratum A: participants 1,0,1,1; comparison 0,0,1,1.
    # Stratum B: participants 0,1;      comparison 1,1,1.
    # Stratum D: participant 1;         no comparison -> dropped (1 stratum, 1 person).
    p = [("A", 1), ("A", 0), ("A", 1), ("A", 1), ("B", 0), ("B", 1), ("D", 1)]
    c = [("A", 0), ("A", 0), ("A", 1), ("A", 1), ("B", 1), ("B", 1), ("B", 1), ("E", 0)]
    fast, ref = _run(p, c)
    for r in (fast, ref):
        assert (r.participants, r.comparison) == (6, 7)
        assert (r.strata_used, r.strata_dropped, r.participants_dropped) == (2, 1, 1)
        # Participants 4/6; comparison weighted 4/6 * 1/2 + 2/6 * 1 = 4/6; difference 0.
        assert r.participant_value == pytest.approx(4 / 6)
        assert r.comparison_value == pytest.approx(4 / 6)
        assert r.difference == pytest.approx(0)
        # var = s2_p/6 + (4/6)^2 * s2_A/4 + (2/6)^2 * s2_B/3
        #     = (4/15)/6 + (4/9)(1/3)/4 + (1/9)*0/3 = 2/45 + 1/27
        half = 1.959963984540054 * math.sqrt(2 / 45 + 1 / 27)
        assert r.low == pytest.approx(-half)
        assert r.high == pytest.approx(half)


def test_single_comparison_person_uses_pooled_variance() -> None:
    p = [("A", 1.0)] * 3 + [("A", 0.0)] * 2 + [("B", 1.0)] * 2
    c = [("A", 0.0), ("A", 1.0), ("A", 1.0), ("A", 0.0), ("B", 1.0)]
    fast, ref = _run(p, c)
    assert fast.high == pytest.approx(ref.high)
    pooled = 0.3  # sample variance of 0,1,1,0,1
    w_a, w_b = 5 / 7, 2 / 7
    var = (5 - 7 * (5 / 7) ** 2) / 6 / 7 + w_a ** 2 * (1 / 3) / 4 + w_b ** 2 * pooled / 1
    assert fast.high - fast.difference == pytest.approx(1.959963984540054 * math.sqrt(var))


def test_small_groups_are_suppressed() -> None:
    p = [("A", 1.0)] * (SUPPRESS_BELOW - 1)
    c = [("A", 0.0)] * 20
    fast, ref = _run(p, c)
    assert fast.suppressed and ref.suppressed
    assert fast.difference is None and fast.participant_value is None
    shown = fast.as_dict()
    assert shown["participants"] == "fewer than 5"
    assert shown["difference"] is None
    fast, _ = _run([("A", 1.0)] * 10, [("A", 0.0)] * 4)
    assert fast.suppressed and fast.as_dict()["comparison"] == "fewer than 5"
    fast, _ = _run([("A", 1.0)] * 5, [("A", 0.0)] * 5)
    assert not fast.suppressed


def test_empty_groups() -> None:
    r = compare([], [], [], [], [], [])
    assert r.suppressed and r.participants == 0 and r.as_dict()["participants"] == "0"


def test_size_label() -> None:
    assert [size_label(n) for n in (0, 1, 4, 5, 12)] == [
        "0", "fewer than 5", "fewer than 5", "5", "12"]
