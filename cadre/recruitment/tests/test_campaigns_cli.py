# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""``cadre recruitment campaigns``: list, show, create, transition, and refusals."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.recruitment.models import Campaign
from cadre.recruitment.tests.campaigns_fixtures import (  # noqa: F401
    CLI,
    mob,
    new_campaign,
    opened,
    world,
)

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("recruitment_campaigns", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_create_show_transition_and_list(world) -> None:
    out = _run("create", "--vacancy", str(world.vacancy.pk), "--pay-min", "60000",
               "--pay-max", "70000")
    campaign = Campaign.objects.get()
    assert f"Started campaign {campaign.pk}" in out
    shown = json.loads(_run("show", "--campaign", str(campaign.pk)))
    assert shown["vacancy"] == world.vacancy.pk and len(shown["criteria"]) == 2
    _run("create", "--organisation", "DA", "--title", "Head of data", "--role-level",
         str(world.role_level.pk), "--grade", "G6", "--location", "Leeds",
         "--closing-date", "2099-01-01", "--no-seed")
    assert Campaign.objects.get(title="Head of data").criteria.count() == 0
    assert shown["pay_benchmark"]["flags"] == []
    bare = Campaign.objects.get(title="Head of data")
    with pytest.raises(CommandError) as caught:
        _run("transition", "--campaign", str(bare.pk), "--to", "open")
    assert "Nothing was changed" in str(caught.value) and "criteria:" in str(caught.value)
    opened_campaign = opened(world, title="Ready")
    out = _run("transition", "--campaign", str(opened_campaign.pk), "--to", "sift",
               "--version", str(opened_campaign.version))
    assert "is now sift" in out
    rows = json.loads(_run("list", "--state", "sift"))["rows"]
    assert [r["title"] for r in rows] == ["Ready"]
    csv = _run("list", "--format", "csv", "--organisation", "DA")
    assert csv.splitlines()[0].startswith("id,title,organisation")
    assert len(csv.splitlines()) == 4
    assert campaign.pk


def test_refusals(world) -> None:
    campaign = opened(world)
    with pytest.raises(CommandError) as caught:
        _run("transition", "--campaign", str(campaign.pk), "--to", "sift", "--version", "1")
    assert "Someone else changed" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        _run("transition", "--campaign", str(campaign.pk), "--to", "cancelled")
    assert "reason:" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        _run("create", "--organisation", "DA", "--title", "x" * 201, "--role-level",
             str(world.role_level.pk), "--grade", "G6", "--location", "Leeds",
             "--closing-date", "2099-01-01")
    assert "title:" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        _run("show", "--campaign", "999999")
    assert "No campaign 999999" in str(caught.value)
    with pytest.raises(CommandError):
        _run("list", "--organisation", "NOWHERE")
