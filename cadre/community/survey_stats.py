"""Perception survey statistics (issue 18 point 5): plain NumPy and SciPy, no Django.

Scores are Likert answers from 1 (strongly disagree) to 5 (strongly agree); a respondent
**agrees** when they answer 4 or 5.

- ``summarise``: the number of answers, the mean and the share agreeing.
- ``welch_difference``: the difference of two means (repeat minus baseline) with a Welch
  confidence interval (unequal variances, Welch-Satterthwaite degrees of freedom).
- ``newcombe_difference``: the difference of two proportions (repeat minus baseline) with
  Newcombe's hybrid score interval (his method 10), built from the two Wilson intervals.
- ``suppress``: which groups of a breakdown are hidden. A group with fewer than
  ``THRESHOLD`` responses is hidden (primary suppression). If the hidden groups together
  hold at least one and fewer than ``THRESHOLD`` responses, the total minus the shown
  groups would give their figures (the count, and the sum of scores, so the mean), so the
  smallest shown groups are hidden as well until the hidden groups together hold at least
  ``THRESHOLD`` responses, or every group is hidden (secondary suppression). A single
  hidden group therefore always has a shown neighbour hidden with it. What can still be
  worked out is the pooled figure of all the hidden groups, from at least ``THRESHOLD``
  responses: no more than a shown group tells. When the total itself is under
  ``THRESHOLD`` every group is hidden and so is the total.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

#: Fewer responses than this and a figure is not shown (issue 18: 10 for surveys).
THRESHOLD = 10
#: The scores counted as agreeing.
AGREE_FROM = 4
LOWEST, HIGHEST = 1, 5
CONFIDENCE = 0.95

#: Why a group is hidden.
FEWER = "fewer"          # fewer than THRESHOLD responses
SECONDARY = "secondary"  # hidden so that a small group cannot be worked out


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float | None
    agree: int
    share_agreeing: float | None


@dataclass(frozen=True)
class Difference:
    """Repeat minus baseline with its confidence interval (None when not computable)."""

    estimate: float
    low: float | None
    high: float | None


def _scores(scores: Sequence[int] | np.ndarray) -> np.ndarray:
    array = np.asarray(scores, dtype=float)
    if array.size and (np.any(array < LOWEST) or np.any(array > HIGHEST)
                       or np.any(array != np.round(array))):
        raise ValueError("Scores are whole numbers from 1 to 5.")
    return array


def summarise(scores: Sequence[int] | np.ndarray) -> Summary:
    """The count, mean and share agreeing (4 or 5) of some scores."""
    array = _scores(scores)
    n = int(array.size)
    if n == 0:
        return Summary(0, None, 0, None)
    agree = int(np.count_nonzero(array >= AGREE_FROM))
    return Summary(n, float(array.mean()), agree, agree / n)


def welch_difference(repeat: Sequence[int] | np.ndarray, baseline: Sequence[int] | np.ndarray,
                     confidence: float = CONFIDENCE) -> Difference:
    """mean(repeat) - mean(baseline) with Welch's interval. Each side needs two scores;
    when both sides have no spread the interval is the point itself."""
    a, b = _scores(repeat), _scores(baseline)
    if a.size < 2 or b.size < 2:
        raise ValueError("Each side needs at least two scores.")
    estimate = float(a.mean() - b.mean())
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se2 = va + vb
    if se2 == 0:
        return Difference(estimate, estimate, estimate)
    df = se2 ** 2 / (va ** 2 / (a.size - 1) + vb ** 2 / (b.size - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2, df) * math.sqrt(se2))
    return Difference(estimate, estimate - half, estimate + half)


def wilson_interval(successes: int, n: int, confidence: float = CONFIDENCE
                    ) -> tuple[float, float]:
    """Wilson's score interval for a proportion."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError("Need 0 <= successes <= n and n > 0.")
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_difference(repeat_agree: int, repeat_n: int, baseline_agree: int, baseline_n: int,
                        confidence: float = CONFIDENCE) -> Difference:
    """p(repeat) - p(baseline) with Newcombe's hybrid score interval (method 10)."""
    l1, u1 = wilson_interval(repeat_agree, repeat_n, confidence)
    l2, u2 = wilson_interval(baseline_agree, baseline_n, confidence)
    p1, p2 = repeat_agree / repeat_n, baseline_agree / baseline_n
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Difference(d, max(-1.0, low), min(1.0, high))


def suppress(counts: Mapping[object, int], threshold: int = THRESHOLD) -> dict[object, str]:
    """The hidden groups of one breakdown and why (``FEWER`` or ``SECONDARY``); see the
    module docstring. ``counts`` are the groups' responses; together they make the total."""
    total = sum(counts.values())
    if total < threshold:
        return {key: FEWER if n < threshold else SECONDARY for key, n in counts.items()}
    hidden = {key: FEWER for key, n in counts.items() if n < threshold}
    pooled = sum(counts[key] for key in hidden)
    # Smallest first; ties by the order given (deterministic).
    shown = sorted((key for key in counts if key not in hidden), key=lambda k: counts[k])
    while 0 < pooled < threshold and shown:
        key = shown.pop(0)
        hidden[key] = SECONDARY
        pooled += counts[key]
    return hidden


__all__ = ["AGREE_FROM", "CONFIDENCE", "FEWER", "SECONDARY", "THRESHOLD", "Difference",
           "Summary", "newcombe_difference", "suppress", "summarise", "welch_difference",
           "wilson_interval"]
