"""The fields an HR extract can carry, and a first guess at which header is which.

Plain Python with no Django imports. Organisations name their columns in many
ways; ``suggest_mapping`` matches each header against known synonyms, then
fuzzily (rapidfuzz) against them for spellings we have not listed. A head of
profession checks the guess before anything is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

#: Cadre field -> label shown to users. The names match people import columns.
FIELDS: dict[str, str] = {
    "staff_number": "Staff number",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Work email",
    "grade": "Grade",
    "job_title": "Job title",
    "job_description": "Job description",
    "unit": "Unit",
    "line_manager_staff_number": "Line manager's staff number",
    "location": "Location",
    "employment_type": "Employment type",
    "start_date": "Start date",
    "day_rate": "Day rate",
    "supplier": "Supplier",
}
#: Columns every extract must have (a blank cell may still be allowed).
REQUIRED_FIELDS: tuple[str, ...] = (
    "staff_number", "first_name", "last_name", "grade", "job_title", "employment_type",
)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "staff_number": (
        "staff number", "staff no", "staff id", "staff ref", "employee number", "employee no",
        "employee id", "employee ref", "emp no", "emp id", "personnel number", "person number",
        "payroll number", "payroll id", "assignment number",
    ),
    "first_name": ("first name", "forename", "forenames", "given name", "given names"),
    "last_name": ("last name", "surname", "family name"),
    "email": (
        "email", "e mail", "email address", "work email", "work email address",
        "business email", "office email",
    ),
    "grade": ("grade", "pay grade", "grade code", "pay band", "band", "substantive grade"),
    "job_title": (
        "job title", "position title", "post title", "role title", "job name", "position",
        "job", "role",
    ),
    "job_description": (
        "job description", "role description", "position description", "description",
        "job summary",
    ),
    "unit": (
        "unit", "org unit", "organisational unit", "organizational unit", "business unit",
        "unit path", "team", "directorate",
    ),
    "line_manager_staff_number": (
        "line manager staff number", "line manager", "line manager id", "line manager number",
        "manager id", "manager staff number", "manager number", "manager no",
        "manager employee number", "reports to",
    ),
    "location": ("location", "work location", "office", "base location", "site", "workplace"),
    "employment_type": (
        "employment type", "contract type", "worker type", "employee type", "staff type",
        "engagement type", "employment status",
    ),
    "start_date": (
        "start date", "date started", "hire date", "date joined", "joined", "employment start date",
        "service start date",
    ),
    "day_rate": ("day rate", "daily rate", "rate per day", "day rate gbp", "daily rate gbp"),
    "supplier": ("supplier", "agency", "agency supplier", "supplier name", "vendor", "consultancy"),
}
SYNONYMS: dict[str, str] = {
    words: field for field, options in _SYNONYMS.items() for words in options
}
#: Below this rapidfuzz ratio (0-100) a header is left unmapped.
FUZZY_CUTOFF = 85.0


def normalise(header: str) -> str:
    """Header as plain lower-case words: ``"Agency/Supplier (£)"`` -> ``"agency supplier"``."""
    text = header.replace("\ufeff", "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _match(header: str) -> tuple[str, float]:
    """Best field for one header and a score (100 for a known synonym, 0 for none)."""
    key = normalise(header)
    if not key:
        return "", 0.0
    if key in SYNONYMS:
        return SYNONYMS[key], 100.0
    if key.replace(" ", "_") in FIELDS:
        return key.replace(" ", "_"), 100.0
    found = process.extractOne(key, list(SYNONYMS), scorer=fuzz.ratio,
                               score_cutoff=FUZZY_CUTOFF)
    if found is None:
        return "", 0.0
    return SYNONYMS[found[0]], float(found[1])


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """``{header: field}`` for every header; ``""`` where no field fits.

    Each field goes to one header at most: the best-scoring one (the first on a tie).
    """
    headers = list(headers)
    scored = [(h, *_match(h)) for h in headers]
    best: dict[str, tuple[float, int]] = {}
    for position, (_, field, score) in enumerate(scored):
        if field and (field not in best or score > best[field][0]):
            best[field] = (score, position)
    chosen = {position: field for field, (_, position) in best.items()}
    return {h: chosen.get(position, "") for position, h in enumerate(headers)}


def check_mapping(columns: dict[str, str]) -> list[str]:
    """Problems with a mapping: unknown fields, or one field given to several headers."""
    problems: list[str] = []
    by_field: dict[str, list[str]] = {}
    for header, field in columns.items():
        if not field:
            continue
        if field not in FIELDS:
            problems.append(f"'{header}' is mapped to '{field}', which is not a Cadre field")
            continue
        by_field.setdefault(field, []).append(header)
    for field, headers in by_field.items():
        if len(headers) > 1:
            names = ", ".join(f"'{h}'" for h in headers)
            problems.append(f"{names} are all mapped to {FIELDS[field].lower()}; choose one")
    return problems


def missing_required(columns: dict[str, str]) -> list[str]:
    """Required fields that no header is mapped to."""
    mapped = set(columns.values())
    return [f for f in REQUIRED_FIELDS if f not in mapped]
