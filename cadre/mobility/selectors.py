"""Reads for mobility: the vacancy board, matches, preferences and managed moves.

- Open (and closed or filled) vacancies: everyone signed in. Drafts and withdrawn vacancies:
  the hiring organisation's heads of profession and the central team.
- Matches: the hiring organisation's heads of profession and the central team; only people
  who opted in are named, everyone else is a count.
- Moves: both organisations' heads of profession, the central team, and the person moved.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q, QuerySet

from cadre.access.scope import scope_for
from cadre.assessments.selectors import held_levels_matrix
from cadre.core.inputs import Bounds
from cadre.mobility import matching
from cadre.mobility.fit_words import describe_score
from cadre.mobility.matrix import (
    GRADE,
    LOCATION,
    OPTED_IN,
    ORGANISATION,
    PERSON,
    PREFERENCE,
    MatchMatrix,
    match_matrix,
)
from cadre.mobility.models import MobilityPreference, MoveRequest, Vacancy, VacancySkill
from cadre.people.models import Person
from cadre.people.selectors import chain_filter, own_person

PUBLIC_STATES = (Vacancy.State.OPEN, Vacancy.State.CLOSED, Vacancy.State.FILLED)

#: How many ranked people a match shows or exports: the same range on the page, in the
#: API and on the command line (the parameter is ``limit`` everywhere).
MATCH_LIMIT = Bounds(minimum=1, maximum=1000, default=50)


def visible_vacancies(user: object) -> QuerySet[Vacancy]:
    scope = scope_for(user)
    if not scope.authenticated:
        return Vacancy.objects.none()
    managed = scope_for(user).managed_organisation_ids
    if managed is None:
        return Vacancy.objects.all()
    return Vacancy.objects.filter(Q(state__in=PUBLIC_STATES) | Q(organisation_id__in=managed))


def managed_vacancies(user: object) -> QuerySet[Vacancy]:
    scope = scope_for(user)
    if not scope.authenticated:
        return Vacancy.objects.none()
    managed = scope.managed_organisation_ids
    if managed is None:
        return Vacancy.objects.all()
    return Vacancy.objects.filter(organisation_id__in=managed)


def vacancy_detail(*, user: object, vacancy_id: int) -> Vacancy | None:
    return (visible_vacancies(user)
            .select_related("organisation", "role_level__role__family", "grade",
                            "filled_by", "external_decided_by")
            .prefetch_related("locations").filter(pk=vacancy_id).first())


def vacancy_skills(vacancy: Vacancy) -> list[VacancySkill]:
    return list(vacancy.skills.select_related("skill", "level")
                .order_by("-essential", "skill__name"))


def board(*, user: object, organisation_id: int | None = None, role_family_id: int | None = None,
          grade_id: int | None = None, location_id: int | None = None,
          hybrid: bool | None = None) -> QuerySet[Vacancy]:
    """Open vacancies across government, with filters."""
    qs = (Vacancy.objects.filter(state=Vacancy.State.OPEN)
          .select_related("organisation", "grade", "role_level__role__family")
          .prefetch_related("locations").order_by("closing_date", "id"))
    if not scope_for(user).authenticated:
        return qs.none()
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if role_family_id:
        qs = qs.filter(role_level__role__family_id=role_family_id)
    if grade_id:
        qs = qs.filter(grade_id=grade_id)
    if location_id:
        qs = qs.filter(locations__id=location_id).distinct()
    if hybrid is not None:
        qs = qs.filter(hybrid=hybrid)
    return qs


def preference_of(person: Person) -> MobilityPreference | None:
    return (MobilityPreference.objects.filter(person=person)
            .prefetch_related("locations", "grades", "role_families").first())


def vacancies_for(person: Person) -> list[Vacancy]:
    """Open vacancies that fit a person's mobility preference (grades, families, locations).

    An empty list of preferred grades or families means any; locations fit when the vacancy
    names none, is hybrid, or names one the person prefers or works at.
    """
    pref = preference_of(person)
    if pref is None:
        return []
    qs = (Vacancy.objects.filter(state=Vacancy.State.OPEN)
          .select_related("organisation", "grade", "role_level__role__family")
          .prefetch_related("locations").order_by("closing_date", "id"))
    grades = [g.pk for g in pref.grades.all()]
    families = [f.pk for f in pref.role_families.all()]
    if grades:
        qs = qs.filter(grade_id__in=grades)
    if families:
        qs = qs.filter(role_level__role__family_id__in=families)
    mine = {loc.pk for loc in pref.locations.all()} | (
        {person.location_id} if person.location_id else set())
    return [v for v in qs if v.hybrid or not v.locations.all()
            or mine & {loc.pk for loc in v.locations.all()}]


#: Outside the role families a person works in or aims for, a vacancy is offered only when
#: the person's recorded skills give at least this skill fit (half of the weighted skills
#: asked for). Inside their families every vacancy that fits the preference is listed with
#: its fit, however low (ADR 24; stated on the page).
MIN_FIT_OUTSIDE_FAMILY = 0.5


@dataclass(frozen=True)
class MyFit:
    """One vacancy as it fits one person: the head of profession's score and its parts."""

    vacancy: Vacancy
    score: float
    explanation: dict
    in_family: bool


