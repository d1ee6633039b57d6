"""The plain supplier arithmetic against a simple reference on random cases."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from cadre.strategy import supplier_scoring as scoring


def _reference(items: list[tuple[int, int, int]]) -> float | None:
    """Expand every weight into that many copies and take the plain mean of the shares."""
    shares = []
    for weight, scale_max, score in items:
        shares += [Fraction(score - 1, scale_max - 1)] * weight
    return None if not shares else round(float(sum(shares) / len(shares) * 100), 1)


def test_weighted_overall_matches_the_reference_on_random_cases() -> None:
    rng = random.Random(19)
    for _ in range(500):
        items = []
        for _ in range(rng.randint(0, 8)):
            scale = rng.randint(2, 10)
            items.append((rng.randint(1, 12), scale, rng.randint(1, scale)))
        got = scoring.weighted_overall(scoring.Scored(*item) for item in items)
        assert got == _reference(items)


def test_hand_worked_overall() -> None:
    # delivery 4/5 weight 3 (0.75), value 2/5 weight 2 (0.25), security 3/3 weight 1 (1.0)
    items = [scoring.Scored(3, 5, 4), scoring.Scored(2, 5, 2), scoring.Scored(1, 3, 3)]
    assert scoring.weighted_overall(items) == round((2.25 + 0.5 + 1) / 6 * 100, 1) == 62.5


def test_scores_off_the_scale_are_refused() -> None:
    with pytest.raises(ValueError):
        scoring.share(6, 5)
    with pytest.raises(ValueError):
        scoring.share(0, 5)


def test_government_overall_is_the_mean_of_exact_organisation_figures() -> None:
    assert scoring.government_overall([Fraction(1, 3), Fraction(2, 3)]) == 50.0
    assert scoring.government_overall([]) is None


def test_may_show_needs_two_organisations_besides_the_viewers_own() -> None:
    assert scoring.may_show({1}, None)              # the central team sees all
    assert not scoring.may_show(set(), None)
    assert not scoring.may_show({1}, frozenset())
    assert scoring.may_show({1, 2}, frozenset())    # an analyst: two organisations
    assert not scoring.may_show({1, 2}, {1})        # own + one other: the other is exposed
    assert scoring.may_show({1, 2, 3}, {1})
    rng = random.Random(5)
    for _ in range(300):
        contributors = set(rng.sample(range(10), rng.randint(0, 6)))
        own = set(rng.sample(range(10), rng.randint(0, 3)))
        assert scoring.may_show(contributors, own) == (len(contributors - own) >= 2)


def test_change() -> None:
    assert scoring.change(50.0, 62.5) == 12.5
    assert scoring.change(None, 62.5) is None
