"""Parsing a SFIA skills file (for organisations that hold a SFIA licence).

Layout: one row per skill with its code, name, category, subcategory, overall
description and a description for each of the seven levels where the skill is
defined. No SFIA text is kept in this repository; tests use a file of our own in
the same layout. Plain Python, no Django.
"""

from __future__ import annotations

from typing import Any

from cadre.core.tabular import read_table
from cadre.framework.documents import FORMAT

SFIA_LEVELS = ("Follow", "Assist", "Apply", "Enable", "Ensure, advise",
               "Initiate, influence", "Set strategy, inspire, mobilise")
REQUIRED = ("code", "skill", "category", "subcategory", "description")
OPTIONAL = tuple(f"level_{n}_description" for n in range(1, 8)) + ("guidance_notes",)
ALIASES = {"skill_name": "skill", "name": "skill", "overall_description": "description",
           "sub_category": "subcategory", **{f"level_{n}": f"level_{n}_description"
                                               for n in range(1, 8)}}


def sfia_document(data: bytes, *, filename: str, version: str) -> dict[str, Any]:
    """A framework document (skills and the seven-level scale, no roles) from a SFIA file."""
    table = read_table(data, filename=filename, required=REQUIRED, optional=OPTIONAL,
                       aliases=ALIASES)
    skills = []
    for row in table.rows:
        v = row.values
        descriptors = {
            f"Level {n}: {SFIA_LEVELS[n - 1]}": v.get(f"level_{n}_description", "").strip()
            for n in range(1, 8) if v.get(f"level_{n}_description", "").strip()
        }
        category = " / ".join(x for x in (v["category"].strip(), v["subcategory"].strip()) if x)
        skills.append({"name": v["skill"].strip(), "code": v["code"].strip(),
                       "description": v["description"].strip(), "category": category,
                       "is_core": False, "descriptors": descriptors})
    return {
        "format": FORMAT,
        "framework": {"name": "SFIA", "version": version, "source": filename,
                      "licence": "Used under the organisation's SFIA licence.",
                      "published_on": None},
        "levels": [{"name": f"Level {n}: {name}", "ordinal": n, "description": ""}
                   for n, name in enumerate(SFIA_LEVELS, start=1)],
        "role_families": [], "roles": [], "role_levels": [],
        "skills": sorted(skills, key=lambda s: s["name"]), "requirements": [],
    }
