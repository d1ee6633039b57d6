"""Reading a learning spend file through its column mapping, every row checked before
anything is written (issue 17 point 3). Plain Python with no Django imports.

Values are read as a UK finance system writes them:

- dates: ``YYYY-MM-DD`` (a time after it is ignored), ``DD/MM/YYYY`` (day first, as in
  the UK), or a spreadsheet's day number (days since 30 December 1899, as Excel and
  LibreOffice store dates);
- amounts in pounds: ``1234.5``, ``-1234.50``, ``£1,234.50``, ``1,234.50``, ``GBP 1,234.50``
  (commas only between groups of three digits, at most two decimal places). Another
  currency (``€``, ``$``, ``EUR``...), a decimal comma (``12,34``, ``1.234,50``) or any
  other text is an error naming the row and column;
- attendees: a whole number from 0 to ``MAX_ATTENDEES``, or blank.

Errors stop the import: ``read_spend`` raises ``TableError`` listing every bad row and
column. Possible duplicates (a line equal to an earlier line of the same file in date,
supplier, amount, purchase order and description) are not errors; they are returned
for the import to list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cadre.core.tabular import CellError, TableError
from cadre.learning.spend_columns import FIELDS, REQUIRED_FIELDS, check_mapping
from cadre.learning.spend_matching import normalise_description, normalise_name

PENNY = Decimal("0.01")
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Day numbers taken as spreadsheet dates: 1 January 1990 to 31 December 2099.
FIRST_SERIAL = (dt.date(1990, 1, 1) - EXCEL_EPOCH).days
LAST_SERIAL = (dt.date(2099, 12, 31) - EXCEL_EPOCH).days
#: The earliest spend date accepted (docs/limits.md).
EARLIEST_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Limits:
    """Limits of one line (the model's, passed in by the service; docs/limits.md)."""

    max_amount: Decimal
    max_attendees: int
    supplier: int = 200
    description: int = 500
    purchase_order: int = 50
    cost_centre: int = 50
    max_rows: int = 1_000_000


@dataclass
class SpendRows:
    """The checked rows, column by column (one entry per data row, in file order)."""

    rows: list[int] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)
    supplier_keys: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    description_keys: list[str] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)
    attendees: list[int | None] = field(default_factory=list)
    unit_prices: list[Decimal | None] = field(default_factory=list)
    purchase_orders: list[str] = field(default_factory=list)
    cost_centres: list[str] = field(default_factory=list)
    #: (row, earlier row of the same file it repeats).
    duplicates: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))


def financial_year(day: dt.date) -> int:
    """The UK financial year a day falls in, named by its first calendar year (April 2024
    to March 2025 is 2024)."""
    return day.year if day.month >= 4 else day.year - 1


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SERIAL = re.compile(r"(\d{5})(?:\.0+)?")


def parse_spend_date(text: str, *, latest: dt.date) -> dt.date:
    """A date (see the module); ``ValueError`` with a message saying what to write."""
    day: dt.date | None = None
    try:
        if match := _ISO.fullmatch(text):
            year, month, date = (int(g) for g in match.groups())
            day = dt.date(year, month, date)
        elif match := _UK.fullmatch(text):
            date, month, year = (int(g) for g in match.groups())
            day = dt.date(year, month, date)
        elif (match := _SERIAL.fullmatch(text)) and FIRST_SERIAL <= int(match[1]) <= LAST_SERIAL:
            day = EXCEL_EPOCH + dt.timedelta(days=int(match[1]))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    if day is None:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY")
    if day < EARLIEST_DATE or day > latest:
        raise ValueError(f"{day:%d/%m/%Y} is outside {EARLIEST_DATE:%d/%m/%Y} to "
                         f"{latest:%d/%m/%Y}")
    return day


_POUNDS = re.compile(r"(-?)(?:£|GBP)?(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:GBP)?")
_OTHER_CURRENCY = re.compile(r"[€$¥₹]|EUR|USD|CHF|JPY|AUD|CAD|US\$", re.IGNORECASE)


