"""The academy demo: an IT Academy with a prospectus and a decided round with a cadre."""

from __future__ import annotations

import random

import pytest

from cadre.programmes.demo import academies as demo
from cadre.programmes.models import Academy, Candidate, SelectionRound
from cadre.programmes.selectors import academies as sel
from cadre.workforce.models import WorkforceRecord
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_makes_a_decided_round_with_a_cadre() -> None:
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    org = OrganisationFactory(name="Demo Department", abbreviation="DD")
    for _ in range(16):
        p = PersonFactory(organisation=org, grade=g7)
        WorkforceRecord.objects.create(person=p, in_profession=True)
    lines = demo.load(actor=None, rng=random.Random(1))
    assert "decided" in lines[0]
    academy = Academy.objects.get(name=demo.ACADEMY)
    assert academy.modules.count() == 3
    round_ = SelectionRound.objects.get(academy=academy)
    assert round_.state == SelectionRound.State.DECIDED
    assert round_.cadre.memberships.count() == demo.CAPACITY
    assert not round_.candidates.exclude(state__in=[Candidate.State.OFFERED,
                                                    Candidate.State.DECLINED]).exists()
    qa = sel.quality_assurance(academy)
    assert len(qa["interventions"]) == 2
    assert demo.load(actor=None, rng=random.Random(1)) == [
        f"{demo.ACADEMY}: demo round already there."]
