"""Turning a scoped people queryset into export rows (CSV, XLSX or JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import QuerySet

from cadre.core.tabular import write_csv, write_xlsx
from cadre.people.models import Person

EXPORT_COLUMNS = (
    "staff_number", "first_name", "last_name", "email", "organisation", "grade", "job_title",
    "unit", "line_manager_staff_number", "employment_type", "start_date", "end_date", "location",
)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def export_rows(people: QuerySet[Person]) -> Iterator[dict[str, object]]:
    qs = people.select_related("organisation", "grade", "unit", "line_manager", "location")
    for p in qs.iterator(chunk_size=2000):
        yield {
            "staff_number": p.staff_number,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "email": p.email,
            "organisation": p.organisation.abbreviation,
            "grade": p.grade.code if p.grade else "",
            "job_title": p.job_title,
            "unit": p.unit.path if p.unit else "",
            "line_manager_staff_number": p.line_manager.staff_number if p.line_manager else "",
            "employment_type": p.employment_type,
            "start_date": p.start_date.isoformat() if p.start_date else "",
            "end_date": p.end_date.isoformat() if p.end_date else "",
            "location": p.location.name if p.location else "",
        }


def render_export(people: QuerySet[Person], fmt: str) -> bytes:
    """The export file's bytes in ``fmt`` (csv, xlsx or json)."""
    rows = export_rows(people)
    if fmt == "csv":
        # A byte-order mark tells Excel the file is UTF-8.
        return write_csv(EXPORT_COLUMNS, rows).encode("utf-8-sig")
    if fmt == "xlsx":
        return write_xlsx(EXPORT_COLUMNS, rows, sheet_title="People")
    if fmt == "json":
        return json.dumps({"people": list(rows)}, indent=2).encode("utf-8")
    raise ValueError(f"Unknown format '{fmt}'; choose csv, xlsx or json.")
