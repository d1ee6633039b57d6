"""Bad query parameters are 400s naming the field; every list is paginated."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role

pytestmark = pytest.mark.django_db


def test_bad_ids_name_the_parameter(make_account, api_client) -> None:  # noqa: ANN001
    client = api_client(make_account(Role.CENTRAL_TEAM))
    for url in ("/api/v1/career-path/?from=x&to=", "/api/v1/frameworks/diff/?from=x&to="):
        response = client.get(url)
        assert response.status_code == 400
        assert {e["field"] for e in response.json()["errors"]} == {"from", "to"}
    assert client.get("/api/v1/career-path/?from=999999&to=999998").status_code == 404
    bad_status = client.get("/api/v1/workforce/classifications/?status=nonsense")
    assert bad_status.status_code == 400
    assert bad_status.json()["errors"][0]["field"] == "status"


def test_grades_are_paginated_like_every_list(make_account, api_client) -> None:  # noqa: ANN001
    from django.core.management import call_command

    call_command("load_defaults", verbosity=0)
    body = api_client(make_account(Role.PROFESSIONAL)).get("/api/v1/grades/").json()
    assert {"count", "next", "previous", "results"} <= set(body)
