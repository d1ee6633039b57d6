"""Reading and writing spreadsheets (CSV and XLSX; ODS written too) for imports and exports.

Plain Python with no Django imports, so it can be tested and benchmarked alone.
``read_table`` checks the shape of a file (columns, sheets, row lengths) and
collects every problem before raising, so a user can fix them all in one go.
Checking the meaning of each value is left to the importer that calls it.

Uploads are bounded before they can use much memory: an XLSX's uncompressed size is
checked from the zip directory before anything is parsed, sheets are streamed
(openpyxl's read-only mode), and reading stops at the first row, column or cell
past :data:`LIMITS`. A ``TableError`` lists at most ``MAX_LISTED_ERRORS`` problems
and says how many more there were.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = (",", ";", "\t")



@dataclass(frozen=True)
class Limits:
    """The largest spreadsheet any import reads (documented in docs/limits.md)."""

    rows: int = 100_001  # a header and 100,000 data rows
    columns: int = 100
    cells: int = 2_000_000
    uncompressed_bytes: int = 200 * 1024 * 1024


LIMITS = Limits()
MAX_LISTED_ERRORS = 100

# A grid is the raw file: (spreadsheet row number, cells as text) per row.
Grid = list[tuple[int, list[str]]]


@dataclass(frozen=True)
class CellError:
    """One problem in an uploaded file; ``row`` is None for file-level problems."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class TableError(Exception):
    """A file that cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        errors = list(errors)
        self.total = len(errors)
        if len(errors) > MAX_LISTED_ERRORS:
            hidden = len(errors) - MAX_LISTED_ERRORS
            errors = [*errors[:MAX_LISTED_ERRORS], CellError(
                None, None, f"...and {hidden} more problem{'s' if hidden > 1 else ''} "
                "not listed; fix these and upload the file again.")]
        self.errors = errors
        super().__init__("\n".join(str(e) for e in self.errors))


def _fail(message: str, row: int | None = None) -> TableError:
    return TableError([CellError(row, None, message)])


@dataclass(frozen=True)
class Row:
    """A data row: its spreadsheet row number (header is 1) and its cells by column."""

    number: int
    values: dict[str, str]


@dataclass
class Table:
    """The columns found (normalised) and the non-blank data rows."""

    columns: list[str]
    rows: list[Row]


def normalise_header(name: str) -> str:
    """Canonical column name: ``" Staff-Number "`` -> ``"staff_number"``."""
    cleaned = name.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", cleaned)


def read_table(
    data: bytes,
    *,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    max_bytes: int | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Table:
    """Read a CSV or XLSX upload into rows keyed by normalised column names.

    The format is decided by the file's content, not its name. Raises
    ``TableError`` listing every problem with the file's shape.
    """
    grid = read_grid(data, filename=filename, max_bytes=max_bytes)
    canonical = {normalise_header(k): v for k, v in (aliases or {}).items()}
    return table_from_grid(grid, filename=filename, required=required, optional=optional,
                           aliases=canonical)


def read_grid(data: bytes, *, filename: str, max_bytes: int | None = None,
              limits: Limits = LIMITS) -> Grid:
    """The raw cells of a CSV or XLSX upload, header row included, after the shape checks
    that do not depend on the columns (size, emptiness, format, sheets, merged headers)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise _fail(f"{filename} is too large: the limit is {_megabytes(max_bytes)} MB.")
    if not data.replace(b"\xef\xbb\xbf", b"").strip():
        raise _fail(f"{filename} is empty.")
    if data.startswith(XLS_MAGIC):
        raise _fail(f"{filename} is an old Excel (.xls) file, which cannot be read; "
                    "save it as CSV or Excel Workbook (.xlsx) and upload that.")
    return _read_xlsx(data, limits) if data.startswith(XLSX_MAGIC) else _read_csv(data, limits)


def _too_big(limit: int, unit: str) -> TableError:
    return _fail(f"The file has more than {limit:,} {unit}, the most one upload may have; "
                 "split it into smaller files.")


