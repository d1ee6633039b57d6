"""The panels demo part, on the demo government: panels from several organisations on the
demo campaigns, the panel demo campaign's sift allocated without conflicts, scores, one
decision with feedback released; safe to run twice; the demo line manager and DWP's head of
profession reach a score sheet by links."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cadre.access.models import User
from cadre.recruitment.demo import panels as demo
from cadre.recruitment.models import (
    Assignment,
    Campaign,
    Feedback,
    PanelMember,
    PanelRole,
    Score,
    StageDecision,
)

pytestmark = pytest.mark.django_db


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_demo_panels_and_a_second_run() -> None:
    out = io.StringIO()
    for command in ("load_defaults", "demo_load", "demo_capability", "demo_recruitment"):
        call_command(command, stdout=out)
    campaign = Campaign.objects.get(title=demo.PANEL_TITLE)
    seats = PanelMember.objects.filter(campaign=campaign).select_related("person")
    assert seats.filter(role=PanelRole.CHAIR).count() == 1
    assert len({s.person.organisation_id for s in seats}) >= 3
    assert Assignment.objects.filter(application__campaign=campaign).count() == 8
    for a in Assignment.objects.filter(application__campaign=campaign).select_related(
            "application__candidate__person", "member__person"):
        person = a.application.candidate.person
        if person is not None:
            assert person.organisation_id != a.member.person.organisation_id
    assert Score.objects.exists()
    assert StageDecision.objects.filter(application__campaign=campaign).count() == 1
    assert Feedback.objects.filter(released_at__isnull=False).count() == 1
    counts = (PanelMember.objects.count(), Assignment.objects.count(), Score.objects.count())
    call_command("demo_recruitment", stdout=out)
    assert (PanelMember.objects.count(), Assignment.objects.count(),
            Score.objects.count()) == counts
    manager = _client(demo.MANAGER)
    html = manager.get(reverse("recruitment:panels")).content.decode()
    assert reverse("recruitment:panel-scores", args=[
        Assignment.objects.filter(member__person__account__email=demo.MANAGER,
                                  submitted_at__isnull=True).first().pk]) in html
    hop = _client("hop.dwp@cadre.example")
    html = hop.get(reverse("recruitment:panel", args=[campaign.pk])).content.decode()
    assert "Allocate the sift" in html
    sheet = Assignment.objects.filter(application__campaign=campaign,
                                      submitted_at__isnull=False).first()
    assert hop.get(reverse("recruitment:panel-scores", args=[sheet.pk])).status_code == 200
