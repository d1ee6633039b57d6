"""The command line: imports, exports, role grants and tokens."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.models import RoleAssignment, User
from cadre.cli import main
from cadre.people.models import Person
from tests.factories import GradeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_connection_open")]



PEOPLE_CSV = (
    "staff_number,first_name,last_name,email,grade,job_title,unit,line_manager_staff_number,"
    "employment_type,start_date,location\n"
    "1,Ann,Able,ann@example.org,G7,Lead,Digital,,permanent,2020-01-01,Leeds\n"
    "2,Ben,Best,ben@example.org,G7,=HYPERLINK(\"x\"),Digital,1,contractor,,Leeds\n"
)




def test_import_then_export_people(tmp_path, org_a, capsysbinary) -> None:  # noqa: ANN001
    GradeFactory(code="G7")
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE_CSV, encoding="utf-8")
    main(["import", "people", "--organisation", org_a.abbreviation, str(source)])
    assert Person.objects.filter(organisation=org_a).count() == 2
    capsysbinary.readouterr()
    main(["export", "people", "--organisation", org_a.abbreviation, "--format", "csv"])
    exported = capsysbinary.readouterr().out.decode()
    assert "Ann" in exported and "'=HYPERLINK" in exported
    main(["export", "people", "--format", "json"])
    data = json.loads(capsysbinary.readouterr().out)
    assert {p["staff_number"] for p in data["people"]} == {"1", "2"}


def test_bad_import_exits_non_zero_with_row_and_column(tmp_path, org_a, capsys) -> None:  # noqa: ANN001
    source = tmp_path / "bad.csv"
    source.write_text(PEOPLE_CSV.replace("G7,Lead", "G99,Lead"), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "people", "--organisation", org_a.abbreviation, str(source)])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "Row 2" in err and "grade" in err and "nothing was imported" in err
    assert not Person.objects.exists()


def test_unknown_organisation_and_missing_file(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="No organisation"):
        call_command("import_people", "--organisation", "NOPE", str(tmp_path / "x.csv"))


def test_import_organisations_with_parents(tmp_path) -> None:  # noqa: ANN001
    source = tmp_path / "orgs.csv"
    source.write_text(
        "name,abbreviation,type,parent\n"
        "Agency of Things,AOT,agency,Department of Stuff\n"
        "Department of Stuff,DOS,ministerial_department,\n", encoding="utf-8")
    call_command("import_organisations", str(source))
    from cadre.organisations.models import Organisation

    assert Organisation.objects.get(abbreviation="AOT").parent.abbreviation == "DOS"


def test_import_organisations_rejects_loops_and_bad_types(tmp_path, capsys) -> None:  # noqa: ANN001
    source = tmp_path / "orgs.csv"
    source.write_text(
        "name,abbreviation,type,parent\n"
        "One,ONE,agency,TWO\n"
        "Two,TWO,agency,ONE\n"
        "Three,THREE,quango,NOPE\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_organisations", str(source))
    err = capsys.readouterr().err
    assert "Row 2, column 'parent'" in err and "loop" in err
    assert "Row 4, column 'type'" in err and "Row 4, column 'parent'" in err
    from cadre.organisations.models import Organisation

    assert not Organisation.objects.exists()


def test_access_grant_creates_account_and_scoped_role(org_a, capsys) -> None:  # noqa: ANN001
    main(["access", "grant", "--email", "Hop@Example.org", "--role", "head_of_profession",
          "--organisation", org_a.abbreviation])
    user = User.objects.get(email="hop@example.org")
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role == "head_of_profession" and assignment.organisation == org_a
    with pytest.raises(CommandError, match="needs an organisation"):
        call_command("access", "grant", "--email", "x@example.org", "--role",
                     "head_of_profession")


def test_token_create_prints_a_working_token(client, capsys) -> None:  # noqa: ANN001
    main(["access", "grant", "--email", "central@example.org", "--role", "central_team"])
    capsys.readouterr()
    main(["token", "create", "--email", "central@example.org"])
    token = capsys.readouterr().out.strip()
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["roles"] == ["central_team"]
    main(["token", "revoke", "--email", "central@example.org"])
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_load_defaults_and_demo(capsys) -> None:  # noqa: ANN001
    main(["load_defaults"])
    main(["load_defaults"])  # safe to run again
    from cadre.organisations.models import Grade, Organisation

    assert Organisation.objects.filter(type="ministerial_department",
                                       active_to__isnull=True).count() == 24
    assert Grade.objects.get(code="NHS-6").civil_service_equivalent.code == "HEO"
    main(["demo", "load"])
    out = capsys.readouterr().out
    assert "admin@cadre.example" in out and "cadre-demo-2026" in out
    manager = User.objects.get(email="manager.dwp@cadre.example")
    assert Person.objects.filter(line_manager__account=manager).exists()
    main(["demo", "capability"])
    from cadre.assessments.models import CapabilityProfile

    assert CapabilityProfile.objects.filter(person__organisation__abbreviation="DWP").count() > 20
