"""The upload, preview and confirm pages for imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.access.roles import Role
from cadre.core.tabular import write_xlsx
from cadre.organisations.models import Organisation
from cadre.people.models import Person

pytestmark = pytest.mark.django_db

ROWS = [
    {"staff_number": "1", "first_name": "Ann", "last_name": "Able", "unit": "Digital"},
    {"staff_number": "2", "first_name": "Ben", "last_name": "Best", "unit": "Digital/Data",
     "line_manager_staff_number": "1"},
]


def _xlsx(rows) -> SimpleUploadedFile:  # noqa: ANN001
    columns = ["staff_number", "first_name", "last_name", "unit", "line_manager_staff_number"]
    return SimpleUploadedFile("people.xlsx", write_xlsx(columns, rows))


def test_preview_then_confirm_imports_an_xlsx(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    preview = client.post("/people/import/", {"organisation": org_a.pk, "file": _xlsx(ROWS)})
    assert preview.status_code == 200
    assert b"Check the import" in preview.content
    assert not Person.objects.exists()  # nothing is written at preview
    token = preview.context["token"]
    done = client.post("/people/import/confirm/", {"token": token})
    assert done.status_code == 302
    assert Person.objects.get(staff_number="2").line_manager.staff_number == "1"
    again = client.post("/people/import/confirm/", {"token": token})  # a token works once
    assert again.status_code == 302 and Person.objects.count() == 2


def test_errors_are_listed_by_row_and_column(org_a, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    bad = [{**ROWS[0], "first_name": ""}, {**ROWS[1], "line_manager_staff_number": "2"}]
    response = client.post("/people/import/", {"organisation": org_a.pk, "file": _xlsx(bad)})
    page = response.content.decode()
    assert "was not imported" in page and "import-errors" in page
    errors = {(e.row, e.column) for e in response.context["errors"]}
    assert errors == {(2, "first_name"), (3, "line_manager_staff_number")}
    assert not Person.objects.exists()


def test_cannot_import_into_another_organisation(org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    response = client.post("/people/import/", {"organisation": org_b.pk, "file": _xlsx(ROWS)})
    assert "organisation" in response.context["form"].errors
    assert not Person.objects.exists()


def test_another_session_cannot_confirm_my_upload(org_a, make_account, web_client) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    preview = web_client(hop).post("/people/import/", {"organisation": org_a.pk,
                                                        "file": _xlsx(ROWS)})
    other = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    other.post("/people/import/confirm/", {"token": preview.context["token"]})
    assert not Person.objects.exists()


def test_upload_size_is_limited(org_a, make_account, web_client, settings) -> None:  # noqa: ANN001
    settings.CADRE_MAX_UPLOAD_BYTES = 100
    client = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    big = SimpleUploadedFile("people.csv", b"staff_number,first_name,last_name\n" + b"x" * 200)
    response = client.post("/people/import/", {"organisation": org_a.pk, "file": big})
    assert "larger than" in str(response.context["form"].errors["file"])


def test_organisation_import_pages(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    csv = SimpleUploadedFile("orgs.csv", b"name,abbreviation,type,parent\n"
                                         b"Parent Body,PB,ministerial_department,\n"
                                         b"Child Body,CB,agency,PB\n")
    preview = client.post("/organisations/import/", {"file": csv})
    assert b"Check the import" in preview.content and not Organisation.objects.exists()
    client.post("/organisations/import/confirm/", {"token": preview.context["token"]})
    assert Organisation.objects.get(abbreviation="CB").parent.abbreviation == "PB"
    professional = web_client(make_account(Role.PROFESSIONAL))
    assert professional.get("/organisations/import/").status_code == 403


def test_stale_previews_are_removed(tmp_path, settings) -> None:  # noqa: ANN001
    import os
    import time

    from cadre.core.uploads import STALE_AFTER, remove_stale_uploads

    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "imports"
    folder.mkdir()
    old, new = folder / "old", folder / "new"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    past = time.time() - STALE_AFTER - 10
    os.utime(old, (past, past))
    assert remove_stale_uploads() == 1
    assert not old.exists() and new.exists()
