"""The one audited export: render a file and record who took what, in one call.

Pages, API views and commands all export through ``export_table`` (rows) or
``export_document`` (a structured document), so an export is audited the same
whichever channel produced it. The event is ``action="export"`` with ``data``
``{"what", "format", "rows", "bytes", ...extra}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.exports import ExportFile, render_document, render_table


def record_export(*, actor: Any, export: ExportFile, what: str, summary: str,
                  target: models.Model | None = None,
                  extra: Mapping[str, Any] | None = None) -> ExportFile:
    """Record one ``export`` event for a rendered file and return the file."""
    record_event(
        actor=actor, action=AuditEvent.Action.EXPORT, target=target, summary=summary[:500],
        data={"what": what, "format": export.fmt, "rows": export.rows,
              "bytes": len(export.content), **(extra or {})},
    )
    return export


def export_table(*, actor: Any, what: str, columns: Sequence[str],
                 rows: Iterable[Mapping[str, object]], fmt: str, summary: str,
                 filename: str | None = None, sheet_title: str = "Export",
                 json_key: str | None = None, target: models.Model | None = None,
                 extra: Mapping[str, Any] | None = None) -> ExportFile:
    """Rows as CSV, XLSX, ODS or JSON, recorded as one export event."""
    export = render_table(columns, rows, fmt, filename=filename or what,
                          sheet_title=sheet_title, json_key=json_key)
    return record_export(actor=actor, export=export, what=what, summary=summary,
                         target=target, extra=extra)


def export_document(*, actor: Any, what: str, document: Any, rows: int, summary: str,
                    fmt: str = "json", content: bytes | str | None = None,
                    filename: str | None = None, target: models.Model | None = None,
                    extra: Mapping[str, Any] | None = None) -> ExportFile:
    """A structured document (JSON, or ready-made ``content``), recorded as one export."""
    export = render_document(document, rows=rows, filename=filename or what, fmt=fmt,
                             content=content)
    return record_export(actor=actor, export=export, what=what, summary=summary,
                         target=target, extra=extra)
