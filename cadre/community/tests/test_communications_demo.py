# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""The communications demo: stakeholders of each kind, the four channels, three
audiences, a message sent through the task, one waiting for assurance and a draft; safe
to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.access.services import grant_role
from cadre.community.demo import communications as demo
from cadre.community.models import (
    Audience,
    Channel,
    CommunityMessage,
    Stakeholder,
    StakeholderKind,
)
from cadre.community.selectors import communications as sel
from cadre.community.tests.communications_fixtures import comms  # noqa: F401
from cadre.core.actor import Actor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_twice(comms, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    for email, role in ((demo.AUTHOR, "central_team"), (demo.ASSURER, "administrator")):
        grant_role(user=UserFactory(email=email), role=role, organisation=None, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        lines = demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert any("sent" in line for line in lines)
    demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert set(Stakeholder.objects.values_list("kind", flat=True)) == set(
        StakeholderKind.values)
    assert Channel.objects.count() == 4
    assert Audience.objects.exclude(pk=comms.audience.pk).count() == 3
    states = dict(CommunityMessage.objects.values_list("title", "state"))
    assert sorted(states.values()) == ["awaiting_assurance", "draft", "sent"]
    sent = CommunityMessage.objects.get(state="sent")
    assert sent.assured_version.number == 2 and sent.versions.count() == 2
    figures = sel.figures(sent)
    # the five data people in local government and the LGA
    assert figures.recipients == 6 and figures.queued == 6
