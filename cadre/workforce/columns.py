"""The fields an HR extract can carry, and a first guess at which header is which.

Plain Python with no Django imports. Organisations name their columns in many
ways; ``suggest_mapping`` matches each header against known synonyms, then
fuzzily (rapidfuzz) against them for spellings we have not listed. A head of
profession checks the guess before anything is imported.
"""

from __future__ import annotations

from cadre.core import column_guess
from cadre.core.column_guess import ColumnGuesser

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
    "annual_pay": "Annual pay",
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
    # Whole pounds a year, for employed people (recruitment pay benchmarks, issue 21).
    "annual_pay": (
        "annual pay", "annual salary", "salary", "basic pay", "basic salary", "fte salary",
        "full time equivalent salary", "annual basic salary", "base salary", "salary gbp",
        "annual salary gbp", "annual pay gbp",
    ),
}
GUESSER = ColumnGuesser(FIELDS, REQUIRED_FIELDS, _SYNONYMS, noun="Cadre field")
#: Header spelling -> field.
SYNONYMS: dict[str, str] = GUESSER.by_words
normalise = column_guess.normalise
suggest_mapping = GUESSER.suggest_mapping
check_mapping = GUESSER.check_mapping
missing_required = GUESSER.missing_required
