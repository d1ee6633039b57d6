"""Reading spend files: every kind of error named by row and column, the UK amounts read as
pounds, dates, attendees, lengths, duplicates; and the suggested column mapping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cadre.core.tabular import TableError
from cadre.learning.spend_columns import check_mapping, missing_required, suggest_mapping
from cadre.learning.spend_reading import (
    Limits,
    financial_year,
    parse_amount,
    parse_spend_date,
    read_spend,
)

LIMITS = Limits(max_amount=Decimal(100_000_000), max_attendees=100_000)
TODAY = dt.date(2026, 12, 5)
HEADERS = ["Invoice Date", "Vendor", "Item Description", "Net Amount", "Delegates",
           "PO Number", "Cost Centre"]
MAPPING = {"Invoice Date": "date", "Vendor": "supplier", "Item Description": "description",
           "Net Amount": "amount", "Delegates": "attendees", "PO Number": "purchase_order",
           "Cost Centre": "cost_centre"}


def grid(*rows: list[str]) -> list[tuple[int, list[str]]]:
    return [(1, HEADERS), *((n, r) for n, r in enumerate(rows, start=2))]


def row(date: str = "2024-04-01", supplier: str = "Acme", description: str = "Course",
        amount: str = "100", attendees: str = "1", po: str = "PO1", cc: str = "CC1") -> list[str]:
    return [date, supplier, description, amount, attendees, po, cc]


def errors_of(*rows: list[str]) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(TableError) as caught:
        read_spend(grid(*rows), MAPPING, limits=LIMITS, latest=TODAY)
    return [(e.row, e.column, e.message) for e in caught.value.errors]


def test_suggested_mapping_reads_finance_headers() -> None:
    assert suggest_mapping(HEADERS) == MAPPING
    assert suggest_mapping(["Transaction date", "Payee", "Value (£)", "Qty", "Notes"]) == {
        "Transaction date": "date", "Payee": "supplier", "Value (£)": "amount",
        "Qty": "attendees", "Notes": ""}
    assert missing_required({"A": "date"}) == ["supplier", "amount"]
    assert check_mapping({"A": "amount", "B": "amount", "C": "colour"}) == [
        "'C' is mapped to 'colour', which is not a spend field",
        "'A', 'B' are all mapped to amount (£); choose one"]


@pytest.mark.parametrize(("text", "pounds"), [
    ("1234", "1234"), ("1234.5", "1234.50"), ("-1234.50", "-1234.50"),
    ("£1,234.50", "1234.50"), ("1,234.50", "1234.50"), ("£ 1,234,567.89", "1234567.89"),
    ("-£12", "-12"), ("£-12", "-12"), ("GBP 1,234.50", "1234.50"), ("1234.50 GBP", "1234.50"),
    ("1234.5600000001", "1234.56"),
])
def test_uk_amounts_are_pounds(text: str, pounds: str) -> None:
    assert parse_amount(text, max_amount=LIMITS.max_amount) == Decimal(pounds)


@pytest.mark.parametrize(("text", "says"), [
    ("€12.00", "not in pounds"), ("$12", "not in pounds"), ("12 EUR", "not in pounds"),
    ("USD 5", "not in pounds"), ("1.234,50", "decimal comma"), ("12,34", "decimal comma"),
    ("1,23", "decimal comma"), ("12.345", "more than two decimal places"),
    ("twelve", "not an amount"), ("12,3456", "not an amount"), ("--5", "not an amount"),
    ("100000000.01", "more than £100,000,000"),
])
def test_other_amounts_are_refused(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_amount(text, max_amount=LIMITS.max_amount)


@pytest.mark.parametrize(("text", "day"), [
    ("2024-04-01", dt.date(2024, 4, 1)), ("1/4/2024", dt.date(2024, 4, 1)),
    ("01/04/2024", dt.date(2024, 4, 1)), ("45383", dt.date(2024, 4, 1)),
    ("45383.0", dt.date(2024, 4, 1)), ("2024-04-01 00:00:00", dt.date(2024, 4, 1)),
])
def test_dates(text: str, day: dt.date) -> None:
    assert parse_spend_date(text, latest=TODAY) == day


@pytest.mark.parametrize(("text", "says"), [
    ("31/02/2024", "not a real date"), ("04/01/24", "not a date"), ("April 2024", "not a date"),
    ("1999-12-31", "outside"), ("2030-01-01", "outside"), ("12345", "not a date"),
])
def test_bad_dates(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_spend_date(text, latest=TODAY)


def test_financial_year_starts_in_april() -> None:
    assert financial_year(dt.date(2024, 3, 31)) == 2023
    assert financial_year(dt.date(2024, 4, 1)) == 2024


def test_every_error_kind_is_named_by_row_and_column() -> None:
    errors = errors_of(
        row(),                                    # 2: fine
        row(date="31/02/2024"),                   # 3
        row(date=""),                             # 4
        row(supplier=""),                         # 5
        row(supplier="S" * 201),                  # 6
        row(amount="€100"),                       # 7
        row(amount="1.234,50"),                   # 8
        row(amount=""),                           # 9
        row(attendees="2.5"),                     # 10
        row(attendees="-1"),                      # 11
        row(attendees="100001"),                  # 12
        row(description="D" * 501),               # 13
        row(po="P" * 51),                         # 14
        row(cc="C" * 51),                         # 15
        [*row(), "extra"],                        # 16
        row(date="x", amount="$5"),               # 17: two errors on one row
    )
    assert [(r, c) for r, c, _ in errors] == [
        (3, "Invoice Date"), (4, "Invoice Date"), (5, "Vendor"), (6, "Vendor"),
        (7, "Net Amount"), (8, "Net Amount"), (9, "Net Amount"), (10, "Delegates"),
        (11, "Delegates"), (12, "Delegates"), (13, "Item Description"), (14, "PO Number"),
        (15, "Cost Centre"), (16, None), (17, "Invoice Date"), (17, "Net Amount")]
    messages = dict(((r, c), m) for r, c, m in errors)
    assert "not in pounds" in messages[(7, "Net Amount")]
    assert "201 characters; the most is 200" in messages[(6, "Vendor")]
    assert "has 8 cells" in messages[(16, None)]


def test_mapping_problems_are_errors_before_any_row() -> None:
    with pytest.raises(TableError) as caught:
        read_spend(grid(row()), {"Invoice Date": "date"}, limits=LIMITS, latest=TODAY)
    messages = [e.message for e in caught.value.errors]
    assert any("supplier (supplier), which is required" in m for m in messages)
    assert any("amount (£) (amount), which is required" in m for m in messages)


def test_rows_are_read_and_duplicates_found() -> None:
    read = read_spend(grid(
        row(amount="£1,200.00", attendees="4"),
        row(date="01/04/2024", supplier="ACME LTD", amount="1200", attendees="4"),
        row(date="2025-03-31", attendees=""),
        ["", "", "", "", "", "", ""],
        row(attendees="0", description="COURSE", amount="1,200"),
    ), MAPPING, limits=LIMITS, latest=TODAY)
    assert read.rows == [2, 3, 4, 6]
    assert read.amounts[0] == Decimal("1200.00")
    assert read.unit_prices == [Decimal("300.00"), Decimal("300.00"), None, None]
    assert read.attendees == [4, 4, None, 0]
    assert read.years == [2024, 2024, 2024, 2024]
    # Row 3 repeats row 2 (the supplier's legal form and case do not matter); row 6 only
    # differs from row 2 by its attendees and description case, which are the same line.
    assert read.duplicates == [(3, 2), (6, 2)]
    assert read.total == Decimal("3700")


def test_blank_attendees_give_no_unit_price() -> None:
    read = read_spend(grid(row(attendees="")), MAPPING, limits=LIMITS, latest=TODAY)
    assert read.attendees == [None] and read.unit_prices == [None]


def test_too_many_lines_is_an_error() -> None:
    small = Limits(max_amount=LIMITS.max_amount, max_attendees=10, max_rows=2)
    with pytest.raises(TableError, match="more than 2 lines"):
        read_spend(grid(row(), row(), row()), MAPPING, limits=small, latest=TODAY)


def test_empty_files() -> None:
    with pytest.raises(TableError, match="empty"):
        read_spend([(1, ["", ""])], MAPPING, limits=LIMITS, latest=TODAY)
    with pytest.raises(TableError, match="no spend lines"):
        read_spend(grid(), MAPPING, limits=LIMITS, latest=TODAY)
