"""The comparison behind the impact of taking part (issue 18 point 6): plain NumPy/SciPy,
no Django. The selectors (``cadre.community.selectors.impact``) count people in SQL,
grouped by stratum and outcome, and hand the grouped arrays here.

Method (the page says the same in words)
----------------------------------------
Two groups: the *participants* (people who started taking part in the chosen year) and
the *comparison group* (people who did not take part at all in that year). People are
put in *strata*: an exact match on role family, grade and organisation type. A stratum
with participants but no comparison people is dropped, and its strata and people are
counted (``strata_dropped``, ``participants_dropped``); comparison people in strata
with no participants are not used.

The participants' figure is their plain mean (for a yes/no outcome, their rate) over
the strata kept. The comparison group's figure is *weighted to the participants' strata
mix*: the mean of each stratum's comparison people, weighted by the share of the kept
participants in that stratum (``w_s = n_participants_s / n_participants``), so each
stratum counts as much as it does among the participants. The difference is
participants minus comparison.

The 95% confidence interval is analytic (normal approximation)::

    var = s²_participants / n_participants + Σ_s w_s² · s²_comparison,s / n_comparison,s

with sample variances (``ddof=1``). A stratum with a single comparison person has no
variance of its own; the pooled sample variance of all the comparison people kept is
used for it instead. A group of one person contributes no variance.

A comparison with fewer than ``SUPPRESS_BELOW`` (5) people in either group is
*suppressed*: its sizes read "fewer than 5" and no figure is given.

This is an association, not a cause: people who choose to take part differ from those
who do not in ways the data does not show, and matching on three strata cannot remove
that.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

__all__ = [
    "SUPPRESS_BELOW",
    "Comparison",
    "compare",
    "compare_reference",
    "size_label",
]

#: Groups smaller than this are not shown (issue 18: "groups below 5").
SUPPRESS_BELOW = 5
#: The confidence level of the interval.
CONFIDENCE = 0.95
_Z = float(norm.ppf(0.5 + CONFIDENCE / 2))


def size_label(n: int, *, threshold: int = SUPPRESS_BELOW) -> str:
    """A group size as shown: the number, or "fewer than 5" for 1 to 4 people (0 is 0)."""
    if 0 < n < threshold:
        return f"fewer than {threshold}"
    return str(n)


@dataclass(frozen=True)
class Comparison:
    """The comparison of one outcome: sizes always, figures only when not suppressed."""

    participants: int
    comparison: int
    strata_used: int
    strata_dropped: int
    participants_dropped: int
    suppressed: bool
    participant_value: float | None = None
    comparison_value: float | None = None
    difference: float | None = None
    low: float | None = None
    high: float | None = None

    def as_dict(self, *, threshold: int = SUPPRESS_BELOW) -> dict[str, object]:
        """Sizes as labels (1 to 4 reads "fewer than 5"), figures rounded to 3 places."""

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "participants": size_label(self.participants, threshold=threshold),
            "comparison": size_label(self.comparison, threshold=threshold),
            "strata_used": self.strata_used,
            "strata_dropped": self.strata_dropped,
            "participants_dropped": size_label(self.participants_dropped,
                                               threshold=threshold),
            "suppressed": self.suppressed,
            "participant_value": r(self.participant_value),
            "comparison_value": r(self.comparison_value),
            "difference": r(self.difference),
            "low": r(self.low),
            "high": r(self.high),
        }


def _weighted_moments(values: np.ndarray, counts: np.ndarray) -> tuple[float, float]:
    """Mean and sample variance (ddof=1) of values repeated ``counts`` times."""
    n = counts.sum()
    mean = float((values * counts).sum() / n)
    if n < 2:
        return mean, 0.0
    return mean, float((counts * (values - mean) ** 2).sum() / (n - 1))


def compare(p_strata: Sequence[Hashable], p_values: Sequence[float], p_counts: Sequence[int],
            c_strata: Sequence[Hashable], c_values: Sequence[float], c_counts: Sequence[int],
            *, threshold: int = SUPPRESS_BELOW) -> Comparison:
    """Compare participants with the comparison group, given grouped rows.

    Each group is three parallel sequences: the row's stratum (any hashable key), the
    outcome value (0/1 for a rate) and how many people have that stratum and value.
    """
    pv = np.asarray(p_values, dtype=float)
    pn = np.asarray(p_counts, dtype=np.int64)
    cv = np.asarray(c_values, dtype=float)
    cn = np.asarray(c_counts, dtype=np.int64)
    # Codes for the strata of both groups together (a stratum may be a tuple).
    keys = {k: i for i, k in enumerate(dict.fromkeys([*p_strata, *c_strata]))}
    pcode = np.fromiter((keys[k] for k in p_strata), dtype=np.int64, count=len(p_strata))
    ccode = np.fromiter((keys[k] for k in c_strata), dtype=np.int64, count=len(c_strata))
    p_per = np.bincount(pcode, weights=pn, minlength=len(keys))
    c_per = np.bincount(ccode, weights=cn, minlength=len(keys))
    kept = (p_per > 0) & (c_per > 0)
    dropped = (p_per > 0) & (c_per == 0)
    p_keep = kept[pcode] if len(pcode) else np.zeros(0, dtype=bool)
    c_keep = kept[ccode] if len(ccode) else np.zeros(0, dtype=bool)
    n_p = int(pn[p_keep].sum())
    n_c = int(cn[c_keep].sum())
    base = {
        "participants": n_p, "comparison": n_c, "strata_used": int(kept.sum()),
        "strata_dropped": int(dropped.sum()), "participants_dropped": int(p_per[dropped].sum()),
    }
    if n_p < threshold or n_c < threshold:
        return Comparison(**base, suppressed=True)
    p_mean, p_var = _weighted_moments(pv[p_keep], pn[p_keep])
    # Comparison: per-stratum sums over the kept rows.
    kc, kv, kn = ccode[c_keep], cv[c_keep], cn[c_keep]
    s_n = np.bincount(kc, weights=kn, minlength=len(keys))
    s_sum = np.bincount(kc, weights=kn * kv, minlength=len(keys))
    idx = np.flatnonzero(kept)
    s_mean = s_sum[idx] / s_n[idx]
    dev = kn * (kv - (s_sum / np.where(s_n > 0, s_n, 1))[kc]) ** 2
    s_ss = np.bincount(kc, weights=dev, minlength=len(keys))[idx]
    _, pooled = _weighted_moments(kv, kn)
    s_var = np.where(s_n[idx] >= 2, s_ss / np.maximum(s_n[idx] - 1, 1), pooled)
    w = p_per[idx] / n_p
    c_mean = float((w * s_mean).sum())
    var = p_var / n_p + float((w ** 2 * s_var / s_n[idx]).sum())
    half = _Z * math.sqrt(var)
    diff = p_mean - c_mean
    return Comparison(**base, suppressed=False, participant_value=p_mean,
                      comparison_value=c_mean, difference=diff, low=diff - half,
                      high=diff + half)


def compare_reference(participants: Sequence[tuple[Hashable, float]],
                      comparison: Sequence[tuple[Hashable, float]], *,
                      threshold: int = SUPPRESS_BELOW) -> Comparison:
    """The same comparison written plainly, one person per (stratum, value) pair: the
    check for :func:`compare` (tests run both on random cases)."""

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs)

    def svar(xs: list[float]) -> float:
        if len(xs) < 2:
            return 0.0
        m = mean(xs)
        return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)

    by_p: dict[Hashable, list[float]] = {}
    for s, v in participants:
        by_p.setdefault(s, []).append(v)
    by_c: dict[Hashable, list[float]] = {}
    for s, v in comparison:
        by_c.setdefault(s, []).append(v)
    kept = [s for s in by_p if s in by_c]
    dropped = [s for s in by_p if s not in by_c]
    p_vals = [v for s in kept for v in by_p[s]]
    c_vals = [v for s in kept for v in by_c[s]]
    base = {
        "participants": len(p_vals), "comparison": len(c_vals), "strata_used": len(kept),
        "strata_dropped": len(dropped),
        "participants_dropped": sum(len(by_p[s]) for s in dropped),
    }
    if len(p_vals) < threshold or len(c_vals) < threshold:
        return Comparison(**base, suppressed=True)
    p_mean = mean(p_vals)
    c_mean = 0.0
    var = svar(p_vals) / len(p_vals)
    pooled = svar(c_vals)
    for s in kept:
        w = len(by_p[s]) / len(p_vals)
        c_mean += w * mean(by_c[s])
        v = svar(by_c[s]) if len(by_c[s]) >= 2 else pooled
        var += w * w * v / len(by_c[s])
    half = 1.959963984540054 * math.sqrt(var)
    diff = p_mean - c_mean
    return Comparison(**base, suppressed=False, participant_value=p_mean,
                      comparison_value=c_mean, difference=diff, low=diff - half,
                      high=diff + half)
