"""Downloads of the workforce picture (CSV, XLSX, JSON), each recorded in the audit trail."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.tabular import write_csv, write_xlsx
from cadre.workforce.picture import Table, long_records, table_json, table_records


def render_rows(columns: Sequence[str], rows: list[dict[str, object]], fmt: str,
                sheet_title: str) -> bytes:
    if fmt == "csv":
        return write_csv(columns, rows).encode("utf-8-sig")
    if fmt == "xlsx":
        return write_xlsx(columns, rows, sheet_title=sheet_title)
    if fmt == "json":
        return json.dumps({"columns": list(columns), "rows": rows}, indent=2,
                          default=str).encode("utf-8")
    raise ValueError(f"Unknown format '{fmt}'; choose csv, xlsx or json.")


def render_tables(tables: Sequence[Table], fmt: str, key: str | None = None) -> bytes:
    """One table (by ``key``) or every table in long form (table, group, measure, value)."""
    if fmt == "json" and key is None:
        return json.dumps({"tables": [table_json(t) for t in tables]}, indent=2).encode()
    if key is None:
        columns, rows = long_records(tables)
        return render_rows(columns, rows, fmt, "Workforce picture")
    table = next(t for t in tables if t.key == key)
    columns, rows = table_records(table)
    return render_rows(columns, rows, fmt, table.caption)


def export_picture(*, actor: Any, tables: Sequence[Table], fmt: str, subject: str,
                   key: str | None = None, target: Any = None,
                   suppressed: bool = True) -> bytes:
    """Render a picture download and record the export."""
    content = render_tables(tables, fmt, key)
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, target=target,
                 summary=f"Workforce picture export ({fmt}): {subject}, "
                         f"{key or 'all tables'}"[:500],
                 data={"format": fmt, "table": key or "all", "suppressed": suppressed,
                       "bytes": len(content)})
    return content


def export_senior(*, actor: Any, rows: list[dict[str, object]], fmt: str,
                  organisation: Any) -> bytes:
    """Render the named Senior Civil Service list and record the export."""
    columns = ["staff_number", "name", "grade", "job_title", "role", "role_level",
               "role_family", "unit", "line_manager", "line_manager_staff_number"]
    content = render_rows(columns, rows, fmt, "Senior Civil Service")
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, target=organisation,
                 summary=f"Senior Civil Service list export ({fmt}): "
                         f"{organisation.abbreviation}",
                 data={"format": fmt, "people": len(rows), "bytes": len(content)})
    return content
