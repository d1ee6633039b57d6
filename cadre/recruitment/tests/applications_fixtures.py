"""A world for the applications tests: DA's open campaign (a sift and an interview
criterion) and DB's open campaign, with accounts for the hub, each organisation's head of
profession, two internal people (DA's a_staff1, DB's b_staff) and an account with nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.recruitment.models import Campaign, CampaignState, Criterion, CriterionStage
from cadre.recruitment.services import applications as services
from tests.factories import GradeFactory


@dataclass
class World:
    people: Any
    org_a: Any
    org_b: Any
    campaign: Campaign
    other: Campaign
    sift: Criterion
    interview: Criterion
    hub: Any
    hop_a: Any
    hop_b: Any
    staff: Any
    b_staff: Any
    nobody: Any


def make_campaign(organisation: Any, title: str, *, state: str = CampaignState.OPEN,
                  closing_date: dt.date | None = None) -> Campaign:
    framework = Framework.objects.first() or Framework.objects.create(name="F", version="1")
    family = RoleFamily.objects.get_or_create(framework=framework, name="Technical")[0]
    role = FrameworkRole.objects.get_or_create(framework=framework, family=family,
                                               name="Architect")[0]
    level = RoleLevel.objects.get_or_create(framework=framework, role=role, name="Principal",
                                            defaults={"order": 3, "seniority": 10})[0]
    return Campaign.objects.create(
        organisation=organisation, title=title, role_level=level, grade=GradeFactory(),
        location="Leeds", closing_date=closing_date or timezone.localdate() + dt.timedelta(
            days=14), state=state, pay_min=60000, pay_max=70000)


@pytest.fixture
def world(people, org_a, org_b, make_account) -> World:  # noqa: ANN001
    campaign = make_campaign(org_a, "Principal architect")
    sift = Criterion.objects.create(campaign=campaign, text="Leads architecture", order=1,
                                    stage=CriterionStage.SIFT)
    interview = Criterion.objects.create(campaign=campaign, text="Presents a plan", order=2,
                                         stage=CriterionStage.INTERVIEW)
    other = make_campaign(org_b, "Head of data")
    return World(
        people=people, org_a=org_a, org_b=org_b, campaign=campaign, other=other, sift=sift,
        interview=interview, hub=make_account(Role.CENTRAL_TEAM),
        hop_a=make_account(Role.HEAD_OF_PROFESSION, org_a),
        hop_b=make_account(Role.HEAD_OF_PROFESSION, org_b),
        staff=make_account(Role.PROFESSIONAL, person=people.a_staff1),
        b_staff=make_account(Role.PROFESSIONAL, person=people.b_staff),
        nobody=make_account())


def external(world: World, name: str = "Priya Raman", email: str = "priya@example.com",
             campaign: Campaign | None = None, **extra: Any):  # noqa: ANN201
    campaign = campaign or world.campaign
    evidence = {world.sift.pk: "I led a team of six."} if campaign == world.campaign else {}
    return services.record_application(actor=None, campaign=campaign, name=name, email=email,
                                       phone="020 7946 0101", evidence=evidence, **extra)
