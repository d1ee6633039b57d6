"""The mentoring demo on a small government: a scheme with about 20 mentors and 30 mentees,
matched, some accepted, check-ins, the demo professional with a proposed match; safe to run
twice."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from cadre.community.demo import mentoring as demo
from cadre.community.models import (
    MentoringCheckIn,
    MentoringMatch,
    MentoringMatchStatus,
    MentoringScheme,
)
from cadre.core.actor import Actor
from cadre.organisations.models import Grade, Organisation
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def government() -> None:
    call_command("load_defaults", stdout=io.StringIO())
    grades = list(Grade.objects.filter(scheme="civil_service").order_by("rank"))[:7]
    rng = random.Random(3)
    for n, abbreviation in enumerate(("DWP", "HMRC", "DVLA")):
        org = (Organisation.objects.filter(abbreviation=abbreviation).first()
               or OrganisationFactory(name=f"Demo {abbreviation}", abbreviation=abbreviation))
        head = PersonFactory(organisation=org, staff_number=f"{abbreviation}0001",
                             grade=grades[-1])
        manager = PersonFactory(organisation=org, staff_number=f"{abbreviation}0002",
                                grade=grades[-2], line_manager=head)
        for i in range(3, 40):
            staff = f"{abbreviation}{i:04d}"
            PersonFactory(organisation=org, staff_number=staff, grade=rng.choice(grades),
                          line_manager=manager if i % 3 or staff == DEMO_PROFESSIONAL else None,
                          account=UserFactory(email="professional.dwp@cadre.example")
                          if staff == DEMO_PROFESSIONAL else None)
        assert n < 3


def test_the_demo_scheme(government) -> None:  # noqa: ANN001
    lines = demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert "20 mentors and 30 mentees" in lines[-1], lines
    scheme = MentoringScheme.objects.get(name=demo.SCHEME_NAME)
    matches = MentoringMatch.objects.filter(scheme=scheme)
    assert matches.filter(status=MentoringMatchStatus.ACTIVE).count() >= 3
    assert MentoringCheckIn.objects.filter(match__scheme=scheme).count() == 2
    pilot = MentoringMatch.objects.filter(scheme__name=demo.EARLIER_NAME,
                                          status=MentoringMatchStatus.ACTIVE)
    professional = Person.objects.get(staff_number=DEMO_PROFESSIONAL)
    assert pilot.filter(mentee__person=professional).exists()
    assert pilot.filter(mentor__person=professional.line_manager).exists()
    mine = matches.filter(mentee__person__staff_number=DEMO_PROFESSIONAL)
    assert mine.filter(status=MentoringMatchStatus.PROPOSED).count() == 1
    again = demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert "already there" in again[-1]
    assert MentoringScheme.objects.count() == 2
