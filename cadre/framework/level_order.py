"""Working out the order of a role's levels from their names. Plain Python, no Django.

The published framework does not give the order of a role's levels, so we read it
from the names. The ladder is: apprentice or trainee, then junior or associate,
then the plain level (usually the role's own name), senior, lead, then principal
or head of. Levels named "... - management" form a management track beside their
technical twin, at the same rank.

Two numbers come out for each level:

- ``rank``: the coarse seniority rank, comparable between roles (1 apprentice or
  trainee, 2 junior or associate, 3 plain, 4 senior, 5 lead, 6 principal or head of,
  7 a Senior Civil Service chief role). Lateral moves compare ranks.
- ``seniority``: a finer scale (0 to 14, the one stored with each role level) that
  also orders levels sharing a rank within one role: associate (2) below junior (3),
  principal (10) below head of (12).

Cases the ladder words do not cover, read from the published names:

- "Major incident manager" counts as senior; "Data ethics lead" (lead last) as lead.
- In roles named "... manager", levels named "... analyst" sit below the manager
  levels: an analyst at 1 and a senior analyst at 3 on the fine scale (both rank 2).
- "Chief ..." is rank 7 only in a Senior Civil Service role (as is an SCS level
  with no ladder word); elsewhere (the "Chief data architect" level of Data
  architect) it is the top of that role's ladder, beside head of (rank 6).
- A level with no ladder word ("Developer" in Software developer, "DevOps engineer",
  "Operational control manager") is the plain level; ``rule`` says so, so callers
  can list such levels.
- Levels left level with each other (the two analysts of Change and release
  manager, and of Service transition manager) are ordered by an optional weight,
  such as the total of their required skill levels, then by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The fine scale (stored as RoleLevel.seniority); steps of 2 leave room in between.
APPRENTICE, ASSOCIATE, JUNIOR, PLAIN, SENIOR, LEAD, PRINCIPAL, HEAD, CHIEF = (
    0, 2, 3, 4, 6, 8, 10, 12, 14
)
#: How far "... analyst" levels sit below the manager levels of a "... manager" role.
ANALYST_OFFSET = 3
TECHNICAL, MANAGEMENT = "technical", "management"

_LADDER: tuple[tuple[str, int, str], ...] = (
    (r"^head of\b", HEAD, "head of"),
    (r"^principal\b", PRINCIPAL, "principal"),
    (r"^lead\b", LEAD, "lead"),
    (r"\blead$", LEAD, "lead (last word)"),
    (r"^senior\b", SENIOR, "senior"),
    (r"^major\b", SENIOR, "major (as senior)"),
    (r"^junior\b", JUNIOR, "junior"),
    (r"^associate\b", ASSOCIATE, "associate"),
    (r"^(apprentice|trainee)\b", APPRENTICE, "apprentice or trainee"),
)
_MANAGEMENT_SUFFIX = re.compile(r"\s+-\s*management$", re.IGNORECASE)
NO_LADDER_WORD = "no ladder word (plain level)"


def rank_for_seniority(seniority: int) -> int:
    """The coarse rank (1 to 7) of a value on the fine seniority scale."""
    for top, rank in ((APPRENTICE, 1), (JUNIOR, 2), (PLAIN, 3), (SENIOR, 4), (LEAD, 5),
                      (HEAD, 6)):
        if seniority <= top:
            return rank
    return 7


@dataclass(frozen=True)
class LevelPlace:
    """Where one role level sits: its rank, fine seniority, track and the rule used."""

    name: str
    rank: int
    seniority: int
    track: str  # "technical" or "management"
    rule: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def place_level(role: str, level: str, *, senior_civil_service: bool = False) -> LevelPlace:
    """Place one role level from its own name and its role's name."""
    name = _clean(level)
    track = TECHNICAL
    base = name
    if _MANAGEMENT_SUFFIX.search(name):
        track = MANAGEMENT
        base = _MANAGEMENT_SUFFIX.sub("", name)
    lowered, role_lower = base.lower(), _clean(role).lower()
    if lowered.startswith("chief"):
        seniority, rule = (CHIEF, "chief (Senior Civil Service)") if senior_civil_service else (
            HEAD, "chief (top of a role that is not Senior Civil Service)")
    else:
        seniority, rule = PLAIN, "role name" if lowered == role_lower else NO_LADDER_WORD
        for pattern, value, label in _LADDER:
            if re.search(pattern, lowered):
                seniority, rule = value, label
                break
        if role_lower.endswith("manager") and lowered.endswith("analyst"):
            seniority -= ANALYST_OFFSET
            rule = "analyst below the manager" + (
                "" if rule == NO_LADDER_WORD else f" ({rule})")
    if senior_civil_service and rule in ("role name", NO_LADDER_WORD):
        seniority, rule = CHIEF, rule + ", Senior Civil Service"
    return LevelPlace(name=name, rank=rank_for_seniority(seniority), seniority=seniority,
                      track=track, rule=rule)


def order_levels(
    role: str,
    levels: Iterable[str],
    *,
    senior_civil_service: bool = False,
    weights: Mapping[str, float] | None = None,
) -> list[LevelPlace]:
    """A role's levels from most junior to most senior.

    Sorted by fine seniority, technical before management at the same seniority,
    then by ``weights`` (keyed by the level name as given or cleaned; lower first),
    then by name, so the order is total and repeatable.
    """
    weights = weights or {}
    places = []
    for level in dict.fromkeys(levels):
        place = place_level(role, level, senior_civil_service=senior_civil_service)
        weight = weights.get(level, weights.get(place.name, 0.0))
        places.append((place.seniority, place.track != TECHNICAL, weight, place.name, place))
    places.sort(key=lambda item: item[:4])
    return [item[-1] for item in places]
