"""Parsing the UK Government Digital and Data Capability Framework's published CSVs.

Plain Python, no Django: the import service stores the result. ``parse_ddat`` takes
the two downloads as bytes, exactly as published or as re-saved by Excel (UTF-8 with
or without a byte-order mark, Windows-1252, CRLF line ends, comma, semicolon or tab
separated), and returns plain dataclasses, or raises ``FrameworkFileError`` listing
every bad cell by file, spreadsheet row (header = row 1, however many lines a
quoted cell spans) and column.

How the published quirks are read:

- Names (family, role, level, skill) have spaces trimmed and runs of spaces closed
  up; descriptions keep their line breaks (CRLF becomes LF).
- "MISSING", "NOT IN USE" and "This skill level is currently not defined." are
  placeholders: the stored text is empty. A skill level marked "not defined" in
  skills.csv is listed in ``ParsedSkill.undefined_levels``; requiring a skill at
  such a level is an error.
- The four Chief roles have the role level "NOT IN USE" and the Role Type "Senior
  Civil Service": each keeps one role level, named after the role itself (so
  "Chief technology officer" is both the role and its level), flagged
  ``is_senior_civil_service`` and ranked above every other level. A note is kept.
- A skill level of "NOT IN USE" records no requirement; each such row leaves a
  note of kind ``skill_level_not_in_use`` (28 in the 2025 files: all the Chief rows).
- A skill listed more than once for one role level is required once, at the
  highest level listed; each extra row leaves a ``duplicate_requirement`` note.
- Skills qualified by a role, such as "User focus (content design)", are separate
  rows of skills.csv with their own level texts, so they stay separate skills
  under their published names. When the unqualified skill also exists ("User
  focus"), ``base_skill`` names it; ``qualifier`` holds the text in brackets.
- roles.csv is the authority on which roles need a skill; where the "Roles that
  require Skill" column of skills.csv disagrees, a ``listed_roles_differ`` note
  is kept and the published list is kept as ``listed_roles``.
- Where skills.csv has no description for a skill or level, the text repeated in
  roles.csv is used, if there is one.
- Role level order and seniority come from the names (see ``level_order``), with
  the total of each level's required skill levels breaking ties.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from cadre.core.tabular import CellError
from cadre.framework.level_order import order_levels

SKILL_LEVELS = ("Awareness", "Working", "Practitioner", "Expert")
LEVEL_ORDINAL = {name: i for i, name in enumerate(SKILL_LEVELS, start=1)}
NOT_IN_USE = "NOT IN USE"
SENIOR_CIVIL_SERVICE = "Senior Civil Service"

#: Column id -> heading as published.
ROLE_HEADINGS = {
    "role_family": "Role Family", "role": "Role", "role_description": "Role Description",
    "role_level": "Role Level", "role_level_description": "Role Level Description",
    "skill_name": "Skill Name", "skill_description": "Skill Description",
    "skill_level": "Skill Level", "skill_level_description": "Skill Level Description",
    "role_type": "Role Type",
}
SKILL_HEADINGS = {
    "skill_name": "Skill Name", "skill_description": "Skill Description",
    "awareness": "Awareness", "working": "Working", "practitioner": "Practitioner",
    "expert": "Expert", "roles_that_require_skill": "Roles that require Skill",
}
ROLE_COLUMNS = tuple(ROLE_HEADINGS)
SKILL_COLUMNS = tuple(SKILL_HEADINGS)

_NOT_DEFINED = re.compile(r"^(this skill level is )?(currently )?not defined\.?$", re.I)
_PLACEHOLDERS = {"missing", NOT_IN_USE.lower()}
_QUALIFIED = re.compile(r"^(?P<base>.*\S)\s*\((?P<qualifier>[^()]+)\)$")
_LIST_SPLIT = re.compile(r"[,;\n]")


# --- Results -------------------------------------------------------------------------


@dataclass
class ParsedRole:
    family: str
    name: str
    description: str
    role_type: str
    is_senior_civil_service: bool


@dataclass
class ParsedRoleLevel:
    role: str
    name: str
    description: str
    #: Coarse seniority rank shared by all roles (1 apprentice ... 6 head of, 7 SCS chief).
    rank: int
    #: Finer seniority on the stored 0-14 scale (see ``level_order``).
    seniority: int
    track: str  # "technical" or "management"
    #: Position within the role, 0 = most junior.
    order: int
    is_senior_civil_service: bool


@dataclass
class ParsedSkill:
    name: str
    description: str
    #: Level name -> text; empty where the files give none.
    descriptors: dict[str, str]
    #: Levels that skills.csv marks as not defined.
    undefined_levels: tuple[str, ...] = ()
    #: The unqualified skill this one qualifies ("User focus"), when it exists.
    base_skill: str = ""
    #: The bracketed part of a qualified name ("content design").
    qualifier: str = ""
    #: The "Roles that require Skill" column as published.
    listed_roles: tuple[str, ...] = ()
    #: The role family whose roles need the skill most (the files give no category).
    category: str = ""
    #: Needed by roles in more than one family.
    is_core: bool = False


class ParsedRequirement(NamedTuple):
    role: str
    role_level: str
    skill: str
    level: str

    @property
    def ordinal(self) -> int:
        return LEVEL_ORDINAL[self.level]


@dataclass(frozen=True)
class ParseNote:
    """Something in the files that was read with a decision rather than refused."""

    file: str
    row: int | None
    column: str | None
    kind: str
    message: str

    def __str__(self) -> str:
        where = f" row {self.row}" if self.row is not None else ""
        where += f", column '{self.column}'" if self.column else ""
        return f"{self.file}{where}: {self.message}"


@dataclass
class ParsedFramework:
    role_families: list[str] = field(default_factory=list)
    roles: list[ParsedRole] = field(default_factory=list)
    role_levels: list[ParsedRoleLevel] = field(default_factory=list)
    skills: list[ParsedSkill] = field(default_factory=list)
    requirements: list[ParsedRequirement] = field(default_factory=list)
    warnings: list[ParseNote] = field(default_factory=list)
    #: Data rows read from roles.csv (one per role level and skill, as published).
    row_count: int = 0

    @property
    def families(self) -> list[str]:
        """Same as ``role_families`` (the name used by earlier callers)."""
        return self.role_families

    @property
    def warning_counts(self) -> Counter[str]:
        return Counter(w.kind for w in self.warnings)


# --- Errors --------------------------------------------------------------------------


@dataclass(frozen=True)
class FileCellError(CellError):
    """A ``CellError`` that also names its file: (file, row, column, message)."""

    file: str = ""

    def __iter__(self):  # noqa: ANN204
        """Unpacks as ``(file, error)``, the shape earlier callers expect."""
        return iter((self.file, self))


class FrameworkFileError(Exception):
    """Problems that stop the import, each with its file, row and column."""

    def __init__(self, errors: list[FileCellError]) -> None:
        self.errors = errors
        lines = [f"{e.file}: {e}" for e in errors[:50]]
        if len(errors) > 50:
            lines.append(f"... and {len(errors) - 50} more problems")
        super().__init__("\n".join(lines))


def _error(file: str, row: int | None, column: str | None, message: str) -> FileCellError:
    return FileCellError(row=row, column=column, message=message, file=file)


# --- Reading -------------------------------------------------------------------------


@dataclass
class _Record:
    row: int
    values: dict[str, str]


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else Windows-1252, as Excel saves."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _column_id(heading: str) -> str:
    return re.sub(r"[\s_\-]+", "_", heading.replace("\ufeff", "").strip().lower())


def _read(data: bytes, file: str, headings: dict[str, str],
          errors: list[FileCellError]) -> list[_Record]:
    """Records keyed by column id, numbered as spreadsheet rows; blank rows skipped."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        errors.append(_error(file, None, None, "is an Excel workbook; save it as CSV"))
        return []
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:  # one record per spreadsheet row, however many lines it spans
            rows.append((len(rows) + 1, cells))
    except csv.Error as exc:
        errors.append(_error(file, len(rows) + 1, None, f"cannot be read as CSV ({exc})"))
        return []
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        errors.append(_error(file, None, None, "the file is empty"))
        return []
    header_row, header = rows[0]
    columns = [_column_id(h) for h in header]
    found = set(columns)
    for column, heading in headings.items():
        if column not in found:
            errors.append(_error(file, header_row, column, f"missing column '{heading}' "
                                 f"(found: {', '.join(h.strip() for h in header if h.strip())})"))
    for column in sorted({c for c in columns if c in headings and columns.count(c) > 1}):
        errors.append(_error(file, header_row, column, "appears more than once in the header"))
    if any(e.file == file for e in errors):
        return []
    records: list[_Record] = []
    wanted = {c: i for i, c in reversed(list(enumerate(columns))) if c in headings}
    for number, cells in rows[1:]:
        if any(c.strip() for c in cells[len(columns):]):
            errors.append(_error(file, number, None, f"has {len(cells)} cells but the header "
                                 f"has {len(columns)}"))
            continue
        values = {c: (cells[i] if i < len(cells) else "") for c, i in wanted.items()}
        records.append(_Record(number, values))
    return records


