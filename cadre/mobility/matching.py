"""Rank people for a vacancy (or any role) by skill fit, grade distance and location fit.

Plain NumPy, no Django. The caller builds the inputs from the database:

- ``held``: an integer matrix, one row per person and one column per skill the vacancy asks
  for, holding the level ordinal the person holds (0 = not held).
- ``required``: the level ordinal asked for in each column (1 or more).
- ``essential``: True for essential skills, False for desirable ones.
- ``grade_gap``: the person's grade rank minus the vacancy's grade rank (0 = same grade,
  -1 = one grade below, i.e. a promotion; the caller passes ``UNKNOWN_GRADE_GAP`` when the
  person has no grade).
- ``location_fit``: a number from 0 to 1 per person; use :func:`location_fit` to build it.

Score (points, higher is better)::

    skill_fit = 1 - sum_j(w_j * shortfall_ij / required_j) / sum_j(w_j)
    score     = skill_points * skill_fit
              - grade_step_points * |grade_gap_i|
              + location_points * location_fit_i

where ``w_j`` is ``essential_weight`` for essential skills and ``desirable_weight`` otherwise,
and ``shortfall_ij = max(0, required_j - held_ij)``: a skill met counts nothing against the
person, a skill held one level short counts a little, a skill not held at all counts its full
weight. With no skills asked for, skill fit is 1.

Order: highest score first; scores equal to six decimal places tie and ties go to the lower row
index, so the order is deterministic. :func:`rank_reference` is a plain Python version of the
same rule, used by the tests to check :func:`rank`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

#: Grade gap to pass for a person whose grade is not recorded.
UNKNOWN_GRADE_GAP = 3

#: Scores are compared after rounding to this many decimal places.
_TIE_DECIMALS = 6


@dataclass(frozen=True)
class Weights:
    essential_weight: float = 3.0
    desirable_weight: float = 1.0
    skill_points: float = 100.0
    grade_step_points: float = 10.0
    location_points: float = 10.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Ranking:
    """The result of :func:`rank`. Arrays by person row unless named ``order``."""

    order: np.ndarray        # person row indices, best first
    scores: np.ndarray       # float, per person row
    skill_fit: np.ndarray    # float 0..1, per person row
    shortfall: np.ndarray    # (people x skills) levels short, 0 where met
    held: np.ndarray         # (people x skills) the input levels
    required: np.ndarray
    essential: np.ndarray
    grade_gap: np.ndarray
    location_fit: np.ndarray

    def __len__(self) -> int:
        """People ranked (``order`` may hold only the best of them, see :func:`rank`)."""
        return int(self.scores.shape[0])

    @cached_property
    def met(self) -> np.ndarray:
        """Per person row: the number of skills held at or above the level asked."""
        return np.add.reduce(self.shortfall == 0, axis=1, dtype=np.int64)

    @cached_property
    def missing(self) -> np.ndarray:
        """Per person row: the number of skills not held at all."""
        return np.add.reduce(self.held == 0, axis=1, dtype=np.int64)

    @cached_property
    def positions(self) -> np.ndarray:
        """Per person row: their place in the order, 1 = best (0 for a row beyond the
        part of the order that was computed)."""
        out = np.zeros(self.scores.shape[0], dtype=np.int64)
        out[self.order] = np.arange(1, self.order.shape[0] + 1)
        return out

    def top(self, limit: int | None = None) -> np.ndarray:
        """Row indices of the best ``limit`` people (all those ordered when None)."""
        return self.order if limit is None else self.order[:limit]


def location_fit(person_ids: np.ndarray, current_locations: np.ndarray,
                 preferring_ids: np.ndarray, vacancy_locations: Collection[int],
                 hybrid: bool) -> np.ndarray:
    """Location fit per person (one entry per ``person_ids`` row).

    A person fits (1.0) when the vacancy names no location, when their current location
    (``current_locations``, 0 for none) is one of the vacancy's, or when they are among
    ``preferring_ids`` (people who named one of the vacancy's locations as a place they
    would work from). Otherwise the fit is 0.5 for a hybrid vacancy (some travel to the
    office) and 0.0 for one that is not.
    """
    ids = np.asarray(person_ids, dtype=np.int64)
    wanted = np.fromiter(vacancy_locations, dtype=np.int64)
    if wanted.shape[0] == 0:
        return np.ones(ids.shape[0], dtype=np.float64)
    inside = np.isin(np.asarray(current_locations, dtype=np.int64), wanted) | np.isin(
        ids, np.asarray(preferring_ids, dtype=np.int64))
    return np.where(inside, 1.0, 0.5 if hybrid else 0.0)


def _check(held: np.ndarray, required: np.ndarray, essential: np.ndarray,
           grade_gap: np.ndarray, fit: np.ndarray) -> None:
    n, k = held.shape
    if required.shape != (k,) or essential.shape != (k,):
        raise ValueError("required and essential need one entry per skill column")
    if grade_gap.shape != (n,) or fit.shape != (n,):
        raise ValueError("grade_gap and location_fit need one entry per person row")
    if k and required.min() < 1:
        raise ValueError("required levels must be 1 or more")


def rank(held: np.ndarray, required: np.ndarray, essential: np.ndarray,
         grade_gap: np.ndarray, location_fit: np.ndarray,
         weights: Weights = DEFAULT_WEIGHTS, *, top: int | None = None) -> Ranking:
    """Score and order every person (row of ``held``); see the module docstring for the rule.

    With ``top``, ``order`` holds only the best ``top`` rows (exactly the start of the
    full order: each row's sort key is unique), found by a partial sort; every person is
    still scored.
    """
    held = np.asarray(held)
    if held.ndim != 2:
        raise ValueError("held must be a people x skills matrix")
    required = np.asarray(required, dtype=np.int64)
    essential = np.asarray(essential, dtype=bool)
    grade_gap = np.asarray(grade_gap, dtype=np.int64)
    fit = np.asarray(location_fit, dtype=np.float64)
    _check(held, required, essential, grade_gap, fit)
    n, k = held.shape

    # Levels are small: int8 (int16 above 127) keeps the people x skills temporaries small,
    # and einsum sums each row in float64 without converting the whole matrix first.
    small = (k == 0 or int(required.max()) < 128) and held.dtype.itemsize == 1
    dtype = np.int8 if small else np.int16
    shortfall = np.subtract(required.astype(dtype), held, dtype=dtype)
    np.maximum(shortfall, 0, out=shortfall)
    w = np.where(essential, weights.essential_weight, weights.desirable_weight)
    total_w = float(w.sum())
    if k:
        per_level = (w / required) / total_w
        skill_fit = 1.0 - np.einsum("ij,j->i", shortfall, per_level)
    else:
        skill_fit = np.ones(n)
    scores = (weights.skill_points * skill_fit
              - weights.grade_step_points * np.abs(grade_gap)
              + weights.location_points * fit)
    # Ties go to the lower row: fold the row index into one integer key, so a plain (fast,
    # unstable) sort gives the same order as a stable one.
    key = -np.rint(scores * 10 ** _TIE_DECIMALS).astype(np.int64) * max(n, 1) + np.arange(n)
    if top is not None and 0 <= top < n:
        best = np.argpartition(key, top)[:top] if top else np.zeros(0, dtype=np.intp)
        order = best[np.argsort(key[best])]
    else:
        order = np.argsort(key)
    return Ranking(order=order, scores=scores, skill_fit=skill_fit, shortfall=shortfall,
                   held=held, required=required, essential=essential, grade_gap=grade_gap,
                   location_fit=fit)


def rank_reference(held: Sequence[Sequence[int]], required: Sequence[int],
                   essential: Sequence[bool], grade_gap: Sequence[int],
                   location_fit: Sequence[float],
                   weights: Weights = DEFAULT_WEIGHTS) -> tuple[list[int], list[float]]:
    """The same rule as :func:`rank`, one person at a time in plain Python: (order, scores)."""
    k = len(required)
    w = [weights.essential_weight if e else weights.desirable_weight for e in essential]
    total_w = sum(w)
    scores: list[float] = []
    for i, row in enumerate(held):
        penalty = 0.0
        for j in range(k):
            short = max(0, int(required[j]) - int(row[j]))
            penalty += w[j] * short / int(required[j])
        skill_fit = 1.0 - penalty / total_w if k else 1.0
        scores.append(weights.skill_points * skill_fit
                      - weights.grade_step_points * abs(int(grade_gap[i]))
                      + weights.location_points * float(location_fit[i]))
    keys = [round(s * 10 ** _TIE_DECIMALS) for s in scores]
    order = sorted(range(len(scores)), key=lambda i: (-keys[i], i))
    return order, scores


def explain(ranking: Ranking, i: int, skill_names: Sequence[str]) -> dict:
    """Why person row ``i`` scored as they did: skills met, short (by how much) and missing."""
    return explain_rows(ranking, [i], skill_names)[0]


def explain_rows(ranking: Ranking, rows: Sequence[int], skill_names: Sequence[str]
                 ) -> list[dict]:
    """:func:`explain` for many person rows, reading each array once."""
    rows = list(rows)
    if not rows:
        return []
    held_rows = np.asarray(ranking.held)[rows].tolist()
    required = [int(r) for r in ranking.required.tolist()]
    essential = [bool(e) for e in ranking.essential.tolist()]
    positions = ranking.positions[rows].tolist()
    scores = ranking.scores[rows].tolist()
    fits = ranking.skill_fit[rows].tolist()
    gaps = ranking.grade_gap[rows].tolist()
    places = ranking.location_fit[rows].tolist()
    out = []
    for n, held_row in enumerate(held_rows):
        met, short, missing = [], [], []
        for j, name in enumerate(skill_names):
            held, wanted = int(held_row[j]), required[j]
            item = {"skill": name, "required": wanted, "held": held,
                    "essential": essential[j]}
            if held >= wanted:
                met.append(item)
            elif held == 0:
                missing.append(item)
            else:
                short.append({**item, "short_by": wanted - held})
        out.append({
            "position": int(positions[n]),
            "score": round(float(scores[n]), 2),
            "skill_fit": round(float(fits[n]), 4),
            "grade_gap": int(gaps[n]),
            "location_fit": float(places[n]),
            "met": met,
            "short": short,
            "missing": missing,
        })
    return out
