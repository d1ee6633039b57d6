"""An IT Academy on the shared fixtures: organisations A and B; a_staff1, a_staff2 and
b_staff are Grade 7 and in the profession (workforce data), a_other is Grade 7 but not
in the profession. The round "2026 cadre" takes nominations, has two criteria and a
cadre of two places."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cadre.people.models import Person
from cadre.programmes.models import Academy, Criterion, SelectionRound
from cadre.programmes.services import academies as services
from cadre.workforce.models import WorkforceRecord
from tests.factories import GradeFactory


@dataclass
class AcademySetup:
    academy: Academy
    round: SelectionRound
    leadership: Criterion
    technical: Criterion


def in_profession(person: Person, grade, yes: bool = True) -> None:  # noqa: ANN001
    person.grade = grade
    person.save(update_fields=["grade"])
    WorkforceRecord.objects.update_or_create(person=person, defaults={"in_profession": yes})


@pytest.fixture
def academy(db, people) -> AcademySetup:  # noqa: ANN001
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    for p in (people.a_staff1, people.a_staff2, people.b_staff):
        in_profession(p, g7)
    in_profession(people.a_other, g7, yes=False)
    academy = services.create_academy(actor=None, name="IT Academy", kind="it", grades=[g7])
    round_ = services.create_round(actor=None, academy=academy, name="2026 cadre",
                                   starts_on=dt.date(2026, 9, 1), capacity=2,
                                   criteria=[("Leadership", 2), ("Technical depth", 1)])
    leadership, technical = round_.criteria.order_by("pk")
    return AcademySetup(academy, round_, leadership, technical)
