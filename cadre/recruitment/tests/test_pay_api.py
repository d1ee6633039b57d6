# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""``GET /api/v1/recruitment/pay/benchmark/`` and ``GET``/``POST .../market-figures/``."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db
BENCHMARK = "/api/v1/recruitment/pay/benchmark/"
FIGURES = "/api/v1/recruitment/pay/market-figures/"


def test_benchmark_with_flags(pay_world, make_account, api_client) -> None:  # noqa: ANN001
    w = pay_world
    client = api_client(make_account(Role.ANALYST))
    data = client.get(BENCHMARK, {"role_level": w.developer.pk, "grade": w.g7.pk,
                                  "pay_min": 40000, "pay_max": 50000}).json()
    assert (data["basis"], data["low"], data["median"], data["high"]) == (
        "employed", 52_500, 55_000, 57_500)
    assert data["flags"] == ["The top of the range, £50,000, is below the lower quartile "
                             "of employed pay, £52,500."]
    assert [s["key"] for s in data["sources"]] == ["employed", "contingent"]
    assert data["sources"][0]["people"] == "6 people" and data["working_days"] == 220
    senior = client.get(BENCHMARK, {"role_level": w.senior.pk}).json()
    assert senior["sources"][0] == {
        "key": "employed", "label": "Employed pay", "people": "fewer than 5 people",
        "low": None, "median": None, "high": None, "suppressed": True,
        "source": senior["sources"][0]["source"], "source_date": None}
    assert senior["basis"] is None and senior["flags"] == []


@pytest.mark.parametrize("params, field", [
    ({}, "role_level"), ({"role_level": "x"}, "role_level"),
    ({"role_level": "424242"}, "role_level"), ({"role_level": "1", "grade": "0"}, "grade"),
    ({"role_level": "1", "pay_max": "1000001"}, "pay_max")])
def test_bad_queries_name_the_parameter(pay_world, make_account, api_client, params,  # noqa: ANN001
                                        field) -> None:
    response = api_client(make_account(Role.CENTRAL_TEAM)).get(BENCHMARK, params)
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}


def test_the_hub_posts_a_market_figure(pay_world, make_account, api_client) -> None:  # noqa: ANN001
    w = pay_world
    client = api_client(make_account(Role.CENTRAL_TEAM))
    body = {"role_level": w.senior.pk, "grade": w.g7.pk, "low": 70000, "median": 80000,
            "high": 90000, "source": "Survey", "source_date": "2026-01-01"}
    created = client.post(FIGURES, body, format="json")
    assert created.status_code == 201
    assert created.json()["role_level_name"] == "Developer: Senior developer"
    listed = client.get(FIGURES, {"role_level": w.senior.pk}).json()
    assert [r["median"] for r in listed["results"]] == [80000]
    bad = client.post(FIGURES, {**body, "high": 75000}, format="json")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"high"}
    assert MarketFigure.objects.count() == 1
