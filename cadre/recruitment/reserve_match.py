"""Which roles are similar enough to offer a reserve-list candidate without assessing them
again (plain Python, no Django).

A target (another organisation's campaign, or a vacancy on the mobility board) is similar to
the role a candidate was found appointable for when it is in the same role family and its
level is at most one step of seniority away. Steps are the framework's coarse ranks
(``framework.level_order.rank_for_seniority``: junior, plain, senior, lead, principal or head
of, chief), so a senior data engineer found appointable may be offered a lead role in the
data family, or a plain one, but not a principal one. Similar targets are listed with the
same level first, then the one step up or down, then by closing date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cadre.framework.level_order import rank_for_seniority
from cadre.recruitment.retention import add_months

__all__ = ["MAX_STEPS", "Level", "Target", "expires_on", "is_similar", "similar", "steps_apart"]

#: How many steps of seniority a similar role may be above or below.
MAX_STEPS = 1


@dataclass(frozen=True)
class Level:
    """A role level as the matching sees it: its family and its fine seniority."""

    family_id: int
    seniority: int


@dataclass(frozen=True)
class Target:
    """A role that could be offered: ``kind`` is "campaign" or "vacancy"."""

    kind: str
    pk: int
    organisation_id: int
    level: Level
    closing_date: dt.date | None = None


def steps_apart(a: Level, b: Level) -> int:
    """How many coarse seniority ranks separate two levels."""
    return abs(rank_for_seniority(a.seniority) - rank_for_seniority(b.seniority))


def is_similar(source: Level, target: Level) -> bool:
    """Same role family and at most ``MAX_STEPS`` of seniority apart."""
    return source.family_id == target.family_id and steps_apart(source, target) <= MAX_STEPS


def similar(source: Level, source_organisation_id: int,
            targets: Iterable[Target]) -> list[Target]:
    """The targets of other organisations similar to ``source``: closest level first, then
    the earliest closing date, then the kind and id (a stable order)."""
    chosen = [t for t in targets
              if t.organisation_id != source_organisation_id and is_similar(source, t.level)]
    return sorted(chosen, key=lambda t: (steps_apart(source, t.level),
                                         t.closing_date or dt.date.max, t.kind, t.pk))


def expires_on(decided_on: dt.date, months: int) -> dt.date:
    """The last day an entry decided on ``decided_on`` stays on the list."""
    return add_months(decided_on, months)
