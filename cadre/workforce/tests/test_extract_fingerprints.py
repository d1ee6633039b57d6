"""Imports by row fingerprint: unchanged rows cost nothing, changed ones are written,
a bad file writes nothing, the job does what the command does, uploads read headers only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from cadre.access.models import Role
from cadre.audit.models import AuditEvent
from cadre.core import tabular
from cadre.core.tabular import TableError
from cadre.jobs.models import Job
from cadre.people.models import Person
from cadre.workforce import extracts, services
from cadre.workforce.models import Extract, ExtractChange, ExtractRecord, WorkforceRecord
from cadre.workforce.services import import_extract
from cadre.workforce.tests.extract_data import corrected, edited, make_grades, messy

pytestmark = pytest.mark.django_db

DAY1, DAY2, DAY3 = dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def grades() -> None:
    make_grades()


def _import(org, data: bytes, taken_on: dt.date = DAY1, **kwargs):  # noqa: ANN001, ANN202
    return import_extract(actor=None, organisation=org, data=data, filename="hr.csv",
                          taken_on=taken_on, **kwargs)


def _snapshot(extract: Extract) -> list[tuple]:
    return sorted(ExtractRecord.objects.filter(extract=extract).values_list(
        "staff_number", "grade_code", "job_title", "employment_type", "unit_path", "location",
        "day_rate", "supplier", "in_profession", "role_level"))


def _writes(queries: list[dict]) -> list[str]:
    return [q["sql"] for q in queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_unchanged_rows_are_skipped_before_planning(org_a, monkeypatch) -> None:  # noqa: ANN001
    _import(org_a, corrected())
    known = services.known_fingerprints(org_a)
    assert len(known) == 12
    planned: list[int] = []
    real = extracts.plan_people_import
    monkeypatch.setattr(extracts, "plan_people_import",
                        lambda table, *a, **k: planned.append(len(table.rows)) or real(
                            table, *a, **k))
    result = _import(org_a, corrected(), DAY2)
    assert (result.joiners, result.leavers, result.changed, result.unchanged) == (0, 0, 0, 12)
    assert planned == []  # nothing planned at all
    one_changed = edited(corrected(), replace={"Lead Developer": "Principal Developer"})
    result = _import(org_a, one_changed, DAY3)
    assert planned == [1] and (result.changed, result.unchanged) == (1, 11)


def test_unchanged_reimport_writes_no_person_or_record(org_a) -> None:  # noqa: ANN001
    first = _import(org_a, corrected())
    history = (Person.history.count(), WorkforceRecord.history.count())
    with CaptureQueriesContext(connection) as queries:
        again = _import(org_a, corrected(), DAY2)
    writes = _writes(queries.captured_queries)
    people_table = Person._meta.db_table
    assert not [w for w in writes if f'"{people_table}"' in w.split("SET")[0]
                and w.lstrip().upper().startswith("UPDATE")]
    assert not [w for w in writes if "classification" in w.split("(")[0]]
    assert (Person.history.count(), WorkforceRecord.history.count()) == history
    # the snapshot is complete and the same as the first one
    assert _snapshot(again.extract) == _snapshot(first.extract)
    assert not ExtractChange.objects.filter(extract=again.extract).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count() == 2


def test_changed_rows_are_updated_and_snapshotted(org_a) -> None:  # noqa: ANN001
    _import(org_a, corrected())
    second = edited(
        corrected(),
        replace={"E003,Alan,Turing,alan@example.gov.uk,G7,Lead Developer":
                 "E003,Alan,Turing,alan@example.gov.uk,G6,Principal Developer",
                 "Acme Ltd": "Acme Digital Ltd"},
        drop=("E009",))
    result = _import(org_a, second, DAY2)
    assert (result.joiners, result.leavers, result.changed, result.unchanged) == (0, 1, 2, 9)
    alan = Person.objects.get(staff_number="E003")
    assert (alan.grade.code, alan.job_title) == ("G6", "Principal Developer")
    record = ExtractRecord.objects.get(extract=result.extract, staff_number="E003")
    assert (record.grade_code, record.job_title) == ("G6", "Principal Developer")
    assert ExtractRecord.objects.filter(extract=result.extract).count() == 11
    assert Person.objects.get(staff_number="E007").workforce.supplier == "Acme Digital Ltd"
    # the leaver's fingerprint is forgotten: coming back is a joiner again
    assert Person.objects.get(staff_number="E009").workforce.fingerprint == ""
    back = _import(org_a, corrected(), DAY3)
    assert back.joiners == 1 and Person.objects.get(staff_number="E009").end_date is None


def test_a_person_edited_since_the_import_is_planned_again(org_a) -> None:  # noqa: ANN001
    _import(org_a, corrected())
    ada = Person.objects.get(staff_number="E001")
    ada.job_title = "Edited in Cadre"
    ada.save()  # a history row after the import's mark
    assert "E001" not in services.known_fingerprints(org_a)
    result = _import(org_a, corrected(), DAY2)
    assert result.changed == 1 and result.unchanged == 11
    ada.refresh_from_db()
    assert ada.job_title != "Edited in Cadre"  # the extract is the source of truth


def test_a_bad_row_writes_nothing_even_among_unchanged_rows(org_a) -> None:  # noqa: ANN001
    first = _import(org_a, corrected())
    bad = edited(corrected(), replace={"E003,Alan,Turing,alan@example.gov.uk,G7":
                                       "E003,Alan,Turing,alan@example.gov.uk,G99"})
    counts = (Person.history.count(), Extract.objects.count(), ExtractRecord.objects.count(),
              AuditEvent.objects.count())
    with pytest.raises(TableError) as exc:
        _import(org_a, bad, DAY2)
    assert [(e.row, e.message) for e in exc.value.errors] == [(4, "unknown grade 'G99'")]
    assert counts == (Person.history.count(), Extract.objects.count(),
                      ExtractRecord.objects.count(), AuditEvent.objects.count())
    assert services.known_fingerprints(org_a) == {
        s: f for s, f in WorkforceRecord.objects.values_list("person__staff_number",
                                                             "fingerprint")}
    assert Extract.objects.get() == first.extract
    # a messy file on top of an imported one: every fault still reported
    with pytest.raises(TableError):
        _import(org_a, messy(), DAY2)
    assert Extract.objects.count() == 1


def test_job_path_gives_the_command_line_result(org_a, org_b, make_account,  # noqa: ANN001
                                                web_client) -> None:
    from cadre.jobs.services import start_job
    from cadre.workforce.jobs import import_extract as extract_job
    from cadre.workforce.services import save_mapping

    data = corrected()
    headers = extracts.file_headers(data, filename="hr.csv")
    mapping = services.mapping_for(organisation=org_a, headers=headers)
    save_mapping(actor=None, organisation=org_b, name="default", columns=mapping)
    account = make_account(Role.HEAD_OF_PROFESSION, org_a)
    job = start_job(actor=account, runner=extract_job, data=data, title="Import",
                    params={"organisation_id": org_a.pk, "filename": "hr.csv",
                            "mapping": mapping, "taken_on": DAY1.isoformat()})
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED, job.error
    cli = import_extract(actor=None, organisation=org_b, data=data, filename="hr.csv",
                         mapping=mapping, taken_on=DAY1)

    def outcome(org):  # noqa: ANN001, ANN202
        extract = Extract.objects.get(organisation=org)
        return (extract.rows, extract.joiners, extract.leavers, extract.changed,
                sorted(Person.objects.filter(organisation=org).values_list(
                    "staff_number", "job_title", "grade__code", "unit__path",
                    "line_manager__staff_number")),
                _snapshot(extract))

    assert outcome(org_a) == outcome(org_b)
    assert job.result["joiners"] == cli.joiners == 12


def test_upload_reads_only_the_header_and_keeps_the_file_in_storage(  # noqa: ANN001
        org_a, make_account, web_client, monkeypatch) -> None:
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))

    def no_full_read(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the upload step must not read the whole file")

    monkeypatch.setattr(tabular, "read_grid", no_full_read)
    monkeypatch.setattr("cadre.workforce.services.read_grid", no_full_read)
    response = client.post("/workforce/extracts/upload/", {
        "organisation": org_a.pk, "taken_on": DAY1.isoformat(),
        "file": SimpleUploadedFile("hr.csv", corrected())})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.headers[:3] == ["Employee No", "Forename", "Surname"]
    token = form["token"].value()
    stored = client.session[f"import-{token}"]["stored"]
    assert default_storage.exists(stored)
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == corrected()


def test_header_row_is_streamed_from_csv_and_xlsx() -> None:
    rows = "\n\n" + "Staff,\"Name, full\",Grade\n" + "1,\"A\nB\",G7\n" * 10
    number, cells = tabular.read_header_row(io.BytesIO(rows.encode()), filename="x.csv")
    assert (number, cells) == (3, ["Staff", "Name, full", "Grade"])
    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["Staff", "Name", None])
    for i in range(50):
        sheet.append([i, f"n{i}", "G7"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    assert tabular.read_header_row(out, filename="x.xlsx")[1] == ["Staff", "Name"]
    with pytest.raises(TableError):
        tabular.read_header_row(io.BytesIO(b"\xd0\xcf\x11\xe0old"), filename="x.xls")
    with pytest.raises(TableError):
        tabular.read_header_row(io.BytesIO(b"   \n\n"), filename="x.csv")
