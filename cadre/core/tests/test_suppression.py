"""Small-cell suppression: hand-worked tables and a property check on random ones."""

from __future__ import annotations

import numpy as np
import pytest

from cadre.core.suppression import suppress_series, suppress_table

LABEL = "fewer than 5"


def test_small_counts_are_hidden_and_zeros_shown() -> None:
    t = suppress_table([[10, 3, 0], [8, 7, 6]])
    assert t.display(0, 1) == LABEL
    assert t.display(0, 2) == 0 or t.mask[0, 2]


def test_a_lone_hidden_cell_gets_a_partner_in_its_row_and_column() -> None:
    # Row 0 total 23 is shown: hiding only the 3 would reveal it as 23 - 10 - 10.
    t = suppress_table([[10, 3, 10], [8, 9, 7]])
    assert t.display(0, 1) == LABEL
    assert t.mask[0].sum() >= 2          # a second cell in row 0
    assert t.mask[:, 1].sum() >= 2       # and a second in column 1
    assert t.display_grand_total() == 47


def test_hidden_cells_never_stand_alone_in_a_shown_line() -> None:
    rng = np.random.default_rng(20261124)
    for _ in range(200):
        shape = tuple(rng.integers(1, 7, size=2))
        counts = rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 40], size=shape)
        t = suppress_table(counts)
        small = (counts > 0) & (counts < 5)
        assert (t.mask | ~small).all()  # every small cell is hidden
        rows, cols = counts.shape
        for i in range(rows):
            if not t.row_total_mask[i]:
                assert t.mask[i].sum() != 1
        for j in range(cols):
            if not t.col_total_mask[j]:
                assert t.mask[:, j].sum() != 1
        if not 0 < t.grand_total < 5:  # the grand total is shown
            assert t.row_total_mask.sum() != 1
            assert t.col_total_mask.sum() != 1
        for i in range(rows):
            if 0 < t.row_totals[i] < 5:
                assert t.row_total_mask[i]


def test_series() -> None:
    assert suppress_series([12, 3, 0, 9]) == [12, LABEL, 0, LABEL]
    assert suppress_series([12, 3, 2]) == [12, LABEL, LABEL]
    assert suppress_series([12, 3], total_shown=False) == [12, LABEL]


def test_rejects_three_dimensions() -> None:
    with pytest.raises(ValueError):
        suppress_table(np.zeros((2, 2, 2)))
