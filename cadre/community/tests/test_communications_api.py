# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""The communications API: the register, audiences, messages through their steps (a
lost race or a stale edit a 409), bad input a 400 naming the field, and figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.community.models import CommunityMessage
from cadre.community.tests.communications_fixtures import comms  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_api(comms, api_client):  # noqa: ANN001, ANN201
    return api_client(comms.author)


@pytest.fixture
def assurer_api(comms, api_client):  # noqa: ANN001, ANN201
    return api_client(comms.assurer)


def _fields(response) -> set[str]:  # noqa: ANN001
    return {e["field"] for e in response.json()["errors"]}


def test_stakeholders(comms, author_api) -> None:  # noqa: ANN001
    url = reverse("api:community-stakeholder-list")
    made = author_api.post(url, {"name": "Royal Statistical Society",
                                 "kind": "professional_body",
                                 "contact_email": "m@rss.example"}, format="json")
    assert made.status_code == 201, made.json()
    bad = author_api.post(url, {"name": "x" * 201, "kind": "pirate",
                                "contact_email": "nope"}, format="json")
    assert bad.status_code == 400 and _fields(bad) == {"name", "kind", "contact_email"}
    detail = reverse("api:community-stakeholder-detail", args=[made.json()["id"]])
    changed = author_api.patch(detail, {"notes": "Joint events."}, format="json")
    assert changed.status_code == 200 and changed.json()["notes"] == "Joint events."
    assert author_api.get(url).json()["count"] == 2
    assert author_api.get(reverse("api:community-stakeholder-detail", args=[999999])
                          ).status_code == 404


def test_audiences(comms, author_api) -> None:  # noqa: ANN001
    url = reverse("api:community-audience-list")
    made = author_api.post(url, {"name": "Digital everywhere",
                                 "role_family_ids": [comms.digital.pk]}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["people"] == 1
    detail = author_api.get(reverse("api:community-audience-detail",
                                    args=[comms.audience.pk])).json()
    assert (detail["people"], detail["external_stakeholders"]) == (5, 1)
    bad = author_api.post(url, {"name": "Bad", "organisation_types": ["moon_base"],
                                "grade_ids": [999999]}, format="json")
    assert bad.status_code == 400 and _fields(bad) == {"organisation_types", "grades"}


def test_a_message_through_its_steps(comms, author_api, assurer_api,
                                     django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    made = author_api.post(reverse("api:community-message-list"), {
        "title": "Data week", "channel": "email", "audience": comms.audience.pk,
        "subject": "Data week", "body": "Come along."}, format="json")
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    detail = reverse("api:community-message-detail", args=[pk])
    transition = reverse("api:community-message-transition", args=[pk])
    edited = author_api.patch(detail, {"body": "Come along, 1 to 5 June.",
                                       "expected_version": 1}, format="json")
    assert edited.status_code == 200 and edited.json()["version_number"] == 2
    stale = author_api.patch(detail, {"body": "Again.", "expected_version": 1}, format="json")
    assert stale.status_code == 409
    assert author_api.post(transition, {"action": "send"}, format="json").status_code == 409
    assert author_api.post(transition, {"action": "submit"}, format="json").status_code == 200
    mine = author_api.post(transition, {"action": "assure", "version": 2}, format="json")
    assert mine.status_code == 403
    old = assurer_api.post(transition, {"action": "assure", "version": 1}, format="json")
    assert old.status_code == 409
    ok = assurer_api.post(transition, {"action": "assure", "version": 2,
                                       "comment": "Fine."}, format="json")
    assert ok.status_code == 200 and ok.json()["assured_version"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        sent = author_api.post(transition, {"action": "send"}, format="json")
    assert sent.status_code == 200
    assert author_api.post(transition, {"action": "send"}, format="json").status_code == 409
    figures = author_api.get(reverse("api:community-message-figures", args=[pk])).json()
    assert figures["state"] == "sent" and figures["recipients"] == 6
    versions = author_api.get(reverse("api:community-message-versions", args=[pk])).json()
    assert [v["number"] for v in versions["results"]] == [2, 1]
    assert CommunityMessage.objects.get(pk=pk).state == "sent"


def test_bad_message_input(comms, author_api) -> None:  # noqa: ANN001
    bad = author_api.post(reverse("api:community-message-list"), {
        "title": "t" * 201, "channel": "carrier-pigeon", "audience": 999999,
        "subject": "s" * 151, "body": ""}, format="json")
    assert bad.status_code == 400
    assert _fields(bad) == {"title", "channel", "audience", "subject", "body"}
    made = author_api.post(reverse("api:community-message-list"), {
        "title": "T", "channel": "email", "audience": comms.audience.pk, "subject": "S",
        "body": "B"}, format="json").json()
    transition = reverse("api:community-message-transition", args=[made["id"]])
    wrong = author_api.post(transition, {"action": "launch"}, format="json")
    assert wrong.status_code == 400 and _fields(wrong) == {"action"}
    returned = author_api.post(transition, {"action": "comment", "comment": "c" * 2001},
                               format="json")
    assert returned.status_code == 400 and _fields(returned) == {"comment"}
