"""Small-cell suppression for aggregate tables shown to analysts.

Primary suppression: a count from 1 to ``threshold - 1`` could point at
particular people, so it is shown as "fewer than N" instead of its value.

Zero is *not* suppressed. A zero says only that nobody is in the group; it says
nothing about any individual, and hiding every zero would make sparse tables
unreadable. A zero is hidden only when it is picked as a partner (see below)
and no non-zero cell is available.

Secondary suppression: each row and column of a table, and the row of column
totals and the column of row totals, is a sum ``cells = total``. If exactly one
value in such a line is hidden and the rest are shown, the hidden one can be
worked out by subtraction. So another value in the line is hidden as a partner:
the smallest shown non-zero cell, else the smallest shown cell, else (when every
cell is already hidden) the line's total. Hiding a partner can leave another
line with a lone hidden value, so lines are rechecked until nothing changes.
This guards against single subtractions, not against every linear-algebra
attack on the whole table.

Labels say why a value is hidden (ADR 24): a count that is itself small reads
"fewer than N" (:func:`suppressed_label`); a value hidden only to protect another
(a partner, or a total) reads ``[c]`` (:data:`PROTECTED_LABEL`), because it is
usually not small at all. :func:`legend` is the sentence pages and files show
beside them. Both are computed here from the same masks, so the page, CSV, XLSX
and ODS agree.

Plain NumPy; no Django imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

#: The text shown in place of a value hidden only so that a small count elsewhere
#: cannot be worked out from it (the statistical "confidential" mark).
PROTECTED_LABEL = "[c]"


def suppressed_label(threshold: int) -> str:
    """The text shown in place of a count that is itself from 1 to ``threshold - 1``."""
    return f"fewer than {threshold}"


def hidden_label(*, primary: bool, threshold: int = 5) -> str:
    """The label of a hidden value: "fewer than N" when it is small, else ``[c]``."""
    return suppressed_label(threshold) if primary else PROTECTED_LABEL


def is_hidden_label(value: object) -> bool:
    """True for either label (a value that a table shows as hidden)."""
    return isinstance(value, str) and (value == PROTECTED_LABEL
                                       or value.startswith("fewer than "))


def legend(threshold: int = 5) -> str:
    """One sentence explaining both labels, for pages and the notes of downloads."""
    return (f'"{suppressed_label(threshold)}" means the count is between 1 and '
            f"{threshold - 1}. {PROTECTED_LABEL} means the number is withheld although "
            "it is not small: shown, it could be subtracted from a total to reveal a "
            "small count.")


@dataclass
class SuppressedTable:
    """A table of counts with its totals and which of them must be hidden."""

    counts: np.ndarray
    mask: np.ndarray
    row_totals: np.ndarray
    col_totals: np.ndarray
    grand_total: int
    row_total_mask: np.ndarray
    col_total_mask: np.ndarray
    threshold: int = 5
    grand_total_hidden: bool = field(default=False)

    @property
    def label(self) -> str:
        """The label of a count hidden because it is small."""
        return suppressed_label(self.threshold)

    def _primary(self, value: int | np.integer) -> bool:
        return 0 < int(value) < self.threshold

    def _show(self, value: int | np.integer, hidden: bool | np.bool_) -> int | str:
        if not hidden:
            return int(value)
        return hidden_label(primary=self._primary(value), threshold=self.threshold)

    @property
    def any_protected(self) -> bool:
        """True when some hidden value is not small (shown as ``[c]``)."""
        values = np.concatenate([self.counts.ravel(), self.row_totals, self.col_totals,
                                 [self.grand_total]])
        hidden = np.concatenate([self.mask.ravel(), self.row_total_mask,
                                 self.col_total_mask, [self.grand_total_hidden]])
        return bool((hidden & ~((values > 0) & (values < self.threshold))).any())

    def display(self, i: int, j: int) -> int | str:
        """Cell (i, j) as its count, "fewer than N" (small) or ``[c]`` (protecting one)."""
        return self._show(self.counts[i, j], self.mask[i, j])

    def display_row_total(self, i: int) -> int | str:
        return self._show(self.row_totals[i], self.row_total_mask[i])

    def display_col_total(self, j: int) -> int | str:
        return self._show(self.col_totals[j], self.col_total_mask[j])

    def display_grand_total(self) -> int | str:
        return self._show(self.grand_total, self.grand_total_hidden)


def _primary(values: np.ndarray, threshold: int) -> np.ndarray:
    return (values > 0) & (values < threshold)


def _partner(values: np.ndarray, hidden: np.ndarray) -> int | None:
    """Position of the shown cell to hide next: the smallest non-zero, else the smallest."""
    shown = np.flatnonzero(~hidden)
    if shown.size == 0:
        return None
    nonzero = shown[values[shown] > 0]
    pool = nonzero if nonzero.size else shown
    return int(pool[np.argmin(values[pool])])


def _protect_line(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Fix one line (cells then its total, as views into the bordered table) in place.

    Returns True if a value was hidden.
    """
    if hidden.sum() != 1:
        return False
    cells, cells_hidden = values[:-1], hidden[:-1]
    j = _partner(cells, cells_hidden)
    if j is not None:
        cells_hidden[j] = True
    else:
        hidden[-1] = True  # every cell is hidden already, so hide the total
    return True


