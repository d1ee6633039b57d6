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
from django.db.models.functions import Coalesce

from cadre.access.scope import scope_for
from cadre.assessments.selectors import held_levels_matrix
from cadre.core.inputs import Bounds
from cadre.mobility import matching
from cadre.mobility.models import MobilityPreference, MoveRequest, Vacancy, VacancySkill
from cadre.organisations.models import Grade
from cadre.people.models import Person
from cadre.people.selectors import own_person

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

    @property
    def ranked(self) -> int:
        return len(self.ranking)


def _raw(qs: QuerySet) -> list[tuple]:
    """A values_list queryset's rows straight from the cursor (no per-row Python objects)."""
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidates(vacancy: Vacancy) -> np.ndarray:
    """The candidate pool (see :func:`candidate_pool`) as rows of (person id, current
    location id or 0, comparable grade rank or -1), by person id. Four small queries, no
    joins over the preference lists."""
    from django.db.models import Value

    rows = np.array(_raw(
        MobilityPreference.objects.filter(open_to_opportunities=True)
        .exclude(person__organisation_id=vacancy.organisation_id).order_by("person_id")
        .annotate(loc=Coalesce("person__location_id", Value(0)),
                  grade=Coalesce("person__grade_id", Value(0)))
        .values_list("person_id", "pk", "loc", "grade")), dtype=np.int64).reshape(-1, 4)
    excluded: list[int] = []
    for through, column, wanted in (
            (MobilityPreference.grades.through, "grade_id", vacancy.grade_id),
            (MobilityPreference.role_families.through, "rolefamily_id",
             vacancy.role_level.role.family_id)):
        pairs = np.array(_raw(through.objects.values_list("mobilitypreference_id", column)),
                         dtype=np.int64).reshape(-1, 2)
        limited = np.unique(pairs[:, 0])
        allowed = np.unique(pairs[pairs[:, 1] == wanted, 0])
        excluded.extend(np.setdiff1d(limited, allowed).tolist())
    rows = rows[~np.isin(rows[:, 1], excluded)]
    grades = {pk: (equivalent or own) for pk, own, equivalent in
              Grade.objects.values_list("pk", "rank", "civil_service_equivalent__rank")}
    ranks = np.full(max(grades, default=0) + 1, -1, dtype=np.int64)
    for pk, rank in grades.items():
        ranks[pk] = rank
    return np.column_stack([rows[:, 0], rows[:, 2], ranks[rows[:, 3]]])


def match(vacancy: Vacancy, *, limit: int | None = 50) -> MatchResult:
    """Rank everyone in the candidate pool for a vacancy; rows for the best ``limit``.

    A fixed number of queries: the pool with grades and locations, the assessments of the
    vacancy's skills, the pool's preferred locations among the vacancy's, and the top people.
    """
    skills = vacancy_skills(vacancy)
    rows = _candidates(vacancy)
    ids = rows[:, 0]
    _, held = held_levels_matrix(ids, [s.skill_id for s in skills])
    required = np.array([s.level.ordinal for s in skills], dtype=np.int64)
    essential = np.array([s.essential for s in skills], dtype=bool)
    wanted = [loc.pk for loc in vacancy.locations.all()]
    preferring = np.fromiter(
        MobilityPreference.locations.through.objects.filter(location_id__in=wanted)
        .values_list("mobilitypreference__person_id", flat=True), dtype=np.int64) \
        if wanted else np.zeros(0, dtype=np.int64)
    fit = matching.location_fit(ids, rows[:, 1], preferring, wanted, vacancy.hybrid)
    target = vacancy.grade.comparable.rank
    gaps = np.where(rows[:, 2] < 0, matching.UNKNOWN_GRADE_GAP, rows[:, 2] - target)
    ranking = matching.rank(held, required, essential, gaps, fit)
    top = ranking.top(limit).tolist()
    top_ids = ids[top].tolist()
    people = {p.pk: p for p in Person.objects.filter(pk__in=top_ids)
              .select_related("organisation", "grade", "location")}
    names = [s.skill.name for s in skills]
    out = [{"person": people[pid], **matching.explain(ranking, i, names)}
           for i, pid in zip(top, top_ids, strict=True)]
    return MatchResult(vacancy, skills, people, ids, ranking, rows=out)


MATCH_COLUMNS = ["position", "person_id", "name", "organisation", "grade", "score",
                 "skill_fit", "grade_gap", "location_fit", "met", "short", "missing"]


def match_table(result: MatchResult) -> list[dict]:
    """The explained rows of a match as flat rows for CSV, XLSX and the command line."""
    return [{"position": r["position"], "person_id": r["person"].pk,
             "name": r["person"].full_name,
             "organisation": r["person"].organisation.abbreviation,
             "grade": r["person"].grade.code if r["person"].grade else "",
             "score": r["score"], "skill_fit": r["skill_fit"], "grade_gap": r["grade_gap"],
             "location_fit": r["location_fit"],
             "met": "; ".join(m["skill"] for m in r["met"]),
             "short": "; ".join(f"{m['skill']} by {m['short_by']}" for m in r["short"]),
             "missing": "; ".join(m["skill"] for m in r["missing"])} for r in result.rows]


def not_opted_in_count(vacancy: Vacancy) -> int:
    """People outside the hiring organisation, not opted in, who meet every essential skill."""
    skills = [s for s in vacancy_skills(vacancy) if s.essential]
    if not skills:
        return 0
    pool = Person.objects.exclude(organisation_id=vacancy.organisation_id).exclude(
        mobility__open_to_opportunities=True)
    _, held = held_levels_matrix(pool, [s.skill_id for s in skills])
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
        condition |= Q(person=me)
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
