"""Turning a scoped people queryset into export rows (CSV, XLSX or JSON)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from cadre.core.exports import CONTENT_TYPES, render_table
from cadre.people.models import Person

EXPORT_COLUMNS = (
    "staff_number", "first_name", "last_name", "email", "organisation", "grade", "job_title",
    "unit", "line_manager_staff_number", "employment_type", "start_date", "end_date", "location",
)
FORMATS = CONTENT_TYPES


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
    """The export's bytes in ``fmt`` (csv, xlsx or json ``{"people": [...]}``), not audited;
    ``people.services.export_people`` is the audited way."""
    return render_table(EXPORT_COLUMNS, export_rows(people), fmt, filename="people",
                        sheet_title="People", json_key="people").content
