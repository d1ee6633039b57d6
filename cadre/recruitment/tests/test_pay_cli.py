# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""``cadre recruitment pay show|market-add``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cadre.audit.models import AuditEvent
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("recruitment_pay", *args, stdout=out)
    return out.getvalue()


def test_show_as_text_and_json(pay_world) -> None:  # noqa: ANN001
    text = _run("show", "--role-level", "Developer: Developer", "--grade", "g7",
                "--pay-min", "40000", "--pay-max", "£50,000")
    assert "Developer: Developer, Grade 7" in text
    assert "Benchmark: £52,500 to £57,500, median £55,000" in text
    assert "Contractor cost a year: £110,000 / £132,000 / £154,000 (5 people)" in text
    assert "Flag: The top of the range, £50,000, is below the lower quartile" in text
    data = json.loads(_run("show", "--role-level", str(pay_world.senior.pk),
                           "--format", "json"))
    assert data["sources"][0]["people"] == "fewer than 5 people"
    assert data["sources"][0]["median"] is None and data["basis"] is None


@pytest.mark.parametrize("args, words", [
    (("--role-level", "Nobody"), "--role-level: there is no role level"),
    (("--role-level", "Developer", "--grade", "ZZ"), "--grade: there is no grade"),
    (("--role-level", "Developer", "--pay-min", "-3"), "--pay-min"),
])
def test_show_refuses_unknown_names(pay_world, args, words) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match=words):
        _run("show", *args)


def test_market_add(pay_world) -> None:  # noqa: ANN001
    out = _run("market-add", "--role-level", "Senior developer", "--low", "70000",
               "--median", "80000", "--high", "90000", "--source", "Survey",
               "--source-date", "2026-01-01")
    assert "£80,000" in out
    assert MarketFigure.objects.get().role_level == pay_world.senior
    assert AuditEvent.objects.filter(actor_email__startswith="cli:",
                                     summary__contains="Market pay figure").exists()
    with pytest.raises(CommandError, match="high: The high figure cannot be below"):
        _run("market-add", "--role-level", "Senior developer", "--low", "70000",
             "--median", "80000", "--high", "75000", "--source", "Survey",
             "--source-date", "2026-01-01")
    assert MarketFigure.objects.count() == 1
