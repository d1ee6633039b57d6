# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""``cadre strategy import-commitments`` and ``cadre strategy commitments``: import with
mappings, missing names created or refused, a dry run, and the list as JSON or CSV (exactly
the documented keys), which imports again unchanged."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.strategy.models import CommitmentEntry
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    ACTION,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)

pytestmark = pytest.mark.django_db
KEYS = {"strategy", "action", "organisation", "kind", "period", "not_applicable", "text"}


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_refuses_unmatched_names_then_maps_them(org_a, org_b, tmp_path,
                                                       stub_organisations) -> None:  # noqa: ANN001
    source = tmp_path / "c.csv"
    source.write_bytes(csv_bytes([row("Department A"), row("Old One"),
                                  row("Old Two", "progress", "2013")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("strategy_import_commitments", str(source), stdout=io.StringIO(),
                     stderr=err)
    assert "'Old One' (row 3)" in err.getvalue() and "'Old Two' (row 4)" in err.getvalue()
    assert not CommitmentEntry.objects.exists()
    out, _ = _run("strategy_import_commitments", str(source), "--dry-run",
                  "--map", "Old One=DB", "--create-missing")
    assert "Would import c.csv: 3 entries" in out and "Old Two" in out
    assert not CommitmentEntry.objects.exists()
    out, _ = _run("strategy_import_commitments", str(source), "--map", "Old One=DB",
                  "--map", "Old Two=DA")
    assert "3 added" in out
    assert CommitmentEntry.objects.filter(organisation=org_a).count() == 2


def test_a_name_mapped_twice_is_refused(org_a, org_b, tmp_path, stub_organisations) -> None:  # noqa: ANN001
    source = tmp_path / "c.csv"
    source.write_bytes(csv_bytes([row("Old One")]))
    with pytest.raises(CommandError):
        _run("strategy_import_commitments", str(source), "--map", "Old One=DB",
             "--map", "old one=DA")
    out, _ = _run("strategy_import_commitments", str(source), "--map", "Old One=DB")
    assert "1 added" in out
    assert CommitmentEntry.objects.get().organisation == org_b


def test_list_as_json_and_csv_round_trips(commitments_world, tmp_path) -> None:  # noqa: ANN001
    out, _ = _run("strategy_commitments", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 3 and all(set(r) == KEYS for r in rows)
    out, _ = _run("strategy_commitments", "--organisation", "db", "--format", "json")
    assert [r["organisation"] for r in json.loads(out)] == ["Department B"]
    out, _ = _run("strategy_commitments", "--action", ACTION.upper(), "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "strategy,action,organisation,kind,period,not_applicable,text"
    assert len(lines) == 4
    export = tmp_path / "export.csv"
    export.write_text(out)
    again, _ = _run("strategy_import_commitments", str(export))
    assert "0 added, 0 changed, 3 unchanged" in again


def test_list_refuses_unknown_organisation(commitments_world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="no organisation"):
        _run("strategy_commitments", "--organisation", "NOPE")
