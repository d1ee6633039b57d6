# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""``cadre strategy suppliers``: overall scores as JSON or CSV, filtered by supplier and
period; unknown names are errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.strategy.models import SupplierScore
from cadre.strategy.selectors.suppliers import OVERALL_COLUMNS
from cadre.strategy.tests.suppliers_fixtures import score_all, supplier_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("strategy_suppliers", *args, stdout=out)
    return out.getvalue()


def test_json_and_csv(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    score_all(w, w.org_a, w.spring, 4, 2, 3)
    score_all(w, w.org_b, w.spring, 2, 2, 1)
    score_all(w, w.org_c, w.autumn, 1, 1, 1)
    rows = json.loads(_run("--format", "json"))
    assert {tuple(r) for r in rows} == {OVERALL_COLUMNS}
    assert [(r["period"], r["organisation"], r["overall"], r["organisations"])
            for r in rows] == [
        ("2026 H1", "DA", 62.5, 1), ("2026 H1", "DB", 20.8, 1),
        ("2026 H1", "All buying organisations", 41.7, 2),
        ("2026 H2", "DC", 0.0, 1), ("2026 H2", "All buying organisations", 0.0, 1)]
    table = list(csv.DictReader(io.StringIO(_run("--supplier", "IMAGINARY SYSTEMS PLC",
                                                 "--period", "2026 h1", "--format", "csv"))))
    assert [row["overall"] for row in table] == ["62.5", "20.8", "41.7"]
    assert table[2]["criteria_scored"] == ""


def test_unknown_names(supplier_world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="--supplier"):
        _run("--supplier", "Nobody")
    with pytest.raises(CommandError, match="--period"):
        _run("--period", "1999")
    with pytest.raises(CommandError, match="--period"):
        _run("--period", "a\x00b")


def test_import_scores(supplier_world, tmp_path, keep_connection_open) -> None:  # noqa: ANN001
    good = tmp_path / "scores.csv"
    good.write_text("supplier,period,organisation,criterion,score,comment\n"
                    "imaginary systems plc,2026 H1,DA,Delivery,4,Late twice\n"
                    "Imaginary Systems plc,2026 h1,Department B,security,3,\n")
    out = io.StringIO()
    call_command("strategy_import_supplier_scores", str(good), stdout=out)
    assert "2 score(s)" in out.getvalue()
    assert SupplierScore.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("supplier,period,organisation,criterion,score\n"
                   "Imaginary Systems plc,2026 H1,DA,Delivery,5\n"
                   "Nobody Ltd,2026 H1,DA,Delivery,3\n"
                   "Imaginary Systems plc,2026 H1,DA,Security,4\n"
                   "Imaginary Systems plc,1999,ZZ,Delivery,3\n"
                   "Imaginary Systems plc,2026 H1,DA,Delivery,2\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("strategy_import_supplier_scores", str(bad), stdout=io.StringIO(),
                     stderr=err)
    text = err.getvalue()
    for expected in ("Row 3, column 'supplier'", "Row 4, column 'score'",
                     "Row 5, column 'period'", "Row 5, column 'organisation'",
                     "Row 6, column 'criterion'"):
        assert expected in text, text
    assert sorted(SupplierScore.objects.values_list("score", flat=True)) == [3, 4]
