"""A mentoring world for the mentoring tests (issue 18 point 2).

People from tests/fixtures.py: organisation A has a_head (Grade 6) <- a_manager (Grade 7)
<- a_staff1, a_staff2 (SEO); a_other (Grade 7) reports to a_head; organisation B has
b_head (Grade 6) <- b_staff (SEO). Skills Agile, User research, Data, Service design.
Scheme "Test scheme" (open, grade gap 1, tolerance 1) organised by ``pm``. Sign-ups:
mentees a_staff1 (Agile, Data) and a_staff2 (User research); mentors a_manager (Agile,
Data; 2 places: in both mentees' line chain), a_other (Agile) and b_head (User research,
Data). Accounts: ``central``, ``pm`` (organiser), ``pm_other`` (a programme manager not
organising the scheme), ``staff1``, ``staff2``, ``manager``, ``other``, ``bhead`` (linked to
those people) and ``outsider`` (b_staff, not signed up), ``nobody`` (no person, no role).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.community.models import MentoringScheme, MentoringSignup
from cadre.community.services import mentoring as services
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Skill
from cadre.organisations.models import Grade, GradeScheme


@dataclass
class World:
    today: dt.date
    people: Any
    skills: dict[str, Skill]
    scheme: MentoringScheme
    signups: dict[str, MentoringSignup]
    central: Any
    pm: Any
    pm_other: Any
    staff1: Any
    staff2: Any
    manager: Any
    other: Any
    bhead: Any
    outsider: Any
    nobody: Any


@pytest.fixture
def mentoring(people, make_account) -> World:  # noqa: ANN001
    today = timezone.localdate()
    fw = Framework.objects.create(name="Mentoring framework test", version="1")
    skills = {n: Skill.objects.create(framework=fw, name=n, category="Delivery")
              for n in ("Agile", "User research", "Data", "Service design")}
    grades = {code: Grade.objects.get_or_create(
        code=f"T-{code}", defaults={"name": code, "scheme": GradeScheme.CIVIL_SERVICE,
                                     "rank": rank})[0]
              for code, rank in (("SEO", 4), ("G7", 6), ("G6", 7))}
    for person, grade in ((people.a_head, "G6"), (people.a_manager, "G7"),
                          (people.a_staff1, "SEO"), (people.a_staff2, "SEO"),
                          (people.a_other, "G7"), (people.b_head, "G6"),
                          (people.b_staff, "SEO")):
        person.grade = grades[grade]
        person.save()
    pm = make_account(Role.PROGRAMME_MANAGER)
    system = Actor.system()
    scheme = services.create_scheme(
        actor=system, name="Test scheme", description="For tests.",
        signup_opens=today - dt.timedelta(days=7), signup_closes=today + dt.timedelta(days=30),
        organisers=[pm], grade_gap=2, grade_tolerance=1)
    services.set_scheme_status(actor=system, scheme=scheme, transition="open")
    sign = services.sign_up
    signups = {
        "staff1": sign(actor=system, scheme=scheme, role="mentee", person=people.a_staff1,
                       skills=[skills["Agile"], skills["Data"]]),
        "staff2": sign(actor=system, scheme=scheme, role="mentee", person=people.a_staff2,
                       skills=[skills["User research"]]),
        "manager": sign(actor=system, scheme=scheme, role="mentor", person=people.a_manager,
                        skills=[skills["Agile"], skills["Data"]], capacity=2),
        "other": sign(actor=system, scheme=scheme, role="mentor", person=people.a_other,
                      skills=[skills["Agile"]]),
        "bhead": sign(actor=system, scheme=scheme, role="mentor", person=people.b_head,
                      skills=[skills["User research"], skills["Data"]]),
    }
    scheme.refresh_from_db()
    return World(
        today=today, people=people, skills=skills, scheme=scheme, signups=signups,
        central=make_account(Role.CENTRAL_TEAM), pm=pm,
        pm_other=make_account(Role.PROGRAMME_MANAGER),
        staff1=make_account(person=people.a_staff1), staff2=make_account(person=people.a_staff2),
        manager=make_account(person=people.a_manager), other=make_account(person=people.a_other),
        bhead=make_account(person=people.b_head), outsider=make_account(person=people.b_staff),
        nobody=make_account())
