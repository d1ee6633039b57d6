"""Every HR extract page and endpoint refuses accounts outside the organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadre.access.roles import Role
from cadre.people.models import Person
from cadre.workforce.models import ColumnMapping, Extract
from cadre.workforce.services import import_extract, save_mapping
from cadre.workforce.tests.extract_data import corrected, make_grades

pytestmark = pytest.mark.django_db


@pytest.fixture
def extract(org_a):  # noqa: ANN001, ANN201
    make_grades()
    save_mapping(actor=None, organisation=org_a, name="secret-mapping",
                 columns={"Employee No": "staff_number"})
    return import_extract(actor=None, organisation=org_a, data=corrected(),
                          filename="secret-extract.csv", taken_on=dt.date(2026, 1, 31)).extract


@pytest.fixture(params=["head of profession elsewhere", "line manager", "analyst",
                        "professional"])
def outsider(request, people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    return {
        "head of profession elsewhere": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
        "line manager": lambda: make_account(person=people.a_manager),
        "analyst": lambda: make_account(Role.ANALYST),
        "professional": lambda: make_account(Role.PROFESSIONAL, person=people.a_staff1),
    }[request.param]()


PAGES = [
    "/workforce/extracts/", "/workforce/extracts/{pk}/", "/workforce/extracts/{pk}/changes.csv",
    "/workforce/mappings/", "/workforce/extracts/upload/",
]
API = [
    "/api/v1/workforce/extracts/", "/api/v1/workforce/extracts/{pk}/",
    "/api/v1/workforce/extracts/{pk}/changes/", "/api/v1/workforce/column-mappings/",
    "/api/v1/workforce/column-mappings/DA/secret-mapping/",
]
SECRETS = (b"secret-extract", b"secret-mapping", b"Lovelace", b"E001")


def _no_secrets(content: bytes) -> None:
    for secret in SECRETS:
        assert secret not in content


def test_pages_refuse_outsiders(extract, outsider, web_client) -> None:  # noqa: ANN001
    client = web_client(outsider)
    for url in PAGES:
        response = client.get(url.format(pk=extract.pk))
        if url in ("/workforce/extracts/", "/workforce/mappings/",
                   "/workforce/extracts/upload/") and response.status_code == 200:
            _no_secrets(response.content)  # a head of profession elsewhere sees their own
        else:
            assert response.status_code in (403, 404), url
            _no_secrets(response.content)


def test_api_refuses_outsiders(extract, outsider, api_client) -> None:  # noqa: ANN001
    client = api_client(outsider)
    for url in API:
        response = client.get(url.format(pk=extract.pk))
        if response.status_code == 200:
            assert response.json()["count"] == 0, url  # lists only, and empty
        else:
            assert response.status_code in (403, 404), url
        _no_secrets(response.content)


def test_outsiders_cannot_write(extract, outsider, web_client, api_client, org_a) -> None:  # noqa: ANN001
    people = Person.objects.count()
    api = api_client(outsider)
    post = api.post("/api/v1/workforce/extracts/", {
        "organisation": "DA", "file": SimpleUploadedFile("x.csv", corrected())},
        format="multipart")
    assert post.status_code in (403, 404)
    put = api.put("/api/v1/workforce/column-mappings/DA/secret-mapping/",
                  {"columns": {}}, format="json")
    assert put.status_code in (403, 404)
    web = web_client(outsider)
    upload = web.post("/workforce/extracts/upload/", {
        "organisation": org_a.pk, "taken_on": "2026-01-31",
        "file": SimpleUploadedFile("x.csv", corrected())})
    assert upload.status_code in (200, 403)
    assert b"Match the columns" not in upload.content
    for url in ("/workforce/extracts/mapping/", "/workforce/extracts/confirm/"):
        assert web.post(url, {"token": "abc"}).status_code in (302, 403)
    assert Person.objects.count() == people and Extract.objects.count() == 1
    assert ColumnMapping.objects.get().columns == {"Employee No": "staff_number"}


def test_another_session_cannot_use_my_upload(org_a, make_account, web_client) -> None:  # noqa: ANN001
    make_grades()
    mine = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    step = mine.post("/workforce/extracts/upload/", {
        "organisation": org_a.pk, "taken_on": "2026-01-31",
        "file": SimpleUploadedFile("hr.csv", corrected())})
    token = step.context["form"]["token"].value()
    other = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    response = other.post("/workforce/extracts/mapping/", {"token": token})
    assert response.status_code == 302 and not Person.objects.exists()


def test_central_team_sees_every_organisation(extract, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    assert client.get("/api/v1/workforce/extracts/").json()["count"] == 1
    assert client.get(f"/api/v1/workforce/extracts/{extract.pk}/").status_code == 200
