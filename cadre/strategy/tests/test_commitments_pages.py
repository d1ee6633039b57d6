# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Commitments pages: the list linked from the hub, an action's comparison (with and without
rolling up), an organisation's entries, entering an entry (own organisation for a head of
profession, 403 for another), and the import page listing every problem."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.strategy.models import CommitmentEntry
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    ACTION,
    accounts,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_hub_links_to_the_list_and_the_list_to_the_action(commitments_world, accounts,
                                                         web_client) -> None:  # noqa: ANN001
    client = web_client(accounts["professional"])
    hub = client.get(reverse("strategy:home")).content.decode()
    assert reverse("strategy:commitments") in hub
    assert reverse("strategy:commitments-import") not in hub
    page = client.get(reverse("strategy:commitments")).content.decode()
    assert reverse("strategy:commitments-action", args=[commitments_world.action.pk]) in page
    assert reverse("strategy:commitments-organisation",
                   args=[commitments_world.org_a.pk]) in page
    central_hub = web_client(accounts["central"]).get(reverse("strategy:home")).content.decode()
    assert reverse("strategy:commitments-import") in central_hub


def test_comparison_shows_every_organisation_side_by_side(commitments_world, accounts,
                                                         web_client) -> None:  # noqa: ANN001
    w = commitments_world
    response = web_client(accounts["hop_a"]).get(
        reverse("strategy:commitments-action", args=[w.action.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Commitment December 2012" in page and "Progress 2013" in page
    assert "Department A" in page and "Department B" in page and "Half trained." in page
    edit_a = reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_a.pk])
    edit_b = reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_b.pk])
    assert edit_a in page and edit_b not in page


def test_roll_up_says_so(commitments_world, accounts, web_client, stub_organisations) -> None:  # noqa: ANN001
    from cadre.strategy.services import commitments as services
    from cadre.strategy.tests.commitments_fixtures import CLI

    w = commitments_world
    closed = OrganisationFactory(name="Old Department", abbreviation="OLD")
    services.save_entry(actor=CLI, action=w.action, organisation=closed, kind="commitment",
                        period="2012-12", text="Old words.")
    stub_organisations[closed.pk] = [w.org_a.pk]
    client = web_client(accounts["professional"])
    url = reverse("strategy:commitments-action", args=[w.action.pk])
    plain = client.get(url).content.decode()
    assert "Roll closed organisations up" in plain and 'id="rolled-up"' not in plain
    rolled = client.get(url + "?roll_up=1").content.decode()
    assert 'id="rolled-up"' in rolled
    assert "Old Department is shown under Department A" in rolled
    assert "From Old Department" in rolled
    assert client.get(url + "?roll_up=yes").status_code == 400


def test_organisation_page_lists_entries_by_action(commitments_world, accounts,
                                                  web_client) -> None:  # noqa: ANN001
    w = commitments_world
    page = web_client(accounts["hop_b"]).get(
        reverse("strategy:commitments-organisation", args=[w.org_a.pk])).content.decode()
    assert ACTION in page and "Half trained." in page and "Progress 2013" in page
    assert reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_a.pk]) \
        not in page
    central = web_client(accounts["central"]).get(
        reverse("strategy:commitments-organisation", args=[w.org_a.pk])).content.decode()
    assert "cli:tests" in central  # who entered it: the central team only
    assert "cli:tests" not in page


def test_head_of_profession_updates_own_commitment(commitments_world, accounts,
                                                   web_client) -> None:  # noqa: ANN001
    w = commitments_world
    client = web_client(accounts["hop_a"])
    url = reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_a.pk])
    opened = client.get(url + "?kind=commitment&period=2012-12")
    assert opened.status_code == 200 and "We will train everyone." in opened.content.decode()
    response = client.post(url, {"kind": "progress", "period": "2014",
                                 "text": "Everyone trained."})
    assert response.status_code == 302
    entry = CommitmentEntry.objects.get(organisation=w.org_a, kind="progress", period="2014")
    assert entry.text == "Everyone trained." and entry.entered_by == accounts["hop_a"]
    after = client.get(response["Location"]).content.decode()
    assert "Everyone trained." in after and "Progress 2014" in after


def test_entry_form_errors_are_named(commitments_world, accounts, web_client) -> None:  # noqa: ANN001
    w = commitments_world
    url = reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_a.pk])
    response = web_client(accounts["hop_a"]).post(url, {"kind": "plan", "period": "2013-13",
                                                        "text": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "month" in page


def test_head_of_profession_cannot_enter_for_another_organisation(
        commitments_world, accounts, web_client) -> None:  # noqa: ANN001
    w = commitments_world
    url = reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_b.pk])
    client = web_client(accounts["hop_a"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "plan", "period": "2015", "text": "x"}).status_code == 403
    assert not CommitmentEntry.objects.filter(organisation=w.org_b, kind="plan").exists()


def test_import_page_lists_problems_and_saves_nothing(org_a, accounts, web_client,
                                                      stub_organisations) -> None:  # noqa: ANN001
    client = web_client(accounts["central"])
    url = reverse("strategy:commitments-import")
    assert client.get(url).status_code == 200
    bad = csv_bytes([row("Department A", kind="wish"), row("Nowhere Office")])
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "bad.csv was not imported" in page and "wish" in page
    assert "Nowhere Office" in page and "--create-missing" in page
    assert not CommitmentEntry.objects.exists()
    good = csv_bytes([row("Department A"), row("Old name", "plan", "2014")])
    dry = client.post(url, {"file": SimpleUploadedFile("good.csv", good),
                            "mappings": "Old name=DA\n", "dry_run": "on"})
    assert dry.status_code == 200 and "Nothing was saved" in dry.content.decode()
    assert not CommitmentEntry.objects.exists()
    good = csv_bytes([row("Department A"), row("Old name", "progress", "2013")])
    done = client.post(url, {"file": SimpleUploadedFile("good.csv", good),
                             "mappings": "Old name=DA"})
    assert done.status_code == 302
    assert CommitmentEntry.objects.filter(organisation=org_a).count() == 2
