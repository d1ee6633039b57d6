"""The plain metric rules: period labels against a simple reference, value checks, and
which values are hidden."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cadre.strategy import metrics_rules as rules


def _reference(year: int, kind: str, n: int = 0) -> tuple[str, dt.date, dt.date]:
    """Periods worked out the long way: walk day by day."""
    if kind == "yearly":
        start, label = dt.date(year, 4, 1), f"{year}-{str(year + 1)[2:]}"
    elif kind == "quarterly":
        start, label = dt.date(year, 3 * n - 2, 1), f"{year} Q{n}"
    else:
        start, label = dt.date(year, n, 1), f"{year}-{n:02d}"
    day = start
    while True:
        nxt = day + dt.timedelta(days=1)
        if kind == "yearly" and (nxt.month, nxt.day) == (4, 1):
            break
        if kind == "quarterly" and nxt.day == 1 and nxt.month in (1, 4, 7, 10):
            break
        if kind == "monthly" and nxt.day == 1:
            break
        day = nxt
    return label, start, day


def test_labels_match_the_reference_on_random_periods() -> None:
    rng = random.Random(19)
    for _ in range(300):
        year = rng.randint(2012, 2099)
        kind = rng.choice(["yearly", "quarterly", "monthly"])
        n = rng.randint(1, 4) if kind == "quarterly" else rng.randint(1, 12)
        label, start, end = _reference(year, kind, n)
        spec = rules.parse_period(label)
        assert (spec.label, spec.start, spec.end, spec.frequency) == (label, start, end, kind)


def test_known_periods() -> None:
    fy = rules.parse_period("2025-26")
    assert (fy.start, fy.end) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert rules.parse_period("2025/26").label == "2025-26"
    q = rules.parse_period("2025 q3")
    assert (q.label, q.start, q.end) == ("2025 Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    m = rules.parse_period("2024-02")
    assert (m.start, m.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert rules.parse_period("1999-00").end == dt.date(2000, 3, 31)


@pytest.mark.parametrize(("text", "words"), [
    ("", "Give a period"), ("2025-27", "neither a month"), ("2025/27", "runs into"),
    ("2025 Q5", "Q1 to Q4"), ("1800-01", "outside"), ("twenty", "not a period"),
    ("2025-13", "neither a month"), ("2025-26x", "not a period"), ("²⁰²⁵-26", "not a period"),
    ("2011-12", "could be the financial year 2011-12 or December 2011"),
    ("2025\x00-26", "not a period"), ("2025-26" * 4, "not a period"),
])
def test_bad_labels_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(rules.PeriodError, match=words):
        rules.parse_period(text)


def test_a_label_of_any_frequency() -> None:
    assert rules.period_label("2025/26") == "2025-26"
    assert rules.period_label("2011-12") == "2011-12"
    assert rules.period_label("2025q2") == "2025 Q2"
    with pytest.raises(rules.PeriodError, match="not a period"):
        rules.period_label("soon")


def test_the_frequency_settles_and_refuses() -> None:
    assert rules.parse_period("2011-12", "yearly").end == dt.date(2012, 3, 31)
    assert rules.parse_period("2011-12", "monthly").end == dt.date(2011, 12, 31)
    with pytest.raises(rules.PeriodError, match="this metric is yearly"):
        rules.parse_period("2025 Q1", "yearly")


@pytest.mark.parametrize(("value", "unit", "words"), [
    (101, "percent", "0 to 100"), (-1, "days", "negative"), (2.5, "count", "whole"),
    (float("nan"), "ratio", "finite"), (1.23456, "pounds", "places"),
    (10**13, "pounds", "at most"), (True, "count", "number"),
])
def test_values_outside_their_unit(value: float, unit: str, words: str) -> None:
    with pytest.raises(rules.ValueProblem, match=words):
        rules.check_value(value, unit)


def test_values_within_their_unit() -> None:
    assert rules.check_value(100, "percent") == 100
    assert rules.check_value(0, "count") == 0
    assert rules.check_value(12.3456, "pounds") == 12.3456


def test_hidden_marks() -> None:
    assert rules.hidden_marks({"a": 3, "b": 10, "c": 20}, total_shown=True) == {
        "a": "small", "b": "protected"}
    assert rules.hidden_marks({"a": 3, "b": 10}, total_shown=False) == {"a": "small"}
    assert rules.hidden_marks({"a": 3, "b": 2, "c": 9}, total_shown=True) == {
        "a": "small", "b": "small"}
    assert rules.hidden_marks({"a": 0, "b": 4, "c": None}, total_shown=True) == {
        "b": "small", "a": "protected"}
    assert rules.hidden_marks({"a": 5, "b": None}, total_shown=True) == {}
    assert rules.note_for("small") == "Hidden: based on fewer than 5 people"
    assert "[c]" in rules.note_for("protected")
