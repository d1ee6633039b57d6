# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""Adding and withdrawing market figures: the hub only, every bad field named, audited,
history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.services.pay import add_market_figure, withdraw_market_figure
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _values(w, **changes):  # noqa: ANN001, ANN003, ANN202
    return {"role_level_id": w.developer.pk, "grade_id": None, "low": 50_000,
            "median": 55_000, "high": 60_000, "source": "Salary survey 2026",
            "source_date": dt.date(2026, 1, 1), **changes}


def test_the_hub_adds_and_withdraws(pay_world, make_account) -> None:  # noqa: ANN001
    hub = Actor.for_user(make_account(Role.CENTRAL_TEAM))
    figure = add_market_figure(actor=hub, **_values(pay_world, grade_id=pay_world.g7.pk,
                                                     source="  Salary   survey 2026 "))
    assert figure.source == "Salary survey 2026" and figure.grade == pay_world.g7
    assert figure.entered_by == hub.user
    assert AuditEvent.objects.filter(action="record_created",
                                     summary__contains="Market pay figure added").exists()
    withdraw_market_figure(actor=hub, figure_id=figure.pk, reason="Superseded")
    figure.refresh_from_db()
    assert figure.withdrawn_at is not None and figure.withdrawn_reason == "Superseded"
    assert figure.history.count() == 2
    with pytest.raises(ValidationError, match="withdrawn already"):
        withdraw_market_figure(actor=hub, figure_id=figure.pk)


@pytest.mark.parametrize("role", [Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.PROFESSIONAL])
def test_others_may_not(pay_world, make_account, role) -> None:  # noqa: ANN001
    scoped = role == Role.HEAD_OF_PROFESSION
    actor = Actor.for_user(make_account(role, pay_world.org_a if scoped else None))
    with pytest.raises(PermissionDenied):
        add_market_figure(actor=actor, **_values(pay_world))
    figure = add_market_figure(actor=Actor.command_line("t"), **_values(pay_world))
    with pytest.raises(PermissionDenied):
        withdraw_market_figure(actor=actor, figure_id=figure.pk)


@pytest.mark.parametrize("changes, field, words", [
    ({"role_level_id": 424242}, "role_level", "Choose a role level"),
    ({"role_level_id": "abc"}, "role_level", "Choose a role level"),
    ({"grade_id": 424242}, "grade", "Choose a grade"),
    ({"low": -1}, "low", "whole pounds"),
    ({"low": "50000.5"}, "low", "whole pounds"),
    ({"high": 1_000_001}, "high", "from 0 to 1,000,000"),
    ({"median": ""}, "median", "Give the median"),
    ({"low": 56_000}, "median", "below the low figure"),
    ({"high": 54_000}, "high", "below the median"),
    ({"source": "   "}, "source", "Say where the figures come from"),
    ({"source": "x" * 301}, "source", "at most 300"),
    ({"source": "a\x00b"}, "source", "NUL"),
    ({"source_date": "2026-02-30"}, "source_date", "YYYY-MM-DD"),
    ({"source_date": dt.date.today() + dt.timedelta(days=1)}, "source_date", "future"),
    ({"source_date": "1999-12-31"}, "source_date", "2000 or later"),
])
def test_bad_values_name_their_field(pay_world, changes, field, words) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        add_market_figure(actor=Actor.command_line("t"), **_values(pay_world, **changes))
    assert field in caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field])
    assert not MarketFigure.objects.exists()


def test_every_problem_at_once(pay_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        add_market_figure(actor=Actor.command_line("t"),
                          **_values(pay_world, low="x", high=-5, source=""))
    assert set(caught.value.message_dict) == {"low", "high", "source"}
