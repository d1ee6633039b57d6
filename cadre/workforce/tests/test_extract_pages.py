"""Pages, API and command for HR extracts: upload, map, preview, confirm, report."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.jobs.models import Job
from cadre.people.models import Person
from cadre.workforce.models import ColumnMapping, Extract
from cadre.workforce.tests.extract_data import corrected, edited, make_grades, messy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def grades() -> None:
    make_grades()


def _upload(client, org, data: bytes, name: str = "hr.csv"):  # noqa: ANN001, ANN202
    return client.post("/workforce/extracts/upload/", {
        "organisation": org.pk, "taken_on": "2026-01-31",
        "file": SimpleUploadedFile(name, data)})


def _mapping_post(response, **overrides) -> dict:  # noqa: ANN001
    form = response.context["form"]
    data = {"token": form["token"].value(), "save_as": ""}
    for i, header in enumerate(form.headers):
        data[f"column_{i}"] = form[f"column_{i}"].value() or ""
        if header in overrides:
            data[f"column_{i}"] = overrides[header]
    return data


def test_upload_map_preview_confirm(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    form_page = client.get("/workforce/extracts/upload/")
    assert form_page.status_code == 200 and b"Upload an HR extract" in form_page.content
    step = _upload(client, org_a, corrected())
    assert step.status_code == 200 and b"Match the columns" in step.content
    form = step.context["form"]
    assert form["column_0"].value() == "staff_number"  # suggested from "Employee No"
    post = _mapping_post(step, **{"Job Description": ""})
    post["save_as"] = "default"
    preview = client.post("/workforce/extracts/mapping/", post)
    assert preview.status_code == 200 and b"Check the extract" in preview.content
    assert preview.context["result"].joiners == 12
    assert not Person.objects.exists()  # nothing written before confirming
    saved = ColumnMapping.objects.get(organisation=org_a, name="default")
    assert saved.columns["Job Description"] == ""
    done = client.post("/workforce/extracts/confirm/", {"token": preview.context["token"]})
    extract = Extract.objects.get()
    job = Job.objects.get()  # the import ran as a background job (immediately in tests)
    assert done.status_code == 302 and done["Location"] == f"/jobs/{job.pk}/"
    assert job.state == Job.State.SUCCEEDED
    assert job.result_url == f"/workforce/extracts/{extract.pk}/"
    assert "12 joiners" in client.get(done["Location"]).content.decode()
    assert Person.objects.filter(organisation=org_a).count() == 12
    again = client.post("/workforce/extracts/confirm/", {"token": preview.context["token"]})
    assert again.status_code == 302 and Extract.objects.count() == 1  # a token works once
    page = client.get(f"/workforce/extracts/{extract.pk}/?kind=joiner")
    assert page.status_code == 200 and b"E012" in page.content
    listing = client.get(f"/workforce/extracts/?organisation={org_a.pk}")
    assert b"hr.csv" in listing.content
    csv = client.get(f"/workforce/extracts/{extract.pk}/changes.csv")
    assert csv.status_code == 200
    header = csv.content.decode("utf-8-sig").splitlines()[0]
    assert header == "kind,staff_number,name,field,before,after"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    mappings = client.get("/workforce/mappings/")
    assert b"Job Description" in mappings.content
    # the saved mapping pre-fills the next upload
    step = _upload(client, org_a, corrected())
    headers = step.context["form"].headers
    assert step.context["form"][f"column_{headers.index('Job Description')}"].value() == ""


def test_errors_shown_by_row_and_file_column(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    step = _upload(client, org_a, messy())
    result = client.post("/workforce/extracts/mapping/", _mapping_post(step))
    assert result.status_code == 200
    errors = [(e.row, e.column) for e in result.context["errors"]]
    assert (5, "Pay Grade") in errors and (8, "Daily Rate") in errors
    assert b"was not imported" in result.content and b"Pay Grade" in result.content
    assert not Person.objects.exists()
    # the mapping form is shown again, with a fresh token, to try another mapping
    assert result.context["form"]["token"].value() != step.context["form"]["token"].value()


def test_bad_workbook_at_upload(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    response = _upload(client, org_a, b"\xd0\xcf\x11\xe0old", name="hr.xls")
    assert response.status_code == 200 and b"old Excel" in response.content


def test_api_dry_run_import_errors_and_report(org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    url = "/api/v1/workforce/extracts/"
    bad = client.post(url, {"organisation": "DA", "file": SimpleUploadedFile("m.csv", messy())},
                      format="multipart")
    assert bad.status_code == 400
    assert {"field": "file", "row": 5, "column": "Pay Grade",
            "message": "unknown grade 'G99'"} in bad.json()["errors"]
    dry = client.post(url, {"organisation": "DA", "dry_run": "true", "taken_on": "2026-01-31",
                            "file": SimpleUploadedFile("c.csv", corrected())},
                      format="multipart")
    assert dry.status_code == 200 and dry.json()["joiners"] == 12
    assert not Extract.objects.exists()
    done = client.post(url, {"organisation": "DA", "taken_on": "2026-01-31",
                             "file": SimpleUploadedFile("c.csv", corrected())},
                       format="multipart")
    assert done.status_code == 201
    extract_id = done.json()["extract"]
    assert client.get(url).json()["results"][0]["id"] == extract_id
    assert client.get(f"{url}{extract_id}/").json()["joiners"] == 12
    changes = client.get(f"{url}{extract_id}/changes/?kind=joiner").json()
    assert changes["count"] == 12 and changes["results"][0]["staff_number"] == "E001"
    mapping = {"Employee No": "staff_number", "Forename": "first_name", "Surname": "last_name",
               "Pay Grade": "grade", "Position Title": "job_title",
               "Contract Type": "employment_type"}
    put = client.put("/api/v1/workforce/column-mappings/DA/narrow/", {"columns": mapping},
                     format="json")
    assert put.status_code == 200 and put.json()["columns"] == mapping
    assert client.get("/api/v1/workforce/column-mappings/DA/narrow/").json()["name"] == "narrow"
    assert client.get("/api/v1/workforce/column-mappings/").json()["count"] == 1
    wrong = client.put("/api/v1/workforce/column-mappings/DA/x/",
                       {"columns": {"A": "shoe_size"}}, format="json")
    assert wrong.status_code == 400
    again = client.post(url, {"organisation": "DA", "mapping_name": "narrow",
                              "taken_on": "2026-02-28",
                              "file": SimpleUploadedFile("c.csv", edited(corrected(),
                                                                         drop=("E012",)))},
                        format="multipart")
    assert again.status_code == 201 and again.json()["leavers"] == 1
    explicit = client.post(url, {"organisation": "DA", "dry_run": "true",
                                 "mapping": json.dumps(mapping),
                                 "file": SimpleUploadedFile("c.csv", corrected())},
                           format="multipart")
    assert explicit.status_code == 200 and explicit.json()["mapping"]["Org Unit"] == ""


def test_command_imports_reports_and_lists_mappings(org_a, tmp_path, keep_connection_open  # noqa: ANN001
                                                    ) -> None:
    bad = tmp_path / "messy.csv"
    bad.write_bytes(messy())
    err = io.StringIO()
    with pytest.raises(CommandError, match="14 problem"):
        call_command("workforce_import", "--organisation", "DA", str(bad), stderr=err,
                     stdout=io.StringIO())
    assert "Row 5, column 'Pay Grade': unknown grade 'G99'" in err.getvalue()
    good = tmp_path / "hr.csv"
    good.write_bytes(corrected().replace(b"Job Description", b"Notes", 1))
    out = io.StringIO()
    call_command("workforce_import", "--organisation", "DA", str(good), "--dry-run",
                 stdout=out)
    assert "Could not map: 'Notes'" in out.getvalue() and "Dry run" in out.getvalue()
    assert not Person.objects.exists()
    out = io.StringIO()
    call_command("workforce_import", "--organisation", "DA", str(good), "--taken-on",
                 "31/01/2026", "--save-mapping", "default", stdout=out)
    assert "12 joiners" in out.getvalue()
    assert Extract.objects.get().taken_on.isoformat() == "2026-01-31"
    out = io.StringIO()
    call_command("workforce_mappings", "--organisation", "DA", stdout=out)
    assert "default" in out.getvalue() and "'Notes': ignored" in out.getvalue()
    with pytest.raises(CommandError, match="no saved mapping"):
        call_command("workforce_import", "--organisation", "DA", str(good), "--mapping", "x",
                     stdout=io.StringIO())
