"""The demo part: taxonomy and models, three matrices, the planted flag; safe to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.strategy.demo import functions as demo
from cadre.strategy.models import FunctionSourcing, IctFunction, OperatingModel
from cadre.strategy.selectors import functions as sel
from cadre.strategy.tests.functions_fixtures import CLI, make_framework
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_plants_a_flag_and_runs_twice() -> None:
    _, levels = make_framework()
    dwp = OrganisationFactory(abbreviation="DWP", name="Department for Work and Pensions")
    OrganisationFactory(abbreviation="HMRC", name="HM Revenue and Customs")
    wyfrs = OrganisationFactory(abbreviation="WYFRS", name="West Yorkshire Fire and Rescue")
    from cadre.workforce.models import WorkforceRecord

    for family in ("Architecture", "IT operations", "Data", "Product and delivery"):
        WorkforceRecord.objects.create(person=PersonFactory(organisation=dwp),
                                       in_profession=True, role_level=levels[(family, 6)])
    lines = demo.load(actor=CLI, rng=random.Random(1))
    assert IctFunction.objects.count() == 14 and OperatingModel.objects.count() == 3
    assert any("WYFRS declares" in line for line in lines), lines
    assert FunctionSourcing.objects.values("organisation").distinct().count() == 3
    flagged = [r for r in sel.matrix(wyfrs) if r.flagged]
    assert len(flagged) >= 1
    hmrc_history = FunctionSourcing.objects.get(organisation__abbreviation="HMRC",
                                                function__key="leadership-governance")
    assert hmrc_history.version == 2
    count = FunctionSourcing.objects.count()
    assert demo.load(actor=CLI, rng=random.Random(1)) == []
    assert FunctionSourcing.objects.count() == count
