"""Coverage counts on a hand-worked team (no database)."""

from __future__ import annotations

import numpy as np

from cadre.assessments.coverage import coverage

REQUIRED = np.array([[2, 3, 0],    # person 0 (group 0)
                     [2, 0, 1],    # person 1 (group 1)
                     [1, 2, 0]])   # person 2 (group 0)
HELD = np.array([[2, 1, 4],
                 [1, 0, 1],
                 [3, 2, 0]])


def test_overall() -> None:
    result = coverage(REQUIRED, HELD)
    assert result.needed.tolist() == [[3, 2, 1]]
    assert result.met.tolist() == [[2, 1, 1]]
    assert result.short.tolist() == [[1, 1, 0]]
    share = result.share()
    assert share[0, 0] == 2 / 3 and share[0, 2] == 1.0


def test_by_group() -> None:
    result = coverage(REQUIRED, HELD, groups=[0, 1, 0], group_count=3)
    assert result.needed.tolist() == [[2, 2, 0], [1, 0, 1], [0, 0, 0]]
    assert result.met.tolist() == [[2, 1, 0], [0, 0, 1], [0, 0, 0]]
    assert np.isnan(result.share()[2, 0])
