"""Quality assurance of academy interventions and providers (plain; no Django).

Each participant's feedback is a score from 1 (poor) to 5 (excellent). For every group
(an intervention, or a provider over all its interventions) we take the mean of the
scores given and flag the group when that mean is below the threshold. A group with
fewer than ``min_responses`` scores is reported but not flagged: too few to judge.
The threshold is the setting ``CADRE_ACADEMY_FEEDBACK_THRESHOLD`` (default 3.5,
docs/limits.md); the minimum is ``CADRE_ACADEMY_FEEDBACK_MIN_RESPONSES`` (default 3).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

DEFAULT_THRESHOLD = 3.5
DEFAULT_MIN_RESPONSES = 3


@dataclass(frozen=True)
class Quality:
    key: Hashable
    responses: int
    mean: float | None
    flagged: bool


def assess(pairs: Iterable[tuple[Hashable, int]], *, threshold: float = DEFAULT_THRESHOLD,
           min_responses: int = DEFAULT_MIN_RESPONSES) -> dict[Hashable, Quality]:
    """``pairs`` are (group, score); returns each group's mean and flag."""
    pairs = list(pairs)
    if not pairs:
        return {}
    keys = sorted({k for k, _ in pairs}, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    groups = np.fromiter((index[k] for k, _ in pairs), dtype=np.int64, count=len(pairs))
    scores = np.fromiter((s for _, s in pairs), dtype=np.float64, count=len(pairs))
    counts = np.bincount(groups, minlength=len(keys))
    sums = np.bincount(groups, weights=scores, minlength=len(keys))
    out = {}
    for k, i in index.items():
        n = int(counts[i])
        mean = float(sums[i] / n) if n else None
        out[k] = Quality(key=k, responses=n, mean=mean,
                         flagged=mean is not None and n >= min_responses and mean < threshold)
    return out
