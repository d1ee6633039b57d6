"""The government nine-box's ``?year=`` is a calendar year: out of range is a 400, not a 500
(found by tests/test_api_schema_conformance.py)."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["6402373705727999", "0", "¹", "twenty"])
def test_a_year_out_of_range_is_refused(make_account, api_client, year) -> None:  # noqa: ANN001
    central = api_client(make_account(Role.CENTRAL_TEAM))
    response = central.get("/api/v1/talent/ninebox/", {"year": year})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["year"]


def test_a_year_in_range_is_answered(make_account, api_client) -> None:  # noqa: ANN001
    central = api_client(make_account(Role.CENTRAL_TEAM))
    response = central.get("/api/v1/talent/ninebox/", {"year": "2026"})
    assert response.status_code == 200
    assert response.json()["year"] == 2026
