"""Reading and writing spreadsheets (CSV and XLSX) for imports and exports.

Plain Python with no Django imports. ``read_table`` collects every problem it
finds in the file's shape and raises them together, so a user sees them all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CellError:
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
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]


def normalise_header(name: str) -> str:
    """``" Staff Number "`` -> ``"staff_number"``."""
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
    """Read a CSV or XLSX file into rows keyed by normalised column names."""
    if max_bytes is not None and len(data) > max_bytes:
        limit = max_bytes / (1024 * 1024)
        raise TableError([CellError(None, None, f"{filename} is larger than {limit:g} MB.")])
    if not data.strip():
        raise TableError([CellError(None, None, f"{filename} is empty.")])
    if data.startswith(XLS_MAGIC):
        raise TableError([CellError(None, None, "Old Excel (.xls) files are not supported; "
                                    "save the sheet as CSV or XLSX.")])
    grid = _read_xlsx(data) if data.startswith(XLSX_MAGIC) else _read_csv(data)
    return _to_table(grid, required=required, optional=optional, aliases=aliases or {})


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    first_line = sample.splitlines()[0] if sample else ""
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return list(enumerate(reader, start=1))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the user's file
        raise TableError([CellError(None, None, f"The Excel file could not be read ({exc})."
                                    )]) from exc
    with_data = [ws for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1
                 or ws.cell(1, 1).value is not None]
    if len(with_data) > 1:
        names = ", ".join(f"'{ws.title}'" for ws in with_data)
        raise TableError([CellError(None, None, f"The workbook has data on {len(with_data)} "
                                    f"sheets ({names}); leave only one sheet.")])
    sheet = with_data[0] if with_data else book.worksheets[0]
    header_merges = [str(r) for r in sheet.merged_cells.ranges if r.min_row == 1]
    if header_merges:
        raise TableError([CellError(1, None, "The header row has merged cells ("
                                    + ", ".join(header_merges) + "); unmerge them so each "
                                    "column has its own heading.")])
    return [
        (number, [_cell_text(v) for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]


def _to_table(
    grid: list[tuple[int, list[str]]],
    *,
    required: Sequence[str],
    optional: Sequence[str],
    aliases: Mapping[str, str],
) -> Table:
    errors: list[CellError] = []
    grid = [(n, cells) for n, cells in grid if any(c.strip() for c in cells)]
    if not grid:
        raise TableError([CellError(None, None, "The file has no header row.")])
    header_number, raw_header = grid[0]
    while raw_header and not raw_header[-1].strip():
        raw_header = raw_header[:-1]
    columns = [aliases.get(normalise_header(h), normalise_header(h)) for h in raw_header]
    known = set(required) | set(optional)
    seen: set[str] = set()
    for name in columns:
        if not name:
            errors.append(CellError(header_number, None, "A column has no heading."))
        elif name in seen:
            errors.append(CellError(header_number, name, "appears twice in the header"))
        seen.add(name)
    missing = [c for c in required if c not in seen]
    if missing:
        errors.append(CellError(header_number, None,
                                f"Missing column{'s' if len(missing) > 1 else ''}: "
                                f"{', '.join(missing)}. Found: {', '.join(columns) or 'none'}."))
    unknown = [c for c in columns if c and c not in known]
    if unknown:
        errors.append(CellError(header_number, None,
                                f"Unknown column{'s' if len(unknown) > 1 else ''}: "
                                f"{', '.join(unknown)}. Expected: "
                                f"{', '.join(known_order(required, optional))}."))
    rows: list[Row] = []
    for number, cells in grid[1:]:
        extra = cells[len(columns):]
        if any(c.strip() for c in extra):
            errors.append(CellError(number, None, f"has {len(cells)} cells but the header has "
                                    f"{len(columns)} columns"))
            continue
        values = {
            name: (cells[i].strip() if i < len(cells) else "")
            for i, name in enumerate(columns) if name
        }
        rows.append(Row(number=number, values=values))
    if errors:
        raise TableError(errors)
    return Table(columns=[c for c in columns if c], rows=rows)


def known_order(required: Sequence[str], optional: Sequence[str]) -> list[str]:
    return [*required, *[c for c in optional if c not in required]]


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_date(value: str) -> dt.date:
    """A date written YYYY-MM-DD or DD/MM/YYYY."""
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY")


def parse_decimal(value: str) -> Decimal:
    """A number such as 650, 650.50, £650 or 1,200."""
    text = value.strip().replace("£", "").replace(",", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not text:
        raise ValueError(f"'{value}' is not a number")
    return number


def neutralise_formula(value: object) -> object:
    """Prefix a quote to text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_formula(_csv_value(row.get(c))) for c in columns])
    return out.getvalue()


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_xlsx(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, sheet_title: str = "Export"
) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append([neutralise_formula(row.get(c)) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
