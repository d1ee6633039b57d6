"""Mentoring matcher (issue 18 point 2): plain NumPy/SciPy, no Django.

Mentees are rows; each mentor with capacity k is k columns ("slots"). A pair's score is

    skill_weight * skill fit + grade_weight * grade fit + location_weight * same location

with each part in 0..1:

- skill fit: the share of the mentee's wanted skills the mentor offers (0 if the mentee
  names none);
- grade fit: 1 when the mentor is exactly ``grade_gap`` grades above the mentee, falling by
  ``1 / (tolerance + 1)`` per grade away from the target; a gap outside the tolerance is a
  disqualification; an unknown grade on either side scores 0 (not a disqualification);
- location: 1 for the same location, else 0.

Disqualified pairs (never returned): the same person; one in the other's line-management
chain (a line manager up the chain or a report down it); the same unit (when the rule is
on); the same organisation (when the rule is on); a grade gap outside the tolerance; a pair
one of them declined before.

``linear_sum_assignment`` solves a square-free problem: every mentee also has a private
"unmatched" column (cost 0) and disqualified cells cost infinity, so the solver maximises
the total score over partial matchings of allowed pairs. Each allowed pair carries a tiny
bonus (``MATCH_BONUS``) so that a zero-score allowed pair is preferred to no mentor; the
totals compared in the tests are the scores without it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

#: Preference for an allowed pair over staying unmatched when the score is 0.
MATCH_BONUS = 1e-6

#: Documented limits of the rules (docs/limits.md, "Mentoring").
MAX_GRADE_GAP = 10
MAX_TOLERANCE = 5
MAX_WEIGHT = 10
MAX_CAPACITY = 5

SAME_PERSON = "same person"
LINE_CHAIN = "in the same line-management chain"
SAME_UNIT = "in the same unit"
SAME_ORGANISATION = "in the same organisation"
GRADE_GAP = "grade gap outside the target"
DECLINED = "declined before"


@dataclass(frozen=True)
class Rules:
    """A scheme's matching rules (held as data on the scheme)."""

    grade_gap: int = 1
    grade_tolerance: int = 1
    skill_weight: float = 6
    grade_weight: float = 3
    location_weight: float = 1
    exclude_same_unit: bool = True
    exclude_same_organisation: bool = False

    def problems(self) -> dict[str, str]:
        """Field name -> message for each rule outside its documented limit."""
        found: dict[str, str] = {}
        if not 0 <= self.grade_gap <= MAX_GRADE_GAP:
            found["grade_gap"] = f"The target grade gap must be 0 to {MAX_GRADE_GAP} grades."
        if not 0 <= self.grade_tolerance <= MAX_TOLERANCE:
            found["grade_tolerance"] = f"The tolerance must be 0 to {MAX_TOLERANCE} grades."
        for name in ("skill_weight", "grade_weight", "location_weight"):
            value = getattr(self, name)
            if not 0 <= value <= MAX_WEIGHT:
                found[name] = f"Each weight must be 0 to {MAX_WEIGHT}."
        if not found and self.skill_weight + self.grade_weight + self.location_weight <= 0:
            found["skill_weight"] = "At least one weight must be more than 0."
        return found


@dataclass(frozen=True)
class Candidate:
    """One sign-up: ``id`` is the sign-up, ``person`` the person record."""

    id: int
    person: int
    organisation: int
    rank: int | None = None
    unit: int | None = None
    location: int | None = None
    skills: frozenset[int] = frozenset()
    capacity: int = 1


@dataclass(frozen=True)
class Parts:
    skill: float
    grade: float
    location: float
    common: tuple[int, ...]
    gap: int | None

    def score(self, rules: Rules) -> float:
        return (rules.skill_weight * self.skill + rules.grade_weight * self.grade
                + rules.location_weight * self.location)


@dataclass(frozen=True)
class Pair:
    mentee: int
    mentor: int
    score: float
    parts: Parts


@dataclass
class Result:
    pairs: list[Pair] = field(default_factory=list)
    unmatched: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return float(sum(p.score for p in self.pairs))


def ancestors(person: int, managers: Mapping[int, int | None]) -> set[int]:
    """Everyone up ``person``'s line-management chain (a loop in the data stops the walk)."""
    seen: set[int] = set()
    current = managers.get(person)
    while current is not None and current not in seen and current != person:
        seen.add(current)
        current = managers.get(current)
    return seen


def in_one_chain(a: int, b: int, managers: Mapping[int, int | None]) -> bool:
    return b in ancestors(a, managers) or a in ancestors(b, managers)


def disqualification(mentee: Candidate, mentor: Candidate, rules: Rules,
                     managers: Mapping[int, int | None],
                     declined: frozenset[tuple[int, int]] = frozenset()) -> str | None:
    """Why the pair may not be matched, or None."""
    if mentee.person == mentor.person:
        return SAME_PERSON
    if in_one_chain(mentee.person, mentor.person, managers):
        return LINE_CHAIN
    if rules.exclude_same_unit and mentee.unit is not None and mentee.unit == mentor.unit:
        return SAME_UNIT
    if rules.exclude_same_organisation and mentee.organisation == mentor.organisation:
        return SAME_ORGANISATION
    if (mentee.person, mentor.person) in declined:
        return DECLINED
    if mentee.rank is not None and mentor.rank is not None:
        gap = mentor.rank - mentee.rank
        if abs(gap - rules.grade_gap) > rules.grade_tolerance:
            return GRADE_GAP
    return None


