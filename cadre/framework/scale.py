"""What each step of the UK framework's skill level scale means, in Cadre's own words.

Plain Python, no Django. The published CSV files describe each skill at each level
(``skills.csv``: Awareness, Working, Practitioner, Expert columns) but never the
scale itself, so the general meaning of a level is written here once and stored as
data on the framework's scale (``SkillLevel.description``) by the embedded default
(``scripts/make_default_framework.py``) and by ``cadre framework import-ddat``.
Pages read it from the database, never from this module (ADR 0026).
"""

from __future__ import annotations

#: Level name -> what holding a skill at that level means, whatever the skill.
SCALE_MEANINGS: dict[str, str] = {
    "Awareness": (
        "You know what the skill is for and why it matters, and can follow the work of "
        "people who use it. You would need guidance to use it yourself."
    ),
    "Working": (
        "You use the skill in your own work, with help for harder or unfamiliar cases. "
        "You know the usual methods and tools and pick the right one for the job."
    ),
    "Practitioner": (
        "You use the skill on complex work without help, decide how your team applies "
        "it and help others get better at it."
    ),
    "Expert": (
        "Others across and beyond your organisation come to you for the skill. You set "
        "how it is practised, lead others in it and judge new methods and tools."
    ),
}


def scale_meaning(level_name: str) -> str:
    """The general meaning of a UK framework level, or "" for a level of another scale."""
    return SCALE_MEANINGS.get(level_name, "")
