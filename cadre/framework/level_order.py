"""Working out the order of a role's levels from their names.

The published framework lists role levels in no useful order. Names follow a
ladder: apprentice or trainee, associate, junior, the plain role name, senior,
lead, principal, head of, chief. Levels named "... - management" are a
management track beside their technical twin. In roles named "... manager",
"... analyst" levels sit below the manager. Plain Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Seniority on a common scale, so levels of different roles can be compared.
# Steps of 2 leave room for the analyst and "major" cases in between.
APPRENTICE, ASSOCIATE, JUNIOR, PLAIN, SENIOR, LEAD, PRINCIPAL, HEAD, CHIEF = (
    0, 2, 3, 4, 6, 8, 10, 12, 14
)
_WORDS = (
    (r"^chief\b", CHIEF),
    (r"^head of\b", HEAD),
    (r"^principal\b", PRINCIPAL),
    (r"^lead\b", LEAD),
    (r"\blead$", LEAD),
    (r"^senior\b", SENIOR),
    (r"^major\b", SENIOR),
    (r"^junior\b", JUNIOR),
    (r"^associate\b", ASSOCIATE),
    (r"^(apprentice|trainee)\b", APPRENTICE),
)
MANAGEMENT_SUFFIX = re.compile(r"\s*-\s*management$", re.IGNORECASE)


@dataclass(frozen=True)
class LevelPlace:
    name: str
    seniority: int
    track: str  # "technical" or "management"


def place_level(role: str, level: str) -> LevelPlace:
    """Seniority and track of one role level, from its name and its role's name."""
    name = level.strip()
    track = "technical"
    base = name
    if MANAGEMENT_SUFFIX.search(name):
        track = "management"
        base = MANAGEMENT_SUFFIX.sub("", name)
    lowered = base.lower()
    seniority = PLAIN
    for pattern, value in _WORDS:
        if re.search(pattern, lowered):
            seniority = value
            break
    role_lower = role.strip().lower()
    # In a "... manager" role, analyst levels sit below the manager levels.
    if role_lower.endswith("manager") and lowered.endswith("analyst"):
        seniority -= 3
    return LevelPlace(name=name, seniority=seniority, track=track)


def order_levels(role: str, levels: list[str]) -> list[LevelPlace]:
    """A role's levels from junior to senior; technical before management at equal rank."""
    places = [place_level(role, level) for level in levels]
    return sorted(places, key=lambda p: (p.seniority, p.track != "technical", p.name))