def parts(mentee: Candidate, mentor: Candidate, rules: Rules) -> Parts:
    common = tuple(sorted(mentee.skills & mentor.skills))
    skill = len(common) / len(mentee.skills) if mentee.skills else 0.0
    gap = None
    grade = 0.0
    if mentee.rank is not None and mentor.rank is not None:
        gap = mentor.rank - mentee.rank
        away = abs(gap - rules.grade_gap)
        grade = max(0.0, 1.0 - away / (rules.grade_tolerance + 1))
    same_place = mentee.location is not None and mentee.location == mentor.location
    return Parts(skill=skill, grade=grade, location=1.0 if same_place else 0.0,
                 common=common, gap=gap)


def match(mentees: Iterable[Candidate], mentors: Iterable[Candidate], rules: Rules, *,
          managers: Mapping[int, int | None] | None = None,
          declined: Iterable[tuple[int, int]] = ()) -> Result:
    """The assignment of mentees to mentor slots with the highest total score."""
    mentees, mentors = list(mentees), list(mentors)
    managers = managers or {}
    declined = frozenset(declined)
    slots = [m for m in mentors for _ in range(max(0, m.capacity))]
    n, m = len(mentees), len(slots)
    result = Result()
    if n == 0:
        return result
    scores = np.zeros((n, len(mentors)))
    allowed = np.zeros((n, len(mentors)), dtype=bool)
    reasons: list[dict[str, int]] = [{} for _ in mentees]
    cells: dict[tuple[int, int], Parts] = {}
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            why = disqualification(mentee, mentor, rules, managers, declined)
            if why is not None:
                reasons[i][why] = reasons[i].get(why, 0) + 1
                continue
            cell = parts(mentee, mentor, rules)
            cells[i, j] = cell
            scores[i, j] = cell.score(rules)
            allowed[i, j] = mentor.capacity > 0
    slot_mentor = np.array([j for j, mentor in enumerate(mentors)
                            for _ in range(max(0, mentor.capacity))], dtype=int)
    cost = np.full((n, m + n), np.inf)
    if m:
        cost[:, :m] = np.where(allowed[:, slot_mentor], -(scores[:, slot_mentor] + MATCH_BONUS),
                               np.inf)
    cost[np.arange(n), m + np.arange(n)] = 0.0
    rows, cols = linear_sum_assignment(cost)
    for i, c in zip(rows, cols, strict=True):
        mentee = mentees[i]
        if c < m:
            j = int(slot_mentor[c])
            assert allowed[i, j]  # the solver never picks an infinite cell
            result.pairs.append(Pair(mentee=mentee.id, mentor=mentors[j].id,
                                     score=float(scores[i, j]), parts=cells[i, j]))
        elif allowed[i].any():
            result.unmatched[mentee.id] = ("Every allowed mentor's places went to mentees "
                                           "with a better overall fit.")
        elif not mentors:
            result.unmatched[mentee.id] = "No mentors have signed up."
        else:
            listed = ", ".join(f"{count} {why}" for why, count in sorted(reasons[i].items()))
            result.unmatched[mentee.id] = f"No allowed mentor ({listed})."
    result.pairs.sort(key=lambda p: (p.mentee, p.mentor))
    return result


def brute_force_total(mentees: list[Candidate], mentors: list[Candidate], rules: Rules, *,
                      managers: Mapping[int, int | None] | None = None,
                      declined: Iterable[tuple[int, int]] = ()) -> float:
    """The reference: try every assignment (each mentee to a mentor or to nobody, within
    capacities) and return the best total score. For small instances only."""
    managers = managers or {}
    declined = frozenset(declined)
    options: list[list[int | None]] = []
    for mentee in mentees:
        mine: list[int | None] = [None]
        for j, mentor in enumerate(mentors):
            if disqualification(mentee, mentor, rules, managers, declined) is None:
                mine.append(j)
        options.append(mine)
    best = 0.0
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        total = 0.0
        for mentee, j in zip(mentees, choice, strict=True):
            if j is None:
                continue
            used[j] = used.get(j, 0) + 1
            total += parts(mentee, mentors[j], rules).score(rules)
        if all(count <= mentors[j].capacity for j, count in used.items()):
            best = max(best, total)
    return best


def explain(pair: Pair, rules: Rules, skill_names: Mapping[int, str] | None = None,
            wanted: int | None = None) -> str:
    """The pair's score in words: skill fit with the skills in common, grade gap, location."""
    skill_names = skill_names or {}
    p = pair.parts
    named = [skill_names.get(s, f"skill {s}") for s in p.common]
    if wanted:
        skill = (f"skill fit: {len(p.common)} of {wanted} wanted skills offered"
                 + (f" ({', '.join(named)})" if named else ""))
    else:
        skill = "skill fit: the mentee named no skills"
    skill += f", {rules.skill_weight * p.skill:.2f} of {rules.skill_weight:g}"
    if p.gap is None:
        grade = "grade gap: a grade is not recorded, 0 of " f"{rules.grade_weight:g}"
    else:
        above = (f"{p.gap} grade{'s' if abs(p.gap) != 1 else ''} above the mentee"
                 if p.gap >= 0 else f"{-p.gap} below the mentee")
        grade = (f"grade gap: mentor {above} (target {rules.grade_gap}, tolerance "
                 f"{rules.grade_tolerance}), {rules.grade_weight * p.grade:.2f} of "
                 f"{rules.grade_weight:g}")
    place = ("location: the same location" if p.location else "location: different or "
             "unknown locations")
    place += f", {rules.location_weight * p.location:.2f} of {rules.location_weight:g}"
    return f"Score {pair.score:.2f}. {skill[0].upper()}{skill[1:]}; {grade}; {place}."
