"""Parsing the UK digital and data capability framework's published CSV files.

Handles the files exactly as published (and as re-saved by Excel): multi-line
cells, trailing spaces, "NOT IN USE" role levels (the Chief roles) and skill
levels, "MISSING" and "not defined" texts, and skills listed twice for one role
level. Plain Python, no Django: the import service stores the result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from cadre.core.tabular import CellError, Table, TableError, read_table
from cadre.framework.level_order import CHIEF, order_levels

SKILL_LEVELS = ("Awareness", "Working", "Practitioner", "Expert")
NOT_IN_USE = "NOT IN USE"
ROLE_COLUMNS = (
    "role_family", "role", "role_description", "role_level", "role_level_description",
    "skill_name", "skill_description", "skill_level", "skill_level_description", "role_type",
)
SKILL_COLUMNS = (
    "skill_name", "skill_description", "awareness", "working", "practitioner", "expert",
    "roles_that_require_skill",
)
_EMPTY_TEXTS = {"missing", "this skill level is currently not defined.", NOT_IN_USE.lower()}


def clean_text(value: str) -> str:
    """Strip spaces; placeholders ("MISSING", "not defined") become empty."""
    text = value.strip().replace("\r\n", "\n")
    return "" if text.lower() in _EMPTY_TEXTS else text


@dataclass
class ParsedRole:
    family: str
    name: str
    description: str
    is_senior_civil_service: bool


@dataclass
class ParsedRoleLevel:
    role: str
    name: str
    description: str
    seniority: int
    track: str
    order: int
    is_senior_civil_service: bool


@dataclass
class ParsedSkill:
    name: str
    description: str
    descriptors: dict[str, str]
    category: str = ""
    is_core: bool = False


@dataclass
class ParsedFramework:
    families: list[str] = field(default_factory=list)
    roles: list[ParsedRole] = field(default_factory=list)
    role_levels: list[ParsedRoleLevel] = field(default_factory=list)
    skills: list[ParsedSkill] = field(default_factory=list)
    #: (role, role level, skill, skill level)
    requirements: list[tuple[str, str, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class FrameworkFileError(Exception):
    """Problems in the framework files, each with its file, row and column."""

    def __init__(self, errors: list[tuple[str, CellError]]) -> None:
        self.errors = errors
        super().__init__("\n".join(f"{name}: {error}" for name, error in errors))


def _read(data: bytes, filename: str, columns: tuple[str, ...]) -> Table:
    try:
        return read_table(data, filename=filename, required=columns)
    except TableError as exc:
        raise FrameworkFileError([(filename, e) for e in exc.errors]) from exc


def parse_ddat(
    roles_bytes: bytes, skills_bytes: bytes, *, roles_name: str = "roles.csv",
    skills_name: str = "skills.csv",
) -> ParsedFramework:
    """Parse both files; raise ``FrameworkFileError`` naming every bad cell."""
    roles_table = _read(roles_bytes, roles_name, ROLE_COLUMNS)
    skills_table = _read(skills_bytes, skills_name, SKILL_COLUMNS)
    errors: list[tuple[str, CellError]] = []
    result = ParsedFramework()

    skills: dict[str, ParsedSkill] = {}
    for row in skills_table.rows:
        v = row.values
        name = v["skill_name"].strip()
        if not name:
            errors.append((skills_name, CellError(row.number, "skill_name", "is empty")))
            continue
        if name in skills:
            result.warnings.append(f"{skills_name} row {row.number}: skill '{name}' repeated")
            continue
        skills[name] = ParsedSkill(
            name=name, description=clean_text(v["skill_description"]),
            descriptors={level: clean_text(v[level.lower()]) for level in SKILL_LEVELS},
        )

    roles: dict[str, ParsedRole] = {}
    levels_of: dict[str, list[str]] = defaultdict(list)
    level_text: dict[tuple[str, str], str] = {}
    required: dict[tuple[str, str, str], str] = {}
    families_of_skill: dict[str, Counter] = defaultdict(Counter)
    for row in roles_table.rows:
        v = row.values
        n = row.number
        family, role = v["role_family"].strip(), v["role"].strip()
        level, skill = v["role_level"].strip(), v["skill_name"].strip()
        skill_level = v["skill_level"].strip()
        for column, value in (("role_family", family), ("role", role),
                              ("role_level", level), ("skill_name", skill)):
            if not value:
                errors.append((roles_name, CellError(n, column, "is empty")))
        if not (family and role and level and skill):
            continue
        is_scs = v["role_type"].strip().lower() == "senior civil service"
        if family not in result.families:
            result.families.append(family)
        if role not in roles:
            roles[role] = ParsedRole(family, role, clean_text(v["role_description"]), is_scs)
        elif roles[role].family != family:
            errors.append((roles_name, CellError(
                n, "role_family", f"role '{role}' is also in family '{roles[role].family}'")))
        if level == NOT_IN_USE:
            # The Chief roles have one level, published as "NOT IN USE": we name it
            # after the role itself so it can still be a career destination.
            level = role
        if level not in levels_of[role]:
            levels_of[role].append(level)
            level_text[(role, level)] = clean_text(v["role_level_description"])
        if skill not in skills:
            errors.append((roles_name, CellError(
                n, "skill_name", f"skill '{skill}' is not defined in {skills_name}")))
            continue
        families_of_skill[skill][family] += 1
        if skill_level == NOT_IN_USE:
            result.warnings.append(
                f"{roles_name} row {n}: '{skill}' for '{level}' is NOT IN USE; no requirement")
            continue
        if skill_level not in SKILL_LEVELS:
            errors.append((roles_name, CellError(
                n, "skill_level", f"unknown skill level '{skill_level}'; use one of "
                + ", ".join(SKILL_LEVELS) + f" or {NOT_IN_USE}")))
            continue
        key = (role, level, skill)
        if key in required:
            result.warnings.append(f"{roles_name} row {n}: '{skill}' repeated for '{level}'")
            if SKILL_LEVELS.index(skill_level) <= SKILL_LEVELS.index(required[key]):
                continue
        required[key] = skill_level
    if errors:
        raise FrameworkFileError(errors)

    result.roles = list(roles.values())
    for role, levels in levels_of.items():
        is_scs = roles[role].is_senior_civil_service
        for order, place in enumerate(order_levels(role, levels)):
            seniority = CHIEF if is_scs and len(levels) == 1 else place.seniority
            result.role_levels.append(ParsedRoleLevel(
                role=role, name=place.name, description=level_text[(role, place.name)],
                seniority=seniority, track=place.track, order=order,
                is_senior_civil_service=is_scs,
            ))
    for skill in skills.values():
        # The files give no category: we use the family whose roles need the skill
        # most, and call a skill "core" when roles in several families need it.
        counts = families_of_skill.get(skill.name, Counter())
        skill.category = counts.most_common(1)[0][0] if counts else ""
        skill.is_core = len(counts) > 1
    result.skills = list(skills.values())
    result.requirements = [(r, lv, s, level) for (r, lv, s), level in required.items()]
    return result
