"""A feed fetch costs a fixed number of queries, however many events it holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cadre.assessments.models import AssessmentCycle
from cadre.calendars import services
from cadre.calendars.tests.calendar_setup import cal  # noqa: F401 - fixture
from cadre.mobility.models import MoveRequest
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401 - fixture
from cadre.talent.models import AppraisalCycle

pytestmark = pytest.mark.django_db


def _count(raw: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(f"/calendar/{raw}.ics").status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["a_manager", "a_hop", "b_staff"])
def test_queries_do_not_grow_with_events(cal, who) -> None:  # noqa: ANN001, F811
    user = getattr(cal.accounts, who)
    _, raw = services.create_feed(actor=user, user=user)
    _count(raw)  # the first fetch also notes the use
    before = _count(raw)
    for n in range(5):
        cycle = AssessmentCycle.objects.create(organisation=cal.mob.org_a, name=f"More {n}",
                                               opens_on=cal.day(-1), closes_on=cal.day(n + 5))
        cycle.people.set([cal.people.a_staff1, cal.people.a_manager])
        AppraisalCycle.objects.create(organisation=cal.mob.org_a, name=f"More {n}",
                                      opens_on=cal.day(n), closes_on=cal.day(n + 30))
        MoveRequest.objects.create(person=cal.people.a_staff2, releasing=cal.mob.org_a,
                                   receiving=cal.mob.org_b, start_date=cal.day(60 + n),
                                   state=MoveRequest.State.COMPLETED)
    after = _count(raw)
    print(f"{who}: {before} queries, {after} with 15 more events around")
    assert after == before
    assert before <= 40
