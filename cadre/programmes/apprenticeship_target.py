"""The public-sector apprenticeship target, as plain arithmetic (no Django).

The target applies to public bodies with at least 250 employees: each should start new
apprentices equal to at least 2.3% of its headcount at the start of the reporting year.
``target_figures`` takes the headcounts and the starts as arrays and returns whether each
organisation is in scope, its share and whether the target is met; the comparison is
made in whole numbers (starts x 1000 >= 23 x headcount) so a share exactly on 2.3% meets
it whatever the floating-point rounding.

- no headcount (no workforce data at the start of the year, given as -1): not known
  whether it is in scope; no share and no verdict;
- fewer than 250 employees (0 included): not in scope, so no verdict (neither met nor
  not met); the share is still worked out when there is a headcount to divide by;
- 250 or more: in scope, with a share and a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The target as a fraction, and the same as a ratio of whole numbers.
TARGET = 0.023
TARGET_PER_THOUSAND = 23
#: The target applies to bodies with at least this many employees.
IN_SCOPE_HEADCOUNT = 250


@dataclass(frozen=True)
class TargetFigures:
    share: np.ndarray  # float, NaN where there is no headcount (unknown or 0)
    met: np.ndarray  # bool: in scope and at least 2.3%
    known: np.ndarray  # bool: there is a headcount (so whether it is in scope is known)
    in_scope: np.ndarray  # bool: a headcount of 250 or more


def target_figures(headcounts: np.ndarray | list[int], starts: np.ndarray | list[int]
                   ) -> TargetFigures:
    """In scope or not, share of headcount started as apprentices, and whether 2.3% was
    reached (only for organisations in scope).

    ``headcounts`` holds -1 where no headcount is known."""
    heads = np.asarray(headcounts, dtype=np.int64)
    begun = np.asarray(starts, dtype=np.int64)
    if heads.shape != begun.shape:
        raise ValueError("headcounts and starts must have the same length")
    if (begun < 0).any():
        raise ValueError("starts cannot be negative")
    if (heads < -1).any():
        raise ValueError("headcounts are -1 (not known) or at least 0")
    known = heads >= 0
    in_scope = heads >= IN_SCOPE_HEADCOUNT
    share = np.full(heads.shape, np.nan)
    np.divide(begun, heads, out=share, where=heads > 0)
    met = in_scope & (begun * 1000 >= TARGET_PER_THOUSAND * heads)
    return TargetFigures(share=share, met=met, known=known, in_scope=in_scope)
