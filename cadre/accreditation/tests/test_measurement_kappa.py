"""The weighted kappa against a plain reference written from its definition."""

from __future__ import annotations

import random

import pytest

from cadre.accreditation.measurement import duration_summary, weighted_kappa


def _reference(first: list[int], second: list[int], low: int, high: int) -> float | None:
    """Quadratic-weighted kappa by loops: 1 - sum(w*O) / sum(w*E)."""
    k = high - low + 1
    n = len(first)
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(first, second, strict=True):
        observed[x - low][y - low] += 1 / n
    rows = [sum(observed[i][j] for j in range(k)) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * rows[i] * cols[j]
    return None if den == 0 else 1 - num / den


def test_matches_the_reference_on_random_cases() -> None:
    rng = random.Random(16)
    for _ in range(300):
        low, high = 0, rng.choice([3, 4, 7])
        n = rng.randint(1, 40)
        first = [rng.randint(low, high) for _ in range(n)]
        # Second rater near the first, sometimes far, so every kind of agreement occurs.
        second = [min(high, max(low, x + rng.choice([-2, -1, 0, 0, 0, 1, 2]))) for x in first]
        got = weighted_kappa(first, second, low=low, high=high)
        want = _reference(first, second, low, high)
        if want is None:
            assert got is None
        else:
            assert got == pytest.approx(want, abs=1e-12)


def test_known_values() -> None:
    assert weighted_kappa([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert weighted_kappa([2, 2, 2], [2, 2, 2]) is None  # chance agreement is total
    assert weighted_kappa([], []) is None
    # Perfectly reversed on a two-point scale: as far from agreement as it gets.
    assert weighted_kappa([0, 1], [1, 0], low=0, high=1) == pytest.approx(-1.0)


def test_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="same items"):
        weighted_kappa([1, 2], [1])
    with pytest.raises(ValueError, match="between 0 and 7"):
        weighted_kappa([8], [1])


def test_duration_summary() -> None:
    assert duration_summary([]).median_days is None
    summary = duration_summary([1, 2, 3, 4, 10])
    assert summary.count == 5
    assert summary.median_days == 3
    assert summary.p90_days == pytest.approx(7.6)
