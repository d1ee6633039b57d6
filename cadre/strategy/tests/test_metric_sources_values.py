"""Each computed strategy metric against the figures worked by hand in
``metric_sources_fixtures`` (the organisation with no data has no figure; the whole of
government is the key ``None``)."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.mobility.models import MobilityPolicy
from cadre.strategy.selectors.metric_sources import SOURCES, Figure, Period, compute_all
from cadre.strategy.tests.metric_sources_fixtures import PERIOD, World, build

pytestmark = pytest.mark.django_db

#: key -> {"A" | "B" | None: (value, people, numerator, denominator)}; a missing "A"/"B"
#: means no figure for that organisation.
EXPECTED: dict[str, dict[str | None, tuple]] = {
    "contingent_share": {"A": (50.0, 4, 2, 4), "B": (100 / 3, 3, 1, 3),
                         None: (300 / 7, 7, 3, 7)},
    "contingent_day_cost": {"A": (1200.0, 2, None, None), None: (1200.0, 2, None, None)},
    "in_profession_headcount": {"A": (2.0, 2, None, None), "B": (1.0, 1, None, None),
                                None: (3.0, 3, None, None)},
    "vacancies_filled_inside": {"A": (20.0, 5, 1, 5), "B": (0.0, 1, 0, 1),
                                None: (100 / 6, 6, 1, 6)},
    "senior_posts_filled_inside": {"A": (50.0, 2, 1, 2), None: (50.0, 2, 1, 2)},
    "managed_move_days": {"A": (15.25, 2, None, None), "B": (5.0, 1, None, None),
                          None: (35.5 / 3, 3, None, None)},
    "assessment_completion": {"A": (100 / 3, 2, 1, 3), "B": (100.0, 1, 1, 1),
                              None: (50.0, 3, 2, 4)},
    "development_plan_share": {"A": (25.0, 4, 1, 4), "B": (0.0, 3, 0, 3),
                               None: (100 / 7, 7, 1, 7)},
    "accredited_people": {"A": (1.0, 1, None, None), "B": (0.0, 0, None, None),
                          None: (1.0, 1, None, None)},
    "apprentice_starts": {"A": (25.0, 4, 1, 4), "B": (0.0, 3, 0, 3),
                          None: (100 / 7, 7, 1, 7)},
    "fast_streamers_posted_outside": {"A": (50.0, 2, 1, 2), None: (50.0, 2, 1, 2)},
    "learning_spend_per_head": {"A": (350.0, 4, 1400, 4), "B": (100.0, 3, 300, 3),
                                None: (1700 / 7, 7, 1700, 7)},
    "recruitment_senior_filled_inside": {"A": (200 / 3, 3, 2, 3), "B": (0.0, 1, 0, 1),
                                         None: (50.0, 4, 2, 4)},
    "succession_coverage": {"A": (100 / 3, 3, 1, 3), "B": (100.0, 1, 1, 1),
                            None: (50.0, 4, 2, 4)},
}


@pytest.fixture
def world() -> World:
    return build()


def _key(world: World, name: str | None) -> int | None:
    return {"A": world.a.pk, "B": world.b.pk, None: None}[name]


def _check(figure: Figure, expected: tuple) -> None:
    value, people, numerator, denominator = expected
    assert figure.value == pytest.approx(value)
    assert figure.people == people
    assert figure.numerator == (None if numerator is None else pytest.approx(numerator))
    assert figure.denominator == (None if denominator is None else pytest.approx(denominator))


def test_every_source_is_worked_by_hand() -> None:
    assert set(EXPECTED) == set(SOURCES)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_hand_worked_value(world: World, key: str) -> None:
    figures = SOURCES[key].compute(PERIOD)
    expected = {_key(world, name): value for name, value in EXPECTED[key].items()}
    assert set(figures) == set(expected), key
    assert world.c.pk not in figures  # the organisation with no data has no figure
    for org, want in expected.items():
        _check(figures[org], want)


def test_an_empty_database_gives_only_an_empty_whole() -> None:
    for key, figures in compute_all(PERIOD).items():
        assert list(figures) == [None], key
        whole = figures[None]
        assert whole.people == 0
        assert whole.value in (None, 0.0), key


def test_sources_describe_themselves() -> None:
    for key, source in SOURCES.items():
        assert source.key == key
        assert source.unit in {"percent", "count", "pounds", "days"}
        assert source.direction in {"up", "down"}
        assert len(source.method) > 80 and "\n" not in source.method
    assert "mean" in SOURCES["managed_move_days"].method
    assert "2.3%" in SOURCES["apprentice_starts"].method


def test_the_policy_period_is_the_mobility_policy_s(world: World) -> None:
    """With 50 internal-first days, v2 (filled on day 44) counts as filled inside too;
    with no policy row, the default 28 days leaves it out again."""
    source = SOURCES["vacancies_filled_inside"]
    MobilityPolicy.objects.update(internal_days=50)
    assert source.compute(PERIOD)[world.a.pk].numerator == 2
    MobilityPolicy.objects.all().delete()
    assert source.compute(PERIOD)[world.a.pk].numerator == 1


def test_learning_spend_for_a_period_that_is_not_a_financial_year(world: World) -> None:
    """May and June 2025: A spent 1,000 + 600 over the 4 in post on 30 June (a1, a2, a3,
    a5); B spent nothing then and has no figure."""
    quarter = Period(label="2025 May-June", start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 30))
    figures = SOURCES["learning_spend_per_head"].compute(quarter)
    assert set(figures) == {world.a.pk, None}
    assert figures[world.a.pk].value == pytest.approx(400.0)
    assert figures[None].numerator == pytest.approx(1600.0)


def test_the_policy_period_ends_the_day_before_outside_recruitment(world: World) -> None:
    """v8 (B) is filled 20 days after it opened: with 20 internal-first days that is the
    first day mobility lets B recruit outside (``Vacancy.external_allowed_on``), so it is
    not within the policy period; with 21 days it is."""
    source = SOURCES["vacancies_filled_inside"]
    assert source.compute(PERIOD)[world.b.pk].numerator == 0
    MobilityPolicy.objects.update(internal_days=21)
    assert source.compute(PERIOD)[world.b.pk].numerator == 1
    MobilityPolicy.objects.update(internal_days=0)
    assert source.compute(PERIOD)[None].numerator == 0