@dataclass(frozen=True)
class MyFits:
    fits: list[MyFit]
    #: Vacancies that fit the preference but were left out (another family, low fit).
    left_out: int
    #: The role families the person works in or aims for, by name.
    families: list[str]


def own_families(person: Person) -> set[int]:
    """Role family ids of the person's current and target role levels and their preference."""
    from cadre.assessments.models import CapabilityProfile

    families: set[int] = set()
    profile = (CapabilityProfile.objects.filter(person=person)
               .select_related("current_role_level__role").first())
    if profile is not None:
        if profile.current_role_level_id:
            families.add(profile.current_role_level.role.family_id)
        families.update(profile.targets.values_list("role__family_id", flat=True))
    pref = preference_of(person)
    if pref is not None:
        families.update(f.pk for f in pref.role_families.all())
    return families


def fits_for(person: Person) -> MyFits:
    """The vacancies of :func:`vacancies_for`, each scored for this person exactly as the
    hiring head of profession's match scores them (``matching.rank`` with the same skills,
    grade gap and location fit), best first. Vacancies outside the person's role families
    are kept only at a skill fit of :data:`MIN_FIT_OUTSIDE_FAMILY` or more."""
    from cadre.framework.models import RoleFamily

    vacancies = vacancies_for(person)
    families = own_families(person)
    family_names = sorted(RoleFamily.objects.filter(pk__in=families)
                          .values_list("name", flat=True))
    if not vacancies:
        return MyFits([], 0, family_names)
    skills_of = {v.pk: vacancy_skills(v) for v in vacancies}
    skill_ids = sorted({s.skill_id for skills in skills_of.values() for s in skills})
    _, held_all = held_levels_matrix(np.array([person.pk], dtype=np.int64), skill_ids)
    column = {sid: j for j, sid in enumerate(skill_ids)}
    pref = preference_of(person)
    preferred_locations = ({loc.pk for loc in pref.locations.all()} if pref else set())
    person = Person.objects.select_related("grade").get(pk=person.pk)
    own_rank = person.grade.comparable.rank if person.grade_id else None
    fits, left_out = [], 0
    for vacancy in vacancies:
        skills = skills_of[vacancy.pk]
        held = (held_all[:, [column[s.skill_id] for s in skills]] if skills
                else np.zeros((1, 0), dtype=np.int8))
        wanted = [loc.pk for loc in vacancy.locations.all()]
        fit = matching.location_fit(
            np.array([person.pk]), np.array([person.location_id or 0]),
            np.array([person.pk] if preferred_locations & set(wanted) else [], dtype=np.int64),
            wanted, vacancy.hybrid)
        gap = (matching.UNKNOWN_GRADE_GAP if own_rank is None
               else own_rank - vacancy.grade.comparable.rank)
        ranking = matching.rank(held, np.array([s.level.ordinal for s in skills], dtype=np.int64),
                                np.array([s.essential for s in skills], dtype=bool),
                                np.array([gap]), fit)
        explanation = matching.explain(ranking, 0, [s.skill.name for s in skills])
        in_family = vacancy.role_level.role.family_id in families
        if not in_family and explanation["skill_fit"] < MIN_FIT_OUTSIDE_FAMILY:
            left_out += 1
            continue
        fits.append(MyFit(vacancy, explanation["score"], explanation, in_family))
    fits.sort(key=lambda f: (-f.score, f.vacancy.closing_date, f.vacancy.pk))
    return MyFits(fits, left_out, family_names)


# --- Matching -----------------------------------------------------------------------------

