"""Measures of the accreditation process (plain; no Django), issue 16 point 7.

- ``weighted_kappa``: Cohen's kappa with quadratic weights between two raters' ordinal
  scores. Quadratic weights treat a two-level disagreement as four times as serious as a
  one-level one, which suits scores on the framework's level scale; it is also the
  statistic most used for calibrating assessors on ordinal scales. It is 1 for perfect
  agreement, 0 for agreement no better than chance, negative for worse; it is undefined
  (None) when both raters gave one and the same score throughout, since chance agreement
  is then total.
- ``duration_summary``: the median and 90th percentile of durations in days (linear
  interpolation between ranks, NumPy's default), with the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def weighted_kappa(first: Sequence[int], second: Sequence[int], *, low: int = 0,
                   high: int = 7) -> float | None:
    """Quadratic-weighted kappa of paired scores in ``low..high``; None when undefined."""
    if len(first) != len(second):
        raise ValueError("The two raters must score the same items.")
    if not first:
        return None
    a = np.asarray(first, dtype=np.int64) - low
    b = np.asarray(second, dtype=np.int64) - low
    size = high - low + 1
    if a.min() < 0 or b.min() < 0 or a.max() >= size or b.max() >= size:
        raise ValueError(f"Scores must lie between {low} and {high}.")
    observed = np.zeros((size, size))
    np.add.at(observed, (a, b), 1.0)
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    idx = np.arange(size)
    weights = (idx[:, None] - idx[None, :]) ** 2 / (size - 1) ** 2
    chance = float((weights * expected).sum())
    if chance == 0.0:
        return None
    return 1.0 - float((weights * observed).sum()) / chance


@dataclass(frozen=True)
class Durations:
    count: int
    median_days: float | None
    p90_days: float | None


def duration_summary(days: Sequence[float]) -> Durations:
    """Median and 90th percentile of durations (days); None for both when there are none."""
    if not days:
        return Durations(0, None, None)
    values = np.asarray(days, dtype=np.float64)
    return Durations(len(values), float(np.median(values)), float(np.percentile(values, 90)))
