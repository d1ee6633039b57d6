"""The campaigns demo part: a campaign from a DWP vacancy taken external through mobility,
a DWP draft and HMRC's campaign in its sift; safe to run twice."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.framework.models import (
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)
from cadre.mobility import services as mobility
from cadre.recruitment.demo import campaigns as demo
from cadre.recruitment.models import Campaign
from cadre.recruitment.selectors import campaigns as sel
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
CLI = Actor.command_line("tests")


def _demo_government() -> None:
    dwp = OrganisationFactory(name="Department for Work and Pensions", abbreviation="DWP")
    OrganisationFactory(name="HM Revenue and Customs", abbreviation="HMRC")
    PersonFactory(organisation=dwp)
    framework = Framework.objects.create(name="Demo framework", version="1", is_default=True)
    level = SkillLevel.objects.create(framework=framework, name="Practitioner", ordinal=3)
    family = RoleFamily.objects.create(framework=framework, name="Architecture")
    role = Role.objects.create(framework=framework, family=family, name="Enterprise architect")
    senior = RoleLevel.objects.create(framework=framework, role=role, name="Chief architect",
                                      order=3, seniority=12)
    skill = Skill.objects.create(framework=framework, name="Enterprise architecture")
    Requirement.objects.create(role_level=senior, skill=skill, level=level)
    GradeFactory(code="G6", name="Grade 6", rank=7)
    GradeFactory(code="SCS1", name="SCS pay band 1", rank=8, is_senior_civil_service=True)
    vacancy = mobility.create_vacancy(
        actor=CLI, organisation=dwp, title="Demo: Chief architect", role_level=senior,
        grade=GradeFactory(code="G6"), closing_date=timezone.localdate() + dt.timedelta(days=30),
        skills=None)
    mobility.open_vacancy(actor=CLI, vacancy=vacancy)


def test_demo_campaigns_twice(make_account) -> None:  # noqa: ANN001
    _demo_government()
    lines = demo.load(actor=CLI, rng=random.Random(1))
    assert len(lines) == 3, lines
    from_vacancy = Campaign.objects.get(vacancy__isnull=False)
    assert from_vacancy.state == "open" and from_vacancy.vacancy.external_decided_at
    assert from_vacancy.title.startswith("Demo: ")
    states = sorted(Campaign.objects.values_list("organisation__abbreviation", "state"))
    assert states == [("DWP", "draft"), ("DWP", "open"), ("HMRC", "sift")]
    head = make_account("head_of_profession", from_vacancy.organisation)
    assert sel.visible_campaigns(head).count() == 2
    assert sel.visible_campaigns(make_account("professional")).count() == 1
    again = demo.load(actor=CLI, rng=random.Random(1))
    assert "already there" in again[0] and Campaign.objects.count() == 3
