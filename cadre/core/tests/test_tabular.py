"""Reading and writing spreadsheets: encodings, shapes and errors (no Django needed)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from cadre.core.tabular import (
    TableError,
    neutralise_formula,
    parse_date,
    parse_decimal,
    read_table,
    write_csv,
    write_xlsx,
)

REQ = ("staff_number", "name")


def _read(data: bytes, **kwargs):  # noqa: ANN003, ANN202
    return read_table(data, filename="f.csv", required=REQ, optional=("note",), **kwargs)


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_and_without_bom(prefix: bytes) -> None:
    table = _read(prefix + "Staff Number,Name\n1,Zoë\n".encode())
    assert table.columns == ["staff_number", "name"]
    assert table.rows[0].values == {"staff_number": "1", "name": "Zoë"}


def test_windows_1252_crlf_and_multiline_cells() -> None:
    data = 'staff_number,name,note\r\n1,Zoë,"£5\r\nsecond line"\r\n2,Al,\r\n'.encode("cp1252")
    table = _read(data)
    assert table.rows[0].values["name"] == "Zoë"
    assert table.rows[0].values["note"] == "£5\r\nsecond line"
    assert [r.number for r in table.rows] == [2, 3]


def test_semicolons_and_blank_rows_keep_spreadsheet_row_numbers() -> None:
    table = _read(b"staff_number;name\n\n1;Ann\n;\n2;Ben\n")
    assert [(r.number, r.values["name"]) for r in table.rows] == [(3, "Ann"), (5, "Ben")]


def test_every_header_problem_is_reported_together() -> None:
    with pytest.raises(TableError) as caught:
        _read(b"staff_number,surname,surname,extra\n1,a,b,c\n")
    text = str(caught.value)
    assert "Missing column: name" in text
    assert "'surname': appears twice" in text
    assert "Unknown columns: surname, surname, extra" in text


def test_aliases_and_too_many_cells() -> None:
    table = read_table(b"Employee ID,Name\n1,Ann\n", filename="f.csv", required=REQ,
                       aliases={"employee_id": "staff_number"})
    assert table.rows[0].values["staff_number"] == "1"
    with pytest.raises(TableError, match="Row 2: has 3 cells"):
        _read(b"staff_number,name\n1,Ann,extra\n")


def test_empty_too_large_and_old_excel() -> None:
    with pytest.raises(TableError, match="empty"):
        _read(b"  \n")
    with pytest.raises(TableError, match="larger than"):
        _read(b"staff_number,name\n" + b"1,a\n" * 100, max_bytes=50)
    with pytest.raises(TableError, match=r"\.xls"):
        _read(b"\xd0\xcf\x11\xe0" + b"\0" * 100)


def test_xlsx_round_trip_with_dates_and_numbers() -> None:
    data = write_xlsx(["staff_number", "name", "note"],
                      [{"staff_number": 7, "name": "Ann", "note": dt.date(2024, 3, 1)}])
    table = _read(data)
    assert table.rows[0].values == {"staff_number": "7", "name": "Ann", "note": "2024-03-01"}


def _workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_two_data_sheets_or_merged_headers_is_refused() -> None:
    book = Workbook()
    book.active.append(["staff_number", "name"])
    book.create_sheet("Other").append(["x"])
    with pytest.raises(TableError, match="2 sheets"):
        _read(_workbook_bytes(book))
    book = Workbook()
    book.active.append(["staff_number", "name", ""])
    book.active.merge_cells("B1:C1")
    with pytest.raises(TableError, match="merged"):
        _read(_workbook_bytes(book))


def test_parse_date_and_decimal() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("1/2/2024") == dt.date(2024, 2, 1)
    for bad in ("2024-13-01", "31/02/2024", "yesterday"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_date(bad)
    assert parse_decimal("£1,200.50") == Decimal("1200.50")
    with pytest.raises(ValueError):
        parse_decimal("lots")


@pytest.mark.parametrize("value", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value: str) -> None:
    import csv

    assert neutralise_formula(value) == "'" + value
    written = list(csv.reader(io.StringIO(write_csv(["a"], [{"a": value}]), newline="")))
    assert written[1] == ["'" + value]


def test_plain_values_are_left_alone() -> None:
    assert neutralise_formula("Ann") == "Ann" and neutralise_formula(-2) == -2
