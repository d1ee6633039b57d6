"""The suppliers demo part: through the services, every visibility rule on show, made-up
names, and safe to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.core.actor import Actor
from cadre.strategy.demo import suppliers as demo
from cadre.strategy.models import (
    ActionStatus,
    AssessmentPeriod,
    PlanAction,
    StrategicSupplier,
    SupplierScore,
)
from cadre.strategy.selectors import suppliers as sel
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_suppliers(make_account) -> None:  # noqa: ANN001
    orgs = {abbr: OrganisationFactory(name=f"Demo {abbr}", abbreviation=abbr)
            for abbr in ("DWP", "HMRC", "DVLA", "GDS")}
    PersonFactory(organisation=orgs["DWP"])
    lines = demo.load(actor=Actor.command_line("tests"), rng=random.Random(1))
    assert "3 suppliers" in lines[0]
    assert all("(fictional)" in s.name and not s.company_number
               for s in StrategicSupplier.objects.all())
    periods = list(AssessmentPeriod.objects.order_by("starts_on"))
    assert [p.version.number for p in periods] == [1, 2]
    assert SupplierScore.objects.filter(period=periods[0]).values(
        "organisation").distinct().count() == 4
    statuses = sorted(PlanAction.objects.values_list("status", flat=True))
    assert statuses == sorted([ActionStatus.IN_PROGRESS, ActionStatus.OPEN, ActionStatus.DONE])
    first, second, third = (StrategicSupplier.objects.get(name=s[0]) for s in demo.SUPPLIERS)
    head = make_account("head_of_profession", orgs["DWP"])
    assert all(f.shown for f in sel.figures(first, head))
    spring = sel.figures(second, head)[0]
    assert not spring.shown and [o.organisation.abbreviation
                                 for o in spring.by_organisation] == ["DWP"]
    assert sel.figures(second, make_account("analyst"))[0].shown
    assert not sel.figures(third, make_account("analyst"))[1].shown
    assert sel.figures(third, make_account("central_team"))[1].shown
    again = demo.load(actor=Actor.command_line("tests"), rng=random.Random(1))
    assert "there already" in again[0]
    assert StrategicSupplier.objects.count() == 3
