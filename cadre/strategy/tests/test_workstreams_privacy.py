# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""Who may open each strategy, workstream, milestone and confidence URL: nobody signed out;
everyone signed in reads (organisations' plans, not people's records); setting up,
importing and the central rating only the central team and administrators; progress and
the owner's rating only heads of profession of the owning organisation. Refused writes
change nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.strategy.models import (
    ConfidenceRating,
    ConfidenceScale,
    Milestone,
    ReportingPeriod,
    Strategy,
    Workstream,
)
from cadre.strategy.tests.workstreams_fixtures import ws_world  # noqa: F401

pytestmark = pytest.mark.django_db

PLAIN_PAGES = ("strategy:strategies", "strategy:strategy-create", "strategy:confidence",
               "strategy:scale-create", "strategy:period-create")
STRATEGY_PAGES = ("strategy:strategy", "strategy:workstream-create")
WORKSTREAM_PAGES = ("strategy:workstream", "strategy:milestone-create")
MILESTONE_PAGES = ("strategy:milestone", "strategy:milestone-update",
                   "strategy:milestone-rate-owner", "strategy:milestone-rate-central")
PERIOD_PAGES = ("strategy:period-edit",)
PLAIN_API = ("api:strategy-strategies", "api:strategy-workstreams", "api:strategy-milestones",
             "api:strategy-milestones-import", "api:strategy-scales", "api:strategy-periods")
READ_PAGES = ("strategy:strategies", "strategy:confidence", "strategy:strategy",
              "strategy:workstream", "strategy:milestone")
EDITOR_PAGES = ("strategy:strategy-create", "strategy:scale-create", "strategy:period-create",
                "strategy:workstream-create", "strategy:milestone-create",
                "strategy:milestone-rate-central", "strategy:period-edit")
OWNER_PAGES = ("strategy:milestone-update", "strategy:milestone-rate-owner")


def _url(w, name: str) -> str:  # noqa: ANN001
    if name in STRATEGY_PAGES or name == "api:strategy-strategy":
        return reverse(name, args=[w.strategy.pk])
    if name in WORKSTREAM_PAGES or name == "api:strategy-workstream":
        return reverse(name, args=[w.workstream.pk])
    if name in MILESTONE_PAGES or name in ("api:strategy-milestone",
                                           "api:strategy-milestone-ratings"):
        return reverse(name, args=[w.milestone.pk])
    if name in PERIOD_PAGES or name == "api:strategy-period":
        return reverse(name, args=[w.period.pk])
    return reverse(name)


def _state() -> tuple:
    return (Strategy.objects.count(), Workstream.objects.count(),
            list(Milestone.objects.values_list("status", "version", "evidence")),
            list(ConfidenceRating.objects.values_list("level_id", "version")),
            ConfidenceScale.objects.count(),
            list(ReportingPeriod.objects.values_list("label", "scale_id")))


def test_signed_out_gets_nothing(ws_world) -> None:  # noqa: ANN001
    before = _state()
    for name in (*PLAIN_PAGES, *STRATEGY_PAGES, *WORKSTREAM_PAGES, *MILESTONE_PAGES,
                 *PERIOD_PAGES):
        for method in ("get", "post"):
            response = getattr(Client(), method)(_url(ws_world, name))
            assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name in (*PLAIN_API, "api:strategy-strategy", "api:strategy-workstream",
                 "api:strategy-milestone", "api:strategy-milestone-ratings",
                 "api:strategy-period"):
        assert APIClient().get(_url(ws_world, name)).status_code in (401, 403, 405), name
        assert APIClient().post(_url(ws_world, name), {}).status_code in (401, 403, 405), name
    for name in ("api:strategy-milestone", "api:strategy-period"):
        assert APIClient().patch(_url(ws_world, name), {}).status_code in (401, 403), name
    assert _state() == before


def test_every_signed_in_account_reads(ws_world, web_client) -> None:  # noqa: ANN001
    for user in (ws_world.professional, ws_world.analyst, ws_world.other_hop):
        client = web_client(user)
        for name in READ_PAGES:
            assert client.get(_url(ws_world, name)).status_code == 200, name


def test_outsiders_may_not_set_up_or_rate_centrally(ws_world, web_client) -> None:  # noqa: ANN001
    before = _state()
    for user in (ws_world.professional, ws_world.analyst, ws_world.owner,
                 ws_world.other_hop):
        client = web_client(user)
        for name in EDITOR_PAGES:
            assert client.get(_url(ws_world, name)).status_code == 403, (name, user)
            assert client.post(_url(ws_world, name), {"name": "x", "label": "x"}
                               ).status_code == 403, (name, user)
    assert _state() == before


def test_only_owners_update_progress_and_give_the_owner_rating(ws_world, web_client) -> None:  # noqa: ANN001
    before = _state()
    for user in (ws_world.professional, ws_world.analyst, ws_world.other_hop):
        client = web_client(user)
        for name in OWNER_PAGES:
            assert client.get(_url(ws_world, name)).status_code == 403, (name, user)
            assert client.post(_url(ws_world, name), {"status": "done", "version": "1"}
                               ).status_code == 403, (name, user)
        page = client.get(_url(ws_world, "strategy:milestone")).content.decode()
        assert "Update progress" not in page and "Give the owner" not in page
    assert _state() == before
    page = web_client(ws_world.owner).get(_url(ws_world, "strategy:milestone")).content
    assert b"Update progress" in page and b"Give the central rating" not in page


def test_the_api_refuses_outsiders(ws_world) -> None:  # noqa: ANN001
    before = _state()
    for user in (ws_world.professional, ws_world.analyst, ws_world.other_hop):
        client = APIClient()
        client.force_authenticate(user)
        for name in ("api:strategy-strategies", "api:strategy-workstreams",
                     "api:strategy-milestones", "api:strategy-scales",
                     "api:strategy-periods", "api:strategy-milestones-import"):
            assert client.post(_url(ws_world, name), {}, format="json").status_code == 403, name
        assert client.patch(_url(ws_world, "api:strategy-period"), {"label": "x"},
                            format="json").status_code == 403
        assert client.patch(_url(ws_world, "api:strategy-milestone"),
                            {"status": "done", "version": 1},
                            format="json").status_code == 403
        for kind in ("owner", "central"):
            assert client.post(_url(ws_world, "api:strategy-milestone-ratings"),
                               {"rater_kind": kind, "level": "Green", "version": 0},
                               format="json").status_code == 403
        for name in ("api:strategy-strategy", "api:strategy-workstream",
                     "api:strategy-milestone", "api:strategy-milestone-ratings",
                     "api:strategy-period"):
            assert client.get(_url(ws_world, name)).status_code == 200, name
    assert _state() == before
