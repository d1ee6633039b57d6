# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""The metrics API: definitions, values with filters, submitting a value, the published
set."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.strategy.models import MetricValue
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    FY,
    PREVIOUS,
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db
LIST = "api:strategy-metric-list"
VALUES = "api:strategy-metric-values"


def test_definitions_create_and_patch(metrics_world, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account("central_team"))
    listed = api.get(reverse(LIST)).json()
    assert [d["key"] for d in listed] == ["fake-share", "user-satisfaction"]
    assert listed[1]["owner"] == "DA" and listed[1]["baseline_value"] == 60.0
    made = api.post(reverse(LIST), {"key": "apprentice-starts", "name": "Apprentice starts",
                                    "unit": "count", "direction": "higher", "owner": "DB",
                                    "target_value": 230}, format="json")
    assert made.status_code == 201 and made.json()["owner"] == "DB"
    bad = api.post(reverse(LIST), {"key": "x y", "name": "N", "unit": "count",
                                   "direction": "higher", "owner": "NOPE",
                                   "target_value": 2.5}, format="json")
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"owner"}  # the organisation is looked up first, then the rest
    bad = api.post(reverse(LIST), {"key": "x y", "name": "N", "unit": "count",
                                   "direction": "higher", "target_value": 2.5}, format="json")
    assert {e["field"] for e in bad.json()["errors"]} == {"key", "target_value"}
    url = reverse("api:strategy-metric-detail", args=[made.json()["id"]])
    got = api.get(url)
    patched = api.patch(url, {"name": "Apprenticeship starts"}, format="json",
                        HTTP_IF_MATCH=got["ETag"])
    assert patched.status_code == 200 and patched.json()["name"] == "Apprenticeship starts"
    stale = api.patch(url, {"name": "Again"}, format="json", HTTP_IF_MATCH=got["ETag"])
    assert stale.status_code == 412
    assert api.get(reverse("api:strategy-metric-detail", args=[99999])).status_code == 404


def test_values_filters_and_suppression(metrics_world, make_account, api_client) -> None:  # noqa: ANN001
    services.compute_metrics(actor=CLI, period=FY)
    services.compute_metrics(actor=CLI, period=PREVIOUS)
    api = api_client(make_account("analyst"))
    rows = api.get(reverse(VALUES), {"metric": "fake-share", "period": "2025-26"}).json()
    assert [r["organisation"] for r in rows] == ["", "DA", "DB", "DC"]
    hidden = {r["organisation"]: r for r in rows if r["suppressed"]}
    assert set(hidden) == {"DB", "DC"}
    assert all(r["value"] is None and r["numerator"] is None and r["people"] is None
               for r in hidden.values())
    da = api.get(reverse(VALUES), {"organisation": "da"}).json()
    assert [r["period"] for r in da] == ["2024-25", "2025-26"]
    gov = api.get(reverse(VALUES), {"organisation": "government"}).json()
    assert {r["organisation_name"] for r in gov} == {"Whole of government"}
    for params, field in (({"metric": "nothing"}, "metric"), ({"organisation": "ZZ"},
                                                              "organisation"),
                          ({"period": "2025-99"}, "period"), ({"period": "2025\x00"}, "period"),
                          ({"history": "maybe"}, "history")):
        response = api.get(reverse(VALUES), params)
        assert response.status_code == 400, params
        assert response.json()["errors"][0]["field"] == field


def test_submitting_a_value_records_who_and_when(metrics_world, make_account, api_client) -> None:  # noqa: ANN001
    head = make_account("head_of_profession", metrics_world.orgs["DA"])
    api = api_client(head)
    body = {"metric": "user-satisfaction", "organisation": "DA", "period": "2025-26",
            "value": 61.2, "people": 3}
    sent = api.post(reverse(VALUES), body, format="json")
    assert sent.status_code == 201
    assert sent.json()["suppressed"] is True and sent.json()["value"] is None
    again = api.post(reverse(VALUES), {**body, "value": 62, "people": 40}, format="json")
    assert again.json()["value"] == 62 and again.json()["origin"] == "submitted"
    assert again.json()["recorded_by"] == head.email
    rows = MetricValue.objects.filter(definition=metrics_world.entered).order_by("pk")
    assert [(r.current, r.origin, r.recorded_by_id) for r in rows] == [
        (False, "submitted", head.pk), (True, "submitted", head.pk)]
    history = api_client(make_account("analyst")).get(
        reverse(VALUES), {"metric": "user-satisfaction", "history": "true"}).json()
    assert [(r["current"], r["suppressed"]) for r in history] == [(True, False), (False, True)]
    assert api.post(reverse(VALUES), {**body, "organisation": "DB"},
                    format="json").status_code == 403
    assert api.post(reverse(VALUES), {**body, "organisation": ""},
                    format="json").status_code == 403
    bad = api.post(reverse(VALUES), {**body, "value": 101, "period": "2025 Q1"}, format="json")
    assert {e["field"] for e in bad.json()["errors"]} == {"value", "period"}
    assert api.post(reverse(VALUES), {**body, "metric": "fake-share"},
                    format="json").status_code == 400


def test_published_set(metrics_world, make_account, api_client) -> None:  # noqa: ANN001
    services.compute_metrics(actor=CLI, period=FY)
    body = api_client(make_account()).get(reverse("api:strategy-metrics-published")).json()
    assert {m["key"] for m in body["metrics"]} == {"fake-share", "user-satisfaction"}
    assert sum(v["suppressed"] for v in body["values"]) == 2
    assert "recorded_by" not in body["values"][0]
    api = api_client(make_account())
    only = api.get(reverse("api:strategy-metrics-published"), {"period": "2025/26"}).json()
    assert only["period"] == "2025-26" and len(only["values"]) == 4
    bad = api.get(reverse("api:strategy-metrics-published"), {"period": "2025-99"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "period"