def _check_row(number: int, cells: Sequence[object], count: int, limits: Limits) -> int:
    """Raise as soon as a row breaks a limit; returns the running cell count."""
    if number > limits.rows:
        raise _too_big(limits.rows, "rows")
    if len(cells) > limits.columns:
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells = cells[:-1]
        if len(cells) > limits.columns:
            raise _too_big(limits.columns, "columns")
    count += len(cells)
    if count > limits.cells:
        raise _too_big(limits.cells, "cells")
    return count


def _megabytes(size: int) -> str:
    text = f"{size / (1024 * 1024):.2f}".rstrip("0").rstrip(".")
    return text if text != "0" else "less than 0.01"


def _decode(data: bytes) -> str:
    """UTF-8 (BOM or not), falling back to Windows-1252 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(text: str) -> str:
    """The commonest of comma, semicolon and tab in the first non-blank line."""
    for line in text[:65536].splitlines():
        if line.strip():
            best = max(DELIMITERS, key=line.count)  # ties go to the comma
            return best if line.count(best) else ","
    return ","


def _read_csv(data: bytes, limits: Limits = LIMITS) -> Grid:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    grid: Grid = []
    count = 0
    try:
        # One record per spreadsheet row, even when a quoted cell spans lines.
        for number, cells in enumerate(reader, start=1):
            count = _check_row(number, cells, count, limits)
            grid.append((number, cells))
        return grid
    except csv.Error as exc:
        raise _fail(f"Row {reader.line_num}: the file could not be read as CSV ({exc}).") from exc


def _cell_text(value: object) -> str:
    """Text of an Excel cell: dates as YYYY-MM-DD, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a workbook that would unpack or parse past the limits, before openpyxl sees it.

    The uncompressed size comes from the zip directory; rows and cells are counted by
    scanning each worksheet's XML for its row and cell tags (fast, constant memory).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > 10_000:
                raise _fail("The Excel file has too many parts to be a normal workbook.")
            size = sum(info.file_size for info in infos)
            if size > limits.uncompressed_bytes:
                raise _fail(f"The Excel file unpacks to {_megabytes(size)} MB; the limit is "
                            f"{_megabytes(limits.uncompressed_bytes)} MB. Split it into "
                            "smaller files.")
            rows = cells = 0
            for info in infos:
                if "worksheets/" not in info.filename or not info.filename.endswith(".xml"):
                    continue
                with archive.open(info) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        text = tail + chunk
                        rows += len(_ROW_TAG.findall(text))
                        cells += len(_CELL_TAG.findall(text))
                        cut = max(text.rfind(b"<"), 0)  # a tag split across chunks
                        rows -= len(_ROW_TAG.findall(text, cut))
                        cells -= len(_CELL_TAG.findall(text, cut))
                        tail = text[cut:]
                        if rows > limits.rows:
                            raise _too_big(limits.rows, "rows")
                        if cells > limits.cells:
                            raise _too_big(limits.cells, "cells")
            if cells > max(rows, 1) * limits.columns:  # some row is wider than allowed
                raise _too_big(limits.columns, "columns")
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _fail(f"The Excel file could not be read ({exc}).") from exc


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _merged_ranges(data: bytes, sheet_path: str) -> list[tuple[str, int, int, int, int]]:
    """(ref, min_col, min_row, max_col, max_row) of each merged range, read from the XML
    (read-only worksheets do not load merged cells); streamed in chunks."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, \
            archive.open(sheet_path.lstrip("/")) as part:
        tail = b""
        while chunk := part.read(1 << 20):
            text = tail + chunk
            matches = list(_MERGE.finditer(text))
            for m in matches:
                found.append((f"{m[1].decode()}{m[2].decode()}:{m[3].decode()}{m[4].decode()}",
                              _column_number(m[1]), int(m[2]), _column_number(m[3]), int(m[4])))
            end = matches[-1].end() if matches else 0
            tail = text[max(end, len(text) - 200):]
    return found


def _read_xlsx(data: bytes, limits: Limits = LIMITS) -> Grid:
    from openpyxl import load_workbook

    _check_zip(data, limits)
    try:
        # Read-only: rows are streamed from the XML instead of loading every cell.
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure here is a bad upload
        raise _fail(f"The Excel file could not be read ({exc}).") from exc
    try:
        grids: list[tuple[object, Grid]] = []
        count = 0
        for sheet in book.worksheets:
            grid: Grid = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                count = _check_row(number, values, count, limits)
                grid.append((number, [_cell_text(v) for v in values]))
            if any(c.strip() for _, cells in grid for c in cells) or not grids:
                grids.append((sheet, grid))
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet is a bad upload
        raise _fail(f"The Excel file could not be read ({exc}).") from exc
    finally:
        book.close()
    with_data = [(ws, g) for ws, g in grids if any(c.strip() for _, cells in g for c in cells)]
    if len(with_data) > 1:
        names = ", ".join(f"'{ws.title}'" for ws, _ in with_data)  # type: ignore[attr-defined]
        raise _fail(f"The workbook has data on {len(with_data)} sheets ({names}); "
                    "delete all but one sheet and upload it again.")
    sheet, grid = with_data[0] if with_data else grids[0]
    header = next((n for n, cells in grid if any(c.strip() for c in cells)), None)
    if header is not None:
        path = getattr(sheet, "_worksheet_path", None)
        ranges = _merged_ranges(data, path) if path else []
        merged = [r for r in ranges if r[2] <= header <= r[4]]
        if merged:
            cells = next(c for n, c in grid if n == header)
            described = ", ".join(
                f"{ref} ('{cells[min_col - 1]}')"
                if min_col <= len(cells) and cells[min_col - 1] else ref
                for ref, min_col, _, _, _ in merged
            )
            raise _fail(f"the header row has merged cells: {described}; unmerge them so "
                        "each column has its own heading.", row=header)
    return grid


def read_header_row(handle: BinaryIO, *, filename: str, max_bytes: int | None = None,
                    limits: Limits = LIMITS) -> tuple[int, list[str]]:
    """Only the first non-blank row of a CSV or XLSX file (number, cells), streamed.

    For the upload step, which needs the headings only: a CSV is decoded from its first
    chunks until one whole record is read; an XLSX is checked from its zip directory
    (format and uncompressed size) and its first sheet read in read-only mode until the
    first non-blank row. The rest of the file is checked when it is previewed or imported.
    """
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    if max_bytes is not None and size > max_bytes:
        raise _fail(f"{filename} is too large: the limit is {_megabytes(max_bytes)} MB.")
    start = handle.read(8)
    handle.seek(0)
    if start.startswith(XLS_MAGIC):
        raise _fail(f"{filename} is an old Excel (.xls) file, which cannot be read; "
                    "save it as CSV or Excel Workbook (.xlsx) and upload that.")
    if start.startswith(XLSX_MAGIC):
        return _xlsx_header(handle, limits)
    return _csv_header(handle, filename, limits)


def _first_row(rows: Iterable[tuple[int, Sequence[str]]], limits: Limits) -> tuple[int, list[str]]:
    for number, cells in rows:
        if len(cells) > limits.columns and any(c.strip() for c in cells[limits.columns:]):
            raise _too_big(limits.columns, "columns")
        if any(c.strip() for c in cells):
            cells = list(cells)
            while cells and not cells[-1].strip():
                cells.pop()
            return number, cells
        if number >= limits.rows:
            break
    return 1, []


def _csv_header(handle: BinaryIO, filename: str, limits: Limits) -> tuple[int, list[str]]:
    chunk = b""
    while True:  # grow the prefix until it holds one whole non-blank record
        more = handle.read(1 << 16)
        chunk += more
        try:
            text = chunk.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = (chunk[:exc.start].decode("utf-8-sig") if more and exc.start > len(chunk) - 4
                    else chunk.decode("cp1252", errors="replace"))
        lines = text.splitlines(keepends=True)
        complete = "".join(lines if not more else lines[:-1])  # the last line may be cut
        try:
            reader = csv.reader(io.StringIO(complete, newline=""),
                                delimiter=_sniff_delimiter(text))
            number, cells = _first_row(enumerate(reader, start=1), limits)
        except csv.Error as exc:
            if more:
                continue  # a quoted cell spanning the cut: read on
            raise _fail(f"the file could not be read as CSV ({exc}).") from exc
        if cells or not more:
            if not cells and not text.strip():
                raise _fail(f"{filename} is empty.")
            return number, cells
        if len(chunk) > 16 << 20:
            raise _fail(f"{filename} has no header row in its first 16 MB.")


def _xlsx_header(handle: BinaryIO, limits: Limits) -> tuple[int, list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            size = sum(info.file_size for info in infos)
        if len(infos) > 10_000 or size > limits.uncompressed_bytes:
            raise _fail(f"The Excel file unpacks to {_megabytes(size)} MB; the limit is "
                        f"{_megabytes(limits.uncompressed_bytes)} MB. Split it into "
                        "smaller files.")
        handle.seek(0)
        book = load_workbook(handle, data_only=True, read_only=True)
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure here is a bad upload
        raise _fail(f"The Excel file could not be read ({exc}).") from exc
    try:
        for sheet in book.worksheets:
            rows = ((n, [_cell_text(v) for v in values]) for n, values in
                    enumerate(sheet.iter_rows(values_only=True, max_row=limits.rows), start=1))
            number, cells = _first_row(rows, limits)
            if cells:
                return number, cells
        return 1, []
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet is a bad upload
        raise _fail(f"The Excel file could not be read ({exc}).") from exc
    finally:
        book.close()


def table_from_grid(
    grid: Grid,
    *,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str],
    aliases: Mapping[str, str],
) -> Table:
    """Rows keyed by normalised (or aliased) column names; raises every column problem."""
    grid = [(n, cells) for n, cells in grid if any(c.strip() for c in cells)]
    if not grid:
        raise _fail(f"{filename} is empty.")
    errors: list[CellError] = []
    header_number, raw_header = grid[0]
    while raw_header and not raw_header[-1].strip():
        raw_header = raw_header[:-1]
    columns = [aliases.get(normalise_header(h), normalise_header(h)) for h in raw_header]

    for position, name in enumerate(columns, start=1):
        if not name:
            errors.append(CellError(header_number, None, f"column {position} has no heading"))
    seen = set(columns)
    for name in dict.fromkeys(c for c in columns if c and columns.count(c) > 1):
        errors.append(CellError(header_number, name,
                                f"appears {columns.count(name)} times in the header"))

    expected = [*required, *(c for c in optional if c not in required)]
    missing = [c for c in required if c not in seen]
    if missing:
        found = ", ".join(c for c in columns if c) or "none"
        errors.append(CellError(header_number, None,
                                f"missing column{'s' if len(missing) > 1 else ''}: "
                                f"{', '.join(missing)} (columns found: {found})"))
    unknown = list(dict.fromkeys(c for c in columns if c and c not in expected))
    if unknown:
        errors.append(CellError(header_number, None,
                                f"unknown column{'s' if len(unknown) > 1 else ''}: "
                                f"{', '.join(unknown)} (expected: {', '.join(expected)})"))

    rows: list[Row] = []
    for number, cells in grid[1:]:
        if any(c.strip() for c in cells[len(columns):]):
            errors.append(CellError(number, None, f"has {len(cells)} cells but the header "
                                    f"has {len(columns)} columns"))
            continue
        values = {
            name: (cells[i].strip() if i < len(cells) else "")
            for i, name in enumerate(columns) if name
        }
        rows.append(Row(number=number, values=values))
    if errors:
        raise TableError(errors)
    return Table(columns=[c for c in columns if c], rows=rows)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@functools.lru_cache(maxsize=8192)  # big files repeat dates; a date is immutable
def parse_date(value: str) -> dt.date:
    """A date written YYYY-MM-DD or DD/MM/YYYY (day and month may be one digit)."""
    text = value.strip()
    try:
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _UK_DATE.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass  # the right shape but no such day, e.g. 31/02/2024
    raise ValueError(f"'{value}' is not a valid date; use YYYY-MM-DD or DD/MM/YYYY")


_DECIMAL = re.compile(r"(-?)£?(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def parse_decimal(value: str) -> Decimal:
    """A number such as ``650``, ``650.50``, ``£650`` or ``1,200``."""
    match = _DECIMAL.fullmatch(value.strip().replace(" ", ""))
    if not match or (match.group(1) and match.group(2)):
        raise ValueError(f"'{value}' is not a number; write it like 650, 650.50 or 1,200")
    sign = "-" if match.group(1) or match.group(2) else ""
    return Decimal(sign + match.group(3).replace(",", "") + (match.group(4) or ""))


def neutralise_formula(value: object) -> object:
    """Put a quote before text a spreadsheet would run as a formula; leave the rest."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text with a header row; missing values are blank and formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_formula(_csv_value(row.get(c))) for c in columns])
    return out.getvalue()


