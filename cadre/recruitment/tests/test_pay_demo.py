# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""The pay part of ``cadre demo recruitment``: a few market figures, plainly labelled as
made up, through the service; safe to run twice."""

from __future__ import annotations

import random

import pytest

from cadre.core.actor import Actor
from cadre.recruitment.demo import pay as demo
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.selectors.pay import benchmark_for
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_market_figures_twice(pay_world) -> None:  # noqa: ANN001
    actor = Actor.command_line("tests")
    first = demo.load(actor=actor, rng=random.Random(1))
    assert first == ["Market pay figures: 2 added (2 demo figures in all)."]
    assert demo.load(actor=actor, rng=random.Random(1)) == [
        "Market pay figures: 0 added (2 demo figures in all)."]
    figures = MarketFigure.objects.all()
    assert {f.source for f in figures} == {demo.DEMO_SOURCE}
    assert "not real market data" in demo.DEMO_SOURCE
    assert all(f.low <= f.median <= f.high for f in figures)
    developer = figures.get(role_level=pay_world.developer)
    employed = benchmark_for(role_level_id=pay_world.developer.pk).employed
    assert employed.median < developer.median < 1.2 * employed.median