def suppress_table(
    counts: np.ndarray | Sequence[Sequence[int]], *, threshold: int = 5
) -> SuppressedTable:
    """Suppress a 2-D table of counts shown with row, column and grand totals."""
    table = np.asarray(counts, dtype=np.int64)
    if table.ndim != 2:
        raise ValueError("suppress_table needs a 2-D table of counts")
    if (table < 0).any():
        raise ValueError("counts cannot be negative")
    n_rows, n_cols = table.shape
    # The table bordered by its totals: last column = row totals, last row = column
    # totals, corner = grand total. Every row and column of it is a line "cells = total".
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    full[:n_rows, :n_cols] = table
    full[:n_rows, n_cols] = table.sum(axis=1)
    full[n_rows, :n_cols] = table.sum(axis=0)
    full[n_rows, n_cols] = table.sum()
    hidden = _primary(full, threshold)

    changed = True
    while changed:  # each pass only hides more, so this ends
        changed = False
        for i in range(n_rows + 1):
            changed |= _protect_line(full[i], hidden[i])
        for j in range(n_cols + 1):
            changed |= _protect_line(full[:, j], hidden[:, j])

    return SuppressedTable(
        counts=table,
        mask=hidden[:n_rows, :n_cols].copy(),
        row_totals=full[:n_rows, n_cols].copy(),
        col_totals=full[n_rows, :n_cols].copy(),
        grand_total=int(full[n_rows, n_cols]),
        row_total_mask=hidden[:n_rows, n_cols].copy(),
        col_total_mask=hidden[n_rows, :n_cols].copy(),
        threshold=threshold,
        grand_total_hidden=bool(hidden[n_rows, n_cols]),
    )


def suppress_series(
    counts: Sequence[int], *, threshold: int = 5, total_shown: bool = True
) -> list[int | str]:
    """Suppress a 1-D list of counts, such as headcount by grade.

    When the total is shown and only one count is hidden, the smallest other
    non-zero count (else the smallest other count) is hidden too. The caller
    shows the total itself, and should hide it if it is non-zero and below
    ``threshold``.
    """
    values = np.asarray(counts, dtype=np.int64)
    hidden = _primary(values, threshold)
    if total_shown and hidden.sum() == 1:
        j = _partner(values, hidden)
        if j is not None:
            hidden[j] = True
    small = _primary(values, threshold)
    return [hidden_label(primary=bool(p), threshold=threshold) if h else int(v)
            for v, h, p in zip(values, hidden, small, strict=True)]
