# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""``cadre recruitment applications list|show|import|purge``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.recruitment.models import Application
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("recruitment_applications", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_list_and_show(world, keep_connection_open) -> None:  # noqa: ANN001
    application = external(world)
    rows = json.loads(_run("list", "--campaign", str(world.campaign.pk)))
    assert [r["id"] for r in rows] == [application.pk]
    assert "priya@example.com" not in json.dumps(rows)
    assert "candidate_name" in _run("list", "--format", "csv").splitlines()[0]
    shown = json.loads(_run("show", str(application.pk)))
    assert shown["evidence"][0]["text"] == "I led a team of six."
    with pytest.raises(CommandError):
        _run("show", "999999")
    with pytest.raises(CommandError):
        _run("list", "--campaign", "abc")


def test_import(world, tmp_path, keep_connection_open) -> None:  # noqa: ANN001
    good = tmp_path / "good.csv"
    good.write_text("name,email\nA,a@example.com\n")
    assert "1 application(s) imported" in _run("import", "--campaign",
                                                 str(world.campaign.pk), str(good))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nB,nope\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        _run("import", "--campaign", str(world.campaign.pk), str(bad))
    assert Application.objects.count() == 1


def test_purge_refuses_a_bad_date(world, keep_connection_open) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("purge", "--today", "31/12/2026")
    assert "0 candidate(s) erased" in _run("purge")
