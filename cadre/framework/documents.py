"""Checking a framework JSON document, and building one from the parsed CSV files.

Plain Python, no Django. Every writer goes through one document shape, so the
CSV import, the JSON import and the embedded default are stored the same way.
"""

from __future__ import annotations

from typing import Any

from cadre.framework.ddat_csv import SKILL_LEVELS, ParsedFramework
from cadre.framework.scale import scale_meaning

FORMAT = "cadre-framework/1"
LISTS = ("levels", "role_families", "roles", "role_levels", "skills", "requirements")


class DocumentError(Exception):
    """Problems in a framework document, each naming where it is."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


def ddat_document(
    parsed: ParsedFramework, *, name: str, version: str, source: str = "", licence: str = "",
    published_on: str | None = None,
) -> dict[str, Any]:
    """A framework document from the parsed UK framework files.

    The files describe every skill at each level but not the scale itself, so the
    scale's general meanings are Cadre's own (``scale.py``); the per-skill texts are
    the published ones (``descriptors``).
    """
    return {
        "format": FORMAT,
        "framework": {"name": name, "version": version, "source": source, "licence": licence,
                      "published_on": published_on},
        "levels": [{"name": n, "ordinal": i + 1, "description": scale_meaning(n)}
                   for i, n in enumerate(SKILL_LEVELS)],
        "role_families": [{"name": f, "description": ""} for f in sorted(parsed.families)],
        "roles": [{"name": r.name, "family": r.family, "description": r.description,
                   "entry_routes": []} for r in sorted(parsed.roles, key=lambda r: r.name)],
        "role_levels": [{
            "role": lv.role, "name": lv.name, "description": lv.description, "order": lv.order,
            "seniority": lv.seniority, "track": lv.track,
            "is_senior_civil_service": lv.is_senior_civil_service, "grade_from": "",
            "grade_to": "", "qualifications": "", "experience": "",
        } for lv in sorted(parsed.role_levels, key=lambda x: (x.role, x.order, x.name))],
        "skills": [{
            "name": s.name, "description": s.description, "category": s.category,
            "is_core": s.is_core, "code": "",
            "descriptors": {k: v for k, v in s.descriptors.items() if v},
        } for s in sorted(parsed.skills, key=lambda s: s.name)],
        "requirements": [{"role": r, "role_level": lv, "skill": s, "level": level}
                         for r, lv, s, level in sorted(parsed.requirements)],
    }


def check_document(doc: Any) -> None:
    """Raise ``DocumentError`` listing every problem: shape, names and references."""
    errors: list[str] = []
    if not isinstance(doc, dict):
        raise DocumentError(["The file is not a JSON object."])
    if doc.get("format") != FORMAT:
        errors.append(f"format: expected '{FORMAT}', found {doc.get('format')!r}")
    header = doc.get("framework")
    if not isinstance(header, dict) or not header.get("name") or not header.get("version"):
        errors.append("framework: needs a name and a version")
    for key in LISTS:
        if not isinstance(doc.get(key), list):
            errors.append(f"{key}: missing, or not a list")
    if errors:
        raise DocumentError(errors)

    def names(key: str, field: str = "name") -> set[str]:
        found: set[str] = set()
        for i, item in enumerate(doc[key]):
            value = item.get(field) if isinstance(item, dict) else None
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{key}[{i}].{field}: is empty")
            elif value in found and key != "role_levels":
                errors.append(f"{key}[{i}].{field}: '{value}' appears twice")
            else:
                found.add(value)
        return found

    levels = names("levels")
    families = names("role_families")
    roles = names("roles")
    skills = names("skills")
    for i, role in enumerate(doc["roles"]):
        if role.get("family") not in families:
            errors.append(f"roles[{i}].family: unknown role family {role.get('family')!r}")
    role_levels: set[tuple[str, str]] = set()
    for i, lv in enumerate(doc["role_levels"]):
        key = (lv.get("role"), lv.get("name"))
        if lv.get("role") not in roles:
            errors.append(f"role_levels[{i}].role: unknown role {lv.get('role')!r}")
        if not lv.get("name"):
            errors.append(f"role_levels[{i}].name: is empty")
        if key in role_levels:
            errors.append(f"role_levels[{i}].name: '{key[1]}' appears twice in '{key[0]}'")
        role_levels.add(key)
        if lv.get("track", "technical") not in ("technical", "management"):
            errors.append(f"role_levels[{i}].track: must be technical or management")
    for i, skill in enumerate(doc["skills"]):
        for level in (skill.get("descriptors") or {}):
            if level not in levels:
                errors.append(f"skills[{i}].descriptors: unknown level {level!r}")
    seen: set[tuple[str, str, str]] = set()
    for i, req in enumerate(doc["requirements"]):
        where = f"requirements[{i}]"
        if (req.get("role"), req.get("role_level")) not in role_levels:
            errors.append(f"{where}.role_level: unknown role level "
                          f"{req.get('role_level')!r} of {req.get('role')!r}")
        if req.get("skill") not in skills:
            errors.append(f"{where}.skill: skill {req.get('skill')!r} is not defined")
        if req.get("level") not in levels:
            errors.append(f"{where}.level: unknown skill level {req.get('level')!r}")
        key = (req.get("role"), req.get("role_level"), req.get("skill"))
        if key in seen:
            errors.append(f"{where}: this skill is already required for this role level")
        seen.add(key)
    if errors:
        raise DocumentError(errors)
