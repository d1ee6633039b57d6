# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""``cadre strategy workstreams``: workstreams with milestones and ratings as JSON or CSV,
filtered by strategy; an unknown strategy or period is a clear error."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.strategy.services import workstreams as services
from cadre.strategy.tests.workstreams_fixtures import CLI, ws_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("strategy_workstreams", *args, stdout=out)
    return out.getvalue()


def test_json_and_csv(ws_world) -> None:  # noqa: ANN001
    services.rate_milestone(actor=CLI, milestone=ws_world.milestone, period=ws_world.period,
                            rater_kind="owner", level="Amber-green")
    document = json.loads(_run("--format", "json", "--period", "2025 Q3"))
    first = document["workstreams"][0]
    assert first["name"] == "Accreditation" and first["period"] == "2025 Q3"
    assert first["milestones"][0]["owner_rating"]["level"] == "Amber-green"
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv", "--strategy",
                                                "ict capability strategy"))))
    assert rows[0]["milestone"] == "Options appraisal" and rows[0]["owner_score"] == "0.75"
    assert rows[0]["central_rating"] == ""


def test_unknown_names_are_errors(ws_world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="no strategy called"):
        _run("--strategy", "Nope")
    with pytest.raises(CommandError, match="no reporting period"):
        _run("--period", "Nope")
