"""The contributions demo part: a deployment for the demo professional, evidence offered in
their open appraisal cycle, and nothing more on a second run."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from cadre.bench.models import DeploymentRequest
from cadre.core.actor import command_line_actor
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.strategy.demo import contributions as demo
from cadre.strategy.models import ContributionEvidence
from cadre.talent.models import AppraisalCycle

pytestmark = pytest.mark.django_db


def test_demo_part_is_idempotent(people) -> None:  # noqa: ANN001
    person = people.a_staff1
    person.staff_number = DEMO_PROFESSIONAL
    person.save()
    today = timezone.localdate()
    AppraisalCycle.objects.create(organisation=person.organisation, name="Demo cycle",
                                  opens_on=today - dt.timedelta(days=1),
                                  closes_on=today + dt.timedelta(days=10))
    lines = demo.load(actor=command_line_actor(), rng=random.Random(1))
    assert "deployed to DB" in lines[0]
    assert DeploymentRequest.objects.get(specialist=person).state == "accepted"
    assert ContributionEvidence.objects.filter(person=person).count() == 1
    again = demo.load(actor=command_line_actor(), rng=random.Random(1))
    assert again[0] == f"Contributions: evidence already offered for {person.full_name}."
    assert len(again) == 2  # and their line manager (nothing to offer)
    assert DeploymentRequest.objects.filter(specialist=person).count() == 1


def test_demo_part_without_the_professional_skips(db) -> None:  # noqa: ANN001
    assert demo.load(actor=command_line_actor(), rng=random.Random(1)) == [
        "Contributions: no demo professional; skipped."]
