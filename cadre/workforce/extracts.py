"""Checking an HR extract, through its column mapping, before anything is written.

The file is read once; its header row is mapped onto Cadre's fields
(``columns.py``); every row is then checked by the people import's rules
(``plan_people_import``: names, emails, grades, dates, units, managers, loops,
duplicates, lengths) plus the checks only an extract needs (every line manager
in the same file, day rates, annual pay, suppliers). Every problem is collected and raised
together as ``TableError``; columns are named as the FILE names them, so the
user can find them. The write is ``services.import_extract``.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from cadre.core import tabular
from cadre.core.tabular import CellError, Row, Table, TableError, parse_decimal
from cadre.organisations.models import Organisation
from cadre.people.imports import (
    PEOPLE_COLUMNS,
    PeoplePlan,
    employment_type_from,
    plan_people_import,
)
from cadre.people.models import CONTINGENT_TYPES
from cadre.workforce.columns import (
    FIELDS,
    GUESSER,
    REQUIRED_FIELDS,
    check_mapping,
)

MAX_DAY_RATE = Decimal("999999.99")
#: Annual pay is whole pounds a year, from 0 to this (docs/limits.md).
MAX_ANNUAL_PAY = Decimal("1000000")
KEY_FIELDS = ("staff_number", "first_name", "last_name")
SUPPLIER_MAX = 200


@dataclass
class ExtractFile:
    """A read extract: the file's own headers and the rows keyed by Cadre field.

    ``table`` holds only the rows to plan: a row whose fingerprint is the one stored
    for its person at the last import (``known``) is left out, and counted in
    ``skipped``. ``staff_numbers`` and ``managers`` cover every row.
    """

    headers: list[str]
    mapping: dict[str, str]
    table: Table
    #: File-level errors for required columns that are missing; rows are still checked.
    missing: list[CellError] = field(default_factory=list)
    #: Staff number of every data row, in file order.
    staff_numbers: list[str] = field(default_factory=list)
    #: (row number, line manager's staff number) of every row that names one.
    managers: list[tuple[int, str]] = field(default_factory=list)
    #: Fingerprint of each staff number's row.
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: Staff numbers of the rows left out as unchanged.
    skipped: set[str] = field(default_factory=set)

    @property
    def header_of(self) -> dict[str, str]:
        """Cadre field -> the file's header for it."""
        return {f: h for h, f in self.mapping.items() if f}


@dataclass
class ExtraValues:
    """What an extract row carries beyond the person record."""

    job_description: str | None
    day_rate: Decimal | None
    supplier: str | None
    #: Whole pounds a year (employed people); None when the file has no such column.
    annual_pay: Decimal | None = None


@dataclass
class ExtractPlan:
    organisation: Organisation
    people: PeoplePlan
    extras: list[ExtraValues]
    file: ExtractFile
    warnings: list[CellError] = field(default_factory=list)


def header_row(grid: tabular.Grid) -> tuple[int, list[str]]:
    """The first non-blank row (its number and cells, trailing blanks dropped)."""
    for number, cells in grid:
        if any(c.strip() for c in cells):
            cells = list(cells)
            while cells and not cells[-1].strip():
                cells.pop()
            return number, [c.replace("\ufeff", "").strip() for c in cells]
    return 1, []


def file_headers(data: bytes, *, filename: str, max_bytes: int | None = None) -> list[str]:
    """Just the file's headers (for the mapping step), read from its first row only."""
    return extract_headers(io.BytesIO(data), filename=filename, max_bytes=max_bytes)


def extract_headers(handle: BinaryIO, *, filename: str, max_bytes: int | None = None
                    ) -> list[str]:
    """The headers of an uploaded file, streamed: only its first non-blank row is read."""
    _number, cells = tabular.read_header_row(handle, filename=filename, max_bytes=max_bytes)
    return [c.replace("\ufeff", "").strip() for c in cells]


def row_fingerprints(grid: tabular.Grid, header_number: int, headers: list[str],
                     mapping: dict[str, str]) -> Iterator[tuple[int, list[str], str]]:
    """(row number, cells, fingerprint) of each non-blank data row.

    The fingerprint is a 128-bit BLAKE2b hash of the row's cells together with the
    header row and the mapping, so an equal fingerprint means the same values read
    through the same columns; it is computed in C on the joined cells.
    """
    signature = repr((headers, sorted(mapping.items()))).encode()
    base = hashlib.blake2b(signature, digest_size=16)
    for number, cells in grid:
        if number <= header_number:
            continue
        line = "\x1f".join(cells)
        if not line.replace("\x1f", "").strip():
            continue  # blank rows are not data
        digest = base.copy()
        digest.update(line.encode("utf-8", "surrogatepass"))
        yield number, cells, digest.hexdigest()


