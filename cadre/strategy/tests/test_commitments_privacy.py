# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Who may open each commitments page and endpoint. Published commitments, progress and
plans are read by everyone signed in, never by the signed out; who entered an entry is shown
to the central team only. Heads of profession enter their own organisations' entries (403 for
another's); professionals and analysts enter nothing; only the central team imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.strategy.models import CommitmentEntry, Strategy
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    accounts,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)

pytestmark = pytest.mark.django_db


def _pages(w) -> dict[str, str]:  # noqa: ANN001
    return {
        "strategy:commitments": reverse("strategy:commitments"),
        "strategy:commitments-action": reverse("strategy:commitments-action",
                                               args=[w.action.pk]),
        "strategy:commitments-organisation": reverse("strategy:commitments-organisation",
                                                     args=[w.org_a.pk]),
        "strategy:commitments-entry-edit": reverse("strategy:commitments-entry-edit",
                                                   args=[w.action.pk, w.org_a.pk]),
        "strategy:commitments-import": reverse("strategy:commitments-import"),
    }


def _api(w) -> dict[str, str]:  # noqa: ANN001
    return {
        "api:strategy-commitment-list": reverse("api:strategy-commitment-list"),
        "api:strategy-commitment-detail": reverse("api:strategy-commitment-detail",
                                                  args=[w.entry_a.pk]),
        "api:strategy-commitment-actions": reverse("api:strategy-commitment-actions"),
        "api:strategy-commitment-import": reverse("api:strategy-commitment-import"),
    }


def test_signed_out_sees_nothing(commitments_world) -> None:  # noqa: ANN001
    w = commitments_world
    for name, url in _pages(w).items():
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], name
        assert b"We will train everyone" not in response.content
    for name, url in _api(w).items():
        method = "post" if name == "api:strategy-commitment-import" else "get"
        response = getattr(APIClient(), method)(url)
        assert response.status_code in (401, 403), name
        assert b"We will train everyone" not in response.content
    response = APIClient().patch(_api(w)["api:strategy-commitment-detail"],
                                 {"text": "x"}, format="json")
    assert response.status_code in (401, 403)
    assert CommitmentEntry.objects.get(pk=w.entry_a.pk).text == "We will train everyone."


def test_signed_in_reads_but_who_entered_is_central_only(commitments_world, accounts,
                                                        web_client, api_client) -> None:  # noqa: ANN001
    w = commitments_world
    pages = _pages(w)
    client = web_client(accounts["professional"])
    for name in ("strategy:commitments", "strategy:commitments-action",
                 "strategy:commitments-organisation"):
        response = client.get(pages[name])
        assert response.status_code == 200, name
        assert b"cli:tests" not in response.content, name
    body = api_client(accounts["professional"]).get(
        _api(w)["api:strategy-commitment-detail"]).json()
    assert "entered_by" not in body and "entered_via" not in body


def test_who_may_enter_and_import(commitments_world, accounts, web_client,
                                  api_client) -> None:  # noqa: ANN001
    w = commitments_world
    pages = _pages(w)
    edit, imports = pages["strategy:commitments-entry-edit"], pages["strategy:commitments-import"]
    for name in ("professional", "analyst", "hop_b"):
        client = web_client(accounts[name])
        assert client.get(edit).status_code == 403, name
        assert client.post(edit, {"kind": "plan", "period": "2015", "text": "x"}
                           ).status_code == 403, name
    for name in ("professional", "analyst", "hop_a", "hop_b"):
        client = web_client(accounts[name])
        assert client.get(imports).status_code == 403, name
        data = csv_bytes([row("Department A", "plan", "2020")])
        assert client.post(imports, {"file": SimpleUploadedFile("c.csv", data)}
                           ).status_code == 403, name
        api = api_client(accounts[name])
        assert api.post(_api(w)["api:strategy-commitment-import"],
                        {"file": SimpleUploadedFile("c.csv", data)},
                        format="multipart").status_code == 403, name
    assert web_client(accounts["hop_a"]).get(edit).status_code == 200
    assert web_client(accounts["admin"]).get(imports).status_code == 200
    for name in ("professional", "analyst", "hop_b"):
        api = api_client(accounts[name])
        assert api.patch(_api(w)["api:strategy-commitment-detail"], {"text": "x"},
                         format="json").status_code == 403, name
        assert api.post(_api(w)["api:strategy-commitment-list"],
                        {"action": w.action.pk, "organisation": "DA", "kind": "plan",
                         "period": "2015", "text": "x"}, format="json").status_code == 403
    assert not CommitmentEntry.objects.filter(kind="plan").exists()
    assert Strategy.objects.count() == 1
