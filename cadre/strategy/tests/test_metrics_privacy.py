# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""Who may open each metrics page and endpoint, and that no page, chart, download, API
answer or command shows a value resting on 1 to 4 people.

Definitions and values by organisation for STRATEGY_FIGURES (heads of profession,
analysts, the central team, administrators); editors define metrics and compute; heads of
profession enter values for their own organisations only; the published agreed set for
anyone signed in; signed-out visitors get nothing."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.strategy.models import MetricValue
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    FY,
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db

FIGURE_PAGES = ("strategy:metrics", "strategy:metric")
EDITOR_PAGES = ("strategy:metric-create", "strategy:metric-edit")
#: DC's figure rests on 4 people (25.0% of 4, numerator 1); DB's is hidden with it.
SECRET_TEXTS = ("25.0%", "25%")


@pytest.fixture
def world(metrics_world):  # noqa: ANN001, ANN201
    services.compute_metrics(actor=CLI, period=FY)
    services.record_value(actor=CLI, definition_id=metrics_world.entered.pk,
                          organisation=metrics_world.orgs["DB"], period="2025-26",
                          value=77.7, people=3)
    return metrics_world


def _pk_url(name: str, world) -> str:  # noqa: ANN001
    if name in ("strategy:metric", "strategy:metric-edit"):
        return reverse(name, args=[world.computed.pk])
    if name == "strategy:metric-value-add":
        return reverse(name, args=[world.entered.pk])
    return reverse(name)


def test_signed_out_sees_nothing(world) -> None:  # noqa: ANN001
    for name in (*FIGURE_PAGES, *EDITOR_PAGES, "strategy:metric-value-add",
                 "strategy:metrics-published"):
        response = Client().get(_pk_url(name, world))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    assert Client().post(reverse("strategy:metrics-compute"),
                         {"period": "2025-26"}).status_code == 302
    for url in (reverse("api:strategy-metric-list"), reverse("api:strategy-metric-values"),
                reverse("api:strategy-metric-detail", args=[world.computed.pk]),
                reverse("api:strategy-metrics-published")):
        assert APIClient().get(url).status_code in (401, 403), url
    assert APIClient().post(reverse("api:strategy-metric-values"), {},
                            format="json").status_code in (401, 403)


def test_an_account_without_a_role_sees_only_the_published_set(world, make_account,
                                                              web_client, api_client) -> None:  # noqa: ANN001
    user = make_account()
    web, api = web_client(user), api_client(user)
    for name in (*FIGURE_PAGES, *EDITOR_PAGES, "strategy:metric-value-add"):
        assert web.get(_pk_url(name, world)).status_code == 403, name
    assert web.post(reverse("strategy:metrics-compute"), {"period": "2025-26"}
                    ).status_code == 403
    assert web.get(reverse("strategy:metrics-published")).status_code == 200
    for url in (reverse("api:strategy-metric-list"), reverse("api:strategy-metric-values"),
                reverse("api:strategy-metric-detail", args=[world.computed.pk])):
        assert api.get(url).status_code == 403, url
    assert api.get(reverse("api:strategy-metrics-published")).status_code == 200
    body = {"metric": "user-satisfaction", "organisation": "DA", "period": "2025-26",
            "value": 1}
    assert api.post(reverse("api:strategy-metric-values"), body, format="json"
                    ).status_code == 403
    assert api.post(reverse("api:strategy-metric-list"), {}, format="json").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "head_of_profession"])
def test_figure_roles_read_but_do_not_define(world, make_account, web_client, api_client,
                                             role) -> None:  # noqa: ANN001
    user = make_account(role, world.orgs["DA"] if role == "head_of_profession" else None)
    web, api = web_client(user), api_client(user)
    for name in FIGURE_PAGES:
        assert web.get(_pk_url(name, world)).status_code == 200, name
    for name in EDITOR_PAGES:
        assert web.get(_pk_url(name, world)).status_code == 403, name
    assert web.post(reverse("strategy:metrics-compute"), {"period": "2025-26"}
                    ).status_code == 403
    assert api.patch(reverse("api:strategy-metric-detail", args=[world.computed.pk]),
                     {"name": "X"}, format="json").status_code == 403
    expected = 200 if role == "head_of_profession" else 403
    assert web.get(_pk_url("strategy:metric-value-add", world)).status_code == expected


def test_a_head_of_profession_enters_only_for_their_organisation(world, make_account,
                                                                 api_client) -> None:  # noqa: ANN001
    api = api_client(make_account("head_of_profession", world.orgs["DA"]))
    body = {"metric": "user-satisfaction", "organisation": "DB", "period": "2025-26",
            "value": 12}
    assert api.post(reverse("api:strategy-metric-values"), body, format="json"
                    ).status_code == 403
    assert MetricValue.objects.filter(organisation=world.orgs["DB"],
                                      definition=world.entered).count() == 1


def test_no_channel_shows_a_value_resting_on_fewer_than_5_people(world, make_account,
                                                                 web_client, api_client) -> None:  # noqa: ANN001
    central = make_account("central_team")
    web, api = web_client(central), api_client(central)
    texts = []
    for pk in (world.computed.pk, world.entered.pk):
        texts.append(web.get(reverse("strategy:metric", args=[pk])).content.decode())
        texts.append(web.get(reverse("strategy:metric", args=[pk]), {"format": "csv"}
                             ).content.decode("utf-8-sig"))
    texts.append(web.get(reverse("strategy:metrics-published")).content.decode())
    texts.append(web.get(reverse("strategy:metrics-published"), {"format": "csv"}
                         ).content.decode("utf-8-sig"))
    for text in texts:
        for secret in (*SECRET_TEXTS, "77.7"):
            assert secret not in text
    api_rows = api.get(reverse("api:strategy-metric-values"), {"history": "true"}).json()
    published = api.get(reverse("api:strategy-metrics-published")).json()["values"]
    out = io.StringIO()
    call_command("strategy_metrics", "--format", "json", "--history", stdout=out,
                 stderr=io.StringIO())
    cli_rows = json.loads(out.getvalue())
    out = io.StringIO()
    call_command("strategy_metrics", "--format", "csv", stdout=out, stderr=io.StringIO())
    csv_rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for rows in (api_rows, published, cli_rows, csv_rows):
        small = [r for r in rows if r["organisation"] in ("DC",) or (
            r["organisation"] == "DB" and r["metric"] == "user-satisfaction")]
        assert small and all(r["value"] in (None, "") for r in small)
        assert all(str(r["suppressed"]).lower() == "true" for r in small)
