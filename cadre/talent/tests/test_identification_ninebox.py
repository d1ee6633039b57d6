"""The nine-box module on its own: geometry and aggregation."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cadre.talent import ninebox


def test_box_numbers_run_from_bottom_left_and_invert() -> None:
    assert ninebox.box_number(1, 1) == 1
    assert ninebox.box_number(3, 1) == 3
    assert ninebox.box_number(1, 3) == 7
    assert ninebox.box_number(3, 3) == 9
    for n in range(1, 10):
        assert ninebox.box_number(*ninebox.box_of(n)) == n
    assert ninebox.BOX_NAMES[ninebox.box_of(9)] == "High performance, high potential"


def test_every_box_is_named_in_words_not_numbers() -> None:
    # Issue 12: the grid showed "3 / 2"; each of the nine boxes now has a name in words.
    assert ninebox.BOX_NAMES[(3, 2)] == "High performance, moderate potential"
    assert ninebox.BOX_NAMES[(1, 1)] == "Low performance, low potential"
    assert len(set(ninebox.BOX_NAMES.values())) == 9
    assert all("/" not in n and not any(ch.isdigit() for ch in n)
               for n in ninebox.BOX_NAMES.values())


@pytest.mark.parametrize("bad", [0, 4, -1, True, 2.5])
def test_levels_outside_one_to_three_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        ninebox.box_number(bad, 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ninebox.grid_from_counts([(2, bad, 1)])  # type: ignore[list-item]


def test_box_of_refuses_numbers_outside_the_grid() -> None:
    with pytest.raises(ValueError):
        ninebox.box_of(10)


def test_rows_are_drawn_with_high_potential_first() -> None:
    grid = ninebox.grid_from_counts([(3, 3, 2), (1, 1, 5), (2, 1, 1)])
    rows = grid.rows()
    assert [b.number for b in rows[0]] == [7, 8, 9]
    assert [b.number for b in rows[2]] == [1, 2, 3]
    assert rows[0][2].count == 2 and rows[2][0].count == 5
    assert [b.number for b in grid.boxes()] == list(range(1, 10))
    assert grid.total == 8
    assert grid.share(1, 1) == pytest.approx(5 / 8)
    assert rows[0][2].label == "High performance, high potential"


def test_grid_from_ratings_matches_counting_one_by_one() -> None:
    rng = random.Random(3)
    perf = [rng.randint(1, 3) for _ in range(500)]
    pot = [rng.randint(1, 3) for _ in range(500)]
    grid = ninebox.grid_from_ratings(perf, pot)
    for p in (1, 2, 3):
        for q in (1, 2, 3):
            expected = sum(1 for a, b in zip(perf, pot, strict=True) if (a, b) == (p, q))
            assert grid.count(p, q) == expected
    pairs = {}
    for a, b in zip(perf, pot, strict=True):
        pairs[a, b] = pairs.get((a, b), 0) + 1
    same = ninebox.grid_from_counts((a, b, n) for (a, b), n in pairs.items())
    assert np.array_equal(same.counts, grid.counts)


def test_grid_from_ratings_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        ninebox.grid_from_ratings([1, 2], [1])
    with pytest.raises(ValueError):
        ninebox.grid_from_ratings([1, 5], [1, 1])
    assert ninebox.grid_from_ratings([], []).total == 0


def test_movement_and_final_rating() -> None:
    before = ninebox.grid_from_ratings([2, 2], [2, 3])
    after = ninebox.grid_from_ratings([2, 3], [2, 3])
    moved = ninebox.movement(before, after)
    assert moved.sum() == 0
    assert moved[2, 1] == -1 and moved[2, 2] == 1
    assert ninebox.final_rating(2, None) == 2
    assert ninebox.final_rating(2, 3) == 3
