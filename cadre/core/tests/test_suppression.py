"""Small-cell suppression: hand-worked tables and a property check on random ones."""

from __future__ import annotations

import numpy as np
import pytest

from cadre.core.suppression import (
    PROTECTED_LABEL,
    SuppressedTable,
    is_hidden_label,
    legend,
    suppress_series,
    suppress_table,
)

LABEL = "fewer than 5"
C = PROTECTED_LABEL


def _grid(t: SuppressedTable) -> list[list[int | str]]:
    """The table as shown, bordered by its totals."""
    n_rows, n_cols = t.counts.shape
    body = [[*(t.display(i, j) for j in range(n_cols)), t.display_row_total(i)]
            for i in range(n_rows)]
    return [*body, [*(t.display_col_total(j) for j in range(n_cols)), t.display_grand_total()]]


def test_nothing_small_means_nothing_hidden() -> None:
    t = suppress_table([[10, 0], [6, 7]])
    assert _grid(t) == [[10, 0, 10], [6, 7, 13], [16, 7, 23]]


def test_a_lone_small_cell_gets_partners_in_its_row_and_column() -> None:
    # Row 0 total 23 is shown: hiding only the 3 would give it away as 23 - 10 - 10.
    # The 9 below it is the partner in column 1; the 8 beside that then partners
    # the 9 in row 1, and the 10 above the 8 partners it in column 0.
    t = suppress_table([[10, 3, 10], [8, 9, 7]])
    assert _grid(t) == [
        [C, LABEL, 10, 23],
        [C, C, 7, 24],
        [18, 12, 17, 47],
    ]


def test_a_small_cell_partners_the_smallest_non_zero_not_a_zero() -> None:
    t = suppress_table([[20, 3, 0, 7, 9], [20, 30, 40, 50, 60]])
    assert t.mask[0].tolist() == [False, True, False, True, False]
    assert t.display(0, 2) == 0


def test_a_zero_is_a_partner_only_when_nothing_else_is_left() -> None:
    # The 10 partners the 3 in row 0; column 0 then holds the 10 and a 0 with its
    # total 10 shown, so the 0 must be hidden too, and then the 8 beside it.
    t = suppress_table([[10, 3], [0, 8]])
    assert _grid(t) == [[C, LABEL, 13], [C, C, 8], [10, 11, 21]]
    # Zeros on their own are never hidden.
    assert suppress_table([[3, 0]]).mask.tolist() == [[True, False]]


def test_small_totals_are_hidden_and_partnered() -> None:
    # Row 0 sums to 3 (hidden); its cells 1 and 2 are hidden too. The column of
    # row totals then has one hidden value, so the other row total is hidden.
    t = suppress_table([[1, 2], [10, 20]])
    assert _grid(t) == [
        [LABEL, LABEL, LABEL],
        [C, C, C],
        [11, 22, 33],
    ]


def test_a_small_grand_total_is_hidden() -> None:
    t = suppress_table([[1, 0], [0, 2]])
    assert t.display_grand_total() == LABEL
    assert t.display(0, 1) == 0 or t.mask[0, 1]
    assert suppress_table([[0, 0]]).display_grand_total() == 0


def test_a_single_column_table_hides_totals_when_it_must() -> None:
    t = suppress_table([[3], [10]])
    assert _grid(t) == [[LABEL, LABEL], [C, C], [13, 13]]


def test_other_thresholds_change_the_label() -> None:
    t = suppress_table([[9, 20], [30, 40]], threshold=10)
    assert t.display(0, 0) == "fewer than 10"
    assert t.mask.sum() == 4


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        suppress_table(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError):
        suppress_table([[1, -1]])


