# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""Races on PostgreSQL: two values entered for the same cell at once, and a computation
racing another. Both writes land one after the other (the definition's row lock), so the
cell keeps exactly one current value and the other stays as history."""

from __future__ import annotations

import pytest

from cadre.strategy.models import MetricValue
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    FY,
    fake_source,
    metrics_world,
)
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_values_for_one_cell(metrics_world) -> None:  # noqa: ANN001
    da = metrics_world.orgs["DA"]
    results = run_together([
        lambda value=value: services.record_value(
            actor=CLI, definition_id=metrics_world.entered.pk, organisation=da.pk,
            period="2025-26", value=value)
        for value in (60, 70)])
    assert all(isinstance(r, MetricValue) for r in results), results
    rows = MetricValue.objects.filter(definition=metrics_world.entered, organisation=da)
    assert rows.count() == 2 and rows.filter(current=True).count() == 1


def test_two_computations_at_once(metrics_world) -> None:  # noqa: ANN001
    results = run_together([lambda: services.compute_metrics(actor=CLI, period=FY)
                            for _ in range(2)])
    assert sorted(r.stored for r in results) == [0, 4], results
    assert MetricValue.objects.filter(definition=metrics_world.computed,
                                      current=True).count() == 4