def resolve_mapping(headers: list[str], saved: dict[str, str] | None) -> dict[str, str]:
    """Saved choices for the headers they name, suggestions for the rest."""
    return GUESSER.resolve_mapping(headers, saved)


def read_extract(grid: tabular.Grid, *, filename: str, mapping: dict[str, str],
                 known: dict[str, str] | None = None) -> ExtractFile:
    """Read the file's cells (``tabular.read_grid``, read once by the caller) through
    ``mapping`` ({file header: field}); raise every shape problem.

    ``known`` maps staff numbers to the fingerprint their row had at the last import
    (for people nobody changed since): such rows are counted, not planned again.
    """
    number, headers = header_row(grid)
    errors = [CellError(number, None, p) for p in check_mapping(mapping)]
    for position, header in enumerate(headers, start=1):
        if not header:
            errors.append(CellError(number, None, f"column {position} has no heading"))
    repeated = sorted({h for h in headers if h and headers.count(h) > 1})
    for header in repeated:
        errors.append(CellError(number, header,
                                f"appears {headers.count(header)} times in the header"))
    used = {h: mapping.get(h, "") for h in headers if h}
    mapped = set(used.values())
    missing = [
        CellError(number, None, f"missing column: {FIELDS[name].lower()} ({name}); "
                                "no column of the file is mapped to it")
        for name in REQUIRED_FIELDS if name not in mapped
    ]
    # Without staff numbers or names the rows cannot be checked; without the
    # other required columns they can, and their problems are reported too.
    if errors or any(f not in mapped for f in KEY_FIELDS):
        raise TableError(errors + missing)
    aliases = {tabular.normalise_header(h): (used[h] or f"_ignored_{i}")
               for i, h in enumerate(headers) if h}
    ignored = [a for a in aliases.values() if a.startswith("_ignored_")]
    column_of = {f: i for i, h in enumerate(headers) if (f := used.get(h))}
    staff_at, manager_at = column_of["staff_number"], column_of.get("line_manager_staff_number")
    known = known or {}
    staff_numbers: list[str] = []
    managers: list[tuple[int, str]] = []
    fingerprints: dict[str, str] = {}
    rows = []
    for row_number, cells, fingerprint in row_fingerprints(grid, number, headers, used):
        staff = cells[staff_at].strip() if staff_at < len(cells) else ""
        staff_numbers.append(staff)
        if manager_at is not None and manager_at < len(cells) and cells[manager_at].strip():
            managers.append((row_number, cells[manager_at].strip()))
        rows.append((row_number, cells, staff, fingerprint))
        fingerprints[staff] = fingerprint
    # A staff number on several rows is planned on each, so the plan reports it.
    repeated_staff = {s for s, c in Counter(staff_numbers).items() if c > 1}
    skipped = {staff for _n, _c, staff, fingerprint in rows
               if known.get(staff) == fingerprint and staff not in repeated_staff}
    to_plan = [(n, cells) for n, cells, staff, _f in rows if staff not in skipped]
    try:
        table = tabular.table_from_grid(
            [(number, grid_header(grid, number)), *to_plan], filename=filename,
            required=KEY_FIELDS,
            optional=[*FIELDS, *ignored], aliases=aliases,
        )
    except TableError as exc:
        header_of = {f: h for h, f in used.items() if f}
        raise TableError(missing + _in_file_terms(exc.errors, header_of)) from exc
    table.columns = [c for c in table.columns if c in FIELDS]
    return ExtractFile(headers=[h for h in headers if h], mapping=used, table=table,
                       missing=missing, staff_numbers=staff_numbers, managers=managers,
                       fingerprints=fingerprints, skipped=skipped)


def grid_header(grid: tabular.Grid, number: int) -> list[str]:
    """The raw cells of row ``number`` of the grid (the header row)."""
    return next(cells for n, cells in grid if n == number)


def _in_file_terms(errors: list[CellError], header_of: dict[str, str]) -> list[CellError]:
    return [CellError(e.row, header_of.get(e.column or "", e.column), e.message) for e in errors]


def plan_extract(extract: ExtractFile, organisation: Organisation) -> ExtractPlan:
    """Validate every row; raise ``TableError`` with every problem, or return the plan.

    A day rate given for someone who is not a contractor, consultant or interim
    is an error, and so is an annual pay given for someone who is; a contingent worker
    without a day rate or supplier is a warning.
    """
    header_of = extract.header_of
    people_table = Table(
        columns=[c for c in extract.table.columns if c in PEOPLE_COLUMNS],
        rows=extract.table.rows,
    )
    errors: list[CellError] = list(extract.missing)
    people: PeoplePlan | None = PeoplePlan(organisation=organisation)
    if people_table.rows:  # nothing to plan when every row is unchanged
        try:
            people = plan_people_import(people_table, organisation,
                                        part=bool(extract.skipped))
        except TableError as exc:
            errors.extend(exc.errors)
    extras, warnings, extra_errors = _check_extras(extract.table.rows, extract.table.columns)
    errors.extend(extra_errors)
    flagged = {(e.row, e.column) for e in errors}
    errors.extend(e for e in _check_managers_in_file(extract)
                  if (e.row, e.column) not in flagged)
    if errors:
        errors = list(dict.fromkeys(errors))
        errors.sort(key=lambda e: (e.row or 0, e.column or ""))
        raise TableError(_in_file_terms(errors, header_of))
    assert people is not None
    return ExtractPlan(organisation=organisation, people=people, extras=extras, file=extract,
                       warnings=_in_file_terms(warnings, header_of))


