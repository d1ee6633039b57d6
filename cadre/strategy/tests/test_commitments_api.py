# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Commitments API: the filtered list, one entry, entering and changing entries (own
organisation for a head of profession, 403 otherwise), actions, and the import endpoint
(every problem by row and column, nothing written; the same file again changes nothing)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.strategy.models import CommitmentEntry
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    ACTION,
    STRATEGY,
    accounts,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)

pytestmark = pytest.mark.django_db
LIST = "api:strategy-commitment-list"


def test_list_filters(commitments_world, accounts, api_client) -> None:  # noqa: ANN001
    client = api_client(accounts["professional"])
    body = client.get(reverse(LIST)).json()
    assert body["count"] == 3
    first = body["results"][0]
    assert {k: first[k] for k in ("strategy", "action", "organisation", "kind", "period",
                                  "not_applicable")} == {
        "strategy": STRATEGY, "action": ACTION, "organisation": "DA", "kind": "commitment",
        "period": "2012-12", "not_applicable": False}
    assert "entered_by" not in first
    assert client.get(reverse(LIST), {"organisation": "db"}).json()["count"] == 1
    assert client.get(reverse(LIST), {"kind": "progress"}).json()["count"] == 1
    assert client.get(reverse(LIST), {"action": commitments_world.action.pk,
                                      "period": "2013"}).json()["count"] == 1
    assert client.get(reverse(LIST), {"action": ACTION.lower()}).json()["count"] == 3
    for params, field in (({"organisation": "NOPE"}, "organisation"),
                          ({"kind": "wish"}, "kind"), ({"period": "x\x00"}, "period"),
                          ({"action": "x" * 301}, "action")):
        response = client.get(reverse(LIST), params)
        assert response.status_code == 400, params
        assert field in [e["field"] for e in response.json()["errors"]]


def test_detail_and_actions(commitments_world, accounts, api_client) -> None:  # noqa: ANN001
    client = api_client(accounts["analyst"])
    pk = commitments_world.entry_a.pk
    body = client.get(reverse("api:strategy-commitment-detail", args=[pk])).json()
    assert body["text"] == "We will train everyone." and body["organisation_name"] == \
        "Department A"
    assert client.get(reverse("api:strategy-commitment-detail", args=[999999])
                      ).status_code == 404
    actions = client.get(reverse("api:strategy-commitment-actions")).json()["results"]
    assert actions == [{"id": commitments_world.action.pk, "strategy": STRATEGY,
                        "name": ACTION, "organisations": 2, "entries": 3}]


def test_head_of_profession_creates_and_updates_own(commitments_world, accounts,
                                                    api_client) -> None:  # noqa: ANN001
    w = commitments_world
    client = api_client(accounts["hop_a"])
    payload = {"action": w.action.pk, "organisation": "DA", "kind": "plan",
               "period": "2015", "text": "Keep going."}
    created = client.post(reverse(LIST), payload, format="json")
    assert created.status_code == 201, created.json()
    again = client.post(reverse(LIST), {**payload, "text": "Keep going faster."},
                        format="json")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    refused = client.post(reverse(LIST), {**payload, "organisation": "DB"}, format="json")
    assert refused.status_code == 403
    detail = reverse("api:strategy-commitment-detail", args=[w.entry_a.pk])
    patched = client.patch(detail, {"not_applicable": True}, format="json")
    assert patched.status_code == 200 and patched.json()["not_applicable"] is True
    assert patched.json()["text"] == "We will train everyone."
    other = reverse("api:strategy-commitment-detail", args=[w.entry_b.pk])
    assert client.patch(other, {"text": "Mine now."}, format="json").status_code == 403
    assert CommitmentEntry.objects.get(pk=w.entry_b.pk).text == "We will train everyone."
    bad = client.post(reverse(LIST), {**payload, "period": "20155", "text": "x" * 10_001},
                      format="json")
    assert bad.status_code == 400
    assert {"period", "text"} <= {e["field"] for e in bad.json()["errors"]}


def test_professionals_and_analysts_may_not_write(commitments_world, accounts,
                                                  api_client) -> None:  # noqa: ANN001
    w = commitments_world
    for name in ("professional", "analyst"):
        client = api_client(accounts[name])
        response = client.post(reverse(LIST), {"action": w.action.pk, "organisation": "DA",
                                               "kind": "plan", "period": "2015",
                                               "text": "x"}, format="json")
        assert response.status_code == 403


def test_import_endpoint(org_a, org_b, accounts, api_client, stub_organisations) -> None:  # noqa: ANN001
    url = reverse("api:strategy-commitment-import")
    client = api_client(accounts["central"])
    bad = csv_bytes([row("Department A", period="2012-13"), row("Lost Office")])
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", bad)},
                           format="multipart")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(2, "period"), (3, "organisation")}
    assert not CommitmentEntry.objects.exists()
    data = csv_bytes([row("Department A"), row("Lost Office")])
    done = client.post(url, {"file": SimpleUploadedFile("c.csv", data),
                             "map": ["Lost Office=DB"]}, format="multipart")
    assert done.status_code == 200, done.json()
    assert done.json()["created"] == 2 and done.json()["matched"]["Lost Office"] == "DB"
    again = client.post(url, {"file": SimpleUploadedFile("c.csv", data),
                              "map": ["Lost Office=DB"]}, format="multipart")
    assert again.json()["unchanged"] == 2 and again.json()["created"] == 0
    hop = api_client(accounts["hop_a"]).post(
        url, {"file": SimpleUploadedFile("c.csv", data)}, format="multipart")
    assert hop.status_code == 403
