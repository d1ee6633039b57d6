"""The outcome rows read from the database, the figures worked by hand on the small world
(``outcomes_fixtures``), the filters and the strategy metric source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.core.suppression import PROTECTED_LABEL
from cadre.recruitment.selectors import outcomes as sel
from cadre.recruitment.tests.outcomes_fixtures import world  # noqa: F401
from cadre.strategy.selectors.metric_sources import SOURCES, Period

pytestmark = pytest.mark.django_db

CLI = Actor.command_line("tests")
FEWER = "fewer than 5"


def test_figures_worked_by_hand(world) -> None:  # noqa: ANN001, F811
    result = sel.outcomes_for(CLI, sel.Filters())
    a, b = result.organisations
    assert (a.organisation, b.organisation) == ("Department A", "Department B")
    # Internal and external: [[6, 3], [2, 0]] with every line protected.
    assert (a.appointments.shown, a.internal.shown, a.external.shown) == (
        PROTECTED_LABEL, PROTECTED_LABEL, FEWER)
    assert (b.appointments.shown, b.internal.shown, b.external.shown) == (FEWER, FEWER, 0)
    total = result.total
    assert (total.appointments.shown, total.internal.shown, total.external.shown) == (
        11, PROTECTED_LABEL, FEWER)
    assert (a.median_days, a.p90_days) == (50.0, pytest.approx(82.0))
    assert b.median_days is None and b.p90_days is None
    assert total.median_days == 40.0
    assert (a.campaigns, a.campaigns_without_appointable, a.appointable.value) == (12, 1, 15)
    assert (b.campaigns, b.appointable.value) == (3, 3)
    assert a.appointable.shown == PROTECTED_LABEL and b.appointable.shown == FEWER
    assert a.appointable_per_campaign is None
    assert (total.campaigns, total.appointable.shown) == (15, 18)
    assert total.appointable_per_campaign == pytest.approx(1.2)
    assert [q.quarter for q in result.quarters] == ["2025 Q1", "2025 Q2"]
    assert [(q.internal.value, q.external.value) for q in result.quarters] == [(2, 0), (0, 1)]
    assert result.quarters_total.share_inside is None  # 2 of 3: hidden


def test_the_period_filters_appointments_and_campaigns(world) -> None:  # noqa: ANN001, F811
    filters = sel.check_filters(CLI, start="2025-03-01", end="2025-03-31")
    result = sel.outcomes_for(CLI, filters)
    # Appointed in March: A's days 10, 20 and 30, B's 15 and 25; every campaign opened then.
    assert result.total.appointments.value == 5
    assert result.total.campaigns == 15
    later = sel.outcomes_for(CLI, sel.check_filters(CLI, start="2025-04-01"))
    assert later.total.appointments.value == 6 and later.total.campaigns == 0


def test_an_organisation_narrows_the_lines_and_the_quarters(world) -> None:  # noqa: ANN001, F811
    result = sel.outcomes_for(CLI, sel.check_filters(CLI, organisation="db"))
    assert [line.organisation for line in result.organisations] == ["Department B"]
    assert result.total.appointments.value == 11  # totals stay every organisation's
    assert result.quarters == ()  # B has no senior appointment


def test_heads_of_profession_see_their_lines_and_the_totals(world, make_account) -> None:  # noqa: ANN001, F811
    hop = make_account(Role.HEAD_OF_PROFESSION, organisation=world.a)
    result = sel.outcomes_for(hop, sel.Filters())
    assert [line.organisation for line in result.organisations] == ["Department A"]
    assert result.total.appointments.shown == 11
    with pytest.raises(ValidationError) as caught:
        sel.check_filters(hop, organisation="DB")
    assert "organisation" in caught.value.message_dict
    analyst = make_account(Role.ANALYST)
    assert len(sel.outcomes_for(analyst, sel.Filters()).organisations) == 2
    nobody = make_account(Role.PROFESSIONAL)
    assert not sel.may_see(nobody)
    assert sel.outcomes_for(nobody, sel.Filters()).organisations == ()


@pytest.mark.parametrize(("values", "field"), [
    ({"organisation": "NOPE"}, "organisation"),
    ({"organisation": "X" * 31}, "organisation"),
    ({"organisation": "D\x00A"}, "organisation"),
    ({"start": "2025-13-01"}, "from"),
    ({"start": "yesterday"}, "from"),
    ({"end": "1999-12-31"}, "to"),
    ({"end": "2025-02\x00"}, "to"),
    ({"start": "2025-05-01", "end": "2025-04-01"}, "to"),
])
def test_bad_filters_name_the_field(world, values: dict, field: str) -> None:  # noqa: ANN001, F811
    with pytest.raises(ValidationError) as caught:
        sel.check_filters(CLI, **values)
    assert field in caught.value.message_dict


def test_the_strategy_metric_reads_the_recruitment_selector(world) -> None:  # noqa: ANN001, F811
    period = Period(label="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert sel.senior_appointments(period.start, period.end) == {
        world.a.pk: {"total": 3, "inside": 2}}
    figures = SOURCES["recruitment_senior_filled_inside"].compute(period)
    assert set(figures) == {world.a.pk, None}
    assert figures[world.a.pk].value == pytest.approx(200 / 3)
    assert figures[None].people == 3 and figures[None].numerator == 2
    source = SOURCES["recruitment_senior_filled_inside"]
    assert source.unit == "percent" and source.direction == "up"
    assert source.name.startswith("Senior posts filled from inside")


def test_the_csv_rows_hold_labels_not_small_numbers(world) -> None:  # noqa: ANN001, F811
    rows = list(sel.csv_rows(sel.outcomes_for(CLI, sel.Filters())))
    assert [r["name"] for r in rows] == ["Department A", "Department B", "All organisations",
                                         "2025 Q1", "2025 Q2", "All quarters"]
    assert rows[1]["appointments"] == FEWER and rows[0]["appointments"] == PROTECTED_LABEL
    assert rows[0]["median_days"] == 50.0 and rows[1]["median_days"] == ""
