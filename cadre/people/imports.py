"""Checking a people spreadsheet row by row before anything is written.

``plan_people_import`` reads every row, collects every error with its row and
column, and returns a plan only when the whole file is valid. The write itself
is ``services.import_people``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DEFAULT_DB_ALIAS

from cadre.core.inputs import STAFF_NUMBER_LENGTH, staff_number_problem
from cadre.core.tabular import CellError, Row, Table, TableError, parse_date
from cadre.organisations.models import Location, Organisation
from cadre.organisations.selectors import grades_by_code
from cadre.organisations.services import split_unit_path
from cadre.people.models import EmploymentType, Person

PEOPLE_COLUMNS = (
    "staff_number", "first_name", "last_name", "email", "grade", "job_title", "unit",
    "line_manager_staff_number", "employment_type", "start_date", "location",
)
REQUIRED_COLUMNS = ("staff_number", "first_name", "last_name")
#: Also accepted, so that an export can be imported again.
EXTRA_COLUMNS = ("organisation", "end_date")
OPTIONAL_COLUMNS = tuple(c for c in PEOPLE_COLUMNS if c not in REQUIRED_COLUMNS) + EXTRA_COLUMNS

_EMPLOYMENT_WORDS = {
    **{value: value for value in EmploymentType.values},
    **{label.lower(): value for value, label in EmploymentType.choices},
    "fixed term": EmploymentType.FIXED_TERM,
    "fast stream": EmploymentType.FAST_STREAMER,
    "fast streamer": EmploymentType.FAST_STREAMER,
    "contract": EmploymentType.CONTRACTOR,
}


@lru_cache(maxsize=1024)  # a file holds a few distinct words, on every row
def employment_type_from(text: str) -> str | None:
    """Map a spreadsheet's employment type word to our code; None if unknown."""
    key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    return _EMPLOYMENT_WORDS.get(key) or _EMPLOYMENT_WORDS.get(key.replace(" ", "_"))


#: Addresses of the everyday shape (dotted letters, digits, "_", "+", "-"; a dotted host
#: with a letters-only top-level domain), every one of which Django's ``validate_email``
#: accepts; anything else goes through it. A tight regex is many times cheaper per row.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
    re.ASCII | re.IGNORECASE)


def _plain_email(text: str) -> bool:
    return len(text) <= 254 and _PLAIN_EMAIL.fullmatch(text) is not None


@dataclass
class PlannedPerson:
    row: int
    staff_number: str
    #: Model fields to set, only for the columns the file has.
    values: dict[str, object]
    unit_path: str | None
    location_name: str | None
    manager_staff_number: str | None
    #: The stored person's values by attribute name; None for someone new.
    stored: dict[str, object] | None

    @cached_property
    def existing(self) -> Person | None:
        """The stored person as a model instance, built only when asked for."""
        if self.stored is None:
            return None
        return Person.from_db(DEFAULT_DB_ALIAS, list(self.stored), list(self.stored.values()))


@dataclass
class PeoplePlan:
    organisation: Organisation
    people: list[PlannedPerson] = field(default_factory=list)

    @property
    def creates(self) -> int:
        return sum(1 for p in self.people if p.stored is None)

    @property
    def updates(self) -> int:
        return sum(1 for p in self.people if p.stored is not None)


#: Longest value each text column may hold (the database's limits).
MAX_LENGTHS = {"staff_number": STAFF_NUMBER_LENGTH, "first_name": 100, "last_name": 100,
               "email": 254, "job_title": 200, "location": 120}


