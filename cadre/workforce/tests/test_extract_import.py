"""HR extract import: every fault reported by row and column, nothing written until valid."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from cadre.audit.models import AuditEvent
from cadre.core.tabular import TableError
from cadre.people.models import Person
from cadre.workforce.models import (
    ColumnMapping,
    Extract,
    ExtractChange,
    ExtractRecord,
    WorkforceRecord,
)
from cadre.workforce.services import import_extract, save_mapping
from cadre.workforce.tests.extract_data import corrected, edited, make_grades, messy
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAY1 = dt.date(2026, 1, 31)
DAY2 = dt.date(2026, 2, 28)


@pytest.fixture(autouse=True)
def grades() -> None:
    make_grades()


def _import(org, data: bytes, **kwargs):  # noqa: ANN001, ANN202
    kwargs.setdefault("taken_on", DAY1)
    return import_extract(actor=None, organisation=org, data=data, filename="hr.csv", **kwargs)


def _errors(org, data: bytes, **kwargs) -> list[tuple]:  # noqa: ANN001
    with pytest.raises(TableError) as exc:
        _import(org, data, **kwargs)
    return [(e.row, e.column, e.message) for e in exc.value.errors]


MESSY_ERRORS = [
    (1, None, "missing column: job title (job_title); no column of the file is mapped to it"),
    (4, "Work Email", "'alan@' is not an email address"),
    (4, "Start Date", "'31/02/2020' is not a valid date; use YYYY-MM-DD or DD/MM/YYYY"),
    (5, "Pay Grade", "unknown grade 'G99'"),
    (6, "Employee No", "'E003' appears again (first on row 4)"),
    (7, "Manager ID", "no person with staff number 'E999' in the file or in DA"),
    (8, "Daily Rate", "'six hundred' is not a number; write it like 650, 650.50 or 1,200"),
    (8, "Manager ID", "line-management loop: E007 -> E008 -> E007"),
    (9, "Daily Rate", "'750.505' has more than 2 decimal places"),
    (9, "Manager ID", "line-management loop: E008 -> E007 -> E008"),
    (10, "Daily Rate", "a day rate is only for contractors, consultants and interims; "
                       "leave it blank or correct the employment type"),
    (11, "Daily Rate", "'-100' is negative"),
    (12, "Forename", "is empty"),
    (13, "Contract Type", "unknown employment type 'Freelance'; use one of permanent, "
                          "fixed_term, contractor, consultant, interim, apprentice, "
                          "fast_streamer, secondee"),
]


def test_messy_extract_reports_every_fault_by_row_and_file_column(org_a) -> None:  # noqa: ANN001
    assert _errors(org_a, messy()) == MESSY_ERRORS
    assert not Person.objects.exists()
    assert not Extract.objects.exists() and not ExtractRecord.objects.exists()
    assert not WorkforceRecord.objects.exists()


def test_corrected_extract_imports(org_a) -> None:  # noqa: ANN001
    result = _import(org_a, corrected())
    assert (result.rows, result.joiners, result.leavers, result.changed) == (12, 12, 0, 0)
    extract = result.extract
    assert extract.taken_on == DAY1 and extract.rows == 12
    alan = Person.objects.get(staff_number="E003")
    assert alan.start_date == dt.date(2020, 2, 28)  # dd/mm/yyyy
    assert alan.line_manager.staff_number == "E002"
    assert alan.unit.path == "Digital/Platforms" and alan.grade.code == "G7"
    assert alan.job_title == "Lead Developer"
    ken = Person.objects.get(staff_number="E010")
    assert ken.employment_type == "interim"
    assert ken.workforce.day_rate == Decimal("1100") and ken.workforce.supplier == "Gamma Ltd"
    assert ken.workforce.last_extract == extract
    ada = Person.objects.get(staff_number="E001")
    assert ada.workforce.job_description == "Leads digital"
    assert ExtractRecord.objects.filter(extract=extract).count() == 12
    record = ExtractRecord.objects.get(extract=extract, staff_number="E008")
    assert (record.grade_code, record.day_rate, record.supplier) == (
        "HEO", Decimal("750.50"), "Beta LLP")
    assert record.unit_path == "Digital" and record.location == "Remote"
    assert ExtractChange.objects.filter(extract=extract, kind="joiner").count() == 12
    event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
    assert event.data["joiners"] == 12 and event.data["file"] == "hr.csv"
    # the classifier ran and its answer is copied onto the snapshot
    assert WorkforceRecord.objects.filter(in_profession__isnull=False).exists()
    assert ExtractRecord.objects.filter(extract=extract, in_profession__isnull=False).exists()


def test_reimport_finds_joiners_leavers_and_changes(org_a) -> None:  # noqa: ANN001
    _import(org_a, corrected())
    second = edited(
        corrected(),
        replace={"E003,Alan,Turing,alan@example.gov.uk,G7,Lead Developer":
                 "E003,Alan,Turing,alan@example.gov.uk,G6,Principal Developer",
                 "Acme Ltd": "Acme Digital Ltd"},
        drop=("E009",),
        add=("E013,Hedy,Lamarr,hl@example.gov.uk,SEO,Developer,Digital,E002,Leeds,Permanent,"
             "2026-02-01,,,",),
    )
    result = _import(org_a, second, taken_on=DAY2)
    assert (result.rows, result.joiners, result.leavers, result.changed, result.unchanged) == (
        12, 1, 1, 2, 9)
    extract = result.extract
    kinds = {(c.kind, c.staff_number): c.fields for c in extract.changes.all()}
    assert set(kinds) == {("joiner", "E013"), ("leaver", "E009"), ("changed", "E003"),
                          ("changed", "E007")}
    assert kinds[("changed", "E003")] == {
        "grade": {"before": "G7", "after": "G6"},
        "job_title": {"before": "Lead Developer", "after": "Principal Developer"},
    }
    assert kinds[("changed", "E007")] == {
        "supplier": {"before": "Acme Ltd", "after": "Acme Digital Ltd"}}
    leaver = Person.objects.get(staff_number="E009")  # kept, not deleted
    assert leaver.end_date == DAY2
    assert Person.objects.get(staff_number="E007").workforce.supplier == "Acme Digital Ltd"
    assert Person.objects.get(staff_number="E001").workforce.last_extract == extract
    assert Person.objects.get(staff_number="E003").history.count() == 2  # created, changed
    assert Person.objects.get(staff_number="E005").history.count() == 1  # unchanged: no write
    # the leaver comes back: end date cleared, counted as a joiner
    third = _import(org_a, corrected(), taken_on=dt.date(2026, 3, 31))
    assert third.joiners == 2 - 1 and third.leavers == 1  # E009 back, E013 gone
    assert Person.objects.get(staff_number="E009").end_date is None
    assert Person.objects.filter(organisation=org_a).count() == 13


def test_reimporting_the_same_file_changes_nothing(org_a) -> None:  # noqa: ANN001
    _import(org_a, corrected())
    again = _import(org_a, corrected(), taken_on=DAY2)
    assert (again.joiners, again.leavers, again.changed, again.unchanged) == (0, 0, 0, 12)
    assert Extract.objects.count() == 2 and ExtractRecord.objects.count() == 24


def test_dry_run_counts_and_writes_nothing(org_a) -> None:  # noqa: ANN001
    result = _import(org_a, corrected(), dry_run=True)
    assert result.extract is None and result.joiners == 12
    assert not Person.objects.exists() and not Extract.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists()


def test_manager_in_cadre_but_missing_from_the_extract(org_a) -> None:  # noqa: ANN001
    PersonFactory(organisation=org_a, staff_number="X1")
    data = edited(corrected(), replace={"E002,Grace,Hopper,grace@example.gov.uk,G6,"
                                        "Head of Platforms,Digital/Platforms,E001":
                                        "E002,Grace,Hopper,grace@example.gov.uk,G6,"
                                        "Head of Platforms,Digital/Platforms,X1"})
    assert _errors(org_a, data) == [
        (3, "Manager ID", "line manager 'X1' is not in this extract")]


def test_windows_1252_and_bom_files_import(org_a, org_b) -> None:  # noqa: ANN001
    text = corrected().decode("utf-8").replace("Ada,Lovelace", "Zoë,Lovelace")
    _import(org_a, text.encode("cp1252"))
    assert Person.objects.get(organisation=org_a, staff_number="E001").first_name == "Zoë"
    _import(org_b, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert Person.objects.get(organisation=org_b, staff_number="E001").first_name == "Zoë"


def _workbook(sheets: int = 1, merge: bool = False) -> bytes:
    book = Workbook()
    rows = [line.split(",") for line in corrected().decode().splitlines()[:3]]
    for i in range(sheets):
        ws = book.active if i == 0 else book.create_sheet(f"Sheet{i + 1}")
        for row in rows:
            ws.append(row)
        if merge:
            ws.merge_cells("B1:C1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_imports_and_bad_workbooks_are_refused(org_a) -> None:  # noqa: ANN001
    assert _import(org_a, _workbook()).joiners == 2
    several = _errors(org_a, _workbook(sheets=2))
    assert several == [(None, None, "The workbook has data on 2 sheets ('Sheet', 'Sheet2'); "
                                    "delete all but one sheet and upload it again.")]
    merged = _errors(org_a, _workbook(merge=True))
    assert merged == [(1, None, "the header row has merged cells: B1:C1 ('Forename'); unmerge "
                                "them so each column has its own heading.")]
    assert Person.objects.count() == 2


def test_missing_key_column_and_duplicate_mapping(org_a) -> None:  # noqa: ANN001
    data = corrected().replace(b"Employee No,", b"Ref,", 1)
    errors = _errors(org_a, data, mapping={"Ref": "", "Forename": "first_name",
                                           "Surname": "last_name", "Pay Grade": "grade",
                                           "Position Title": "job_title",
                                           "Contract Type": "employment_type"})
    assert errors == [(1, None, "missing column: staff number (staff_number); no column of "
                                "the file is mapped to it")]
    errors = _errors(org_a, corrected(), mapping={"Employee No": "staff_number",
                                                  "Forename": "first_name",
                                                  "Surname": "first_name"})
    assert errors[0] == (1, None, "'Forename', 'Surname' are all mapped to first name; "
                                  "choose one")


def test_saved_mapping_is_used_and_named_mapping_must_exist(org_a) -> None:  # noqa: ANN001
    data = corrected().replace(b"Position Title", b"Post Held", 1)
    assert _errors(org_a, data)[0][2].startswith("missing column: job title")
    save_mapping(actor=None, organisation=org_a, name="default",
                 columns={"Post Held": "job_title", "Job Description": ""})
    result = _import(org_a, data)
    assert result.mapping["Post Held"] == "job_title"
    assert result.mapping["Job Description"] == ""  # saved as ignored
    assert result.mapping["Employee No"] == "staff_number"  # suggested
    assert Person.objects.get(staff_number="E001").workforce.job_description == ""
    assert ColumnMapping.objects.get().history.count() == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _import(org_a, data, mapping_name="nope")


def test_contingent_worker_without_rate_is_a_warning(org_a) -> None:  # noqa: ANN001
    data = edited(corrected(), replace={"600,Acme Ltd": ","})
    result = _import(org_a, data, dry_run=True)
    assert [(w.row, w.column) for w in result.warnings] == [
        (8, "Daily Rate"), (8, "Agency/Supplier")]
