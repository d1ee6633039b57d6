"""Bad input writes nothing, line managers get nothing, and query counts do not grow."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.people.models import Person
from cadre.workforce.models import (
    ColumnMapping,
    Extract,
    ReviewStatus,
    TitleClassification,
    WorkforceRecord,
)
from cadre.workforce.services import import_extract
from cadre.workforce.services_review import classify_organisation
from cadre.workforce.tests.extract_data import corrected, edited, make_grades

pytestmark = pytest.mark.django_db
EXTRACTS = "/api/v1/workforce/extracts/"


@pytest.fixture
def hop(org_a, make_account):  # noqa: ANN001, ANN201
    make_grades()
    return make_account(Role.HEAD_OF_PROFESSION, org_a)


def _nothing_written() -> None:
    assert not Extract.objects.exists() and not Person.objects.exists()
    assert not ColumnMapping.objects.exists()


@pytest.mark.parametrize("fields, field", [
    ({"mapping": "not json"}, "mapping"),
    ({"mapping": "[1, 2]"}, "mapping"),
    ({"mapping_name": "nowhere"}, "mapping"),
    ({"taken_on": "31 February"}, "taken_on"),
    ({"organisation": ""}, "organisation"),
])
def test_api_import_refuses_bad_input_and_writes_nothing(hop, api_client, fields,  # noqa: ANN001
                                                         field) -> None:
    body = {"organisation": "DA", "file": SimpleUploadedFile("hr.csv", corrected()), **fields}
    response = api_client(hop).post(EXTRACTS, body, format="multipart")
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}
    _nothing_written()


def test_api_import_without_a_file_or_with_a_bad_one(hop, api_client) -> None:  # noqa: ANN001
    client = api_client(hop)
    missing = client.post(EXTRACTS, {"organisation": "DA"}, format="multipart")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "file"
    empty = client.post(EXTRACTS, {"organisation": "DA",
                                   "file": SimpleUploadedFile("hr.csv", b"\n\n")},
                        format="multipart")
    assert empty.status_code == 400 and empty.json()["errors"]
    _nothing_written()


def test_api_mapping_put_refuses_bad_columns(hop, api_client) -> None:  # noqa: ANN001
    client = api_client(hop)
    url = "/api/v1/workforce/column-mappings/DA/default/"
    for body in ({"columns": {"A": "staff_number", "B": "staff_number"}}, {"columns": "A"},
                 {}):
        response = client.put(url, body, format="json")
        assert response.status_code == 400, body
        assert response.json()["errors"]
    assert client.put(f"/api/v1/workforce/column-mappings/DA/{'x' * 101}/",
                      {"columns": {"A": "staff_number"}}, format="json").status_code == 400
    _nothing_written()


def test_mapping_step_refuses_a_field_chosen_twice(hop, org_a, web_client) -> None:  # noqa: ANN001
    client = web_client(hop)
    step = client.post("/workforce/extracts/upload/", {
        "organisation": org_a.pk, "taken_on": "2026-01-31",
        "file": SimpleUploadedFile("hr.csv", corrected())})
    form = step.context["form"]
    data = {"token": form["token"].value(), "save_as": "twice"}
    for i, _header in enumerate(form.headers):
        data[f"column_{i}"] = form[f"column_{i}"].value() or ""
    data["column_1"] = data["column_0"]  # two columns as the staff number
    response = client.post("/workforce/extracts/mapping/", data)
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    _nothing_written()


def test_upload_form_refuses_missing_fields_and_other_organisations(hop, org_b,  # noqa: ANN001
                                                                   web_client) -> None:
    client = web_client(hop)
    empty = client.post("/workforce/extracts/upload/", {})
    assert empty.status_code == 200 and b"govuk-error-summary" in empty.content
    elsewhere = client.post("/workforce/extracts/upload/", {
        "organisation": org_b.pk, "taken_on": "2026-01-31",
        "file": SimpleUploadedFile("hr.csv", corrected())})
    assert elsewhere.status_code == 200 and b"govuk-error-summary" in elsewhere.content
    _nothing_written()


def test_command_refuses_a_bad_mapping_name_before_importing(org_a, tmp_path) -> None:  # noqa: ANN001
    make_grades()
    path = tmp_path / "hr.csv"
    path.write_bytes(corrected())
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("workforce_import", "--organisation", "DA", str(path),
                     "--save-mapping", "x" * 101, stdout=io.StringIO())
    _nothing_written()


@pytest.fixture
def titled(people, org_a, org_b, default_framework):  # noqa: ANN001, ANN201
    for person, title in [(people.a_staff1, "Senior Developer"),
                          (people.b_staff, "Data Scientist")]:
        person.job_title = title
        person.save()
    classify_organisation(actor=None, organisation=org_a)
    classify_organisation(actor=None, organisation=org_b)
    return TitleClassification.objects.get(organisation=org_b, title_key="data scientist")


def test_review_refuses_bad_decisions_and_changes_nothing(titled, org_b, make_account,  # noqa: ANN001
                                                          web_client, api_client) -> None:
    user = make_account(Role.HEAD_OF_PROFESSION, org_b)
    url = f"/api/v1/workforce/classifications/{titled.pk}/"
    api = api_client(user)
    for body in ({}, {"in_profession": "perhaps"}, {"in_profession": True, "role_level": 999999},
                 {"in_profession": True}):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, body
        assert response.json()["errors"]
    for body in ({"in_profession": "maybe"}, {}):
        page = web_client(user).post(f"/workforce/review/{titled.pk}/", body)
        assert page.status_code == 200 and b"govuk-error-summary" in page.content
        assert b'href="#id_in_profession_1"' in page.content  # the summary links to a radio
        assert b'id="id_in_profession_1"' in page.content
    titled.refresh_from_db()
    assert titled.status == ReviewStatus.SUGGESTED and titled.decided_by is None


def test_a_line_manager_cannot_review_or_classify(titled, people, org_a, org_b,  # noqa: ANN001
                                                  make_account, web_client, api_client) -> None:
    manager = make_account(person=people.b_head)
    web, api = web_client(manager), api_client(manager)
    assert web.get("/workforce/review/").status_code == 403
    assert web.get(f"/workforce/review/{titled.pk}/").status_code == 403
    assert web.post(f"/workforce/review/{titled.pk}/",
                    {"in_profession": "no"}).status_code == 403
    assert web.post("/workforce/review/classify/", {"organisation": org_b.pk}).status_code == 403
    assert api.get("/api/v1/workforce/classifications/").status_code == 403
    assert api.post(f"/api/v1/workforce/classifications/{titled.pk}/",
                    {"in_profession": False}, format="json").status_code == 403
    assert api.post("/api/v1/workforce/organisation/DB/classify/").status_code == 403
    titled.refresh_from_db()
    assert titled.status == ReviewStatus.SUGGESTED


def test_people_leaving_today_are_not_classified(people, org_a, default_framework) -> None:  # noqa: ANN001
    people.a_staff1.end_date = dt.date.today()
    people.a_staff1.job_title = "Senior Developer"
    people.a_staff1.save()
    classify_organisation(actor=None, organisation=org_a)
    assert not WorkforceRecord.objects.filter(person=people.a_staff1).exists()


def test_listing_pages_and_endpoints_do_not_grow_with_rows(hop, org_a, web_client,  # noqa: ANN001
                                                           api_client,
                                                           django_assert_max_num_queries) -> None:
    first = import_extract(actor=None, organisation=org_a, data=corrected(), filename="a.csv",
                           taken_on=dt.date(2026, 1, 31)).extract
    second = import_extract(
        actor=None, organisation=org_a, filename="b.csv", taken_on=dt.date(2026, 2, 28),
        data=edited(corrected(), drop=("E012",), replace={"Grace": "Gracie"})).extract
    web, api = web_client(hop), api_client(hop)
    web.get("/workforce/extracts/")  # warm the session
    pages = ["/workforce/extracts/", f"/workforce/extracts/{first.pk}/",
             f"/workforce/extracts/{second.pk}/", "/workforce/mappings/", "/workforce/review/",
             f"/workforce/review/{TitleClassification.objects.order_by('-people_count')[0].pk}/"]
    for url in pages:
        with django_assert_max_num_queries(12):
            assert web.get(url).status_code == 200, url
    endpoints = [EXTRACTS, f"{EXTRACTS}{first.pk}/changes/", "/api/v1/workforce/classifications/",
                 "/api/v1/workforce/column-mappings/"]
    for url in endpoints:
        with django_assert_max_num_queries(10):
            assert api.get(url).status_code == 200, url


@pytest.mark.parametrize("command, extra", [
    ("workforce_import", ["hr.csv"]), ("workforce_mappings", []), ("workforce_review", []),
    ("workforce_picture", []),
])
def test_commands_refuse_an_unknown_organisation(command, extra, db) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="No organisation with abbreviation 'NOPE'"):
        call_command(command, "--organisation", "NOPE", *extra, stdout=io.StringIO())
