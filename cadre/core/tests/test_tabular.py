"""Reading and writing spreadsheets: encodings, shapes and errors (no Django needed)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from cadre.core.tabular import (
    CellError,
    Table,
    TableError,
    neutralise_formula,
    parse_date,
    parse_decimal,
    read_table,
    write_csv,
    write_xlsx,
)

REQ = ("staff_number", "name")


def _read(data: bytes, **kwargs: object) -> Table:
    return read_table(data, filename="f.csv", required=REQ, optional=("note",),
                      **kwargs)  # type: ignore[arg-type]


def _messages(data: bytes, **kwargs: object) -> list[str]:
    with pytest.raises(TableError) as caught:
        _read(data, **kwargs)
    return [str(e) for e in caught.value.errors]


def _workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cell_error_and_table_error_text() -> None:
    error = CellError(4, "grade", "unknown grade 'G9'")
    assert str(error) == "Row 4, column 'grade': unknown grade 'G9'"
    assert str(CellError(None, None, "The file is empty.")) == "The file is empty."
    both = TableError([error, CellError(5, None, "too short")])
    assert str(both) == "Row 4, column 'grade': unknown grade 'G9'\nRow 5: too short"
    assert len(both.errors) == 2


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom(prefix: bytes) -> None:
    table = _read(prefix + "Staff Number,Name\n1,Zoë\n".encode())
    assert table.columns == ["staff_number", "name"]
    assert table.rows[0].values == {"staff_number": "1", "name": "Zoë"}


def test_windows_1252_crlf_and_multiline_cells() -> None:
    data = 'staff_number,name,note\r\n1,Zoë,"£5\r\nsecond line"\r\n2, Al ,\r\n'.encode("cp1252")
    table = _read(data)
    assert table.rows[0].values["name"] == "Zoë"
    assert table.rows[0].values["note"] == "£5\r\nsecond line"
    assert table.rows[1].values == {"staff_number": "2", "name": "Al", "note": ""}
    # The quoted cell spans two lines but is one spreadsheet row.
    assert [r.number for r in table.rows] == [2, 3]


def test_semicolons_and_tabs() -> None:
    assert _read(b"staff_number;name\n1;Ann, Jr\n").rows[0].values["name"] == "Ann, Jr"
    assert _read(b"staff_number\tname\n1\tAnn\n").rows[0].values["name"] == "Ann"


def test_blank_rows_are_skipped_and_row_numbers_kept() -> None:
    table = _read(b"staff_number,name\n\n1,Ann\n,\n2,Ben\n")
    assert [(r.number, r.values["name"]) for r in table.rows] == [(3, "Ann"), (5, "Ben")]


def test_every_header_problem_is_reported_together() -> None:
    messages = _messages(b"staff_number,surname,surname,extra\n1,a,b,c\n")
    assert len(messages) == 3
    text = "\n".join(messages)
    assert "Row 1, column 'surname': appears 2 times" in text
    assert "missing column: name (columns found: staff_number, surname, surname, extra)" in text
    assert "unknown columns: surname, extra (expected: staff_number, name, note)" in text


def test_aliases_map_other_headings_to_canonical_names() -> None:
    table = read_table(b"Employee ID,Full-Name\n1,Ann\n", filename="f.csv", required=REQ,
                       aliases={"employee_id": "staff_number", "Full Name": "name"})
    assert table.columns == ["staff_number", "name"]
    assert table.rows[0].values == {"staff_number": "1", "name": "Ann"}


def test_too_many_cells_but_trailing_empty_cells_are_fine() -> None:
    assert _messages(b"staff_number,name\n1,Ann,extra\n2,Ben\n") == [
        "Row 2: has 3 cells but the header has 2 columns"]
    assert len(_read(b"staff_number,name,,\n1,Ann,,\n").rows) == 1


def test_empty_too_large_and_old_excel() -> None:
    for empty in (b"", b"  \n", b"\xef\xbb\xbf", b"\n,,\n"):
        assert _messages(empty) == ["f.csv is empty."]
    big = _messages(b"staff_number,name\n" + b"1,a\n" * 100, max_bytes=50)
    assert big == ["f.csv is too large: the limit is less than 0.01 MB."]
    assert "limit is 5 MB" in _messages(b"x" * (5 * 1024 * 1024 + 1), max_bytes=5 * 1024 * 1024)[0]
    (message,) = _messages(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert ".xls" in message and "CSV" in message and ".xlsx" in message


def test_xlsx_round_trip_with_dates_and_numbers() -> None:
    data = write_xlsx(["staff_number", "name", "note"],
                      [{"staff_number": 7, "name": "Ann", "note": dt.date(2024, 3, 1)},
                       {"staff_number": 8.0, "name": "=cmd", "note": None}])
    table = _read(data)
    assert [r.values for r in table.rows] == [
        {"staff_number": "7", "name": "Ann", "note": "2024-03-01"},
        {"staff_number": "8", "name": "'=cmd", "note": ""},
    ]


def test_xlsx_dates_datetimes_and_decimals_become_text() -> None:
    book = Workbook()
    book.active.append(["staff_number", "name", "note"])
    book.active.append([12.0, "Ann", dt.datetime(2024, 5, 6, 14, 30)])
    book.active.append([13, "Ben", dt.date(2023, 12, 31)])
    book.active.append([14.5, "Cy", None])
    rows = [r.values for r in _read(_workbook_bytes(book)).rows]
    assert [r["note"] for r in rows] == ["2024-05-06", "2023-12-31", ""]
    assert [r["staff_number"] for r in rows] == ["12", "13", "14.5"]


def test_xlsx_with_two_data_sheets_is_refused() -> None:
    book = Workbook()
    book.active.title = "People"
    book.active.append(["staff_number", "name"])
    book.create_sheet("Other").append(["x"])
    book.create_sheet("Blank")  # an empty sheet is fine
    (message,) = _messages(_workbook_bytes(book))
    assert "2 sheets ('People', 'Other')" in message


def test_xlsx_with_only_one_data_sheet_uses_it() -> None:
    book = Workbook()
    sheet = book.create_sheet("Data")
    sheet.append(["staff_number", "name"])
    sheet.append(["1", "Ann"])
    assert _read(_workbook_bytes(book)).rows[0].values["name"] == "Ann"


def test_xlsx_merged_header_cells_are_refused() -> None:
    book = Workbook()
    book.active.append([])  # a blank first row: the header is row 2
    book.active.append(["staff_number", "name", ""])
    book.active.merge_cells("B2:C2")
    (message,) = _messages(_workbook_bytes(book))
    assert message.startswith("Row 2: the header row has merged cells: B2:C2 ('name')")


def test_a_zip_that_is_not_a_workbook() -> None:
    (message,) = _messages(b"PK\x03\x04not really a zip")
    assert "could not be read" in message


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-02-29", dt.date(2024, 2, 29)),
    ("29/02/2024", dt.date(2024, 2, 29)),
    ("1/2/2024", dt.date(2024, 2, 1)),
    (" 01/12/2024 ", dt.date(2024, 12, 1)),
])
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", ["2024-13-01", "31/02/2024", "yesterday", "1/2/24",
                                 "2024-2-1", "2024/02/01", ""])
def test_parse_date_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD or DD/MM/YYYY"):
        parse_date(bad)


@pytest.mark.parametrize(("text", "expected"), [
    ("650", "650"), ("650.50", "650.50"), ("£650", "650"), ("1,200", "1200"),
    ("£1,200.50", "1200.50"), ("-5", "-5"), ("-£5", "-5"), (" 7 ", "7"),
])
def test_parse_decimal(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["lots", "", "1,2,3", "12,00", "1e5", "NaN", "1_000", "£",
                                 "1.2.3", "$5"])
def test_parse_decimal_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(bad)


@pytest.mark.parametrize("value", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value: str) -> None:
    assert neutralise_formula(value) == "'" + value
    written = list(csv.reader(io.StringIO(write_csv(["a"], [{"a": value}]), newline="")))
    assert written == [["a"], ["'" + value]]


def test_plain_values_are_left_alone() -> None:
    for value in ("Ann", "a=b", "", -2, None, dt.date(2024, 1, 1)):
        assert neutralise_formula(value) == value


def test_write_csv_layout() -> None:
    text = write_csv(["name", "start", "missing"],
                     [{"name": "Zoë, A", "start": dt.date(2024, 1, 2)}])
    assert text == 'name,start,missing\r\n"Zoë, A",2024-01-02,\r\n'


def test_write_xlsx_keeps_dates_and_neutralises_text() -> None:
    data = write_xlsx(["name", "start"],
                      [{"name": "@evil", "start": dt.date(2024, 1, 2)}],
                      sheet_title="People: 2024/25")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "People- 2024-25"
    assert sheet["A2"].value == "'@evil"
    assert sheet["B2"].is_date
    assert sheet["B2"].value.date() == dt.date(2024, 1, 2)