def parse_amount(text: str, *, max_amount: Decimal) -> Decimal:
    """An amount in pounds (see the module); ``ValueError`` saying what is wrong."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if _OTHER_CURRENCY.search(compact):
        raise ValueError(f"'{text}' is not in pounds; give amounts in pounds only")
    match = _POUNDS.fullmatch(compact.upper() if "gbp" in compact.lower() else compact)
    if not match or (match[1] and match[2]):
        if re.fullmatch(r"-?£?-?\d[\d.]*,\d{1,2}", compact):
            raise ValueError(f"'{text}' has a decimal comma; write pounds and pence with a "
                             "point, like 1,234.50")
        raise ValueError(f"'{text}' is not an amount; write it like 1234.50 or £1,234.50")
    pence = match[4] or ""
    amount = Decimal(f"{'-' if match[1] or match[2] else ''}{match[3].replace(',', '')}"
                     f".{pence or '0'}")
    if len(pence) > 2:
        rounded = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
        if abs(amount - rounded) > Decimal("0.000001"):  # not a spreadsheet's float noise
            raise ValueError(f"'{text}' has more than two decimal places")
        amount = rounded
    if abs(amount) > max_amount:
        raise ValueError(f"'{text}' is more than £{max_amount:,} either way, the most one "
                         "line may be")
    return amount


_WHOLE = re.compile(r"\d+(?:\.0+)?")


def parse_attendees(text: str, *, max_attendees: int) -> int:
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"'{text}' is not a whole number of attendees")
    number = int(text.split(".")[0])
    if number > max_attendees:
        raise ValueError(f"{number:,} is more than {max_attendees:,} attendees")
    return number


def mapping_errors(headers: Sequence[str], mapping: dict[str, str], header_row: int
                   ) -> list[CellError]:
    """Problems with the headers and the mapping, before any row is read."""
    errors = [CellError(header_row, None, problem) for problem in check_mapping(mapping)]
    seen: set[str] = set()
    for header in headers:
        if header and header in seen and mapping.get(header):
            errors.append(CellError(header_row, header, "appears more than once in the "
                                    "header, so the mapping cannot tell which to read"))
        seen.add(header)
    mapped = {f for h, f in mapping.items() if f and h in seen}
    for name in REQUIRED_FIELDS:
        if name not in mapped:
            errors.append(CellError(header_row, None, f"no column is mapped to "
                                    f"{FIELDS[name].lower()} ({name}), which is required"))
    return errors


def _header_row(rows: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    """(row number, headers) of the first non-blank row; the iterator is left after it."""
    for number, cells in rows:
        if any(c.strip() for c in cells):
            cells = [c.replace("\ufeff", "").strip() for c in cells]
            while cells and not cells[-1]:
                cells.pop()
            return number, cells
    raise TableError([CellError(None, None, "The file is empty.")])


def read_spend(grid: Iterable[tuple[int, list[str]]], mapping: dict[str, str], *,
               limits: Limits, latest: dt.date) -> SpendRows:
    """Every data row of ``grid`` ((row number, cells) from the header row on, streamed
    or a list) checked and normalised; ``TableError`` listing every problem (row and the
    file's own column name) if any row is bad."""
    rows_in = iter(grid)
    header_number, headers = _header_row(rows_in)
    errors = mapping_errors(headers, mapping, header_number)
    if errors:
        raise TableError(errors)
    position = {mapping[h]: i for i, h in enumerate(headers) if mapping.get(h)}
    label = {f: headers[i] for f, i in position.items()}
    width = len(headers)
    get = {name: position.get(name) for name in FIELDS}

    out = SpendRows()
    seen: dict[tuple, int] = {}
    date_cache: dict[str, dt.date | str] = {}
    amount_cache: dict[str, Decimal | str] = {}
    key_cache: dict[str, str] = {}
    desc_cache: dict[str, str] = {}
    i_date, i_supplier, i_amount = get["date"], get["supplier"], get["amount"]
    i_desc, i_att, i_po, i_cc = (get["description"], get["attendees"],
                                 get["purchase_order"], get["cost_centre"])
    rows = 0

    attendee_cache: dict[str, int | str] = {}
    year_of: dict[dt.date, int] = {}
    max_supplier, max_desc = limits.supplier, limits.description
    max_po, max_cc = limits.purchase_order, limits.cost_centre
    add_row, add_date, add_year = out.rows.append, out.dates.append, out.years.append
    add_supplier, add_key = out.suppliers.append, out.supplier_keys.append
    add_desc, add_dkey = out.descriptions.append, out.description_keys.append
    add_amount, add_att, add_unit = (out.amounts.append, out.attendees.append,
                                     out.unit_prices.append)
    add_po, add_cc = out.purchase_orders.append, out.cost_centres.append
    blank = [""] * width

    for number, raw in rows_in:
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue
        rows += 1
        if rows > limits.max_rows:
            raise TableError([CellError(None, None, f"The file has more than "
                                        f"{limits.max_rows:,} lines, the most one import "
                                        "may have; split it into smaller files.")])
        if len(cells) != width:
            if len(cells) > width and any(cells[width:]):
                errors.append(CellError(number, None, f"has {len(cells)} cells but the "
                                        f"header has {width} columns"))
                continue
            cells = (cells + blank)[:width]
        problems: list[tuple[str, str]] = []

        text = cells[i_date]
        day = date_cache.get(text)
        if day is None:
            try:
                day = parse_spend_date(text, latest=latest) if text else "is blank; give the date"
            except ValueError as exc:
                day = str(exc)
            date_cache[text] = day
            if not isinstance(day, str):
                year_of[day] = day.year if day.month >= 4 else day.year - 1
        if day.__class__ is str:
            problems.append(("date", day))

        supplier = cells[i_supplier]
        if not supplier:
            problems.append(("supplier", "is blank; give the supplier's name"))
        elif len(supplier) > max_supplier:
            problems.append(("supplier", f"is {len(supplier)} characters; the most is "
                                         f"{max_supplier}"))

        text = cells[i_amount]
        amount = amount_cache.get(text)
        if amount is None:
            try:
                amount = (parse_amount(text, max_amount=limits.max_amount) if text
                          else "is blank; give the amount in pounds")
            except ValueError as exc:
                amount = str(exc)
            amount_cache[text] = amount
        if amount.__class__ is str:
            problems.append(("amount", amount))

        attendees = None
        if i_att is not None and (text := cells[i_att]):
            attendees = attendee_cache.get(text)
            if attendees is None:
                try:
                    attendees = parse_attendees(text, max_attendees=limits.max_attendees)
                except ValueError as exc:
                    attendees = str(exc)
                attendee_cache[text] = attendees
            if attendees.__class__ is str:
                problems.append(("attendees", attendees))

        description = cells[i_desc] if i_desc is not None else ""
        po = cells[i_po] if i_po is not None else ""
        cc = cells[i_cc] if i_cc is not None else ""
        if len(description) > max_desc:
            problems.append(("description", f"is {len(description)} characters; the most "
                                            f"is {max_desc}"))
        if len(po) > max_po:
            problems.append(("purchase_order", f"is {len(po)} characters; the most is "
                                               f"{max_po}"))
        if len(cc) > max_cc:
            problems.append(("cost_centre", f"is {len(cc)} characters; the most is {max_cc}"))
        if problems:
            errors.extend(CellError(number, label[name], message) for name, message in problems)
            continue

        key = key_cache.get(supplier)
        if key is None:
            key = key_cache[supplier] = normalise_name(supplier) or supplier.lower()
        dkey = desc_cache.get(description)
        if dkey is None:
            dkey = desc_cache[description] = normalise_description(description)
        same = (day, key, amount, po, dkey)
        earlier = seen.get(same)
        if earlier is None:
            seen[same] = number
        else:
            out.duplicates.append((number, earlier))
        add_row(number)
        add_date(day)
        add_year(year_of[day])
        add_supplier(supplier)
        add_key(key)
        add_desc(description)
        add_dkey(dkey)
        add_amount(amount)
        add_att(attendees)
        add_unit((amount / attendees).quantize(PENNY, rounding=ROUND_HALF_UP)
                 if attendees else None)
        add_po(po)
        add_cc(cc)
    if errors:
        raise TableError(errors)
    if not out.rows:
        raise TableError([CellError(None, None, "The file has no spend lines under its "
                                    "header row.")])
    return out


__all__ = ["EARLIEST_DATE", "Limits", "SpendRows", "financial_year", "mapping_errors",
           "parse_amount", "parse_attendees", "parse_spend_date", "read_spend"]