def _check_extras(
    rows: list[Row], columns: list[str],
) -> tuple[list[ExtraValues], list[CellError], list[CellError]]:
    present = set(columns)
    extras: list[ExtraValues] = []
    warnings: list[CellError] = []
    errors: list[CellError] = []
    kinds: dict[str, bool] = {}
    for row in rows:
        v = row.values
        kind = v.get("employment_type", "")
        if kind not in kinds:
            kinds[kind] = employment_type_from(kind or "permanent") in CONTINGENT_TYPES
        contingent = kinds[kind]
        rate: Decimal | None = None
        text = v.get("day_rate", "").strip()
        if text:
            try:
                rate = parse_decimal(text)
            except ValueError as exc:
                errors.append(CellError(row.number, "day_rate", str(exc)))
            else:
                if rate < 0:
                    errors.append(CellError(row.number, "day_rate", f"'{text}' is negative"))
                elif rate.as_tuple().exponent < -2:  # type: ignore[operator]
                    errors.append(CellError(row.number, "day_rate",
                                            f"'{text}' has more than 2 decimal places"))
                elif rate > MAX_DAY_RATE:
                    errors.append(CellError(row.number, "day_rate", f"'{text}' is too large"))
                elif not contingent and v.get("employment_type", "").strip():
                    errors.append(CellError(
                        row.number, "day_rate",
                        "a day rate is only for contractors, consultants and interims; "
                        "leave it blank or correct the employment type"))
        pay, pay_error = _annual_pay(v.get("annual_pay", ""), contingent=contingent)
        if pay_error:
            errors.append(CellError(row.number, "annual_pay", pay_error))
        supplier = v.get("supplier", "").strip() if "supplier" in present else None
        if supplier and len(supplier) > SUPPLIER_MAX:
            errors.append(CellError(row.number, "supplier",
                                    f"is longer than {SUPPLIER_MAX} characters"))
        if contingent:
            for name, value in (("day_rate", rate), ("supplier", supplier)):
                if not value:
                    warnings.append(CellError(row.number, name,
                                              "is blank for a contingent worker"))
        extras.append(ExtraValues(
            job_description=(v.get("job_description", "").strip()
                             if "job_description" in present else None),
            day_rate=rate if "day_rate" in present else None,
            supplier=supplier,
            annual_pay=pay if "annual_pay" in present else None,
        ))
    return extras, warnings, errors


def _annual_pay(value: str, *, contingent: bool) -> tuple[Decimal | None, str]:
    """An annual pay cell as (whole pounds, "") or (None, the problem); blank is (None, "").

    Whole pounds from 0 to ``MAX_ANNUAL_PAY``: pence other than .00 are refused, never
    rounded away. Contractors, consultants and interims have a day rate instead.
    """
    text = value.strip()
    if not text:
        return None, ""
    try:
        pay = parse_decimal(text)
    except ValueError as exc:
        return None, str(exc)
    if pay < 0:
        return None, f"'{text}' is negative; give whole pounds a year from 0 to 1,000,000"
    if pay != pay.to_integral_value():
        return None, f"'{text}' has pence; give whole pounds a year (for example 52000)"
    if pay > MAX_ANNUAL_PAY:
        return None, (f"'{text}' is more than 1,000,000; give whole pounds a year, "
                      "not pence or a total over several years")
    if contingent:
        return None, ("annual pay is only for employed people; a contractor, consultant "
                      "or interim has a day rate instead: leave it blank or correct the "
                      "employment type")
    return pay.quantize(Decimal(1)), ""


def _check_managers_in_file(extract: ExtractFile) -> list[CellError]:
    """An extract is the whole organisation: every line manager must be in it too.

    Managers found nowhere are reported by the people checks; this adds those
    who exist in Cadre but are missing from the file (they would become leavers).
    Every row is checked, planned or not.
    """
    in_file = set(extract.staff_numbers)
    return [CellError(number, "line_manager_staff_number",
                      f"line manager '{manager}' is not in this extract")
            for number, manager in extract.managers if manager not in in_file]
