# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""The applications API: listing in scope, recording, applying, steps (409 on a stale
version) and importing (400 naming every bad row)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.recruitment.models import Application
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_recording_and_reading(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.hop_a)
    response = api.post(reverse("api:recruitment-applications"), {
        "campaign": world.campaign.pk, "name": "Priya Raman", "email": "priya@example.com",
        "evidence": [{"criterion": world.sift.pk, "text": "Led a team"}]}, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["email"] == "priya@example.com" and data["state"] == "submitted"
    assert data["evidence"][0]["text"] == "Led a team"
    bad = api.post(reverse("api:recruitment-applications"), {
        "campaign": world.campaign.pk, "name": "", "email": "nope"}, format="json")
    assert bad.status_code == 400
    listing = api.get(reverse("api:recruitment-applications"),
                      {"campaign": world.campaign.pk}).json()
    assert [row["id"] for row in listing["results"]] == [data["id"]]
    assert api.get(reverse("api:recruitment-applications"),
                   {"state": "hired"}).status_code == 400
    refused = api_client(world.hop_b).post(reverse("api:recruitment-applications"), {
        "campaign": world.campaign.pk, "name": "A", "email": "a@example.com"}, format="json")
    assert refused.status_code == 403


def test_steps_and_conflicts(world, api_client) -> None:  # noqa: ANN001
    application = external(world)
    for to in ("sifted_in", "interviewed", "appointable"):
        services.transition(actor=None, application_id=application.pk, to=to)
    api = api_client(world.hub)
    url = reverse("api:recruitment-application-transition", args=[application.pk])
    assert api.post(url, {"to": "offered", "version": 2}, format="json").status_code == 409
    assert api.post(url, {"to": "sifted_in"}, format="json").status_code == 400
    ok = api.post(url, {"to": "offered", "version": 4}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 5
    assert api.post(url, {"to": "offered"}, format="json").status_code == 409


def test_applying_and_the_candidates_own_view(world, api_client) -> None:  # noqa: ANN001
    theirs = external(world)
    api = api_client(world.staff)
    response = api.post(reverse("api:recruitment-campaign-apply", args=[world.campaign.pk]),
                        {"evidence": [{"criterion": world.sift.pk, "text": "Mine"}],
                         "reserve_consent": True}, format="json")
    assert response.status_code == 201, response.content
    mine = response.json()
    assert mine["email"] is None and mine["reserve_consent"]
    listing = api.get(reverse("api:recruitment-applications")).json()["results"]
    assert [row["id"] for row in listing] == [mine["id"]]
    url = reverse("api:recruitment-application-transition", args=[mine["id"]])
    assert api.post(url, {"to": "offered"}, format="json").status_code == 409  # not yet
    other = reverse("api:recruitment-application-transition", args=[theirs.pk])
    assert api.post(other, {"to": "withdrawn"}, format="json").status_code == 404
    assert api.post(url, {"to": "withdrawn", "version": 1},
                    format="json").json()["state"] == "withdrawn"
    nobody = api_client(world.nobody)
    assert nobody.post(reverse("api:recruitment-campaign-apply", args=[world.campaign.pk]),
                       {}, format="json").status_code == 403


def test_import(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.hub)
    url = reverse("api:recruitment-applications-import", args=[world.campaign.pk])
    bad = api.post(url, {"file": SimpleUploadedFile("a.csv", b"name,email\nA,nope\n,b@x.org\n")},
                   format="multipart")
    assert bad.status_code == 400
    assert {(e["row"], e["column"]) for e in bad.json()["errors"]} == {(2, "email"), (3, "name")}
    good = api.post(url, {"file": SimpleUploadedFile("a.csv", b"name,email\nA,a@example.com\n")},
                    format="multipart")
    assert good.status_code == 200 and good.json()["existing"] == 0
    assert Application.objects.count() == 1
    assert api_client(world.hop_b).post(url, {"file": SimpleUploadedFile(
        "a.csv", b"name,email\nA,a@example.com\n")}, format="multipart").status_code == 403


def test_recording_for_a_campaign_not_found_names_the_field(world, api_client) -> None:  # noqa: ANN001
    response = api_client(world.hub).post(reverse("api:recruitment-applications"), {
        "campaign": 424242, "name": "Priya Raman", "email": "priya@example.com"},
        format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["campaign"]
    assert not Application.objects.exists()
