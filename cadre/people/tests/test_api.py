"""API behaviour: pagination, the error format, writes through services."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_people_list_pagination_and_fields(org_a, make_account, api_client) -> None:  # noqa: ANN001
    PersonFactory.create_batch(60, organisation=org_a)
    client = api_client(make_account(Role.CENTRAL_TEAM))
    first = client.get("/api/v1/people/").json()
    assert first["count"] == 60 and len(first["results"]) == 50 and first["next"]
    big = client.get("/api/v1/people/?page_size=500").json()
    assert len(big["results"]) == 60
    assert {"id", "staff_number", "organisation"} <= set(big["results"][0])
    assert big["results"][0]["organisation"] == "DA"
    capped = client.get("/api/v1/people/?page_size=5000").json()
    assert len(capped["results"]) == 60  # capped at 500, all fit


def test_validation_errors_share_one_format(org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    response = client.post("/api/v1/people/", {"organisation": "DA", "first_name": ""},
                           format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The request has errors."
    fields = {e["field"] for e in body["errors"]}
    assert {"staff_number", "first_name", "last_name"} <= fields


def test_create_and_self_management_loop_rejected(people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    created = client.post("/api/v1/people/", {
        "organisation": "DA", "staff_number": "A9", "first_name": "New", "last_name": "Person",
        "line_manager": people.a_manager.pk,
    }, format="json")
    assert created.status_code == 201, created.json()
    loop = client.patch(f"/api/v1/people/{people.a_head.pk}/",
                        {"line_manager": people.a_staff1.pk}, format="json")
    assert loop.status_code == 400
    assert loop.json()["errors"][0]["field"] == "line_manager"


def test_schema_and_docs_are_served(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.PROFESSIONAL))
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/people/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


def test_organisation_writes_need_the_central_team(make_account, api_client) -> None:  # noqa: ANN001
    payload = {"name": "New Body", "abbreviation": "NB", "type": "agency"}
    professional = api_client(make_account(Role.PROFESSIONAL))
    assert professional.post("/api/v1/organisations/", payload, format="json").status_code == 403
    central = api_client(make_account(Role.CENTRAL_TEAM))
    assert central.post("/api/v1/organisations/", payload, format="json").status_code == 201
