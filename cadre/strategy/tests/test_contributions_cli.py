# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""``cadre strategy contributions``: counts (JSON, CSV), one person's list, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("strategy_contributions", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_counts_json_and_csv(contributions) -> None:
    w = contributions
    body = json.loads(_run("--period", str(w.today.year), "--format", "json"))
    assert body["period"] == str(w.today.year)
    assert {r["kind"] for r in body["rows"]} == {
        "bench", "mentoring", "community_lead", "assessing", "panel", "posting_host"}
    assert all(r["people"] == "fewer than 5" for r in body["rows"])
    rows = list(csv.DictReader(io.StringIO(_run("--period", str(w.today.year),
                                                "--organisation", "DA", "--format", "csv"))))
    assert rows and rows[0]["organisation"] == "DA" and rows[0]["contributions"] == "[c]"


def test_one_person(contributions) -> None:
    w = contributions
    body = json.loads(_run("--person", w.people.a_manager.staff_number,
                           "--organisation", "DA"))
    assert len(body["contributions"]) == 6
    rows = list(csv.DictReader(io.StringIO(_run(
        "--person", w.people.a_manager.staff_number, "--organisation", "DA",
        "--format", "csv"))))
    assert {r["kind"] for r in rows} >= {"bench", "panel"}


def test_errors(contributions) -> None:
    for args, words in ((["--period", "2025-27"], "--period"),
                        (["--organisation", "NOPE"], "NOPE"),
                        (["--person", "NOBODY-1"], "nobody"),
                        (["--person", "x" * 40], "characters")):
        with pytest.raises(CommandError) as err:
            _run(*args)
        assert words in str(err.value)