def candidate_pool(vacancy: Vacancy) -> QuerySet[Person]:
    """People open to opportunities whose preferred grades and families (if any) allow the
    vacancy, and who do not already work in the hiring organisation."""
    family_id = vacancy.role_level.role.family_id
    return (Person.objects.filter(mobility__open_to_opportunities=True)
            .exclude(organisation_id=vacancy.organisation_id)
            .filter(Q(mobility__grades__isnull=True) | Q(mobility__grades=vacancy.grade_id))
            .filter(Q(mobility__role_families__isnull=True)
                    | Q(mobility__role_families=family_id))
            .distinct())


@dataclass
class MatchResult:
    vacancy: Vacancy
    skills: list[VacancySkill]
    people: dict[int, Person]
    person_ids: np.ndarray
    ranking: matching.Ranking
    not_opted_in: int = 0
    rows: list[dict] = field(default_factory=list)
    #: The version of the match matrix ranked (for counts over the same data).
    matrix: MatchMatrix | None = None

    @property
    def ranked(self) -> int:
        return len(self.ranking)


def _candidate_rows(vacancy: Vacancy, matrix: MatchMatrix) -> np.ndarray:
    """Rows of the match matrix in the candidate pool (see :func:`candidate_pool`), by
    person id: opted in, outside the hiring organisation, and with preferred grades and
    families (when any are given) that allow the vacancy. NumPy only, no query."""
    people = matrix.people
    inside = (people[:, OPTED_IN] == 1) & (people[:, ORGANISATION] != vacancy.organisation_id)
    for pairs, wanted in ((matrix.pref_grades, vacancy.grade_id),
                          (matrix.pref_families, vacancy.role_level.role.family_id)):
        if pairs.shape[0]:
            limited = np.unique(pairs[:, 0])
            allowed = np.unique(pairs[pairs[:, 1] == wanted, 0])
            inside &= ~np.isin(people[:, PREFERENCE], np.setdiff1d(limited, allowed))
    return np.flatnonzero(inside)


def _candidates(vacancy: Vacancy, matrix: MatchMatrix | None = None,
                chosen: np.ndarray | None = None) -> np.ndarray:
    """The candidate pool (see :func:`candidate_pool`) as rows of (person id, current
    location id or 0, comparable grade rank or -1), by person id, from the match matrix
    (``chosen``: its rows, when already found)."""
    matrix = matrix or match_matrix()
    people = matrix.people[_candidate_rows(vacancy, matrix) if chosen is None else chosen]
    return np.column_stack([people[:, PERSON], people[:, LOCATION], people[:, GRADE]])


def match(vacancy: Vacancy, *, limit: int | None = 50) -> MatchResult:
    """Rank everyone in the candidate pool for a vacancy; rows for the best ``limit``.

    A fixed number of queries: the data version, the vacancy's skills (and its locations
    and grades unless already loaded), and the top people. Everyone's levels, places and
    preferences come from the match matrix (``cadre.mobility.matrix``, ADR 27), so the
    request is the ranking (only the best ``limit`` are put in order) and the explanation
    of the top rows.
    """
    matrix = match_matrix()
    skills = vacancy_skills(vacancy)
    chosen = _candidate_rows(vacancy, matrix)
    people = matrix.people
    ids = people[chosen, PERSON]
    held = matrix.levels(chosen, [s.skill_id for s in skills])
    required = np.array([s.level.ordinal for s in skills], dtype=np.int64)
    essential = np.array([s.essential for s in skills], dtype=bool)
    wanted = [loc.pk for loc in vacancy.locations.all()]
    pairs = matrix.pref_locations
    preferring = pairs[np.isin(pairs[:, 1], wanted), 0] if wanted else np.zeros(
        0, dtype=np.int64)
    fit = matching.location_fit(ids, people[chosen, LOCATION], preferring, wanted,
                                vacancy.hybrid)
    target = vacancy.grade.comparable.rank
    grades = people[chosen, GRADE]
    gaps = np.where(grades < 0, matching.UNKNOWN_GRADE_GAP, grades - target)
    ranking = matching.rank(held, required, essential, gaps, fit, top=limit)
    top = ranking.top(limit).tolist()
    top_ids = ids[top].tolist()
    # No ORDER BY: with one, SQLite may walk the people's name index past everyone.
    found = {p.pk: p for p in Person.objects.filter(pk__in=top_ids).order_by()
             .select_related("organisation", "grade")}
    names = [s.skill.name for s in skills]
    explained = matching.explain_rows(ranking, top, names)
    out = [{"person": found[pid], **why} for pid, why in zip(top_ids, explained, strict=True)]
    return MatchResult(vacancy, skills, found, ids, ranking, rows=out, matrix=matrix)


