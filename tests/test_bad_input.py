"""Issue 11's bad input, sent as an operator or attacker would: each answer is a 4xx in
the README's error shape naming the right field, never a server error, and nothing
(no row, no audit event) is written. Also: the API's promises (signed-in schema, JSON
for every error under /api/, 405 for a wrong method) and a whole assessment round run
through the API alone."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.downloads import content_disposition
from cadre.framework.models import RoleLevel, SkillLevel
from cadre.organisations.models import Unit
from cadre.people.models import Person

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LONG = "x" * 100_000
APPS = ("people", "organisations", "mobility", "talent", "bench", "planning", "assessments",
        "workforce")


def _counts() -> dict[str, int]:
    counted = {m._meta.label: m.objects.count() for app in APPS
               for m in apps.get_app_config(app).get_models()}
    counted["audit"] = AuditEvent.objects.count()
    return counted


def _error_fields(response) -> list[str]:  # noqa: ANN001
    body = response.json()
    assert set(body) >= {"detail", "errors"}, body
    return [e["field"] for e in body["errors"]]


def _refused(response, status: int, field: str | None = None) -> None:  # noqa: ANN001
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    fields = _error_fields(response)
    if field is not None:
        assert field in fields, fields


@pytest.fixture
def central(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.CENTRAL_TEAM)


@pytest.fixture
def head_a(make_account, org_a):  # noqa: ANN001, ANN201
    return make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)


QUERY_PARAMETERS = [
    ("api:vacancy-list", "organisation"),
    ("api:vacancy-list", "role_family"),
    ("api:vacancy-list", "grade"),
    ("api:vacancy-list", "location"),
    ("api:talent-rating-list", "cycle"),
    ("api:talent-ninebox-government", "organisation"),
    ("api:talent-ninebox-government", "year"),
    ("api:workforce-plan-list", "organisation"),
    ("api:bench-window-list", "skill"),
    ("api:bench-window-list", "organisation"),
]


@pytest.mark.parametrize("name, parameter", QUERY_PARAMETERS)
def test_integers_past_the_database_range_are_a_400_naming_the_parameter(
        people, central, api_client, name, parameter) -> None:  # noqa: ANN001
    response = api_client(central).get(reverse(name), {parameter: HUGE})
    _refused(response, 400, parameter)


@pytest.mark.parametrize("method, name, body, field", [
    ("put", "api:mobility-preference", {"locations": [int(HUGE)]}, "locations[0]"),
    ("put", "api:mobility-preference", {"grades": [int(HUGE)]}, "grades[0]"),
    ("post", "api:vacancy-list", {"organisation": int(HUGE)}, "organisation"),
    ("post", "api:talent-pool-list", {"name": "P", "organisation": int(HUGE)}, "organisation"),
    ("post", "api:move-list", {"person": int(HUGE), "receiving": 1}, "person"),
    ("post", "api:workforce-plan-list", {"organisation": 1, "role_family": 1,
                                          "first_year": int(HUGE), "attrition_rate": "0.1"},
     "first_year"),
])
def test_huge_ids_in_bodies_are_refused_and_nothing_is_written(
        people, central, make_account, api_client, method, name, body, field,
) -> None:  # noqa: ANN001
    # Preferences are one's own: sent by a member of staff; the rest by the central team.
    who = make_account(person=people.a_staff1) if "preference" in name else central
    client = api_client(who)
    before = _counts()
    response = getattr(client, method)(reverse(name), body, format="json")
    _refused(response, 400, field)
    assert _counts() == before


def test_bad_and_huge_path_ids_are_json_404s(people, central, api_client) -> None:  # noqa: ANN001
    client = api_client(central)
    before = _counts()
    for url in ("/api/v1/people/abc/", f"/api/v1/people/{HUGE}/",
                f"/api/v1/assessment-rounds/{HUGE}/", f"/api/v1/mobility/vacancies/{HUGE}/"):
        _refused(client.patch(url, {"first_name": "X"}, format="json")
                 if "people" in url else client.get(url), 404)
    assert _counts() == before


@pytest.mark.parametrize("staff_number", ['A"1; filename=x.exe', "A\r\n1", "A\t1", "x" * 33,
                                          "A\x7f1", "A\\1"])
def test_unusable_staff_numbers_are_refused(people, central, api_client, staff_number,
                                            ) -> None:  # noqa: ANN001
    client = api_client(central)
    before = _counts()
    response = client.post("/api/v1/people/", {
        "staff_number": staff_number, "organisation": "DA", "first_name": "A",
        "last_name": "B"}, format="json")
    _refused(response, 400, "staff_number")
    assert _counts() == before


def test_download_names_are_built_safely() -> None:
    header = content_disposition('gaps-A"1; filename=evil.exe\r\n.csv')
    assert "\r" not in header and "\n" not in header
    assert header.count('filename="') == 1 and "evil.exe\"" not in header
    assert content_disposition("pool-Café.xlsx") == (
        "attachment; filename=\"pool-Cafe.xlsx\"; filename*=UTF-8''pool-Caf%C3%A9.xlsx")


def test_a_unit_path_is_found_in_the_persons_organisation_only(people, org_a, org_b, central,
                                                               api_client) -> None:  # noqa: ANN001
    Unit.objects.create(organisation=org_a, name="Digital", path="Digital")
    Unit.objects.create(organisation=org_b, name="Digital", path="Digital")
    Unit.objects.create(organisation=org_b, name="Only B", path="OnlyB")
    client = api_client(central)
    response = client.post("/api/v1/people/", {
        "staff_number": "N1", "organisation": "DA", "first_name": "A", "last_name": "B",
        "unit": "Digital"}, format="json")
    assert response.status_code == 201, response.content
    assert Person.objects.get(staff_number="N1").unit.organisation == org_a
    before = _counts()
    response = client.post("/api/v1/people/", {
        "staff_number": "N2", "organisation": "DA", "first_name": "A", "last_name": "B",
        "unit": "OnlyB"}, format="json")
    _refused(response, 400, "unit")
    assert _counts() == before


def test_a_line_manager_from_an_organisation_not_managed_is_refused_like_an_unknown_id(
        people, head_a, central, api_client) -> None:  # noqa: ANN001
    client = api_client(head_a)
    url = f"/api/v1/people/{people.a_staff1.pk}/"
    before = _counts()
    answers = []
    for manager in (people.b_head.pk, 987654321, int(HUGE), "abc"):
        response = client.patch(url, {"line_manager": manager}, format="json")
        _refused(response, 400, "line_manager")
        answers.append(response.json())
    assert all(a == answers[0] for a in answers), answers
    assert _counts() == before
    people.a_staff1.refresh_from_db()
    assert people.a_staff1.line_manager == people.a_manager
    # Someone who manages both organisations may.
    response = api_client(central).patch(url, {"line_manager": people.b_head.pk},
                                         format="json")
    assert response.status_code == 200, response.content


@pytest.fixture
def talent_ids(default_framework, org_a) -> dict[str, int]:  # noqa: ANN001
    level = RoleLevel.objects.filter(framework=default_framework).first()
    return {"role_level": level.pk, "family": level.role.family_id}


def test_100000_character_texts_are_refused_not_stored(people, central, talent_ids, org_a,
                                                       api_client) -> None:  # noqa: ANN001
    from tests.factories import GradeFactory

    grade = GradeFactory(code="G7", name="Grade 7", rank=6)
    client = api_client(central)
    closing = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    cases = [
        ("api:vacancy-list", {"organisation": org_a.pk, "role_level": talent_ids["role_level"],
                              "title": "Architect", "grade": grade.pk,
                              "closing_date": closing, "description": LONG}, "description"),
        ("api:talent-pool-list", {"name": "Pool", "organisation": org_a.pk,
                                  "description": LONG}, "description"),
        ("api:critical-post-list", {"organisation": org_a.pk, "title": "Chief",
                                    "role_level": talent_ids["role_level"],
                                    "risk_reason": LONG}, "risk_reason"),
        ("api:bench-window-list", {"person": people.a_staff2.pk, "available_from": "2030-01-01",
                                   "available_to": "2030-02-01", "note": LONG}, "note"),
    ]
    before = _counts()
    for name, body, field in cases:
        response = client.post(reverse(name), body, format="json")
        _refused(response, 400, field)
        assert _error_fields(response) == [field], response.json()
    assert _counts() == before


def test_the_model_layer_refuses_text_that_got_past_the_inputs(people) -> None:  # noqa: ANN001
    from django.core.exceptions import ValidationError

    person = people.a_staff1
    person.job_title = "x" * 201
    with pytest.raises(ValidationError) as caught:
        person.save()
    assert "job_title" in caught.value.message_dict


def _million_cell_workbook() -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Extract")
    sheet.append(["staff_number", "first_name", "last_name", "grade"])
    for _ in range(250_000):
        sheet.append(["1", "a", "b", "c"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_million_cell_workbook_is_refused_quickly_with_a_short_answer(
        people, central, api_client) -> None:  # noqa: ANN001
    data = _million_cell_workbook()
    client = api_client(central)
    before = _counts()
    started = time.monotonic()
    upload = io.BytesIO(data)
    upload.name = "extract.xlsx"
    response = client.post(reverse("api:workforce-extract-list"), {
        "organisation": "DA", "file": upload}, format="multipart")
    elapsed = time.monotonic() - started
    assert response.status_code == 400, response.content[:300]
    assert len(response.content) < 5_000
    assert "rows" in response.json()["errors"][0]["message"]
    assert elapsed < 5, elapsed
    assert _counts() == before


def test_an_import_lists_at_most_a_hundred_problems() -> None:
    from cadre.core.tabular import MAX_LISTED_ERRORS, CellError, TableError

    error = TableError([CellError(n, "x", "bad") for n in range(5000)])
    assert len(error.errors) == MAX_LISTED_ERRORS + 1
    assert "4900 more problems" in str(error.errors[-1])


# The API's promises


def test_schema_and_docs_need_a_signed_in_user(central, api_client) -> None:  # noqa: ANN001
    anonymous = APIClient()
    for url in ("/api/v1/schema/", "/api/v1/docs/"):
        response = anonymous.get(url)
        assert response.status_code in (401, 403), (url, response.status_code)
        _error_fields(response)
    assert api_client(central).get("/api/v1/schema/").status_code == 200


def test_unmatched_api_paths_are_json_404s(central, api_client) -> None:  # noqa: ANN001
    for client in (APIClient(), api_client(central)):
        _refused(client.get("/api/v1/no-such-thing/"), 404)
        _refused(client.post("/api/v1/people/1/no-such-thing/", {}), 404)


def test_a_wrong_method_is_a_json_405(people, central, api_client) -> None:  # noqa: ANN001
    client = api_client(central)
    before = _counts()
    for method, url in (("delete", f"/api/v1/people/{people.a_staff1.pk}/"),
                        ("put", f"/api/v1/people/{people.a_staff1.pk}/"),
                        ("delete", reverse("api:vacancy-list")),
                        ("patch", reverse("api:mobility-preference")),
                        ("post", "/api/v1/me/")):
        response = getattr(client, method)(url, {}, format="json")
        _refused(response, 405)
    assert _counts() == before


# A whole assessment round through the API alone


def test_a_whole_assessment_round_runs_through_the_api(people, default_framework, make_account,
                                                       api_client) -> None:  # noqa: ANN001
    staff = api_client(make_account(person=people.a_staff1))
    manager = api_client(make_account(person=people.a_manager))
    level = RoleLevel.objects.get(framework=default_framework, name="Developer")
    started = staff.post(f"/api/v1/capability/{people.a_staff1.pk}/rounds/",
                         {"role_level": level.pk}, format="json")
    assert started.status_code == 201, started.content
    round_id = started.json()["id"]
    detail = staff.get(f"/api/v1/assessment-rounds/{round_id}/").json()
    items, scale = detail["items"], detail["levels"]
    assert items and scale
    assert {lv["id"] for lv in scale} == set(
        SkillLevel.objects.filter(framework=default_framework).values_list("pk", flat=True))
    url = f"/api/v1/assessment-rounds/{round_id}/items/"

    # Errors name the list item.
    before = _counts()
    bad = [{"id": i["id"], "level": scale[0]["id"]} for i in items[:2]]
    bad.append({"id": 987654321, "level": scale[0]["id"]})
    _refused(staff.post(url, {"items": bad}, format="json"), 400, "items[2].id")
    long_text = [{"id": items[0]["id"], "level": scale[0]["id"], "text": "x" * 5001}]
    _refused(staff.post(url, {"items": long_text}, format="json"), 400, "items[0].text")
    assert _counts() == before

    answers = [{"id": i["id"], "level": scale[1]["id"], "text": "I did this."} for i in items]
    saved = staff.post(url, {"items": answers, "submit": True}, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["state"] == "submitted"

    # The manager changes the third level without saying why: named on items[2].text.
    review = manager.get(f"/api/v1/assessment-rounds/{round_id}/").json()
    assert [i["self_level"] for i in review["items"]] == [scale[1]["id"]] * len(items)
    agree = [{"id": i["id"], "level": scale[1]["id"]} for i in review["items"]]
    if len(agree) >= 3:
        agree[2]["level"] = scale[2]["id"]
        before = _counts()
        _refused(manager.post(url, {"items": agree}, format="json"), 400, "items[2].text")
        assert _counts() == before
        agree[2]["text"] = "Seen at a higher level in the migration project."
    agreed = manager.post(url, {"items": agree}, format="json")
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["state"] == "completed"
