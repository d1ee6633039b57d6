"""Supplier assessment arithmetic, without Django (issue 19 point 5).

- A score ``s`` on a 1..``m`` scale counts as ``(s - 1) / (m - 1)`` of the way from the
  worst to the best words, so criteria with different scales can be weighed together.
- An organisation's **overall** for a period is the weighted mean of those shares over the
  criteria it scored, as a percentage (0 worst, 100 best), with how many criteria it scored.
- The **government** figure is the plain mean of the buying organisations' overalls: each
  organisation counts once, however many criteria it scored.
- An aggregate is **shown** to the central team whatever it is built from; to anyone else
  only when at least :data:`MIN_ORGANISATIONS` buying organisations other than the viewer's
  own are behind it, so that nobody can take their own figure away from it and be left with
  one other organisation's judgement.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

#: The fewest buying organisations (other than the viewer's own) behind a figure shown to
#: anyone but the central team.
MIN_ORGANISATIONS = 2


@dataclass(frozen=True)
class Scored:
    """One score: the criterion's weight and scale, and the score given."""

    weight: int
    scale_max: int
    score: int


def share(score: int, scale_max: int) -> Fraction:
    """How far ``score`` is from the bottom of a 1..``scale_max`` scale, 0 to 1."""
    if scale_max < 2 or not 1 <= score <= scale_max:
        raise ValueError(f"score {score} is not on a 1..{scale_max} scale")
    return Fraction(score - 1, scale_max - 1)


def overall_share(scores: Iterable[Scored]) -> Fraction | None:
    """The weighted mean share (0 to 1) exactly; None when there are no scores."""
    total_weight = 0
    total = Fraction(0)
    for item in scores:
        if item.weight < 1:
            raise ValueError("weights are positive")
        total_weight += item.weight
        total += item.weight * share(item.score, item.scale_max)
    if total_weight == 0:
        return None
    return total / total_weight


def percent(value: Fraction | None) -> float | None:
    """A share as a percentage rounded to one decimal place."""
    return None if value is None else round(float(value * 100), 1)


def weighted_overall(scores: Iterable[Scored]) -> float | None:
    """The weighted overall as a percentage rounded to one decimal place; None if empty."""
    return percent(overall_share(scores))


def government_overall(overalls: Sequence[Fraction]) -> float | None:
    """The mean of the organisations' exact overall shares, as a percentage."""
    if not overalls:
        return None
    return percent(sum(overalls, Fraction(0)) / len(overalls))


def may_show(contributors: Collection[int], viewer_organisations: Collection[int] | None) -> bool:
    """Whether an aggregate over ``contributors`` (organisation ids) may be shown to a viewer
    whose own organisations are ``viewer_organisations`` (None: the central team)."""
    if not contributors:
        return False
    if viewer_organisations is None:
        return True
    others = set(contributors) - set(viewer_organisations)
    return len(others) >= MIN_ORGANISATIONS


def change(previous: float | None, current: float | None) -> float | None:
    """The change in percentage points from one period to the next (None if either is)."""
    if previous is None or current is None:
        return None
    return round(current - previous, 1)


__all__ = ["MIN_ORGANISATIONS", "Scored", "change", "government_overall", "may_show",
           "overall_share", "percent", "share", "weighted_overall"]
