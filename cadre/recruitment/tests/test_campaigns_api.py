# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""The campaigns API: starting, changing with the version read (409 when stale), the plan,
the workflow (409 when no longer possible) and the one error shape."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.recruitment.models import Campaign
from cadre.recruitment.tests.campaigns_fixtures import (  # noqa: F401
    CLI,
    mob,
    new_campaign,
    opened,
    world,
)

pytestmark = pytest.mark.django_db


def test_start_a_campaign_from_a_vacancy_and_read_it(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.mob.a_hop)
    response = api.post(reverse("api:recruitment-campaigns"),
                        {"vacancy": world.vacancy.pk, "pay_min": 60000, "pay_max": 70000},
                        format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == "DA" and body["vacancy_id"] == world.vacancy.pk
    assert body["state"] == "draft" and body["may_manage"] is True
    assert len(body["criteria"]) == 2
    assert body["pay_benchmark"]["flags"] == [] and body["pay_benchmark"]["median"] is None
    assert {f["key"] for f in body["pay_benchmark"]["sources"]} == {"employed", "contingent"}
    again = api.post(reverse("api:recruitment-campaigns"), {"vacancy": world.vacancy.pk},
                     format="json")
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "vacancy"
    listing = api.get(reverse("api:recruitment-campaigns") + "?state=draft&organisation=DA")
    assert [r["id"] for r in listing.json()["results"]] == [body["id"]]


def test_bad_input_names_each_field(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.mob.a_hop)
    response = api.post(reverse("api:recruitment-campaigns"),
                        {"organisation": "DA", "title": "x" * 201, "retention_months": 40,
                         "role_level": world.role_level.pk, "grade": "G6",
                         "location": "Leeds", "closing_date": "2099-02-30"}, format="json")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"title", "retention_months", "closing_date"} <= fields
    response = api.post(reverse("api:recruitment-campaigns"),
                        {"organisation": "DA", "title": "Fine", "grade": "NOPE",
                         "role_level": world.role_level.pk, "location": "Leeds",
                         "closing_date": "2099-01-01"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "grade"
    assert api.get(reverse("api:recruitment-campaigns") + "?state=bogus").status_code == 400
    assert not Campaign.objects.exists()


def test_a_change_with_a_stale_version_is_a_conflict(world, api_client) -> None:  # noqa: ANN001
    campaign = new_campaign(world)
    api = api_client(world.mob.a_hop)
    url = reverse("api:recruitment-campaign", args=[campaign.pk])
    ok = api.patch(url, {"version": 1, "title": "Renamed", "pay_max": 90000}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "title": "Lost"}, format="json")
    assert stale.status_code == 409 and stale.json()["current_state"] == "draft"
    assert api.get(url).json()["title"] == "Renamed"


def test_the_plan(world, api_client) -> None:  # noqa: ANN001
    campaign = new_campaign(world, seed_criteria=False)
    api = api_client(world.mob.a_hop)
    url = reverse("api:recruitment-campaign-criteria", args=[campaign.pk])
    added = api.post(url, {"text": "Leads teams", "stage": "interview", "method": "interview",
                           "skill": world.skills[0].pk}, format="json")
    assert added.status_code == 201 and added.json()["skill"] == "Data modelling"
    bad = api.post(url, {"text": "On paper", "stage": "sift", "method": "presentation"},
                   format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "method"
    item = reverse("api:recruitment-criterion", args=[added.json()["id"]])
    assert api.patch(item, {"text": "Leads large teams"}, format="json").json()["text"] == \
        "Leads large teams"
    stale = api.delete(item + "?version=1")
    assert stale.status_code == 409
    assert api.delete(item).status_code == 204
    assert api.get(url).json() == []


def test_the_workflow(world, api_client) -> None:  # noqa: ANN001
    campaign = opened(world)
    api = api_client(world.mob.a_hop)
    url = reverse("api:recruitment-campaign-transition", args=[campaign.pk])
    moved = api.post(url, {"to": "sift", "version": campaign.version}, format="json")
    assert moved.status_code == 200 and moved.json()["state"] == "sift"
    lost = api.post(url, {"to": "sift", "version": campaign.version}, format="json")
    assert lost.status_code == 409 and lost.json()["current_state"] == "sift"
    stale = api.post(url, {"to": "interview", "version": campaign.version}, format="json")
    assert stale.status_code == 409
    no_reason = api.post(url, {"to": "cancelled"}, format="json")
    assert no_reason.status_code == 400 and no_reason.json()["errors"][0]["field"] == "reason"
    other = api_client(world.mob.b_hop)  # B's head cannot see A's campaign in its sift
    assert other.post(url, {"to": "interview"}, format="json").status_code == 404


def test_opening_without_a_plan_names_the_fields(world, api_client) -> None:  # noqa: ANN001
    campaign = new_campaign(world, seed_criteria=False, pay_min=None, pay_max=None,
                            closing_date=timezone.localdate() + dt.timedelta(days=5))
    response = api_client(world.mob.central).post(
        reverse("api:recruitment-campaign-transition", args=[campaign.pk]), {"to": "open"},
        format="json")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"pay_min", "criteria"}


def test_a_change_names_the_role_level_as_it_is_read(world, api_client) -> None:  # noqa: ANN001
    campaign = new_campaign(world)
    api = api_client(world.mob.a_hop)
    url = reverse("api:recruitment-campaign", args=[campaign.pk])
    read = api.get(url).json()
    same = api.patch(url, {"role_level_id": read["role_level_id"]}, format="json")
    assert same.status_code == 200 and same.json()["role_level_id"] == read["role_level_id"]
    bad = api.patch(url, {"role_level_id": 424242}, format="json")
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["role_level_id"]
