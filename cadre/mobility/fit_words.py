"""A match score in words: what the number is made of, for pages and files.

Plain Python, no Django. The score comes from ``matching.rank`` (see its module
docstring); :func:`score_parts` splits one explained result back into its three
parts and :func:`describe_score` says them in a sentence, so the number never
stands alone on a page. :data:`HOW_SCORES_WORK` is the general explanation shown
on the definitions page and beside every table of scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadre.mobility.matching import DEFAULT_WEIGHTS, Weights

HOW_SCORES_WORK = (
    "A match score adds three parts. Skills give up to {skill:.0f} points: each skill asked "
    "for has a share (an essential skill counts {essential:.0f} times a desirable one); a "
    "skill held at or above the level asked keeps its whole share, a skill held below it "
    "loses the part it is short by (one level short of level 3 loses a third), and a "
    "skill not held at all loses its whole share. Grade takes away {grade:.0f} points for "
    "each grade between the person's grade and the vacancy's. Location adds {location:.0f} "
    "points when the person works or would work in one of the vacancy's locations (half "
    "of that for a hybrid vacancy elsewhere). So someone a level short in many skills can "
    "score higher than someone who meets some skills and does not hold others at all."
)


def how_scores_work(weights: Weights = DEFAULT_WEIGHTS) -> str:
    """The general explanation of match scores, with the weights in force."""
    return HOW_SCORES_WORK.format(skill=weights.skill_points,
                                  essential=weights.essential_weight / weights.desirable_weight,
                                  grade=weights.grade_step_points,
                                  location=weights.location_points)


@dataclass(frozen=True)
class ScoreParts:
    """One score split into the points from skills, grade and location."""

    total: float
    skills: float
    grade: float
    location: float
    met: int
    short: int
    missing: int


def score_parts(explanation: Mapping[str, object],
                weights: Weights = DEFAULT_WEIGHTS) -> ScoreParts:
    """The parts of a score from ``matching.explain``'s result."""
    skills = weights.skill_points * float(explanation["skill_fit"])  # type: ignore[arg-type]
    grade = -weights.grade_step_points * abs(int(explanation["grade_gap"]))  # type: ignore[call-overload]
    location = weights.location_points * float(explanation["location_fit"])  # type: ignore[arg-type]
    return ScoreParts(total=_tenths(skills + grade + location), skills=_tenths(skills),
                      grade=_tenths(grade), location=_tenths(location),
                      met=len(explanation["met"]),  # type: ignore[arg-type]
                      short=len(explanation["short"]),  # type: ignore[arg-type]
                      missing=len(explanation["missing"]))  # type: ignore[arg-type]


def _tenths(value: float) -> float:
    """Rounded to one decimal place, with no negative zero (``-0`` would read as a penalty)."""
    return round(value, 1) + 0.0


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def skills_sentence(parts: ScoreParts) -> str:
    """"2 skills met, 1 held below the level asked, 1 not held"."""
    return (f"{_count(parts.met, 'skill', 'skills')} met, {parts.short} held below the level "
            f"asked, {parts.missing} not held")


def describe_score(explanation: Mapping[str, object], *, with_grade: bool = True,
                   with_location: bool = True, weights: Weights = DEFAULT_WEIGHTS) -> str:
    """One sentence saying what a score is made of.

    ``with_grade`` and ``with_location`` leave out parts a ranking does not use (a
    succession shortlist ranks on skills alone).
    """
    parts = score_parts(explanation, weights)
    pieces = [f"{parts.skills:g} of {weights.skill_points:g} points for skills "
              f"({skills_sentence(parts)})"]
    if with_grade:
        gap = abs(int(explanation["grade_gap"]))  # type: ignore[call-overload]
        pieces.append("no points off for grade (same grade)" if gap == 0 else
                      f"{-parts.grade:g} points off for grade ({_count(gap, 'grade', 'grades')} "
                      "apart)")
    if with_location:
        pieces.append(f"{parts.location:g} of {weights.location_points:g} points for location")
    total = parts.skills + (parts.grade if with_grade else 0) + (
        parts.location if with_location else 0)
    return f"{_tenths(total):g} = " + ", ".join(pieces) + "."
