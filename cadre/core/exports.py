"""Export files (CSV, XLSX, ODS, JSON): rendering, and handing them to a page, API or command.

``render_table`` and ``render_document`` build an :class:`ExportFile`; the audited
entry point is ``cadre.audit.exports.export_table`` / ``export_document`` (the
audit app sits above core), which renders through these and records one ``export``
event. Pages and API views return ``export_response(file)``; commands call
``write_export(file, output, stdout)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.http import HttpResponse

from cadre.core.downloads import content_disposition
from cadre.core.tabular import write_csv, write_ods, write_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)
#: The spreadsheet formats every spreadsheet download offers (ODS is the open standard).
SPREADSHEETS = ("csv", "xlsx", "ods")


class ExportFormatError(ValueError):
    """A format the export does not offer."""

    def __init__(self, fmt: str, allowed: Sequence[str] = FORMATS) -> None:
        super().__init__(f"Unknown format '{fmt}'; choose {', '.join(allowed)}.")
        self.field = "format"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    fmt: str
    rows: int
    filename: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]


def check_format(fmt: str, allowed: Sequence[str] = FORMATS) -> str:
    """``fmt`` if allowed, else :class:`ExportFormatError` (a ValueError naming the field)."""
    if fmt not in allowed:
        raise ExportFormatError(fmt, allowed)
    return fmt


class _Counted:
    def __init__(self, rows: Iterable[Mapping[str, object]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self):  # noqa: ANN204
        for row in self._rows:
            self.count += 1
            yield row


def render_table(columns: Sequence[str], rows: Iterable[Mapping[str, object]], fmt: str, *,
                 filename: str, sheet_title: str = "Export",
                 json_key: str | None = None) -> ExportFile:
    """Rows as CSV (UTF-8 with a byte-order mark, for Excel), XLSX, ODS or JSON.

    JSON is ``{json_key: [rows]}`` when ``json_key`` is given, else
    ``{"columns": [...], "rows": [...]}``. ``filename`` is without extension.
    """
    check_format(fmt)
    counted = _Counted(rows)
    if fmt == "csv":
        content = write_csv(columns, counted).encode("utf-8-sig")
    elif fmt == "xlsx":
        content = write_xlsx(columns, counted, sheet_title=sheet_title[:31])
    elif fmt == "ods":
        content = write_ods(columns, counted, sheet_title=sheet_title[:31])
    else:
        listed = list(counted)
        body = {json_key: listed} if json_key else {"columns": list(columns), "rows": listed}
        content = json.dumps(body, indent=2, default=str).encode("utf-8")
    return ExportFile(content=content, fmt=fmt, rows=counted.count, filename=f"{filename}.{fmt}")


def render_document(document: Any, *, rows: int, filename: str, fmt: str = "json",
                    content: bytes | str | None = None) -> ExportFile:
    """A structured document as JSON (or ready-made ``content`` in ``fmt``)."""
    check_format(fmt)
    if content is None:
        content = json.dumps(document, indent=1, ensure_ascii=False, default=str)
    if isinstance(content, str):
        content = content.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    return ExportFile(content=content, fmt=fmt, rows=rows, filename=f"{filename}.{fmt}")


def export_response(export: ExportFile) -> HttpResponse:
    """The file as a download (works for Django views and DRF views alike)."""
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition(export.filename)
    return response


def write_export(export: ExportFile, output: str | Path | None, stdout: BinaryIO) -> str:
    """Write the file to ``output`` (or ``stdout``); returns a line for the command's stderr."""
    if output:
        Path(output).write_bytes(export.content)
        return f"Wrote {export.rows} row(s), {len(export.content)} bytes to {output}"
    stdout.write(export.content)
    stdout.flush()
    return ""
