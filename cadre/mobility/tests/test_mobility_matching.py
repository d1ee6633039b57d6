"""The vectorised ranking agrees with the plain reference and explains itself."""

from __future__ import annotations

import numpy as np
import pytest

from cadre.mobility import matching


def _random_inputs(seed: int, n: int, k: int):
    rng = np.random.default_rng(seed)
    held = rng.integers(0, 7, size=(n, k)).astype(np.int8)
    required = rng.integers(1, 7, size=k)
    essential = rng.random(k) < 0.5
    grade_gap = rng.integers(-3, 4, size=n)
    fit = rng.choice([0.0, 0.5, 1.0], size=n)
    return held, required, essential, grade_gap, fit


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("n,k", [(300, 12), (200, 3), (50, 40), (1, 5)])
def test_rank_equals_reference_on_random_data(seed, n, k):
    held, required, essential, grade_gap, fit = _random_inputs(seed, n, k)
    result = matching.rank(held, required, essential, grade_gap, fit)
    order, scores = matching.rank_reference(held.tolist(), required.tolist(),
                                            essential.tolist(), grade_gap.tolist(),
                                            fit.tolist())
    assert result.order.tolist() == order
    assert np.allclose(result.scores, scores, rtol=0, atol=1e-9)


def test_rank_equals_reference_with_custom_weights_and_many_ties():
    held, required, essential, grade_gap, fit = _random_inputs(9, 400, 2)
    weights = matching.Weights(essential_weight=5, desirable_weight=2, grade_step_points=0,
                               location_points=0)
    result = matching.rank(held, required, essential, grade_gap, fit, weights)
    order, _ = matching.rank_reference(held.tolist(), required.tolist(), essential.tolist(),
                                       grade_gap.tolist(), fit.tolist(), weights)
    assert result.order.tolist() == order


def test_ties_go_to_the_lower_index():
    held = np.array([[3], [3], [3]])
    result = matching.rank(held, [3], [True], [0, 0, 0], [1.0, 1.0, 1.0])
    assert result.order.tolist() == [0, 1, 2]


def test_essential_outweighs_desirable_and_shortfall_is_by_size():
    required = np.array([4, 4])
    essential = np.array([True, False])
    held = np.array([
        [4, 0],   # essential met, desirable missing
        [0, 4],   # essential missing
        [3, 4],   # essential one level short
        [1, 4],   # essential three levels short
    ])
    r = matching.rank(held, required, essential, [0] * 4, [1.0] * 4)
    assert r.order.tolist() == [2, 0, 3, 1]
    assert r.met.tolist() == [1, 1, 1, 1]
    assert r.missing.tolist() == [1, 1, 0, 0]
    assert r.shortfall[3].tolist() == [3, 0]


def test_grade_distance_and_location_count():
    held = np.array([[2], [2], [2]])
    r = matching.rank(held, [2], [True], [0, -1, 2], [1.0, 1.0, 1.0])
    assert r.order.tolist() == [0, 1, 2]
    r = matching.rank(held, [2], [True], [0, 0, 0], [0.0, 1.0, 0.5])
    assert r.order.tolist() == [1, 2, 0]


def test_no_skills_means_full_skill_fit():
    r = matching.rank(np.zeros((2, 0), dtype=int), [], [], [1, 0], [1.0, 1.0])
    assert r.skill_fit.tolist() == [1.0, 1.0]
    assert r.order.tolist() == [1, 0]


def test_location_fit_rule():
    # Person 10 works in location 2; person 11 prefers it; person 12 neither.
    ids, current = np.array([10, 11, 12]), np.array([2, 3, 0])
    preferring = np.array([11])
    assert matching.location_fit(ids, current, preferring, {2}, hybrid=False).tolist() == [
        1.0, 1.0, 0.0]
    assert matching.location_fit(ids, current, [], {2}, hybrid=True).tolist() == [
        1.0, 0.5, 0.5]
    assert matching.location_fit(ids, current, preferring, set(), hybrid=False).tolist() == [
        1.0, 1.0, 1.0]

def test_explain_lists_met_short_and_missing():
    r = matching.rank(np.array([[4, 2, 0]]), [3, 4, 2], [True, True, False], [0], [1.0])
    why = matching.explain(r, 0, ["Data", "Code", "Test"])
    assert why["position"] == 1
    assert [m["skill"] for m in why["met"]] == ["Data"]
    assert why["short"] == [{"skill": "Code", "required": 4, "held": 2, "essential": True,
                             "short_by": 2}]
    assert [m["skill"] for m in why["missing"]] == ["Test"]


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        matching.rank(np.zeros((2, 2)), [1], [True], [0, 0], [1, 1])
    with pytest.raises(ValueError):
        matching.rank(np.zeros((2, 1)), [1], [True], [0], [1, 1])
    with pytest.raises(ValueError):
        matching.rank(np.zeros((2, 1)), [0], [True], [0, 0], [1, 1])
