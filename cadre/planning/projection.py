"""Workforce plan projection: supply against planned demand, year by year.

Plain NumPy; no Django imports. Role levels are positions ``0 .. L-1`` and the
caller says, for each level, which level is the next one up (``-1`` for none).

Each planned year ``y`` (0 = the first planned year) starts from the supply at
the end of the year before (year 0 starts from today's supply) and then:

1. attrition: every level loses ``attrition_rate`` of its people;
2. joiners: the pipeline finishing that year (apprentices and fast streamers,
   already placed at their entry level by the caller) join;
3. promotions: talent pool members due that year move from their level to the
   next level up (never more than the level holds after attrition; a level with
   no level above keeps them).

``gap = demand - supply``: positive means more people are needed than will be
there; negative means a surplus. Values stay fractional (attrition is a rate);
round them only for display, with :func:`whole_people`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The rounding method, in words, for pages and the definitions page.
ROUNDING_METHOD = ("Figures are whole people: each is rounded to the nearest whole person, "
                   "halves rounded up (2.5 becomes 3), and each gap is planned demand minus "
                   "the rounded supply. Totals are rounded on their own, so they can differ "
                   "by one or two from the sum of the rounded figures above them.")


def whole_people(value: float) -> int:
    """``value`` to the nearest whole person, halves away from zero (2.5 gives 3, -2.5
    gives -3), as a person rounds; not Python's ``round``, which takes halves to even."""
    v = round(float(value), 6)  # 2.4999999999 from floating point is 2.5
    return int(np.sign(v) * np.floor(abs(v) + 0.5))


@dataclass(frozen=True)
class Projection:
    """Projected supply and gap, each ``(years, levels)``, with totals per year."""

    supply: np.ndarray
    demand: np.ndarray
    gap: np.ndarray
    joiners: np.ndarray
    promoted: np.ndarray

    @property
    def supply_total(self) -> np.ndarray:
        return self.supply.sum(axis=1)

    @property
    def demand_total(self) -> np.ndarray:
        return self.demand.sum(axis=1)

    @property
    def gap_total(self) -> np.ndarray:
        return self.gap.sum(axis=1)


def project(
    *,
    supply: np.ndarray,
    demand: np.ndarray,
    joiners: np.ndarray,
    promotions: np.ndarray,
    next_level: np.ndarray,
    attrition_rate: float,
) -> Projection:
    """Project supply for ``demand.shape[0]`` years; see the module docstring for the rules.

    ``supply`` is ``(L,)``; ``demand``, ``joiners`` and ``promotions`` are ``(Y, L)``;
    ``next_level`` is ``(L,)`` of level indices or -1.
    """
    current = np.asarray(supply, dtype=float)
    demand = np.asarray(demand, dtype=float)
    joiners = np.asarray(joiners, dtype=float)
    promotions = np.asarray(promotions, dtype=float)
    upward = np.asarray(next_level, dtype=int)
    n_years, n_levels = demand.shape
    if current.shape != (n_levels,) or upward.shape != (n_levels,):
        raise ValueError("supply and next_level need one value per level")
    if joiners.shape != demand.shape or promotions.shape != demand.shape:
        raise ValueError("demand, joiners and promotions need the same (years, levels) shape")
    if not 0.0 <= attrition_rate <= 1.0:
        raise ValueError("attrition_rate must be between 0 and 1")
    if (current < 0).any() or (demand < 0).any() or (joiners < 0).any() or (
            promotions < 0).any():
        raise ValueError("counts cannot be negative")
    if ((upward < -1) | (upward >= n_levels)).any():
        raise ValueError("next_level holds an unknown level")

    can_move = upward >= 0
    targets = upward[can_move]
    result = np.zeros((n_years, n_levels))
    moved = np.zeros((n_years, n_levels))
    for year in range(n_years):
        after = current * (1.0 - attrition_rate) + joiners[year]
        out = np.where(can_move, np.minimum(promotions[year], after), 0.0)
        after = after - out
        np.add.at(after, targets, out[can_move])
        moved[year] = out
        result[year] = after
        current = after
    return Projection(supply=result, demand=demand, gap=demand - result, joiners=joiners,
                      promoted=moved)
