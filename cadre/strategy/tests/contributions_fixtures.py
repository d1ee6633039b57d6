"""A small world of contributions (issue 19, area 6), on the people of tests/fixtures.py.

``a_manager`` (Department A) has one of each kind: a completed bench deployment for
Department B, a mentoring match as mentor (mentee ``b_staff``), leading a community, an
assessed accreditation application of ``b_staff``, a seat on its review panel and a hosted
Fast Stream posting (fast streamer ``b_head``, home Department B). Declined deployments,
proposed matches, plain memberships, unsubmitted allocations and postings in unpublished
rounds are planted too: none of them count. An appraisal cycle of Department A is open.
Accounts: ``manager`` (a_manager), ``head`` (a_head, their line manager), ``staff1``
(a_staff1, reports to a_manager), ``outsider`` (b_staff), ``central``, ``analyst``,
``nobody`` (no person, no role).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Application,
    Assessor,
    CriteriaVersion,
    PanelDecision,
    SchemeLevel,
)
from cadre.accreditation.models import Scheme as AccreditationScheme
from cadre.bench.models import DeploymentRequest
from cadre.community.models import (
    Community,
    Membership,
    MentoringMatch,
    MentoringScheme,
    MentoringSignup,
)
from cadre.programmes.models import FastStreamer, Intake, Posting, PostingOffer, PostingRound
from cadre.programmes.models import Scheme as FastStreamScheme
from cadre.talent.models import AppraisalCycle


@dataclass
class World:
    today: dt.date
    people: Any
    cycle: AppraisalCycle
    records: dict[str, Any]
    manager: Any
    head: Any
    staff1: Any
    outsider: Any
    central: Any
    analyst: Any
    nobody: Any


def _when(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def plant(people: Any, today: dt.date) -> dict[str, Any]:
    """One contribution of each kind by ``a_manager``, and records that do not count."""
    p = people
    records: dict[str, Any] = {}
    start, end = today - dt.timedelta(days=60), today - dt.timedelta(days=10)
    records["bench"] = DeploymentRequest.objects.create(
        requesting_organisation=p.b_head.organisation, programme="Tax platform",
        specialist=p.a_manager, starts_on=start, ends_on=end,
        state=DeploymentRequest.State.COMPLETED)
    DeploymentRequest.objects.create(
        requesting_organisation=p.b_head.organisation, programme="Declined one",
        specialist=p.a_manager, starts_on=start, ends_on=end,
        state=DeploymentRequest.State.DECLINED)

    scheme = MentoringScheme.objects.create(
        name="Contributions scheme", signup_opens=start, signup_closes=today)
    mentor = MentoringSignup.objects.create(scheme=scheme, person=p.a_manager, role="mentor",
                                            capacity=2)
    mentee = MentoringSignup.objects.create(scheme=scheme, person=p.b_staff, role="mentee")
    mentee2 = MentoringSignup.objects.create(scheme=scheme, person=p.a_staff2, role="mentee")
    records["mentoring"] = MentoringMatch.objects.create(
        scheme=scheme, mentee=mentee, mentor=mentor, status="active", score=1,
        explanation="test", started_at=_when(start))
    MentoringMatch.objects.create(scheme=scheme, mentee=mentee2, mentor=mentor,
                                  status="proposed", score=1, explanation="test")

    community = Community.objects.create(name="Data community")
    records["community_lead"] = Membership.objects.create(
        community=community, person=p.a_manager, role="lead", joined_on=start)
    Membership.objects.create(community=community, person=p.a_other, role="member",
                              joined_on=start)

    acc = AccreditationScheme.objects.create(name="DDaT professional")
    level = SchemeLevel.objects.create(scheme=acc, name="Practitioner", ordinal=1)
    version = CriteriaVersion.objects.create(level=level, number=1, published_on=start)
    rnd = AccreditationRound.objects.create(scheme=acc, name="Round 1", opens_on=start,
                                            closes_on=today)
    application = Application.objects.create(person=p.b_staff, level=level, criteria=version,
                                             round=rnd, state=Application.State.PANEL)
    assessor = Assessor.objects.create(person=p.a_manager)
    other_assessor = Assessor.objects.create(person=p.a_other)
    records["assessing"] = Allocation.objects.create(application=application,
                                                     assessor=assessor,
                                                     submitted_at=_when(end))
    Allocation.objects.create(application=application, assessor=other_assessor)
    decision = PanelDecision.objects.create(application=application, outcome="awarded",
                                            reasons="Met every criterion.")
    decision.members.set([p.a_manager])
    records["panel"] = decision

    fs = FastStreamScheme.objects.create(name="Digital and Technology", posting_pattern=[6])
    intake = Intake.objects.create(scheme=fs, year=today.year)
    streamer = FastStreamer.objects.create(person=p.b_head, intake=intake,
                                           home_organisation=p.b_head.organisation)
    published = PostingRound.objects.create(scheme=fs, name="Published", starts_on=start,
                                            state=PostingRound.State.PUBLISHED)
    draft = PostingRound.objects.create(scheme=fs, name="Draft", starts_on=start,
                                        state=PostingRound.State.ALLOCATED)
    offer = PostingOffer.objects.create(round=published, host_organisation=p.a_head.organisation,
                                        title="Data engineer", host_manager=p.a_manager)
    draft_offer = PostingOffer.objects.create(round=draft, title="Not yet",
                                              host_organisation=p.a_head.organisation,
                                              host_manager=p.a_manager)
    records["posting_host"] = Posting.objects.create(round=published, fast_streamer=streamer,
                                                     offer=offer)
    Posting.objects.create(round=draft, fast_streamer=streamer, offer=draft_offer)
    return records


@pytest.fixture
def contributions(people, make_account) -> World:  # noqa: ANN001
    today = timezone.localdate()
    records = plant(people, today)
    cycle = AppraisalCycle.objects.create(
        organisation=people.a_head.organisation, name="Year end",
        opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=30))
    return World(
        today=today, people=people, cycle=cycle, records=records,
        manager=make_account(person=people.a_manager), head=make_account(person=people.a_head),
        staff1=make_account(person=people.a_staff1),
        outsider=make_account(person=people.b_staff),
        central=make_account(Role.CENTRAL_TEAM), analyst=make_account(Role.ANALYST),
        nobody=make_account())
