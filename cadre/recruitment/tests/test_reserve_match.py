"""The plain matching of similar roles and the 12 months (no database)."""

from __future__ import annotations

import datetime as dt

from cadre.recruitment.reserve_match import Level, Target, expires_on, is_similar, similar


def test_one_step_of_seniority_in_the_same_family() -> None:
    senior, lead, principal = Level(1, 6), Level(1, 8), Level(1, 10)
    assert is_similar(senior, lead) and is_similar(lead, senior)
    assert is_similar(lead, principal)
    assert not is_similar(senior, principal)
    assert not is_similar(lead, Level(2, 8))
    # head of (12) shares principal's rank: no step between them
    assert is_similar(lead, Level(1, 12))


def test_similar_leaves_out_the_source_organisation_and_orders_closest_first() -> None:
    source = Level(1, 8)
    day = dt.date(2026, 5, 1)
    targets = [Target("campaign", 1, 10, Level(1, 10), day),
               Target("campaign", 2, 20, Level(1, 8), day + dt.timedelta(days=9)),
               Target("vacancy", 3, 30, Level(1, 8), day),
               Target("campaign", 4, 99, Level(1, 8), day),
               Target("campaign", 5, 10, Level(2, 8), day)]
    assert [t.pk for t in similar(source, 99, targets)] == [3, 2, 1]


def test_twelve_months_to_the_day_and_month_ends() -> None:
    assert expires_on(dt.date(2026, 3, 14), 12) == dt.date(2027, 3, 14)
    assert expires_on(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