_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")


def _xlsx_value(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: keep wall-clock time
    if isinstance(value, dt.date | dt.time):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return neutralise_formula(text)


def write_xlsx(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, sheet_title: str = "Export"
) -> bytes:
    """An XLSX workbook with one sheet; dates stay dates and text is formula-safe."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    title = _SHEET_TITLE_BAD.sub("-", sheet_title).strip("'")[:31] or "Export"
    sheet = book.create_sheet(title=title)
    sheet.append([_xlsx_value(c) for c in columns])
    for row in rows:
        sheet.append([_xlsx_value(row.get(c)) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: Characters XML 1.0 cannot hold (control characters other than tab and newlines).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _ods_cell(value: object):  # noqa: ANN202 - an odfpy element
    from odf.table import TableCell
    from odf.text import P

    if value is None or value == "":
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float | Decimal):
        cell = TableCell(valuetype="float", value=str(value))
        text = str(value)
    elif isinstance(value, dt.datetime):
        stamp = value.replace(tzinfo=None).isoformat(timespec="seconds")
        cell = TableCell(valuetype="date", datevalue=stamp)
        text = stamp.replace("T", " ")
    elif isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        text = value.isoformat()
    else:
        text = str(neutralise_formula(_XML_ILLEGAL.sub("", str(value))))
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=text))
    return cell


def write_ods(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, sheet_title: str = "Export"
) -> bytes:
    """An OpenDocument spreadsheet (ODS, the open standard UK government uses) with one
    sheet; numbers stay numbers, dates stay dates and text is formula-safe, as in XLSX."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow

    book = OpenDocumentSpreadsheet()
    title = _SHEET_TITLE_BAD.sub("-", sheet_title).strip("'")[:31] or "Export"
    sheet = Table(name=title)

    def add(values: Iterable[object]) -> None:
        row = TableRow()
        for value in values:
            row.addElement(_ods_cell(value))
        sheet.addElement(row)

    add(columns)
    for row in rows:
        add(row.get(c) for c in columns)
    book.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    book.write(out)
    return out.getvalue()


def read_ods_values(data: bytes) -> list[list[object]]:
    """The first sheet of an ODS file as rows of values (strings, floats, dates), for
    checking exports; repeated cells are expanded and trailing blanks dropped."""
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    book = load(io.BytesIO(data))
    sheet = book.spreadsheet.getElementsByType(Table)[0]
    grid: list[list[object]] = []
    for row in sheet.getElementsByType(TableRow):
        values: list[object] = []
        for cell in row.getElementsByType(TableCell):
            kind = cell.attributes.get((OFFICENS, "value-type"))
            if kind == "float":
                value: object = float(cell.attributes[(OFFICENS, "value")])
            elif kind == "date":
                value = cell.attributes[(OFFICENS, "date-value")]
            elif kind == "boolean":
                value = cell.attributes[(OFFICENS, "boolean-value")] == "true"
            elif kind is None:
                value = None
            else:
                value = "\n".join(str(p) for p in cell.childNodes)
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
            values.extend([value] * repeat)
        while values and values[-1] is None:
            values.pop()
        grid.append(values)
    return grid
