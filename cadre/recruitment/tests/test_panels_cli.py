# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""``cadre recruitment panels``: members, add, remove, allocate (--dry-run), scores, decide."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.recruitment.models import ApplicationState, Assignment, PanelMember
from cadre.recruitment.tests.panels_fixtures import panel_world, submit_all  # noqa: F401

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("recruitment_panels", *args, stdout=out)
    return out.getvalue()


def test_members_add_remove(panel_world) -> None:
    w = panel_world
    rows = json.loads(run("members", "--campaign", str(w.campaign.pk)))["rows"]
    assert len(rows) == 4
    assert "is on the panel" in run("add", "--campaign", str(w.campaign.pk), "--person", "A2",
                                    "--stages", "sift")
    member = PanelMember.objects.get(person=w.people.a_manager)
    assert "is off the panel" in run("remove", "--member", str(member.pk))
    with pytest.raises(CommandError, match="Nothing was changed"):
        run("add", "--campaign", str(w.campaign.pk), "--person", "B1")
    with pytest.raises(CommandError, match="No campaign"):
        run("members", "--campaign", "999999")
    assert "person,name" in run("members", "--campaign", str(w.campaign.pk), "--format", "csv")


def test_allocate_scores_decide(panel_world) -> None:
    w = panel_world
    plan = json.loads(run("allocate", "--campaign", str(w.campaign.pk), "--stage", "sift",
                          "--dry-run"))
    assert plan["applied"] is False and not Assignment.objects.exists()
    plan = json.loads(run("allocate", "--campaign", str(w.campaign.pk), "--stage", "sift"))
    assert plan["applied"] is True and Assignment.objects.count() == 6
    submit_all(w, w.x)
    rows = json.loads(run("scores", "--campaign", str(w.campaign.pk)))["rows"]
    assert len(rows) == 4  # two members, two sift criteria
    out = run("decide", "--application", str(w.x.pk), "--stage", "sift", "--outcome",
              "sifted_in", "--reasons", "Strong evidence")
    assert "sifted in" in out
    w.x.refresh_from_db()
    assert w.x.state == ApplicationState.SIFTED_IN
    with pytest.raises(CommandError, match="Nothing was changed"):
        run("decide", "--application", str(w.y.pk), "--stage", "sift", "--outcome",
            "sifted_in", "--reasons", "Too early")
