# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""The demo part: applications on the demo campaigns open or at sift, safe to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.core.actor import Actor
from cadre.recruitment.demo import applications as demo
from cadre.recruitment.models import Application, CampaignState
from cadre.recruitment.tests.applications_fixtures import world  # noqa: F401
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_adds_applications_once(world) -> None:  # noqa: ANN001
    dwp = OrganisationFactory(name="Department for Work and Pensions", abbreviation="DWP")
    world.people.a_staff2.organisation = dwp
    world.people.a_staff2.save()
    world.campaign.title = "Demo: Principal architect"
    world.campaign.save()
    world.other.title = "Demo: Head of data"
    world.other.state = CampaignState.SIFT
    world.other.save()
    lines = demo.load(actor=Actor.command_line("tests"), rng=random.Random(1))
    assert len(lines) == 2, lines
    assert Application.objects.filter(campaign=world.campaign).count() == 4
    assert Application.objects.filter(campaign=world.other, internal=True).count() == 1
    assert Application.objects.filter(reserve_consent=True).exists()
    again = demo.load(actor=Actor.command_line("tests"), rng=random.Random(1))
    assert all("already has applications" in line for line in again)
    assert Application.objects.count() == 8
