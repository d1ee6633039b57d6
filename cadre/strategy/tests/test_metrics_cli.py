# ruff: noqa: F811 - pytest fixtures imported from metrics_fixtures are named as arguments
"""``cadre strategy metrics`` and ``cadre strategy compute-metrics``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.audit.models import AuditEvent
from cadre.strategy.models import MetricValue
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_compute_then_list(metrics_world) -> None:  # noqa: ANN001
    said = _run("strategy_compute_metrics", "--period", "2025-26")
    assert "2025-26: 1 metric(s) computed, 4 value(s) stored" in said
    assert "0 value(s) stored" in _run("strategy_compute_metrics", "--period", "2025/26")
    rows = json.loads(_run("strategy_metrics", "--period", "2025-26", "--format", "json"))
    assert len(rows) == 4
    dc = next(r for r in rows if r["organisation"] == "DC")
    assert dc["suppressed"] and dc["value"] is None and dc["origin"] == "computed"
    assert dc["recorded_by"].startswith("cli:") and dc["recorded_at"]
    text = _run("strategy_metrics", "--organisation", "DA", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [(r["organisation"], r["value"]) for r in table] == [("DA", "50")]
    assert AuditEvent.objects.filter(action="export",
                                     data__what="strategy_metric_values").count() == 2


def test_clear_errors(metrics_world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="--period: 'soon' is not a period"):
        _run("strategy_compute_metrics", "--period", "soon")
    with pytest.raises(CommandError, match="No computed metric"):
        _run("strategy_compute_metrics", "--period", "2025-26", "--metric", "nothing")
    with pytest.raises(CommandError, match="No organisation"):
        _run("strategy_metrics", "--organisation", "ZZ")
    with pytest.raises(CommandError, match="Q1 to Q4"):
        _run("strategy_metrics", "--period", "2025 Q7")
    assert MetricValue.objects.count() == 0