def _lines(t: SuppressedTable) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every (values, hidden) line of the bordered table; the last item is the total."""
    n_rows, n_cols = t.counts.shape
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    hidden = np.zeros_like(full, dtype=bool)
    full[:n_rows, :n_cols], hidden[:n_rows, :n_cols] = t.counts, t.mask
    full[:n_rows, n_cols], hidden[:n_rows, n_cols] = t.row_totals, t.row_total_mask
    full[n_rows, :n_cols], hidden[n_rows, :n_cols] = t.col_totals, t.col_total_mask
    full[n_rows, n_cols], hidden[n_rows, n_cols] = t.grand_total, t.grand_total_hidden
    return [(full[i], hidden[i]) for i in range(n_rows + 1)] + [
        (full[:, j], hidden[:, j]) for j in range(n_cols + 1)]


@pytest.mark.parametrize("seed", range(200))
def test_random_tables_never_leave_a_value_recoverable(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 8, size=2))
    counts = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 40], size=shape)
    t = suppress_table(counts)

    assert t.counts.tolist() == counts.tolist()
    assert t.row_totals.tolist() == counts.sum(axis=1).tolist()
    assert t.col_totals.tolist() == counts.sum(axis=0).tolist()
    for values, hidden in _lines(t):
        small = (values > 0) & (values < 5)
        assert hidden[small].all(), "every non-zero count below 5 is hidden"
        if not hidden[-1]:
            assert hidden[:-1].sum() != 1, "a lone hidden cell beside a shown total"
        assert hidden.sum() != 1, "a lone hidden value in a line"
    # A zero is hidden only as a partner when its row or column had no shown
    # non-zero cell left; hiding only grows, so that still holds at the end.
    zeros_hidden = (t.counts == 0) & t.mask
    for i, j in zip(*np.nonzero(zeros_hidden), strict=True):
        row_open = (t.counts[i] > 0) & ~t.mask[i]
        col_open = (t.counts[:, j] > 0) & ~t.mask[:, j]
        assert not row_open.any() or not col_open.any()


def test_series() -> None:
    assert suppress_series([12, 3, 0, 9]) == [12, LABEL, 0, C]
    assert suppress_series([12, 3, 2]) == [12, LABEL, LABEL]
    assert suppress_series([12, 3], total_shown=False) == [12, LABEL]
    assert suppress_series([12, 3, 0]) == [C, LABEL, 0]
    assert suppress_series([3, 0]) == [LABEL, C]
    assert suppress_series([0, 0, 7]) == [0, 0, 7]
    assert suppress_series([6, 4], threshold=10) == ["fewer than 10", "fewer than 10"]
    assert suppress_series([16, 4], threshold=10) == [C, "fewer than 10"]


def test_issue_12_a_partner_of_72_is_not_called_fewer_than_5() -> None:
    # Issue 12: a row read "fewer than 5 + fewer than 5 = 72". The 3 is small;
    # its partner (69) is hidden only to protect it, so it reads [c].
    t = suppress_table([[3, 69]])
    assert _grid(t) == [[LABEL, C, 72], [LABEL, C, 72]]
    assert t.any_protected


def test_issue_12_grade_7_row_reads_small_then_protected_then_total() -> None:
    # Issue 12: "Grade 7: <5, <5, 131" — employed, contingent, headcount.
    t = suppress_table([[128, 3], [200, 40]])
    row = [t.display(0, 0), t.display(0, 1), t.display_row_total(0)]
    assert row == [C, LABEL, 131]


@pytest.mark.parametrize("seed", range(100))
def test_random_tables_label_hidden_values_truthfully(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    shape = tuple(int(n) for n in rng.integers(1, 7, size=2))
    t = suppress_table(rng.choice([0, 1, 3, 4, 5, 9, 30, 72], size=shape))
    for values, hidden in _lines(t):
        for value, is_hidden in zip(values, hidden, strict=True):
            label = t._show(value, is_hidden)
            if not is_hidden:
                assert label == int(value)
            elif 0 < value < 5:
                assert label == LABEL
            else:
                assert label == C, f"{value} hidden to protect another is [c]"
    series = rng.choice([0, 2, 6, 40], size=int(rng.integers(1, 6))).tolist()
    for value, shown in zip(series, suppress_series(series), strict=True):
        assert shown in (value, LABEL if 0 < value < 5 else C)


def test_labels_and_legend() -> None:
    assert is_hidden_label(LABEL) and is_hidden_label(C) and not is_hidden_label(7)
    assert LABEL in legend() and C in legend() and "total" in legend()
