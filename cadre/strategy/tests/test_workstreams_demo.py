"""The workstreams demo: a strategy with workstreams led by demo organisations (one a
departmental implementation plan), milestones with dates as written (one unread), two
scales, the current and previous quarters, ratings on each; safe to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.core.actor import Actor
from cadre.strategy.demo import workstreams as demo
from cadre.strategy.models import ConfidenceRating, Milestone, ReportingPeriod, Workstream
from cadre.strategy.selectors import workstreams as sel
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ABBREVIATIONS = ("DWP", "HMRC", "GDS", "DVLA", "WYFRS", "LCC", "WYP", "LTHT")


def test_demo_loads_and_is_safe_twice() -> None:
    actor = Actor.command_line("test")
    assert "missing" in demo.load(actor=actor, rng=random.Random(1))[0]
    for abbr in ABBREVIATIONS:
        OrganisationFactory(name=f"Org {abbr}", abbreviation=abbr)
    lines = demo.load(actor=actor, rng=random.Random(1))
    assert "4 workstreams, 9 milestones (1 date not read)" in lines[0]
    assert Workstream.objects.filter(kind="departmental_plan",
                                     organisation__abbreviation="DWP").exists()
    assert Milestone.objects.filter(baseline_kind="unread").count() == 1
    current = sel.current_period()
    assert current is not None and current.scale.name.startswith("Five-point")
    assert ReportingPeriod.objects.count() == 2
    assert ConfidenceRating.objects.filter(period=current).exists()
    assert Milestone.objects.filter(workstream__lead_organisation__abbreviation="DWP").exists()
    assert demo.load(actor=actor, rng=random.Random(1)) == ["Strategy workstreams: already "
                                                            "there."]
    assert Milestone.objects.count() == 9
