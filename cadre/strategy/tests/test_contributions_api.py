# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Contributions API: a person's list and the counts, with their errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.strategy.services import contributions as services
from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401

pytestmark = pytest.mark.django_db


def test_person_contributions(contributions, api_client) -> None:
    w = contributions
    services.offer_evidence(actor=Actor.system(), person=w.people.a_manager, cycle=w.cycle,
                            keys=[f"panel:{w.records['panel'].pk}"])
    url = reverse("api:strategy-contributions-person", args=[w.people.a_manager.pk])
    body = api_client(w.manager).get(url).json()
    assert body["person"] == w.people.a_manager.pk
    assert {c["kind"] for c in body["contributions"]} == {
        "bench", "mentoring", "community_lead", "assessing", "panel", "posting_host"}
    bench = next(c for c in body["contributions"] if c["kind"] == "bench")
    assert bench["organisation"] == "Department B" and bench["url"].startswith("/")
    assert [e["kind"] for e in body["evidence"]] == ["panel"]
    assert api_client(w.head).get(url).status_code == 200


def test_counts(contributions, api_client) -> None:
    w = contributions
    client = api_client(w.analyst)
    url = reverse("api:strategy-contributions-counts")
    body = client.get(url, {"period": str(w.today.year), "organisation": "DA"}).json()
    assert body["organisation"] == "DA" and body["threshold"] == 5
    assert body["workstreams"] == []
    assert body["rows"] and all(r["people"] == "fewer than 5" and r["contributions"] == "[c]"
                                for r in body["rows"])
    for params, field in (({"period": "2025-27"}, "period"), ({"period": "x\x00"}, "period"),
                          ({"organisation": "NOPE"}, "organisation"),
                          ({"organisation": "A" * 31}, "organisation")):
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert field in response.content.decode()