def _name(value: str) -> str:
    """A name: spaces (and zero-width spaces) trimmed, runs of white space closed up."""
    return " ".join(value.replace("\u200b", " ").replace("\ufeff", " ").split())


def _text(value: str) -> str:
    """A description: trimmed, LF line ends, placeholders read as empty."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if text.lower() in _PLACEHOLDERS or _NOT_DEFINED.match(text):
        return ""
    return text


# --- Parsing -------------------------------------------------------------------------


def _parse_skills(records: list[_Record], file: str,
                  errors: list[FileCellError]) -> dict[str, ParsedSkill]:
    """Skills keyed by case-folded name."""
    skills: dict[str, ParsedSkill] = {}
    first_row: dict[str, int] = {}
    for rec in records:
        v = rec.values
        name = _name(v["skill_name"])
        if not name:
            errors.append(_error(file, rec.row, "skill_name", "the skill name is empty"))
            continue
        key = name.casefold()
        if key in skills:
            errors.append(_error(file, rec.row, "skill_name", f"skill '{name}' is already "
                                 f"defined on row {first_row[key]}"))
            continue
        first_row[key] = rec.row
        raw = {level: v[level.lower()].strip() for level in SKILL_LEVELS}
        skills[key] = ParsedSkill(
            name=name, description=_text(v["skill_description"]),
            descriptors={level: _text(text) for level, text in raw.items()},
            undefined_levels=tuple(lv for lv, text in raw.items() if _NOT_DEFINED.match(text)),
            listed_roles=tuple(r for r in (_name(x) for x in
                                           _LIST_SPLIT.split(v["roles_that_require_skill"])) if r),
        )
    for skill in skills.values():
        if match := _QUALIFIED.match(skill.name):
            skill.qualifier = match["qualifier"].strip()
            base = skills.get(match["base"].casefold())
            skill.base_skill = base.name if base else ""
    return skills


def parse_ddat(
    roles_bytes: bytes, skills_bytes: bytes, *, roles_name: str = "roles.csv",
    skills_name: str = "skills.csv",
) -> ParsedFramework:
    """Parse both files; raise ``FrameworkFileError`` naming every bad cell."""
    errors: list[FileCellError] = []
    skill_records = _read(skills_bytes, skills_name, SKILL_HEADINGS, errors)
    role_records = _read(roles_bytes, roles_name, ROLE_HEADINGS, errors)
    skills = _parse_skills(skill_records, skills_name, errors)
    levels_by_word = {w.casefold(): w for w in SKILL_LEVELS}
    result = ParsedFramework(row_count=len(role_records))
    notes = result.warnings

    roles: dict[str, ParsedRole] = {}
    levels_of: dict[str, dict[str, str]] = defaultdict(dict)  # role -> level -> description
    required: dict[tuple[str, str, str], str] = {}
    families_of_skill: dict[str, Counter[str]] = defaultdict(Counter)
    roles_of_skill: dict[str, set[str]] = defaultdict(set)
    for rec in role_records:
        v, n = rec.values, rec.row
        family, role = _name(v["role_family"]), _name(v["role"])
        level, skill_name = _name(v["role_level"]), _name(v["skill_name"])
        word = _name(v["skill_level"])
        for column, value in (("role_family", family), ("role", role), ("role_level", level),
                              ("skill_name", skill_name), ("skill_level", word)):
            if not value:
                errors.append(_error(roles_name, n, column,
                                     f"the {ROLE_HEADINGS[column].lower()} is empty"))
        if not (family and role and level and skill_name and word):
            continue
        role_type = _name(v["role_type"])
        is_scs = role_type.casefold() in (SENIOR_CIVIL_SERVICE.casefold(), "scs")
        if family not in result.role_families:
            result.role_families.append(family)
        if role not in roles:
            roles[role] = ParsedRole(family, role, _text(v["role_description"]), role_type,
                                     is_scs)
        elif roles[role].family != family:
            errors.append(_error(roles_name, n, "role_family", f"role '{role}' is in family "
                                 f"'{roles[role].family}' on an earlier row"))
        elif is_scs and not roles[role].is_senior_civil_service:
            roles[role].is_senior_civil_service, roles[role].role_type = True, role_type
        if level.upper() == NOT_IN_USE:
            if role not in levels_of[role]:
                notes.append(ParseNote(roles_name, n, "role_level", "role_level_not_in_use",
                                       f"role level of '{role}' is NOT IN USE; named "
                                       f"'{role}' after the role"))
            level = role
        if level not in levels_of[role]:
            levels_of[role][level] = _text(v["role_level_description"])

        skill = skills.get(skill_name.casefold())
        if skill is None:
            errors.append(_error(roles_name, n, "skill_name",
                                 f"skill '{skill_name}' is not defined in {skills_name}"))
            continue
        families_of_skill[skill.name][family] += 1
        roles_of_skill[skill.name].add(role)
        if not skill.description:
            skill.description = _text(v["skill_description"])
        if word.upper() == NOT_IN_USE:
            notes.append(ParseNote(roles_name, n, "skill_level", "skill_level_not_in_use",
                                   f"'{skill.name}' for '{level}' is NOT IN USE; "
                                   "no requirement recorded"))
            continue
        skill_level = levels_by_word.get(word.casefold())
        if skill_level is None:
            errors.append(_error(roles_name, n, "skill_level", f"unknown skill level '{word}'; "
                                 f"use {', '.join(SKILL_LEVELS)} or {NOT_IN_USE}"))
            continue
        if skill_level in skill.undefined_levels:
            errors.append(_error(roles_name, n, "skill_level", f"'{skill.name}' is required "
                                 f"at {skill_level}, but {skills_name} says that level is "
                                 "not defined"))
            continue
        if not skill.descriptors[skill_level]:
            skill.descriptors[skill_level] = _text(v["skill_level_description"])
        key = (role, level, skill.name)
        if key in required:
            notes.append(ParseNote(roles_name, n, "skill_name", "duplicate_requirement",
                                   f"'{skill.name}' is listed again for '{level}'; "
                                   "the highest level is kept"))
            if LEVEL_ORDINAL[skill_level] <= LEVEL_ORDINAL[required[key]]:
                continue
        required[key] = skill_level
    if errors:
        raise FrameworkFileError(errors)

    result.requirements = [ParsedRequirement(r, lv, s, w) for (r, lv, s), w in required.items()]
    weight: Counter[tuple[str, str]] = Counter()
    for req in result.requirements:
        weight[(req.role, req.role_level)] += req.ordinal
    result.roles = list(roles.values())
    for role, levels in levels_of.items():
        is_scs = roles[role].is_senior_civil_service
        places = order_levels(role, levels, senior_civil_service=is_scs,
                              weights={lv: weight[(role, lv)] for lv in levels})
        result.role_levels.extend(
            ParsedRoleLevel(role=role, name=p.name, description=levels[p.name], rank=p.rank,
                            seniority=p.seniority, track=p.track, order=order,
                            is_senior_civil_service=is_scs)
            for order, p in enumerate(places))
    for skill in skills.values():
        counts = families_of_skill.get(skill.name, Counter())
        skill.category = counts.most_common(1)[0][0] if counts else ""
        skill.is_core = len(counts) > 1
        listed, actual = set(skill.listed_roles), roles_of_skill.get(skill.name, set())
        if listed != actual:
            notes.append(ParseNote(skills_name, None, "roles_that_require_skill",
                                   "listed_roles_differ", _differ(skill.name, listed, actual)))
    result.skills = list(skills.values())
    return result


def _differ(skill: str, listed: set[str], actual: set[str]) -> str:
    parts = []
    if actual - listed:
        parts.append(f"not listed but required by {', '.join(sorted(actual - listed))}")
    if listed - actual:
        parts.append(f"listed but not required by {', '.join(sorted(listed - actual))}")
    return f"'{skill}': roles.csv is used; " + "; ".join(parts)
