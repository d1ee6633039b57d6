"""People imports: all rows valid or nothing written, with every error by row and column."""

from __future__ import annotations

import pytest

from cadre.core.tabular import TableError, read_table
from cadre.organisations.models import Unit
from cadre.people.imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from cadre.people.models import Person
from cadre.people.services import import_people
from tests.factories import GradeFactory

pytestmark = pytest.mark.django_db

HEADER = ("staff_number,first_name,last_name,email,grade,job_title,unit,"
          "line_manager_staff_number,employment_type,start_date,location\n")


def _table(text: str, encoding: str = "utf-8"):  # noqa: ANN202
    return read_table(text.encode(encoding), filename="people.csv", required=REQUIRED_COLUMNS,
                      optional=OPTIONAL_COLUMNS)


def _run(text: str, org, encoding: str = "utf-8"):  # noqa: ANN001, ANN202
    return import_people(actor=None, organisation=org, table=_table(text, encoding),
                         filename="people.csv")


@pytest.fixture(autouse=True)
def grades() -> None:
    GradeFactory(code="G7", name="Grade 7", rank=6)
    GradeFactory(code="SEO", name="Senior Executive Officer", rank=5)


GOOD = HEADER + (
    "1,Zoë,Adams,zoe@example.org,G7,Head of digital,Digital,,permanent,2020-01-31,Leeds\n"
    "2,Bob,Brown,,SEO,Developer,Digital/Platforms,1,Contractor,31/01/2021,Leeds\n"
    "3,Cat,Cole,,seo,Tester,Digital/Platforms,2,fixed-term,,\n"
)


def test_good_file_creates_people_units_and_managers(org_a) -> None:  # noqa: ANN001
    result = _run(GOOD, org_a)
    assert (result.created, result.updated) == (3, 0)
    bob = Person.objects.get(staff_number="2")
    assert bob.line_manager.staff_number == "1"
    assert bob.employment_type == "contractor"
    assert bob.start_date.isoformat() == "2021-01-31"
    assert bob.unit.path == "Digital/Platforms" and bob.unit.parent.path == "Digital"
    assert Unit.objects.filter(organisation=org_a).count() == 2
    assert Person.objects.get(staff_number="1").first_name == "Zoë"


def test_reimport_updates_and_counts_unchanged(org_a) -> None:  # noqa: ANN001
    _run(GOOD, org_a)
    result = _run(GOOD.replace("Tester", "Test lead"), org_a)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Person.objects.get(staff_number="3").job_title == "Test lead"
    assert Person.objects.get(staff_number="3").history.count() >= 2


def test_windows_1252_file_from_excel_loads(org_a) -> None:  # noqa: ANN001
    _run(GOOD.replace("\n", "\r\n"), org_a, encoding="cp1252")
    assert Person.objects.get(staff_number="1").first_name == "Zoë"


def test_utf8_bom_file_loads(org_a) -> None:  # noqa: ANN001
    _run("\ufeff" + GOOD, org_a)
    assert Person.objects.count() == 3


def test_bad_file_reports_every_problem_and_writes_nothing(org_a) -> None:  # noqa: ANN001
    bad = HEADER + (
        "1,Ann,Able,not-an-email,G9,,Digital,,permanent,2020-13-01,\n"   # row 2
        "1,Dup,Licate,,G7,,Digital,,permanent,,\n"                       # row 3
        "2,Self,Managed,,G7,,Digital,2,permanent,,\n"                    # row 4
        "3,No,Manager,,G7,,Digital,99,permanent,,\n"                     # row 5
        "4,Loop,One,,G7,,Digital,5,permanent,,\n"                        # row 6
        "5,Loop,Two,,G7,,Digital,4,permanent,,\n"                        # row 7
        "6,,Blank,,G7,,Digital//Ops,,wizard,,\n"                         # row 8
    )
    with pytest.raises(TableError) as caught:
        _run(bad, org_a)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert {
        (2, "email"), (2, "grade"), (2, "start_date"),
        (3, "staff_number"),
        (4, "line_manager_staff_number"),
        (5, "line_manager_staff_number"),
        (6, "line_manager_staff_number"), (7, "line_manager_staff_number"),
        (8, "first_name"), (8, "unit"), (8, "employment_type"),
    } <= found
    messages = " ".join(str(e) for e in caught.value.errors)
    assert "G9" in messages and "loop" in messages and "99" in messages
    assert Person.objects.count() == 0
    assert Unit.objects.count() == 0


def test_missing_columns_are_named(org_a) -> None:  # noqa: ANN001
    with pytest.raises(TableError) as caught:
        _table("staff_number,first_name\n1,Ann\n")
    assert "last_name" in str(caught.value)


def test_loop_through_existing_records_is_caught(org_a) -> None:  # noqa: ANN001
    _run(GOOD, org_a)
    # 1 is managed by 3, but 3 is already (via 2) below 1.
    with pytest.raises(TableError, match="loop"):
        _run(HEADER + "1,Zoë,Adams,,G7,,Digital,3,permanent,,\n", org_a)
    assert Person.objects.get(staff_number="1").line_manager is None


def test_import_is_audited(org_a) -> None:  # noqa: ANN001
    from cadre.audit.models import AuditEvent

    _run(GOOD, org_a)
    event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
    assert event.data["created"] == 3


def test_columns_left_out_keep_existing_values(org_a) -> None:  # noqa: ANN001
    _run(GOOD, org_a)
    result = _run("staff_number,first_name,last_name\n2,Bobby,Brown\n", org_a)
    assert (result.created, result.updated) == (0, 1)
    bob = Person.objects.get(staff_number="2")
    assert bob.first_name == "Bobby"
    assert bob.employment_type == "contractor" and bob.line_manager.staff_number == "1"
    assert bob.unit.path == "Digital/Platforms" and bob.grade.code == "SEO"


def test_blank_cells_clear_values_but_keep_employment_type(org_a) -> None:  # noqa: ANN001
    _run(GOOD, org_a)
    _run(HEADER + "2,Bob,Brown,,,,,,,,\n", org_a)
    bob = Person.objects.get(staff_number="2")
    assert bob.line_manager is None and bob.grade is None and bob.unit is None
    assert bob.employment_type == "contractor"


def test_an_export_imports_again_unchanged(org_a) -> None:  # noqa: ANN001
    from cadre.people.exports import render_export

    _run(GOOD, org_a)
    exported = render_export(Person.objects.filter(organisation=org_a), "csv")
    table = read_table(exported, filename="export.csv", required=REQUIRED_COLUMNS,
                       optional=OPTIONAL_COLUMNS)
    result = import_people(actor=None, organisation=org_a, table=table, filename="export.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_too_long_values_and_another_organisation_are_refused(org_a) -> None:  # noqa: ANN001
    text = ("staff_number,first_name,last_name,organisation\n"
            f"{'9' * 41},Ann,{'x' * 101},{org_a.abbreviation}\n"
            "2,Ben,Best,SOMEWHERE\n")
    with pytest.raises(TableError) as caught:
        _run(text, org_a)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(2, "staff_number"), (2, "last_name"), (3, "organisation")}
