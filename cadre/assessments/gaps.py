"""Gap analysis: what a role level needs against the levels a person holds.

Plain Python, no Django. Levels are ordinals of the framework's scale
(1 = the lowest level, 0 = none).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillGap:
    skill: str
    required: int
    held: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.held)

    @property
    def met(self) -> bool:
        return self.held >= self.required


@dataclass(frozen=True)
class GapAnalysis:
    rows: tuple[SkillGap, ...]

    @property
    def required_count(self) -> int:
        return len(self.rows)

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.rows if r.met)

    @property
    def share_met(self) -> float:
        """Share of required skills held at or above the required level (1.0 if none)."""
        return self.met_count / self.required_count if self.rows else 1.0

    @property
    def total_gap(self) -> int:
        return sum(r.gap for r in self.rows)

    @property
    def readiness(self) -> float:
        """Share of the required skill steps already held (levels count, not just skills)."""
        needed = sum(r.required for r in self.rows)
        held = sum(min(r.held, r.required) for r in self.rows)
        return held / needed if needed else 1.0

    @property
    def ready(self) -> bool:
        return self.total_gap == 0

    def largest_gaps(self, limit: int | None = None) -> list[SkillGap]:
        gaps = [r for r in self.rows if r.gap > 0]
        return gaps[:limit] if limit is not None else gaps


def analyse(required: Mapping[str, int], held: Mapping[str, int]) -> GapAnalysis:
    """Per required skill: the level needed, the level held and the gap, largest gap first."""
    rows = [SkillGap(skill, int(level), int(held.get(skill, 0)))
            for skill, level in required.items() if level > 0]
    rows.sort(key=lambda r: (-r.gap, -r.required, r.skill))
    return GapAnalysis(tuple(rows))
