# ruff: noqa: F811 - pytest fixtures imported from functions_fixtures are named as arguments
"""``cadre strategy functions`` (rows with flags, JSON and CSV) and ``cadre strategy
import-functions`` (Cadre's list, or a file loaded whole or not at all)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.strategy.models import IctFunction
from cadre.strategy.services import functions as services
from cadre.strategy.tests.functions_fixtures import CLI, functions_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_rows_with_flags(functions_world) -> None:  # noqa: ANN001
    w = functions_world
    for org in (w.org_a, w.org_b):
        services.record_sourcing(actor=CLI, organisation=org, function=w.function("security"),
                                 sourcing="in_house", maturity="good", evidence="A, \"team\"")
    w.add_people(w.org_b, "Architecture", 6, 5)
    rows = json.loads(_run("strategy_functions", "--format", "json"))
    assert [(r["organisation"], r["flagged"]) for r in rows] == [("DA", True), ("DB", False)]
    assert set(rows[0]) == {"organisation", "organisation_name", "function", "function_name",
                            "sourcing", "maturity", "evidence", "version", "updated_at",
                            "retained", "status", "flagged", "check"}
    text = _run("strategy_functions", "--organisation", "db", "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == 1 and parsed[0]["organisation"] == "DB"
    assert parsed[0]["evidence"] == 'A, "team"'
    with pytest.raises(CommandError, match="no organisation"):
        _run("strategy_functions", "--organisation", "ZZ")


def test_import_command(functions_world, tmp_path) -> None:  # noqa: ANN001
    assert "0 function(s) added and 14 updated" in _run("strategy_import_functions")
    bad = tmp_path / "bad.csv"
    bad.write_text("key,name,needs,retained_in\nx,X,Data: wizard,\ny,Y,Data: senior,mars\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("strategy_import_functions", str(bad), stdout=io.StringIO(), stderr=err)
    assert "Row 2" in err.getvalue() and "Row 3" in err.getvalue()
    assert not IctFunction.objects.filter(key__in=["x", "y"]).exists()
    good = tmp_path / "good.csv"
    good.write_text("key,name,needs\nextra,An extra function,Data: lead\n")
    assert "1 function(s) added" in _run("strategy_import_functions", str(good))
    with pytest.raises(CommandError, match="Cannot read"):
        _run("strategy_import_functions", str(tmp_path / "missing.csv"))