MATCH_COLUMNS = ["position", "person_id", "name", "organisation", "grade", "score",
                 "score_explained", "skill_fit", "grade_gap", "location_fit", "met", "short",
                 "missing"]


def match_table(result: MatchResult) -> list[dict]:
    """The explained rows of a match as flat rows for CSV, XLSX and the command line."""
    return [{"position": r["position"], "person_id": r["person"].pk,
             "name": r["person"].full_name,
             "organisation": r["person"].organisation.name,
             "grade": r["person"].grade.name if r["person"].grade else "",
             "score": r["score"], "score_explained": describe_score(r),
             "skill_fit": r["skill_fit"], "grade_gap": r["grade_gap"],
             "location_fit": r["location_fit"],
             "met": "; ".join(m["skill"] for m in r["met"]),
             "short": "; ".join(f"{m['skill']} by {m['short_by']}" for m in r["short"]),
             "missing": "; ".join(m["skill"] for m in r["missing"])} for r in result.rows]


def not_opted_in_count(vacancy: Vacancy, *, result: MatchResult | None = None) -> int:
    """People outside the hiring organisation, not opted in, who meet every essential skill.

    Counted over the match matrix (ADR 27), not by reading anyone's assessments; with the
    ``result`` of :func:`match` for the vacancy, over the same version and skills (no
    query)."""
    skills = [s for s in (result.skills if result is not None else vacancy_skills(vacancy))
              if s.essential]
    if not skills:
        return 0
    matrix = result.matrix if result is not None and result.matrix is not None else (
        match_matrix())
    people = matrix.people
    pool = np.flatnonzero((people[:, OPTED_IN] == 0)
                          & (people[:, ORGANISATION] != vacancy.organisation_id))
    held = matrix.levels(pool, [s.skill_id for s in skills])
    required = np.array([s.level.ordinal for s in skills], dtype=np.int8)
    return int(np.count_nonzero((held >= required).all(axis=1)))


# --- Moves --------------------------------------------------------------------------------

def visible_moves(user: object) -> QuerySet[MoveRequest]:
    scope = scope_for(user)
    qs = MoveRequest.objects.select_related("person", "releasing", "receiving", "vacancy")
    if not scope.authenticated:
        return qs.none()
    if scope.managed_organisation_ids is None:
        return qs
    condition = Q(pk__in=[])
    orgs = scope.profession_organisations
    if orgs:
        condition |= Q(releasing_id__in=orgs) | Q(receiving_id__in=orgs)
    me = own_person(user)
    if me is not None:
        # The person moving, and line managers above them (as for their other records).
        condition |= Q(person__in=Person.objects.filter(chain_filter(me.pk)))
    return qs.filter(condition)


def move_detail(*, user: object, move_id: int) -> MoveRequest | None:
    return visible_moves(user).filter(pk=move_id).first()


@dataclass(frozen=True)
class DurationRow:
    organisation: str
    moves: int
    median_days: float | None
    mean_days: float | None


def _row(name: str, days: list[float]) -> DurationRow:
    if not days:
        return DurationRow(name, 0, None, None)
    return DurationRow(name, len(days), round(statistics.median(days), 1),
                       round(statistics.fmean(days), 1))


def move_durations(user: object) -> list[DurationRow]:
    """Days from proposal to completion of the completed moves the account may see."""
    return durations_report(visible_moves(user))


def durations_report(moves: QuerySet[MoveRequest]) -> list[DurationRow]:
    """Days from proposal to completion of the completed moves: all of them first, then by
    receiving organisation and by releasing organisation."""
    done = list(moves.filter(state=MoveRequest.State.COMPLETED)
                .values_list("receiving__name", "releasing__name", "proposed_at",
                             "completed_at"))
    days = [(r, s, (c - p) / dt.timedelta(days=1)) for r, s, p, c in done if c and p]
    rows = [_row("All organisations", [d for _, _, d in days])]
    for label, index in (("receiving", 0), ("releasing", 1)):
        names = sorted({d[index] for d in days})
        rows += [_row(f"{name} ({label})", [d for *k, d in days if k[index] == name])
                 for name in names]
    return rows
