"""Checking a people spreadsheet row by row before anything is written.

``plan_people_import`` reads every row, collects every error with its row and
column, and returns a plan only when the whole file is valid. The write itself
is ``services.import_people``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

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
OPTIONAL_COLUMNS = tuple(c for c in PEOPLE_COLUMNS if c not in REQUIRED_COLUMNS)

_EMPLOYMENT_WORDS = {
    **{value: value for value in EmploymentType.values},
    **{label.lower(): value for value, label in EmploymentType.choices},
    "fixed term": EmploymentType.FIXED_TERM,
    "fast stream": EmploymentType.FAST_STREAMER,
    "fast streamer": EmploymentType.FAST_STREAMER,
    "contract": EmploymentType.CONTRACTOR,
}


def employment_type_from(text: str) -> str | None:
    """Map a spreadsheet's employment type word to our code; None if unknown."""
    key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    return _EMPLOYMENT_WORDS.get(key) or _EMPLOYMENT_WORDS.get(key.replace(" ", "_"))


@dataclass
class PlannedPerson:
    row: int
    staff_number: str
    values: dict[str, object]
    unit_path: str
    location_name: str
    manager_staff_number: str
    existing: Person | None


@dataclass
class PeoplePlan:
    organisation: Organisation
    people: list[PlannedPerson] = field(default_factory=list)

    @property
    def creates(self) -> int:
        return sum(1 for p in self.people if p.existing is None)

    @property
    def updates(self) -> int:
        return sum(1 for p in self.people if p.existing is not None)


def plan_people_import(
    table: Table, organisation: Organisation,
    progress: Callable[[Iterable[Row]], Iterable[Row]] | None = None,
) -> PeoplePlan:
    """Validate every row; raise ``TableError`` listing all problems, or return the plan.

    ``progress`` may wrap the rows (for example in a progress bar).
    """
    errors: list[CellError] = []
    grades = grades_by_code()
    existing = {
        p.staff_number: p
        for p in Person.objects.filter(organisation=organisation).select_related("line_manager")
    }
    plan = PeoplePlan(organisation=organisation)
    first_row_for: dict[str, int] = {}

    for row in (progress or iter)(table.rows):
        v = row.values
        n = row.number

        def bad(column: str, message: str, n: int = n) -> None:
            errors.append(CellError(row=n, column=column, message=message))

        staff = v.get("staff_number", "").strip()
        if not staff:
            bad("staff_number", "is empty; every person needs a staff number")
        elif staff in first_row_for:
            bad("staff_number", f"'{staff}' appears again (first on row {first_row_for[staff]})")
        else:
            first_row_for[staff] = n
        for column in ("first_name", "last_name"):
            if not v.get(column, "").strip():
                bad(column, "is empty")
        values: dict[str, object] = {
            "first_name": v.get("first_name", "").strip()[:100],
            "last_name": v.get("last_name", "").strip()[:100],
            "job_title": v.get("job_title", "").strip()[:200],
        }
        email = v.get("email", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                bad("email", f"'{email}' is not an email address")
        values["email"] = email
        grade_text = v.get("grade", "").strip()
        values["grade"] = None
        if grade_text:
            grade = grades.get(grade_text.upper())
            if grade is None:
                bad("grade", f"unknown grade '{grade_text}'")
            values["grade"] = grade
        employment_text = v.get("employment_type", "").strip()
        values["employment_type"] = EmploymentType.PERMANENT
        if employment_text:
            code = employment_type_from(employment_text)
            if code is None:
                bad(
                    "employment_type",
                    f"unknown employment type '{employment_text}'; use one of "
                    + ", ".join(EmploymentType.values),
                )
            else:
                values["employment_type"] = code
        start = v.get("start_date", "").strip()
        values["start_date"] = None
        if start:
            try:
                values["start_date"] = parse_date(start)
            except ValueError as exc:
                bad("start_date", str(exc))
        unit_path = v.get("unit", "").strip()
        if unit_path:
            try:
                unit_path = "/".join(split_unit_path(unit_path))
            except ValueError as exc:
                bad("unit", str(exc))
        plan.people.append(
            PlannedPerson(
                row=n, staff_number=staff, values=values, unit_path=unit_path,
                location_name=v.get("location", "").strip()[:120],
                manager_staff_number=v.get("line_manager_staff_number", "").strip(),
                existing=existing.get(staff),
            )
        )

    errors.extend(_check_managers(plan, existing))
    if errors:
        raise TableError(sorted(errors, key=lambda e: (e.row or 0, e.column or "")))
    return plan


def _check_managers(plan: PeoplePlan, existing: dict[str, Person]) -> list[CellError]:
    """Managers must exist (in the file or already in the organisation), without loops."""
    errors: list[CellError] = []
    manager_of: dict[str, str] = {
        staff: (p.line_manager.staff_number if p.line_manager else "")
        for staff, p in existing.items()
        if p.line_manager is None or p.line_manager.organisation_id == p.organisation_id
    }
    in_file = {p.staff_number for p in plan.people if p.staff_number}
    for p in plan.people:
        if p.staff_number:
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
