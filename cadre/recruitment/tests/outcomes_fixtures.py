"""A small world for the outcomes tests, made straight in the database (the outcomes read
what the other areas' services leave behind; they write nothing).

Department A (DA): 9 appointments, 6 from inside and 3 from outside, each from its own
campaign opened 1 March 2025, appointed 10, 20, ..., 90 days later (median 50, 90th
percentile 82); two inside ones (days 10, 20: 2025 Q1) and one outside one (day 70: 2025
Q2) are senior (an SCS grade). Department B (DB): 2 appointments from inside (15 and 25
days). Campaigns decided: A 12 (the 9 with one appointed candidate each, and three more
with 2, 0 and 4 appointable candidates: 15), B 3 (1 each: 3); a cancelled campaign of B, a
running one of C and a from-reserve placement in A are not counted. Every candidate is
named "Secret Candidate N", a name no outcome may show.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.recruitment.models import Application, Campaign, Candidate
from tests.factories import GradeFactory, OrganisationFactory

OPENED = dt.date(2025, 3, 1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class Maker:
    """Campaigns and applications straight in the database."""

    def __init__(self) -> None:
        fw = Framework.objects.create(name="Outcome framework", version="1")
        family = RoleFamily.objects.create(framework=fw, name="Outcome family")
        role = Role.objects.create(framework=fw, family=family, name="Outcome role")
        self.level = RoleLevel.objects.create(framework=fw, role=role, name="Practitioner",
                                              order=0, seniority=4)
        self.g7 = GradeFactory()
        self.scs = GradeFactory(code="SCS1", name="Deputy director", rank=9,
                                is_senior_civil_service=True)
        self.n = 0

    def campaign(self, org: Any, *, opened: dt.date = OPENED, state: str = "closed",
                 grade: Any = None) -> Campaign:
        return Campaign.objects.create(
            organisation=org, title="Outcome campaign", role_level=self.level,
            grade=grade or self.g7, location="Leeds", closing_date=opened, state=state,
            opened_at=at(opened, 9))

    def application(self, campaign: Campaign, state: str, *, internal: bool = True,
                    closed: dt.date | None = None, decided: bool = False,
                    from_reserve: bool = False) -> Application:
        self.n += 1
        candidate = Candidate.objects.create(name=f"Secret Candidate {self.n}",
                                             email=f"secret{self.n}@example.org")
        return Application.objects.create(
            campaign=campaign, candidate=candidate, internal=internal, state=state,
            submitted_at=at(OPENED), closed_at=at(closed) if closed else None,
            decided_at=at(OPENED) if decided else None, from_reserve=from_reserve)

    def appoint(self, org: Any, days: int, *, internal: bool = True, grade: Any = None,
                opened: dt.date = OPENED) -> Application:
        campaign = self.campaign(org, opened=opened, grade=grade, state="decided")
        return self.application(campaign, "appointed", internal=internal,
                                closed=opened + dt.timedelta(days=days), decided=True)


def build() -> SimpleNamespace:
    a = OrganisationFactory(name="Department A", abbreviation="DA")
    b = OrganisationFactory(name="Department B", abbreviation="DB")
    c = OrganisationFactory(name="Department C", abbreviation="DC")
    m = Maker()
    # A: nine appointments (the campaigns they come from are decided, 0 appointable each).
    for i, days in enumerate(range(10, 100, 10)):
        internal = i < 6
        senior = i in (0, 1, 6)
        m.appoint(a, days, internal=internal, grade=m.scs if senior else None)
    # B: two appointments from inside.
    m.appoint(b, 15)
    m.appoint(b, 25)
    # Decided campaigns with appointable candidates.
    one = m.campaign(a)
    m.application(one, "appointable", decided=True)
    m.application(one, "withdrawn", decided=True)  # withdrawn after being found appointable
    m.application(one, "withdrawn")  # withdrawn before any decision: not counted
    m.application(one, "not_appointable", decided=True)
    two = m.campaign(a)
    m.application(two, "sifted_out")
    three = m.campaign(a)
    for state in ("appointable", "offered", "declined", "appointable"):
        m.application(three, state, decided=True)
    m.application(three, "appointable", decided=True, from_reserve=True)  # not counted
    four = m.campaign(b)
    m.application(four, "appointable", decided=True)
    cancelled = m.campaign(b, state="cancelled")
    m.application(cancelled, "appointable", decided=True)
    running = m.campaign(c, state="interview")
    m.application(running, "interviewed")
    return SimpleNamespace(a=a, b=b, c=c, maker=m)


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    return build()
