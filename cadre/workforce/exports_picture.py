"""Downloads of the workforce picture (CSV, XLSX, JSON), each recorded in the audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cadre.audit.exports import export_document, export_table
from cadre.core.exports import ExportFile
from cadre.workforce.picture import Table, long_records, table_json, table_records

SENIOR_COLUMNS = ("staff_number", "name", "grade", "job_title", "role", "role_level",
                  "role_family", "unit", "line_manager", "line_manager_staff_number")


def export_picture(*, actor: Any, tables: Sequence[Table], fmt: str, subject: str,
                   filename: str, key: str | None = None, target: Any = None,
                   suppressed: bool = True) -> ExportFile:
    """Render one table (by ``key``) or every table in long form, and record the export."""
    summary = f"Workforce picture export ({fmt}): {subject}, {key or 'all tables'}"
    extra = {"table": key or "all", "suppressed": suppressed}
    if fmt == "json" and key is None:
        return export_document(
            actor=actor, what="workforce picture", fmt=fmt, filename=filename,
            document={"tables": [table_json(t) for t in tables]},
            rows=sum(len(t.rows) for t in tables), summary=summary, target=target, extra=extra)
    if key is None:
        (columns, rows), sheet = long_records(tables), "Workforce picture"
    else:
        table = next(t for t in tables if t.key == key)
        (columns, rows), sheet = table_records(table), table.caption
    return export_table(actor=actor, what="workforce picture", columns=columns, rows=rows,
                        fmt=fmt, filename=filename, sheet_title=sheet, summary=summary,
                        target=target, extra=extra)


def export_senior(*, actor: Any, rows: list[dict[str, object]], fmt: str,
                  organisation: Any) -> ExportFile:
    """The named Senior Civil Service list, recorded as an export."""
    return export_table(
        actor=actor, what="senior civil service", columns=SENIOR_COLUMNS, rows=rows, fmt=fmt,
        filename=f"senior-{organisation.abbreviation.lower()}",
        sheet_title="Senior Civil Service", target=organisation,
        summary=f"Senior Civil Service list export ({fmt}): {organisation.abbreviation}",
        extra={"people": len(rows)})
