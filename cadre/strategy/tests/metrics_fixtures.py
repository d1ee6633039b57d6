"""A small world for the metrics tests: three organisations (DA, DB, DC), a fake computed
source registered into a copy of ``SOURCES`` (``fake_source``), one computed and one
entered definition, and accounts for each role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cadre.core.actor import Actor
from cadre.strategy.models import MetricDefinition
from cadre.strategy.selectors import metric_sources
from cadre.strategy.selectors.metric_sources import Figure, Period, Source
from cadre.strategy.services import metrics as services
from tests.factories import OrganisationFactory

CLI = Actor.command_line("tester")
FY = Period("2025-26", dt.date(2025, 4, 1), dt.date(2026, 3, 31))
PREVIOUS = Period("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31))


@dataclass
class MetricsWorld:
    orgs: dict[str, object]
    computed: MetricDefinition
    entered: MetricDefinition
    figures: dict


@pytest.fixture
def fake_source(monkeypatch):  # noqa: ANN001, ANN201
    """A source whose figures the test sets: ``figures[period label][org id or None]``."""
    figures: dict[str, dict] = {}
    calls: list[str] = []

    def compute(period: Period) -> dict:
        calls.append(period.label)
        return dict(figures.get(period.label, {}))

    sources = dict(metric_sources.SOURCES)
    sources["fake-share"] = Source("fake-share", "A fake share", "percent", "up",
                                   "Made up for tests.", compute)
    monkeypatch.setattr(metric_sources, "SOURCES", sources)
    return figures, calls


@pytest.fixture
def metrics_world(db, fake_source) -> MetricsWorld:  # noqa: ANN001
    figures, _ = fake_source
    orgs = {abbr: OrganisationFactory(name=f"Department {abbr[1]}", abbreviation=abbr)
            for abbr in ("DA", "DB", "DC")}
    computed = services.create_definition(
        actor=CLI, key="fake-share", name="Share of something", unit="percent",
        direction="higher", source="computed", source_key="fake-share", agreed=True,
        method="Made up.")
    entered = services.create_definition(
        actor=CLI, key="user-satisfaction", name="User satisfaction", unit="percent",
        direction="higher", agreed=True, baseline_value="60", baseline_period="2024-25",
        target_value="80", target_date=dt.date(2027, 3, 31), owner=orgs["DA"])
    figures["2025-26"] = {
        None: Figure(40.0, 100, 40, 100),
        orgs["DA"].pk: Figure(50.0, 60, 30, 60),
        orgs["DB"].pk: Figure(25.0, 36, 9, 36),
        orgs["DC"].pk: Figure(25.0, 4, 1, 4),
    }
    figures["2024-25"] = {None: Figure(30.0, 90, 27, 90),
                          orgs["DA"].pk: Figure(30.0, 50, 15, 50),
                          orgs["DB"].pk: Figure(30.0, 40, 12, 40)}
    return MetricsWorld(orgs, computed, entered, figures)