def plan_people_import(
    table: Table, organisation: Organisation,
    progress: Callable[[Iterable[Row]], Iterable[Row]] | None = None,
    *, part: bool = False,
) -> PeoplePlan:
    """Validate every row; raise ``TableError`` listing all problems, or return the plan.

    Columns the file does not have leave existing people's values unchanged; a
    blank cell in a column the file has clears that value (a blank employment
    type keeps an existing person's and means permanent for a new one).
    ``progress`` may wrap the rows (for example in a progress bar). With ``part`` the
    table is part of a larger file (an extract's new and changed rows): only the stored
    people it names are read in full.
    """
    errors: list[CellError] = []
    present = set(table.columns)
    grades = grades_by_code()
    # Plain values: model instances are built only for the people a caller writes.
    attnames = [f.attname for f in Person._meta.concrete_fields]
    people = Person.objects.filter(organisation=organisation)
    if part:
        named = list({r.values.get("staff_number", "").strip() for r in table.rows})
        rows = [row for start in range(0, len(named), 500) for row in people.filter(
            staff_number__in=named[start:start + 500]).values_list(*attnames)]
    else:
        rows = list(people.values_list(*attnames))
    existing = {values["staff_number"]: values for values in (
        dict(zip(attnames, row, strict=True)) for row in rows)}
    plan = PeoplePlan(organisation=organisation)
    first_row_for: dict[str, int] = {}

    for row in (progress or iter)(table.rows):
        v = row.values
        n = row.number

        def bad(column: str, message: str, n: int = n) -> None:
            errors.append(CellError(row=n, column=column, message=message))

        for column, limit in MAX_LENGTHS.items():
            if column != "staff_number" and len(v.get(column, "").strip()) > limit:
                bad(column, f"is longer than {limit} characters")
        staff = v.get("staff_number", "").strip()
        if not staff:
            bad("staff_number", "is empty; every person needs a staff number")
        elif problem := staff_number_problem(staff):
            bad("staff_number", problem)
        elif staff in first_row_for:
            bad("staff_number", f"'{staff}' appears again (first on row {first_row_for[staff]})")
        else:
            first_row_for[staff] = n
        values: dict[str, object] = {}
        for column in ("first_name", "last_name"):
            values[column] = v.get(column, "").strip()
            if not values[column]:
                bad(column, "is empty")
        if "organisation" in present:
            given = v.get("organisation", "").strip()
            if given and given.lower() != organisation.abbreviation.lower():
                bad("organisation", f"'{given}' is not {organisation.abbreviation}, the "
                                    "organisation being imported")
        if "job_title" in present:
            values["job_title"] = v.get("job_title", "").strip()
        if "email" in present:
            email = v.get("email", "").strip()
            known = existing.get(staff)
            # Stored addresses were checked; an everyday one needs only the quick check.
            if email and (known is None or known["email"] != email) and not _plain_email(email):
                try:
                    validate_email(email)
                except ValidationError:
                    bad("email", f"'{email}' is not an email address")
            values["email"] = email
        if "grade" in present:
            grade_text = v.get("grade", "").strip()
            values["grade"] = grades.get(grade_text.upper()) if grade_text else None
            if grade_text and values["grade"] is None:
                bad("grade", f"unknown grade '{grade_text}'")
        employment_text = v.get("employment_type", "").strip()
        if employment_text:
            code = employment_type_from(employment_text)
            if code is None:
                bad("employment_type",
                    f"unknown employment type '{employment_text}'; use one of "
                    + ", ".join(EmploymentType.values))
            values["employment_type"] = code
        elif staff not in existing:
            values["employment_type"] = EmploymentType.PERMANENT
        for column in ("start_date", "end_date"):
            if column in present:
                text = v.get(column, "").strip()
                values[column] = None
                if text:
                    try:
                        values[column] = parse_date(text)
                    except ValueError as exc:
                        bad(column, str(exc))
        if values.get("start_date") and values.get("end_date") and (
                values["end_date"] < values["start_date"]):
            bad("end_date", "is before the start date")
        unit_path = v.get("unit", "").strip() if "unit" in present else None
        if unit_path:
            try:
                unit_path = _stored_unit_path(unit_path)
            except ValueError as exc:
                bad("unit", str(exc))
        plan.people.append(
            PlannedPerson(
                row=n, staff_number=staff, values=values, unit_path=unit_path,
                location_name=v.get("location", "").strip() if "location" in present else None,
                manager_staff_number=(v.get("line_manager_staff_number", "").strip()
                                      if "line_manager_staff_number" in present else None),
                stored=existing.get(staff),
            )
        )

    known = (set(people.values_list("staff_number", flat=True)) if part else set(existing))
    errors.extend(_check_managers(plan, known, organisation))
    if errors:
        raise TableError(sorted(errors, key=lambda e: (e.row or 0, e.column or "")))
    return plan


@lru_cache(maxsize=4096)  # many rows share a unit: each path is worked out once
def _stored_unit_path(text: str) -> str:
    """A unit path as it is stored ("Digital / Platforms" -> "Digital/Platforms")."""
    return "/".join(split_unit_path(text))


def _check_managers(plan: PeoplePlan, existing: set[str],
                    organisation: Organisation) -> list[CellError]:
    """Managers must exist (in the file or already in the organisation), without loops."""
    errors: list[CellError] = []
    # Existing line management within the organisation, read as plain values.
    manager_of: dict[str, str] = {staff: "" for staff in existing}
    manager_of.update(
        Person.objects.filter(organisation=organisation,
                              line_manager__organisation=organisation)
        .values_list("staff_number", "line_manager__staff_number"))
    in_file = {p.staff_number for p in plan.people if p.staff_number}
    for p in plan.people:
        if p.staff_number and p.manager_staff_number is not None:
            manager_of[p.staff_number] = p.manager_staff_number
    for p in plan.people:
        m = p.manager_staff_number
        if not m or not p.staff_number:
            continue
        if m == p.staff_number:
            errors.append(CellError(p.row, "line_manager_staff_number",
                                    "a person cannot be their own line manager"))
            continue
        if m not in in_file and m not in existing:
            errors.append(CellError(p.row, "line_manager_staff_number",
                                    f"no person with staff number '{m}' in the file or in "
                                    f"{plan.organisation.abbreviation}"))
            continue
        seen = [p.staff_number]
        current = m
        while current:
            if current in seen:
                loop = " -> ".join([*seen, current])
                errors.append(CellError(p.row, "line_manager_staff_number",
                                        f"line-management loop: {loop}"))
                break
            seen.append(current)
            current = manager_of.get(current, "")
    return errors


def known_location(name: str, cache: dict[str, Location]) -> Location | None:
    if not name:
        return None
    key = name.lower()
    if key not in cache:
        cache[key] = Location.objects.filter(name__iexact=name).first() or Location.objects.create(
            name=name
        )
    return cache[key]
