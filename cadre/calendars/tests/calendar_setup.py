"""A small world for the calendar tests, on the mobility tests' world (``mob``): two
organisations' chains, assessment and appraisal cycles, rounds, moves and a vacancy, and the
exact events each account's feed must hold."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.assessments.models import AssessmentCycle, AssessmentRound
from cadre.mobility.models import MoveRequest
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401 - fixture
from cadre.talent.models import AppraisalCycle


@pytest.fixture
def cal(mob, make_account):  # noqa: ANN001, ANN201, F811
    people = mob.people
    today = timezone.localdate()
    day = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    a_cycle = AssessmentCycle.objects.create(organisation=mob.org_a, name="Spring skills",
                                             opens_on=day(-10), closes_on=day(20))
    a_cycle.people.set([people.a_staff1])
    b_cycle = AssessmentCycle.objects.create(organisation=mob.org_b, name="B skills",
                                             opens_on=day(-5), closes_on=day(15))
    b_cycle.people.set([people.b_staff])
    old_cycle = AssessmentCycle.objects.create(organisation=mob.org_a, name="Long ago",
                                               opens_on=day(-400), closes_on=day(-300))
    old_cycle.people.set([people.a_staff1])
    a_round = AssessmentRound.objects.create(
        person=people.a_staff1, role_level=mob.role_level, manager=people.a_manager,
        state=AssessmentRound.State.SUBMITTED, submitted_at=timezone.now())
    b_round = AssessmentRound.objects.create(
        person=people.b_staff, role_level=mob.role_level, manager=people.b_head,
        state=AssessmentRound.State.SUBMITTED, submitted_at=timezone.now())
    # Sent for review but outside any cycle: no due date, so not in the feed.
    no_cycle_round = AssessmentRound.objects.create(
        person=people.a_staff2, role_level=mob.role_level, manager=people.a_manager,
        state=AssessmentRound.State.SUBMITTED, submitted_at=timezone.now())
    a_appraisal = AppraisalCycle.objects.create(organisation=mob.org_a, name="A appraisal",
                                                opens_on=day(-5), closes_on=day(25))
    b_appraisal = AppraisalCycle.objects.create(organisation=mob.org_b, name="B appraisal",
                                                opens_on=day(3), closes_on=day(33))
    a_move = MoveRequest.objects.create(person=people.a_staff1, releasing=mob.org_a,
                                        receiving=mob.org_b, start_date=day(40),
                                        state=MoveRequest.State.LOGISTICS)
    b_move = MoveRequest.objects.create(person=people.b_staff, releasing=mob.org_b,
                                        receiving=mob.org_a, start_date=day(50))
    cancelled = MoveRequest.objects.create(person=people.a_staff2, releasing=mob.org_a,
                                           receiving=mob.org_b, start_date=day(45),
                                           state=MoveRequest.State.CANCELLED)
    undated = MoveRequest.objects.create(person=people.a_other, releasing=mob.org_a,
                                         receiving=mob.org_b)
    vacancy = open_vacancy(mob, closing_date=day(30))
    accounts = SimpleNamespace(
        a_staff1=make_account(Role.PROFESSIONAL, person=people.a_staff1),
        a_staff2=make_account(Role.PROFESSIONAL, person=people.a_staff2),
        a_manager=make_account(Role.PROFESSIONAL, person=people.a_manager),
        b_staff=make_account(Role.PROFESSIONAL, person=people.b_staff),
        a_hop=mob.a_hop,
        analyst=make_account(Role.ANALYST),
    )
    expected = {
        "a_staff1": {f"assessment-cycle-{a_cycle.pk}@cadre", f"move-{a_move.pk}@cadre"},
        "a_staff2": set(),
        "a_manager": {f"round-{a_round.pk}@cadre", f"appraisal-cycle-{a_appraisal.pk}@cadre",
                      f"move-{a_move.pk}@cadre"},
        "b_staff": {f"assessment-cycle-{b_cycle.pk}@cadre", f"vacancy-{vacancy.pk}@cadre",
                    f"move-{b_move.pk}@cadre"},
        "a_hop": {f"appraisal-cycle-{a_appraisal.pk}@cadre", f"move-{a_move.pk}@cadre",
                  f"move-{b_move.pk}@cadre"},
        "analyst": set(),
    }
    return SimpleNamespace(
        mob=mob, people=people, today=today, day=day, a_cycle=a_cycle, b_cycle=b_cycle,
        old_cycle=old_cycle, a_round=a_round, b_round=b_round, no_cycle_round=no_cycle_round,
        a_appraisal=a_appraisal, b_appraisal=b_appraisal, a_move=a_move, b_move=b_move,
        cancelled=cancelled, undated=undated, vacancy=vacancy, accounts=accounts,
        expected=expected)
