"""Skill coverage across many people, with NumPy. No Django imports.

``required`` and ``held`` are people x skills arrays of level ordinals (0 = not
needed / not held). A person *needs* a skill when their role level requires it,
and *meets* it when the level held is at least the level required.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Coverage:
    needed: np.ndarray  # groups x skills: people whose role needs the skill
    met: np.ndarray     # groups x skills: of those, people who meet it

    @property
    def short(self) -> np.ndarray:
        return self.needed - self.met

    def share(self) -> np.ndarray:
        """Met / needed, NaN where nobody needs the skill."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.needed > 0, self.met / np.maximum(self.needed, 1), np.nan)


def coverage(required: np.ndarray, held: np.ndarray, groups: Sequence[int] | None = None,
             group_count: int | None = None) -> Coverage:
    """Needed and met counts per group and skill (one group when ``groups`` is None)."""
    required = np.asarray(required)
    held = np.asarray(held)
    if required.shape != held.shape:
        raise ValueError("required and held must have the same shape")
    needs = required > 0
    meets = needs & (held >= required)
    if groups is None:
        return Coverage(needs.sum(axis=0, keepdims=True), meets.sum(axis=0, keepdims=True))
    index = np.asarray(groups, dtype=np.int64)
    count = int(group_count if group_count is not None else (index.max() + 1 if index.size
                                                             else 0))
    needed = np.zeros((count, required.shape[1]), dtype=np.int64)
    met = np.zeros_like(needed)
    np.add.at(needed, index, needs)
    np.add.at(met, index, meets)
    return Coverage(needed, met)
