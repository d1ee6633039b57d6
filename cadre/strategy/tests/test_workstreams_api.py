# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""The API: reading strategies, workstreams (with milestones and ratings), milestones,
scales and periods; setting up (the central team); progress with a version (409 when
stale); ratings (409 when stale); the import; bad input is a 400 naming the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.strategy.models import ConfidenceRating, Milestone
from cadre.strategy.tests.workstreams_fixtures import (  # noqa: F401
    MILESTONES_CSV,
    WORKSTREAMS_CSV,
    ws_world,
)

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:  # noqa: ANN001
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_reading(ws_world) -> None:  # noqa: ANN001
    client = _client(ws_world.professional)
    strategies = client.get(reverse("api:strategy-strategies")).json()
    assert strategies["results"][0]["name"] == "ICT Capability Strategy"
    detail = client.get(reverse("api:strategy-workstream", args=[ws_world.workstream.pk]))
    body = detail.json()
    assert body["lead_organisation"] == "DA" and body["participants"] == ["WF"]
    assert body["milestone_list"][0]["baseline_end"] == "2012-03-31"
    listed = client.get(reverse("api:strategy-workstreams"),
                        {"strategy": ws_world.strategy.pk}).json()
    assert listed["count"] == 1
    assert client.get(reverse("api:strategy-workstreams"), {"strategy": "x"}).status_code == 400
    assert client.get(reverse("api:strategy-milestone", args=[99999])).status_code == 404
    scales = client.get(reverse("api:strategy-scales")).json()
    assert [lv["label"] for lv in scales[0]["levels"]][:2] == ["Green", "Amber-green"]
    assert client.get(reverse("api:strategy-period", args=[ws_world.period.pk])
                      ).json()["scale_name"] == "Five-point"


def test_progress_with_versions(ws_world) -> None:  # noqa: ANN001
    url = reverse("api:strategy-milestone", args=[ws_world.milestone.pk])
    owner = _client(ws_world.owner)
    assert owner.patch(url, {}, format="json").status_code == 200
    ok = owner.patch(url, {"status": "late", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = owner.patch(url, {"status": "on_track", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "version"
    assert Milestone.objects.get(pk=ws_world.milestone.pk).status == "late"
    refused = _client(ws_world.other_hop).patch(url, {"status": "done", "version": 2},
                                                format="json")
    assert refused.status_code == 403
    bad = owner.patch(url, {"evidence_url": "not a url", "version": 2}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "evidence_url"


def test_ratings(ws_world) -> None:  # noqa: ANN001
    url = reverse("api:strategy-milestone-ratings", args=[ws_world.milestone.pk])
    central = _client(ws_world.central)
    made = central.post(url, {"rater_kind": "central", "period": ws_world.period.pk,
                              "level": "Amber", "version": 0}, format="json")
    assert made.status_code == 201 and made.json()["score"] == "0.500"
    stale = central.post(url, {"rater_kind": "central", "period": ws_world.period.pk,
                               "level": "Red", "version": 0}, format="json")
    assert stale.status_code == 409
    assert _client(ws_world.owner).post(url, {"rater_kind": "central", "level": "Red",
                                              "period": ws_world.period.pk, "version": 1},
                                        format="json").status_code == 403
    wrong = central.post(url, {"rater_kind": "central", "period": ws_world.period.pk,
                               "level": "Purple", "version": 1}, format="json")
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "level"
    assert [r["level"] for r in central.get(url).json()] == ["Amber"]
    assert ConfidenceRating.objects.count() == 1


def test_setting_up(ws_world) -> None:  # noqa: ANN001
    central = _client(ws_world.central)
    made = central.post(reverse("api:strategy-workstreams"),
                        {"strategy": ws_world.strategy.pk, "name": "Plan for B",
                         "kind": "departmental_plan", "lead_organisation": "DB",
                         "organisation": "DB"}, format="json")
    assert made.status_code == 201 and made.json()["organisation"] == "DB"
    milestone = central.post(reverse("api:strategy-milestones"),
                             {"workstream": made.json()["id"], "title": "Map functions",
                              "date_text": "Q3 2026"}, format="json")
    assert milestone.status_code == 201 and milestone.json()["baseline_kind"] == "range"
    scale = central.post(reverse("api:strategy-scales"),
                         {"name": "Binary", "levels": [{"label": "Yes"}, {"label": "No"}]},
                         format="json")
    assert scale.status_code == 201
    period = central.post(reverse("api:strategy-periods"),
                          {"label": "P1", "starts_on": "2026-01-01", "ends_on": "2026-03-31",
                           "scale": scale.json()["id"]}, format="json")
    assert period.status_code == 201
    refused = _client(ws_world.owner).post(reverse("api:strategy-strategies"),
                                           {"name": "Mine"}, format="json")
    assert refused.status_code == 403
    long = central.post(reverse("api:strategy-strategies"), {"name": "x" * 201},
                        format="json")
    assert long.status_code == 400 and long.json()["errors"][0]["field"] == "name"


def test_import(ws_world) -> None:  # noqa: ANN001
    central = _client(ws_world.central)
    url = reverse("api:strategy-milestones-import")

    def files() -> dict:
        return {"workstreams": SimpleUploadedFile("ws.csv", WORKSTREAMS_CSV.encode()),
                "milestones": SimpleUploadedFile("ms.csv", MILESTONES_CSV.encode())}

    refused = central.post(url, files(), format="multipart")
    assert refused.status_code == 400 and refused.json()["errors"][0]["row"] == 3
    done = central.post(url, {**files(), "create_missing": "true"}, format="multipart")
    assert done.status_code == 200, done.json()
    assert done.json()["milestones_created"] == 3
    assert done.json()["unread"][0]["date_text"] == "when the stars align"
    assert _client(ws_world.owner).post(url, files(), format="multipart").status_code == 403
