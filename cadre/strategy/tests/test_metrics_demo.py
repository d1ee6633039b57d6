# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""The demo part: a definition per computed source, two entered metrics, computed values
for this financial year and the last, a few entered values with history; safe twice."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cadre.strategy.demo import metrics as demo
from cadre.strategy.models import MetricDefinition, MetricValue
from cadre.strategy.selectors import metric_sources
from cadre.strategy.selectors.metric_sources import Figure, Source
from cadre.strategy.tests.metrics_fixtures import CLI
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_metrics_load_and_are_idempotent(monkeypatch) -> None:  # noqa: ANN001
    orgs = [OrganisationFactory() for _ in range(4)]
    sources = {
        "alpha-share": Source("alpha-share", "Alpha share", "percent", "up", "Alpha.",
                              lambda p: {None: Figure(20.0, 50), orgs[0].pk: Figure(30.0, 20)}),
        "beta-days": Source("beta-days", "Beta days", "days", "down", "Beta.",
                            lambda p: {None: Figure(12.5, 40)}),
    }
    monkeypatch.setattr(metric_sources, "SOURCES", sources)
    monkeypatch.setattr("cadre.strategy.selectors.metrics.timezone.localdate",
                        lambda: dt.date(2026, 12, 6))
    lines = demo.load(actor=CLI, rng=random.Random(1))
    assert lines[0] == "Metrics: 4 definition(s) added."
    computed = MetricDefinition.objects.filter(source="computed")
    assert sorted(computed.values_list("source_key", flat=True)) == ["alpha-share",
                                                                     "beta-days"]
    assert computed.get(key="beta-days").direction == "lower"
    periods = set(MetricValue.objects.filter(origin="computed")
                  .values_list("period_label", flat=True))
    assert periods == {"2025-26", "2026-27"}
    entered = MetricValue.objects.filter(origin="entered")
    assert entered.filter(current=False).count() == 2 and entered.count() == 18
    count = MetricValue.objects.count()
    again = demo.load(actor=CLI, rng=random.Random(2))
    assert again[0] == "Metrics: 0 definition(s) added."
    assert MetricValue.objects.count() == count
