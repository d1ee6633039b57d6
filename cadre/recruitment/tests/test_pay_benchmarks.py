# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""``selectors.pay.benchmark_for`` on a hand-worked world (``pay_fixtures``): who is
counted, grades, contractors' yearly cost, market figures newest per source, suppression
labels; and the figures against the plain reference on random workforces."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cadre.core.actor import Actor
from cadre.recruitment import pay_figures as pf
from cadre.recruitment.selectors.pay import benchmark_for, employed_pay
from cadre.recruitment.services.pay import add_market_figure, withdraw_market_figure
from cadre.recruitment.tests.pay_fixtures import pay_world, worker  # noqa: F401

pytestmark = pytest.mark.django_db
CLI = Actor.command_line("tests")


def _market(level, median, day, source="Survey", grade=None):  # noqa: ANN001, ANN202
    return add_market_figure(actor=CLI, role_level_id=level.pk,
                             grade_id=grade.pk if grade else None, low=median - 5000,
                             median=median, high=median + 5000, source=source,
                             source_date=day)


def test_employed_pay_counts_current_employed_people_in_the_profession(pay_world) -> None:  # noqa: ANN001
    w = pay_world
    found = benchmark_for(role_level_id=w.developer.pk)
    assert found.employed.count == 8 and found.employed.label == "8 people"
    assert found.basis == "employed"
    assert (found.low, found.median, found.high) == (48_000, 53_000, 56_500)
    g7 = benchmark_for(role_level_id=w.developer.pk, grade_id=w.g7.pk)
    assert g7.employed.count == 6 and (g7.low, g7.median, g7.high) == (52_500, 55_000, 57_500)
    assert g7.role_level == "Developer: Developer" and g7.grade == "Grade 7"


def test_contractors_day_rates_become_a_yearly_cost(pay_world) -> None:  # noqa: ANN001
    found = benchmark_for(role_level_id=pay_world.developer.pk)
    row = next(r for r in found.sources if r.key == "contingent")
    assert (row.low, row.median, row.high) == (110_000, 132_000, 154_000)
    assert row.people == "5 people" and "220 working days" in row.source


def test_fewer_than_five_is_said_only_when_true(pay_world) -> None:  # noqa: ANN001
    w = pay_world
    senior = benchmark_for(role_level_id=w.senior.pk)
    assert senior.employed.count == 3 and senior.employed.suppressed
    employed, contingent = senior.sources[:2]
    assert employed.people == "fewer than 5 people" and employed.median is None
    assert contingent.people == "no people" and contingent.median is None
    assert senior.basis is None and senior.flags(1, 2) == []
    seo = benchmark_for(role_level_id=w.developer.pk, grade_id=w.seo.pk)
    assert seo.sources[0].people == "fewer than 5 people"
    worker(w.org_a, w.senior, pay=90_000, grade=w.g7)
    worker(w.org_a, w.senior, pay=95_000, grade=w.g7)
    now = benchmark_for(role_level_id=w.senior.pk)
    assert now.sources[0].people == "5 people" and now.median == 80_000


def test_market_figures_newest_per_source_and_grade_first(pay_world) -> None:  # noqa: ANN001
    w = pay_world
    _market(w.senior, 70_000, dt.date(2025, 1, 1), "Survey A")
    _market(w.senior, 72_000, dt.date(2026, 1, 1), "survey  a")  # the same source, newer
    _market(w.senior, 90_000, dt.date(2024, 6, 1), "Survey B", grade=w.g7)
    withdrawn = _market(w.senior, 99_000, dt.date(2026, 2, 1), "Survey C")
    withdraw_market_figure(actor=CLI, figure_id=withdrawn.pk)
    _market(w.developer, 10_000, dt.date(2026, 2, 1), "Other level")
    any_grade = benchmark_for(role_level_id=w.senior.pk)
    assert [r.median for r in any_grade.sources[2:]] == [72_000, 90_000]
    assert any_grade.basis == "market" and any_grade.median == 72_000
    g7 = benchmark_for(role_level_id=w.senior.pk, grade_id=w.g7.pk)
    assert g7.median == 90_000  # the figure for the grade comes before any grade's
    seo = benchmark_for(role_level_id=w.senior.pk, grade_id=w.seo.pk)
    assert [r.median for r in seo.sources[2:]] == [72_000]
    assert seo.flags(50_000, 60_000) == [
        "The top of the range, £60,000, is below the low market figure, £67,000."]


@pytest.mark.parametrize("seed", range(3))
def test_random_workforces_agree_with_the_reference(pay_world, seed) -> None:  # noqa: ANN001
    w = pay_world
    rng = random.Random(seed)
    pays = [rng.randint(20, 150) * 1000 for _ in range(rng.randint(0, 25))]
    for pay in pays:
        worker(w.org_b, w.senior, pay=pay, grade=w.seo)
    values = sorted(employed_pay(role_level_id=w.senior.pk, grade_id=w.seo.pk))
    assert values == sorted(float(p) for p in pays)
    found = benchmark_for(role_level_id=w.senior.pk, grade_id=w.seo.pk)
    want = pf.reference_spread([float(p) for p in pays])
    assert found.employed.count == len(pays)
    assert found.employed.suppressed is want["suppressed"]
    if not want["suppressed"]:
        assert found.median == round(want["median"])
        assert found.low == round(want["lower_quartile"])
        assert found.high == round(want["upper_quartile"])
