"""Small-cell suppression for aggregate tables shown to analysts.

A count between 1 and ``threshold - 1`` could identify a person, so it is shown
as "fewer than N" (primary suppression). Where a line's total is shown, one
hidden cell could be worked out by subtraction, so a second cell in that line
is hidden too (secondary suppression). Zeros are shown: a zero identifies no one.
Plain NumPy; no Django imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class SuppressedTable:
    counts: np.ndarray
    mask: np.ndarray
    row_totals: np.ndarray
    col_totals: np.ndarray
    grand_total: int
    row_total_mask: np.ndarray
    col_total_mask: np.ndarray
    threshold: int = 5

    @property
    def label(self) -> str:
        return f"fewer than {self.threshold}"

    def display(self, i: int, j: int) -> int | str:
        return self.label if self.mask[i, j] else int(self.counts[i, j])

    def display_row_total(self, i: int) -> int | str:
        return self.label if self.row_total_mask[i] else int(self.row_totals[i])

    def display_col_total(self, j: int) -> int | str:
        return self.label if self.col_total_mask[j] else int(self.col_totals[j])

    def display_grand_total(self) -> int | str:
        return self.label if 0 < self.grand_total < self.threshold else int(self.grand_total)


def _partner(values: np.ndarray, hidden: np.ndarray) -> int | None:
    """Index of the cell to hide alongside a lone hidden one: smallest non-zero first."""
    candidates = np.flatnonzero(~hidden)
    if candidates.size == 0:
        return None
    nonzero = candidates[values[candidates] > 0]
    pool = nonzero if nonzero.size else candidates
    return int(pool[np.argmin(values[pool])])


def suppress_table(
    counts: np.ndarray | Sequence[Sequence[int]], *, threshold: int = 5
) -> SuppressedTable:
    """Suppress a 2-D table of counts shown with row, column and grand totals."""
    table = np.asarray(counts, dtype=np.int64)
    if table.ndim != 2:
        raise ValueError("suppress_table needs a 2-D table")
    rows, cols = table.shape
    # Work on the table bordered by its totals, so totals lines are handled alike.
    full = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    full[:rows, :cols] = table
    full[:rows, cols] = table.sum(axis=1)
    full[rows, :cols] = table.sum(axis=0)
    full[rows, cols] = table.sum()
    hidden = (full > 0) & (full < threshold)
    hidden[rows, cols] = False  # the grand total is handled on its own
    changed = True
    while changed:
        changed = False
        for i in range(rows + 1):  # each row, with its total in the last column
            line = hidden[i, :cols]
            total_hidden = hidden[i, cols] if i < rows else False
            if line.sum() == 1 and not total_hidden:
                j = _partner(full[i, :cols], line)
                if j is not None:
                    hidden[i, j] = True
                    changed = True
        for j in range(cols + 1):
            line = hidden[:rows, j]
            total_hidden = hidden[rows, j] if j < cols else False
            if line.sum() == 1 and not total_hidden:
                i = _partner(full[:rows, j], line)
                if i is not None:
                    hidden[i, j] = True
                    changed = True
    return SuppressedTable(
        counts=table, mask=hidden[:rows, :cols], row_totals=full[:rows, cols],
        col_totals=full[rows, :cols], grand_total=int(full[rows, cols]),
        row_total_mask=hidden[:rows, cols], col_total_mask=hidden[rows, :cols],
        threshold=threshold,
    )


def suppress_series(
    counts: Sequence[int], *, threshold: int = 5, total_shown: bool = True
) -> list[int | str]:
    """Suppress a 1-D list of counts (for example headcount by grade)."""
    values = np.asarray(counts, dtype=np.int64)
    hidden = (values > 0) & (values < threshold)
    if total_shown and hidden.sum() == 1:
        j = _partner(values, hidden)
        if j is not None:
            hidden[j] = True
    label = f"fewer than {threshold}"
    return [label if h else int(v) for v, h in zip(values, hidden, strict=True)]
