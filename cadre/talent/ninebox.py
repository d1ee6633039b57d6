"""The nine-box grid: geometry, labels and aggregation of ratings. No Django imports.

Performance runs left to right (1 low, 3 high) and potential bottom to top, so the
grid is drawn with high potential in the first row. Boxes are numbered 1 to 9 from
the bottom left (low performance, low potential) to the top right (high, high).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

LEVELS = (1, 2, 3)
LEVEL_NAMES = {1: "Low", 2: "Moderate", 3: "High"}


def rating_words(performance: int, potential: int) -> str:
    """A rating in words: "High performance, moderate potential"."""
    return (f"{LEVEL_NAMES[performance]} performance, "
            f"{LEVEL_NAMES[potential].lower()} potential")


#: Box names, by (performance, potential): the rating in words, never "3 / 2" (issue 12).
BOX_NAMES: dict[tuple[int, int], str] = {
    (perf, pot): rating_words(perf, pot) for pot in LEVELS for perf in LEVELS}


def check_level(value: int, what: str = "rating") -> int:
    """Return ``value`` if it is 1, 2 or 3; raise ValueError otherwise."""
    if isinstance(value, bool) or value not in LEVELS:
        raise ValueError(f"The {what} must be 1 (low), 2 (moderate) or 3 (high).")
    return int(value)


def box_number(performance: int, potential: int) -> int:
    """The box 1 to 9 for a rating, counting from bottom left along each row."""
    check_level(performance, "performance")
    check_level(potential, "potential")
    return (potential - 1) * 3 + performance


def box_of(number: int) -> tuple[int, int]:
    """(performance, potential) of box ``number``; the inverse of ``box_number``."""
    if number not in range(1, 10):
        raise ValueError("A box is numbered 1 to 9.")
    return (number - 1) % 3 + 1, (number - 1) // 3 + 1


def final_rating(rated: int, calibrated: int | None) -> int:
    """The rating that counts: the calibrated one when there is one."""
    return calibrated if calibrated else rated


@dataclass(frozen=True)
class Box:
    number: int
    performance: int
    potential: int
    name: str
    count: int

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Grid:
    """Counts per box; ``counts[potential - 1, performance - 1]``."""

    counts: np.ndarray

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def count(self, performance: int, potential: int) -> int:
        return int(self.counts[potential - 1, performance - 1])

    def rows(self) -> list[list[Box]]:
        """Rows as drawn: high potential first, performance low to high in each row."""
        return [[Box(box_number(perf, pot), perf, pot, BOX_NAMES[perf, pot],
                     self.count(perf, pot)) for perf in LEVELS] for pot in reversed(LEVELS)]

    def boxes(self) -> list[Box]:
        """Every box in number order, 1 to 9."""
        return [box for row in reversed(self.rows()) for box in row]

    def share(self, performance: int, potential: int) -> float:
        return self.count(performance, potential) / self.total if self.total else 0.0


def grid_from_counts(counts: Iterable[tuple[int, int, int]]) -> Grid:
    """Build a grid from (performance, potential, count) triples, such as a GROUP BY."""
    table = np.zeros((3, 3), dtype=np.int64)
    for performance, potential, n in counts:
        check_level(performance, "performance")
        check_level(potential, "potential")
        if n < 0:
            raise ValueError("A count cannot be negative.")
        table[potential - 1, performance - 1] += n
    return Grid(table)


def grid_from_ratings(performance: Iterable[int], potential: Iterable[int]) -> Grid:
    """Build a grid from one rating per person (two equal-length sequences)."""
    perf = np.asarray(list(performance), dtype=np.int64)
    pot = np.asarray(list(potential), dtype=np.int64)
    if perf.shape != pot.shape:
        raise ValueError("Give one performance and one potential rating per person.")
    if perf.size and (not np.isin(perf, LEVELS).all() or not np.isin(pot, LEVELS).all()):
        raise ValueError("Ratings must be 1, 2 or 3.")
    table = np.zeros((3, 3), dtype=np.int64)
    np.add.at(table, (pot - 1, perf - 1), 1)
    return Grid(table)


def movement(before: Grid, after: Grid) -> np.ndarray:
    """Change in count per box from the line managers' ratings to the calibrated ones."""
    return after.counts - before.counts
