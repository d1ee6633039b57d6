"""The public-sector apprenticeship target, as plain arithmetic (no Django).

Each organisation should start new apprentices equal to at least 2.3% of its headcount
at the start of the reporting year. ``target_figures`` takes the headcounts and the
starts as arrays and returns the share and whether the target is met; the comparison is
made in whole numbers (starts x 1000 >= 23 x headcount) so a share exactly on 2.3% meets
it whatever the floating-point rounding. An organisation with no headcount (no workforce
data at the start of the year, or none employed) has no share and no verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The target as a fraction, and the same as a ratio of whole numbers.
TARGET = 0.023
TARGET_PER_THOUSAND = 23


@dataclass(frozen=True)
class TargetFigures:
    share: np.ndarray  # float, NaN where there is no headcount
    met: np.ndarray  # bool
    known: np.ndarray  # bool: there is a headcount to compare with


def target_figures(headcounts: np.ndarray | list[int], starts: np.ndarray | list[int]
                   ) -> TargetFigures:
    """Share of headcount started as apprentices, and whether 2.3% was reached.

    ``headcounts`` holds -1 where no headcount is known."""
    heads = np.asarray(headcounts, dtype=np.int64)
    begun = np.asarray(starts, dtype=np.int64)
    if heads.shape != begun.shape:
        raise ValueError("headcounts and starts must have the same length")
    if (begun < 0).any():
        raise ValueError("starts cannot be negative")
    known = heads > 0
    share = np.full(heads.shape, np.nan)
    np.divide(begun, heads, out=share, where=known)
    met = known & (begun * 1000 >= TARGET_PER_THOUSAND * heads)
    return TargetFigures(share=share, met=met, known=known)
