# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""The survey API: create and change with ETag/If-Match, items, the workflow, answers,
and bad input named by field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.community.models import Survey, SurveyResponse
from cadre.community.tests.surveys_fixtures import survey_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_create_change_open_and_answer(survey_world, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account("central_team"))
    made = api.post(reverse("api:community-survey-list"),
                    {"title": "Pulse", "closes_on": "2099-12-31"}, format="json")
    assert made.status_code == 201 and made.json()["state"] == "draft"
    pk = made.json()["id"]
    detail = reverse("api:community-survey-detail", args=[pk])
    tag = api.get(detail)["ETag"]
    changed = api.patch(detail, {"title": "Pulse 2026"}, format="json", HTTP_IF_MATCH=tag)
    assert changed.status_code == 200 and changed.json()["title"] == "Pulse 2026"
    stale = api.patch(detail, {"title": "Again"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    item = api.post(reverse("api:community-survey-items", args=[pk]),
                    {"kind": "statement", "text": "I feel part of a profession"}, format="json")
    assert item.status_code == 201
    assert api.post(reverse("api:community-survey-open", args=[pk])).json()["state"] == "open"
    member = api_client(survey_world.people[0].account)
    url = reverse("api:community-survey-responses", args=[pk])
    bad = member.post(url, {"scores": {str(item.json()["id"]): 7}}, format="json")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == f"scores.{item.json()['id']}"
    assert member.post(url, {"scores": {str(item.json()["id"]): 2}},
                       format="json").status_code == 201
    assert SurveyResponse.objects.count() == 1
    closed = api.post(reverse("api:community-survey-close", args=[pk]))
    assert closed.json()["state"] == "closed"
    assert api.patch(detail, {"title": "Late"}, format="json").status_code == 409


def test_bad_input_is_named(survey_world, make_account, api_client) -> None:  # noqa: ANN001
    api = api_client(make_account("administrator"))
    url = reverse("api:community-survey-list")
    for body, field in (({"title": "x" * 201}, "title"), ({}, "title"),
                        ({"title": "T", "baseline": 999}, "baseline"),
                        ({"title": "T", "opens_on": "2026-05-02", "closes_on": "2026-05-01"},
                         "closes_on"),
                        ({"title": "T", "opens_on": "soon"}, "opens_on")):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, body
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert not Survey.objects.exists()
    assert api.get(reverse("api:community-survey-detail", args=[999])).status_code == 404
