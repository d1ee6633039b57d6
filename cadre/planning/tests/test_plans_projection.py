"""The workforce plan projection against numbers worked by hand."""

import numpy as np
import pytest

from cadre.planning.projection import project, whole_people


def test_attrition_joiners_and_promotions_by_hand():
    # Two levels: 0 (junior) -> 1 (senior); 10% attrition; two years.
    result = project(
        supply=np.array([100, 20]),
        demand=np.array([[100, 25], [90, 30]]),
        joiners=np.array([[10, 0], [0, 0]]),
        promotions=np.array([[5, 0], [2, 0]]),
        next_level=np.array([1, -1]),
        attrition_rate=0.1,
    )
    # Year 1: junior 100*0.9 + 10 - 5 = 95; senior 20*0.9 + 5 = 23.
    # Year 2: junior 95*0.9 - 2 = 83.5; senior 23*0.9 + 2 = 22.7.
    np.testing.assert_allclose(result.supply, [[95, 23], [83.5, 22.7]])
    np.testing.assert_allclose(result.gap, [[5, 2], [6.5, 7.3]])
    np.testing.assert_allclose(result.supply_total, [118, 106.2])
    np.testing.assert_allclose(result.demand_total, [125, 120])
    np.testing.assert_allclose(result.gap_total, [7, 13.8])


def test_no_attrition_keeps_supply_and_surplus_is_negative_gap():
    result = project(supply=np.array([4.0]), demand=np.zeros((5, 1)), joiners=np.zeros((5, 1)),
                     promotions=np.zeros((5, 1)), next_level=np.array([-1]), attrition_rate=0)
    np.testing.assert_allclose(result.supply[:, 0], [4] * 5)
    np.testing.assert_allclose(result.gap[:, 0], [-4] * 5)


def test_promotions_never_exceed_people_and_top_level_keeps_them():
    result = project(supply=np.array([2, 1]), demand=np.zeros((1, 2)),
                     joiners=np.zeros((1, 2)), promotions=np.array([[10, 3]]),
                     next_level=np.array([1, -1]), attrition_rate=0.5)
    # Junior: 2*0.5 = 1 left, all 1 promoted; senior 1*0.5 + 1 = 1.5, nothing above it.
    np.testing.assert_allclose(result.supply, [[0, 1.5]])
    np.testing.assert_allclose(result.promoted, [[1, 0]])


def test_total_attrition_leaves_only_joiners():
    result = project(supply=np.array([50, 50]), demand=np.zeros((2, 2)),
                     joiners=np.array([[3, 0], [0, 0]]), promotions=np.zeros((2, 2)),
                     next_level=np.array([1, -1]), attrition_rate=1.0)
    np.testing.assert_allclose(result.supply, [[3, 0], [0, 0]])


@pytest.mark.parametrize("kwargs, message", [
    ({"attrition_rate": 1.5}, "between 0 and 1"),
    ({"supply": np.array([-1, 0])}, "negative"),
    ({"next_level": np.array([5, -1])}, "unknown level"),
    ({"supply": np.array([1, 2, 3])}, "one value per level"),
])
def test_bad_input_is_refused(kwargs, message):
    args = {"supply": np.array([1, 2]), "demand": np.zeros((5, 2)), "joiners": np.zeros((5, 2)),
            "promotions": np.zeros((5, 2)), "next_level": np.array([1, -1]),
            "attrition_rate": 0.1}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        project(**args)


def test_whole_people_rounds_as_a_person_would():
    # Issue 12: plans showed 141.3 people. Halves go up (away from zero), not to even.
    assert [whole_people(v) for v in (141.3, 141.5, 2.5, 3.5, 0.49, -2.5, -0.4, 0)] == [
        141, 142, 3, 4, 0, -3, 0, 0]
    assert whole_people(2.8 + 2.7) == 6  # 5.499999… from floating point is still a half
    assert isinstance(whole_people(np.float64(1.2)), int)
