"""Whether a person meets a level's criteria, criterion by criterion (issue 16 point 1).

Plain Python and NumPy, no Django: ``selectors.standards`` gathers the inputs (the levels
that count per skill, which families each skill belongs to, years in the profession,
evidence on an application) and turns the results into words the pages show.

Rules, by kind:

- ``skills_at_level``: at least ``count`` skills held at ``min_level`` or above; when
  ``families`` is not empty, only skills in one of those families count (a skill is in a
  family when a role of the family requires it).
- ``breadth``: at least ``count`` different skills at ``min_level`` or above, from any
  family (skills counted for another criterion count here too).
- ``experience``: at least ``years`` years in the profession; unknown years are left to the
  assessors (``met`` is None).
- ``evidence``: at least ``count`` evidence items of ``evidence_type`` linked to the
  application; before there is an application it is left open (``met`` is None).
- ``conduct``: always judged by the assessors (``met`` is None).

A person is eligible when no criterion is unmet (``met`` is False); criteria left to the
assessors do not block an application.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

SKILLS_AT_LEVEL = "skills_at_level"
BREADTH = "breadth"
EXPERIENCE = "experience"
EVIDENCE = "evidence"
CONDUCT = "conduct"
KINDS = (SKILLS_AT_LEVEL, BREADTH, EXPERIENCE, EVIDENCE, CONDUCT)


@dataclass(frozen=True)
class Rule:
    """One criterion as data; ``key`` identifies it to the caller (e.g. the criterion id)."""

    key: object
    kind: str
    count: int | None = None
    min_level: int | None = None
    families: frozenset[int] = frozenset()
    years: int | None = None
    evidence_type: str = ""


@dataclass(frozen=True)
class Outcome:
    """The result of one rule.

    ``met`` is True, False, or None (left to the assessors or to the application).
    ``counted`` are the skill ids that count towards a skills rule, highest level first;
    ``have`` and ``need`` are the numbers compared (skills, years or evidence items).
    """

    key: object
    kind: str
    met: bool | None
    have: float | None = None
    need: float | None = None
    counted: tuple[int, ...] = field(default_factory=tuple)

    @property
    def shortfall(self) -> float:
        """How many more (skills, years, items) are needed; 0 when met or not checked."""
        if self.met is not False or self.have is None or self.need is None:
            return 0
        return max(self.need - self.have, 0)


def _skills_outcome(
    rule: Rule, skill_ids: np.ndarray, ordinals: np.ndarray, in_families: np.ndarray
) -> Outcome:
    need = int(rule.count or 1)
    floor = int(rule.min_level or 1)
    mask = ordinals >= floor
    if rule.kind == SKILLS_AT_LEVEL and rule.families:
        mask &= in_families
    chosen = np.flatnonzero(mask)
    # Highest level first, then skill id, so the words name the strongest skills.
    order = np.lexsort((skill_ids[chosen], -ordinals[chosen]))
    counted = tuple(int(s) for s in skill_ids[chosen][order])
    have = len(counted)
    return Outcome(rule.key, rule.kind, have >= need, have, need, counted)


def evaluate(
    rules: Sequence[Rule],
    held: Mapping[int, int],
    skill_families: Mapping[int, frozenset[int] | set[int]],
    *,
    years: float | None = None,
    evidence: Mapping[str, int] | None = None,
) -> list[Outcome]:
    """Evaluate every rule for one person.

    ``held``: skill id -> ordinal of the level that counts (0 or absent: not held).
    ``skill_families``: skill id -> ids of the families the skill belongs to.
    ``years``: years in the profession, or None when unknown.
    ``evidence``: evidence type -> items linked, or None before there is an application.
    """
    skill_ids = np.fromiter(held.keys(), dtype=np.int64, count=len(held))
    ordinals = np.fromiter(held.values(), dtype=np.int64, count=len(held))
    out: list[Outcome] = []
    for rule in rules:
        if rule.kind not in KINDS:
            raise ValueError(f"Unknown criterion kind: {rule.kind!r}")
        if rule.kind in (SKILLS_AT_LEVEL, BREADTH):
            in_families = np.fromiter(
                (bool(skill_families.get(int(s), frozenset()) & rule.families) for s in skill_ids),
                dtype=bool,
                count=len(skill_ids),
            )
            out.append(_skills_outcome(rule, skill_ids, ordinals, in_families))
        elif rule.kind == EXPERIENCE:
            need = float(rule.years or 0)
            met = None if years is None else years >= need
            out.append(Outcome(rule.key, rule.kind, met, years, need))
        elif rule.kind == EVIDENCE:
            need = float(rule.count or 1)
            if evidence is None:
                out.append(Outcome(rule.key, rule.kind, None, None, need))
            else:
                have = float(evidence.get(rule.evidence_type, 0))
                out.append(Outcome(rule.key, rule.kind, have >= need, have, need))
        else:
            out.append(Outcome(rule.key, rule.kind, None))
    return out


def eligible(outcomes: Sequence[Outcome]) -> bool:
    """No criterion is unmet (criteria left to the assessors do not block)."""
    return all(o.met is not False for o in outcomes)


def eligible_matrix(
    rules: Sequence[Rule],
    held: np.ndarray,
    skill_ids: Sequence[int],
    skill_families: Mapping[int, frozenset[int] | set[int]],
    years: np.ndarray | None = None,
) -> np.ndarray:
    """Eligibility of many people at once, for counts and reports.

    ``held``: people x skills matrix of ordinals (0 = not held), columns in ``skill_ids``
    order; ``years``: per person, NaN when unknown. Evidence and conduct rules are left
    open (they do not block), as is experience for unknown years. Returns a boolean vector.
    """
    held = np.asarray(held, dtype=np.int64)
    if held.ndim != 2:  # noqa: PLR2004 - one row per person
        held = held.reshape(-1, len(skill_ids)) if len(skill_ids) else held.reshape(0, 0)
    ok = np.ones(held.shape[0], dtype=bool)
    for rule in rules:
        if rule.kind in (SKILLS_AT_LEVEL, BREADTH):
            mask = held >= int(rule.min_level or 1)
            if rule.kind == SKILLS_AT_LEVEL and rule.families:
                cols = np.array(
                    [bool(skill_families.get(s, frozenset()) & rule.families) for s in skill_ids],
                    dtype=bool,
                )
                mask &= cols[np.newaxis, :]
            ok &= mask.sum(axis=1) >= int(rule.count or 1)
        elif rule.kind == EXPERIENCE and years is not None:
            y = np.asarray(years, dtype=float)
            ok &= np.isnan(y) | (y >= float(rule.years or 0))
    return ok
