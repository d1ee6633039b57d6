# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""The retained ICT function API: the taxonomy and models, recording a matrix row (201, then
200; a stale version 409), the matrix with flags, checks with suppressed counts, and the
cross-government view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.tests.functions_fixtures import functions_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_taxonomy_and_models(functions_world, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account())
    rows = api.get(reverse("api:strategy-functions")).json()
    security = next(r for r in rows if r["key"] == "security")
    assert security["needs"] == [{"family": "Architecture", "level": "senior"},
                                 {"family": "IT operations", "level": "senior"}]
    assert security["retained_in"] == ["centralised", "federated", "minimal"]
    models = api.get(reverse("api:strategy-operating-models")).json()
    assert [m["key"] for m in models] == ["centralised", "federated", "minimal"]
    assert "security" in models[2]["retained"] and "end-user-services" not in models[2]["retained"]


def test_record_list_and_check(functions_world, make_account, api_client) -> None:  # noqa: ANN001
    w = functions_world
    api = api_client(make_account("head_of_profession", w.org_a))
    data = w.function("data")
    url = reverse("api:strategy-function-entry", args=["DA", data.pk])
    assert api.get(url).status_code == 404  # not recorded yet
    response = api.put(url, {"sourcing": "in_house", "maturity": "good", "version": 0},
                       format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["flagged"] and body["status"] == "nobody"
    response = api.put(url, {"sourcing": "mixed", "maturity": "better", "version": 1},
                       format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = api.put(url, {"sourcing": "outsourced", "maturity": "best", "version": 1},
                    format="json")
    assert stale.status_code == 409 and "version 2" in stale.json()["detail"]
    assert api.put(url, {"maturity": "best"}, format="json").status_code == 400
    assert api.put(reverse("api:strategy-function-entry", args=["DB", data.pk]),
                   {"sourcing": "in_house", "maturity": "good"},
                   format="json").status_code == 403

    w.add_people(w.org_a, "Data", 6, 2)
    rows = api.get(reverse("api:strategy-function-matrix") + "?organisation=da").json()
    assert [(r["function"], r["sourcing"], r["status"]) for r in rows] == [
        ("data", "mixed", "gap")]
    assert api.get(reverse("api:strategy-function-matrix") + "?organisation=ZZ"
                   ).status_code == 400
    assert api.get(reverse("api:strategy-function-matrix") + "?organisation=a%00"
                   ).status_code == 400
    checks = api.get(reverse("api:strategy-function-checks", args=["DA"])).json()
    assert checks["recorded"] == 1 and checks["flags"] == []
    assert [(n["family"], n["people"]) for n in checks["need"]] == [
        ("Architecture", "0"), ("Data", "fewer than 5")]
    across = api.get(reverse("api:strategy-function-retention")).json()
    assert next(r for r in across if r["function"] == "data")["retained_by"] == ["DA"]
