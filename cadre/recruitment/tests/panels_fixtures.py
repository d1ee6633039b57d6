"""A world for the panels tests: DA's campaign at its sift with a plan (one criterion at
sift, one at both stages, one at interview) and three applications (two external, one from
DA's a_staff1, who reports to a_manager under a_head); a panel chaired by DB's b_head with
members a_other (DA), b_staff (DB) and c_person (DC); DB's campaign at its sift with no
panel. Accounts for the hub, each head of profession, every panel member, the internal
candidate and an account with nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.recruitment.models import (
    Application,
    Assignment,
    Campaign,
    CampaignState,
    Candidate,
    Criterion,
    CriterionStage,
    PanelMember,
    PanelRole,
    PanelStage,
)
from cadre.recruitment.services import panels as services
from cadre.recruitment.tests.applications_fixtures import make_campaign
from tests.factories import OrganisationFactory, PersonFactory

SYSTEM = Actor.system()


@dataclass
class World:
    people: Any
    org_a: Any
    org_b: Any
    org_c: Any
    campaign: Campaign
    other: Campaign
    sift: Criterion
    both: Criterion
    interview: Criterion
    x: Application
    y: Application
    inside: Application
    chair: PanelMember
    m_other: PanelMember
    m_b: PanelMember
    m_c: PanelMember
    c_person: Any
    hub: Any
    hop_a: Any
    hop_b: Any
    chair_user: Any
    other_user: Any
    b_user: Any
    c_user: Any
    staff: Any
    nobody: Any

    def seats(self) -> dict[Any, PanelMember]:
        return {self.chair_user: self.chair, self.other_user: self.m_other,
                self.b_user: self.m_b, self.c_user: self.m_c}


def application(campaign: Campaign, name: str = "", person: Any = None) -> Application:
    candidate = Candidate.objects.create(person=person, name=name)
    return Application.objects.create(campaign=campaign, candidate=candidate,
                                      internal=person is not None, submitted_at=timezone.now())


@pytest.fixture
def panel_world(people, org_a, org_b, make_account) -> World:  # noqa: ANN001
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    c_person = PersonFactory(organisation=org_c, staff_number="C1", last_name="Cperson")
    campaign = make_campaign(org_a, "Principal architect", state=CampaignState.SIFT)
    sift = Criterion.objects.create(campaign=campaign, text="Designs at scale", order=1,
                                    stage=CriterionStage.SIFT)
    both = Criterion.objects.create(campaign=campaign, text="Leads teams", order=2,
                                    stage=CriterionStage.BOTH)
    interview = Criterion.objects.create(campaign=campaign, text="Presents a plan", order=3,
                                         stage=CriterionStage.INTERVIEW)
    other = make_campaign(org_b, "Head of data", state=CampaignState.SIFT)
    x = application(campaign, "Priya Raman")
    y = application(campaign, "Tom Okafor")
    inside = application(campaign, person=people.a_staff1)
    chair = PanelMember.objects.create(campaign=campaign, person=people.b_head,
                                       role=PanelRole.CHAIR)
    m_other = PanelMember.objects.create(campaign=campaign, person=people.a_other)
    m_b = PanelMember.objects.create(campaign=campaign, person=people.b_staff)
    m_c = PanelMember.objects.create(campaign=campaign, person=c_person)
    return World(
        people=people, org_a=org_a, org_b=org_b, org_c=org_c, campaign=campaign, other=other,
        sift=sift, both=both, interview=interview, x=x, y=y, inside=inside, chair=chair,
        m_other=m_other, m_b=m_b, m_c=m_c, c_person=c_person,
        hub=make_account(Role.CENTRAL_TEAM),
        hop_a=make_account(Role.HEAD_OF_PROFESSION, org_a),
        hop_b=make_account(Role.HEAD_OF_PROFESSION, org_b),
        chair_user=make_account(Role.PROFESSIONAL, person=people.b_head),
        other_user=make_account(Role.PROFESSIONAL, person=people.a_other),
        b_user=make_account(Role.PROFESSIONAL, person=people.b_staff),
        c_user=make_account(Role.PROFESSIONAL, person=c_person),
        staff=make_account(Role.PROFESSIONAL, person=people.a_staff1),
        nobody=make_account())


def allocate(w: World, stage: str = PanelStage.SIFT) -> Any:
    return services.allocate_stage(actor=SYSTEM, campaign=w.campaign, stage=stage)


def criteria_of(w: World, stage: str) -> list[Criterion]:
    return [w.sift, w.both] if stage == PanelStage.SIFT else [w.both, w.interview]


def submit(w: World, assignment: Assignment, score: int = 3) -> Assignment:
    user = next(u for u, seat in w.seats().items() if seat.pk == assignment.member_id)
    return services.submit_scores(
        actor=Actor.for_user(user), assignment=assignment,
        scores={c.pk: score for c in criteria_of(w, assignment.stage)},
        comments={c.pk: f"Comment by {assignment.member_id}"
                  for c in criteria_of(w, assignment.stage)})


def submit_all(w: World, app: Application, stage: str = PanelStage.SIFT) -> None:
    for assignment in Assignment.objects.filter(application=app, stage=stage,
                                                submitted_at__isnull=True):
        submit(w, assignment)


def user_of(w: World, member_pk: int) -> Any:
    return next(u for u, seat in w.seats().items() if seat.pk == member_pk)
