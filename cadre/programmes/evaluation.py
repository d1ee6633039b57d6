"""Evaluation of an academy (plain; no Django): members' outcomes against a comparison
group of similar non-members.

Method (exact matching on strata). Every member and every possible comparison person has
a stratum, given by the caller (``programmes.selectors.academies.evaluation``: grade and
starting capability band when the cadre started, and role family as it is today). A
member is compared only with non-members of the same stratum. For each stratum holding
both, we take the mean outcome of the members and of the comparison group; the overall
difference is the members' mean minus the comparison mean, with each stratum weighted by
its number of members (the effect on those who took part). Members in a stratum without
comparison people are counted as unmatched and left out. The means and difference are
not shown (``suppressed``) unless at least ``min_cell`` members and ``min_cell``
comparison subjects are matched (small-cell suppression); the counts are returned for the
caller to show or hide. This is an observational comparison: it does not control for why
people were nominated.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Subject:
    stratum: Hashable
    outcome: float


@dataclass(frozen=True)
class Comparison:
    members: int            # members matched to a comparison group
    comparison: int         # comparison people in the matched strata
    unmatched: int          # members with no one comparable
    member_mean: float | None
    comparison_mean: float | None
    difference: float | None
    suppressed: bool


def compare(members: Iterable[Subject], others: Iterable[Subject], *,
            min_cell: int = 5) -> Comparison:
    by_stratum: dict[Hashable, tuple[list[float], list[float]]] = {}
    for s in members:
        by_stratum.setdefault(s.stratum, ([], []))[0].append(float(s.outcome))
    for s in others:
        if s.stratum in by_stratum:
            by_stratum[s.stratum][1].append(float(s.outcome))
    matched = [(np.mean(m), np.mean(c), len(m), len(c))
               for m, c in by_stratum.values() if m and c]
    unmatched = sum(len(m) for m, c in by_stratum.values() if not c)
    n_members = sum(r[2] for r in matched)
    n_comparison = sum(r[3] for r in matched)
    if not matched:
        return Comparison(0, 0, unmatched, None, None, None, False)
    weights = np.array([r[2] for r in matched], dtype=float)
    member_mean = float(np.average([r[0] for r in matched], weights=weights))
    comparison_mean = float(np.average([r[1] for r in matched], weights=weights))
    suppressed = n_members < min_cell or n_comparison < min_cell
    if suppressed:
        return Comparison(n_members, n_comparison, unmatched, None, None, None, True)
    return Comparison(n_members, n_comparison, unmatched, member_mean, comparison_mean,
                      member_mean - comparison_mean, False)
