# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Panels API: seating members, conflicts, a stage's allocation (dry run and real),
score sheets, moderation, decisions (a second one is a 409) and feedback."""

from __future__ import annotations

import pytest

from cadre.recruitment.models import ApplicationState, Assignment, PanelMember
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    allocate,
    panel_world,
    submit_all,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/recruitment"


def test_members_are_listed_added_and_removed(panel_world, web_client) -> None:
    w = panel_world
    client = web_client(w.hop_a)
    data = client.get(f"{BASE}/campaigns/{w.campaign.pk}/panel/").json()
    assert {row["role"] for row in data} == {"chair", "member"}
    response = client.post(f"{BASE}/campaigns/{w.campaign.pk}/panel/",
                           {"person": "A2", "stages": "sift", "capacity": 2},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["organisation"] == "DA"
    response = client.post(f"{BASE}/campaigns/{w.campaign.pk}/panel/",
                           {"person": "B2"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "person"
    member = PanelMember.objects.get(person=w.people.a_manager)
    assert client.delete(f"{BASE}/panel-members/{member.pk}/").status_code == 204
    assert web_client(w.c_user).post(f"{BASE}/campaigns/{w.campaign.pk}/panel/",
                                     {"person": "A2"}, content_type="application/json"
                                     ).status_code == 403


def test_allocation_dry_run_then_real(panel_world, web_client) -> None:
    w = panel_world
    client = web_client(w.hub)
    url = f"{BASE}/campaigns/{w.campaign.pk}/panel/allocation/"
    data = client.post(url, {"stage": "sift", "dry_run": True},
                       content_type="application/json").json()
    assert data["applied"] is False and data["placed"] == 6
    assert any(e["reason"] == "same_organisation" for e in data["exclusions"])
    assert not Assignment.objects.exists()
    data = client.post(url, {"stage": "sift"}, content_type="application/json").json()
    assert data["applied"] is True and Assignment.objects.count() == 6
    response = client.post(url, {"stage": "interview"}, content_type="application/json")
    assert response.status_code == 400


def test_scores_moderation_decision_and_feedback(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    member = web_client(w.c_user)
    mine = member.get(f"{BASE}/panel-assignments/?submitted=false").json()["results"]
    assert mine
    sheet = mine[0]["id"]
    url = f"{BASE}/panel-assignments/{sheet}/scores/"
    bad = member.post(url, {"scores": [{"criterion": w.sift.pk, "score": 7}]},
                      content_type="application/json")
    assert bad.status_code == 400
    body = {"scores": [{"criterion": w.sift.pk, "score": 3, "comment": "Fine"},
                       {"criterion": w.both.pk, "score": 2}]}
    response = member.post(url, body, content_type="application/json")
    assert response.status_code == 201 and len(response.json()["scores"]) == 2
    assert member.post(url, body, content_type="application/json").status_code == 409
    app = Assignment.objects.get(pk=sheet).application
    submit_all(w, app)
    chair = web_client(w.chair_user)
    stage = f"{BASE}/applications/{app.pk}/panel/sift/"
    response = chair.post(f"{stage}moderation/",
                          {"scores": [{"criterion": w.sift.pk, "score": 3},
                                      {"criterion": w.both.pk, "score": 3}]},
                          content_type="application/json")
    assert response.status_code == 200 and len(response.json()["moderation"]) == 2
    decision = {"outcome": "sifted_in", "reasons": "Strong"}
    response = chair.post(f"{stage}decision/", decision, content_type="application/json")
    assert response.status_code == 200 and response.json()["decision"]["outcome"] == "sifted_in"
    app.refresh_from_db()
    assert app.state == ApplicationState.SIFTED_IN
    response = chair.post(f"{stage}decision/", decision, content_type="application/json")
    assert response.status_code == 409
    feedback = f"{BASE}/applications/{app.pk}/feedback/"
    assert chair.get(feedback).status_code == 404
    assert chair.put(feedback, {"text": "Well done"},
                     content_type="application/json").json()["released_at"] is None
    assert chair.post(f"{feedback}release/").json()["released_at"] is not None
    assert chair.post(f"{feedback}release/").status_code == 409
    assert member.get(feedback).status_code == 404
    assert member.get(f"{BASE}/applications/{app.pk}/panel/lunch/").status_code == 404


def test_conflicts_endpoint(panel_world, web_client) -> None:
    w = panel_world
    allocate(w)
    client = web_client(w.c_user)
    app = w.m_c.assignments.first().application_id
    url = f"{BASE}/campaigns/{w.campaign.pk}/panel/conflicts/"
    response = client.post(url, {"member": w.m_c.pk, "application": app,
                                 "reason": "My neighbour"}, content_type="application/json")
    assert response.status_code == 201
    assert [row["application"] for row in client.get(url).json()] == [app]
    response = client.post(url, {"member": 999999, "application": app, "reason": "x"},
                           content_type="application/json")
    assert response.status_code == 400
