"""Reads of capability, limited to who may see a person's assessments.

A person's assessments, evidence and gaps are visible to the person, everyone
above them in the line-management chain, their organisation's heads of
profession, the central team and administrators, and, once a line manager has agreed
an assessment, their organisation's assessors (ADR 23); to no one else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.assessments.gaps import GapAnalysis, analyse
from cadre.assessments.models import (
    SOURCE_PRECEDENCE,
    AssessmentRound,
    CapabilityProfile,
    SkillAssessment,
    Source,
)
from cadre.framework.models import Framework, Requirement, RoleLevel, SkillLevel
from cadre.people.models import Person
from cadre.people.selectors import chain_filter, own_person


def capability_people(user: object) -> QuerySet[Person]:
    """People whose capability records the account may see."""
    scope = scope_for(user)
    if not scope.authenticated:
        return Person.objects.none()
    if scope.government_wide:
        return Person.objects.all()
    condition = Q(pk__in=[])
    if scope.profession_organisations:
        condition |= Q(organisation_id__in=scope.profession_organisations)
    assessed = scope.organisations_for(Role.ASSESSOR)
    if assessed:
        # Assessors (ADR 23): people in their organisations with an agreed assessment.
        condition |= Q(organisation_id__in=assessed) & Exists(AssessmentRound.objects.filter(
            person=OuterRef("pk"), state=AssessmentRound.State.COMPLETED))
    me = own_person(user)
    if me is not None:
        condition |= chain_filter(me.pk)
    return Person.objects.filter(condition)


def rounds_to_validate(user: object) -> QuerySet[AssessmentRound]:
    """Agreed assessments of people in the account's assessor organisations that no one has
    validated yet, oldest first."""
    organisations = scope_for(user).organisations_for(Role.ASSESSOR)
    if not organisations:
        return AssessmentRound.objects.none()
    return (AssessmentRound.objects.filter(
        person__organisation_id__in=organisations, state=AssessmentRound.State.COMPLETED)
        .exclude(Exists(SkillAssessment.objects.filter(round=OuterRef("pk"),
                                                       source=Source.VALIDATED)))
        .select_related("person", "role_level").order_by("completed_at", "pk"))


def capability_person(*, user: object, person_id: int) -> Person | None:
    return (capability_people(user).select_related("organisation", "grade", "line_manager")
            .filter(pk=person_id).first())


def profile_of(person: Person) -> CapabilityProfile | None:
    return (CapabilityProfile.objects.filter(person=person)
            .select_related("current_role_level__role").prefetch_related("targets__role")
            .first())


@dataclass(frozen=True)
class HeldLevel:
    skill_id: int
    skill: str
    level: str
    ordinal: int
    source: str
    assessed_on: dt.date


def levels_that_count(person: Person, on: dt.date | None = None) -> dict[int, HeldLevel]:
    """Per skill, the level that counts on a date: validated, else agreed, else self."""
    return levels_that_count_for([person.pk], on).get(person.pk, {})


def levels_that_count_for(person_ids: list[int], on: dt.date | None = None,
                          ) -> dict[int, dict[int, HeldLevel]]:
    """``levels_that_count`` of several people in one query: person id -> skill -> level."""
    qs = (SkillAssessment.objects.filter(person_id__in=person_ids)
          .select_related("skill", "level"))
    if on is not None:
        qs = qs.filter(assessed_on__lte=on)
    best: dict[tuple[int, int], tuple[tuple, SkillAssessment]] = {}
    for a in qs:
        key = (SOURCE_PRECEDENCE[a.source], a.assessed_on, a.pk)
        cell = (a.person_id, a.skill_id)
        if cell not in best or key > best[cell][0]:
            best[cell] = (key, a)
    out: dict[int, dict[int, HeldLevel]] = {}
    for (person_id, skill_id), (_, a) in sorted(best.items(),
                                                 key=lambda kv: kv[1][1].skill.name):
        out.setdefault(person_id, {})[skill_id] = HeldLevel(
            skill_id, a.skill.name, a.level.name if a.level else "Not held",
            a.level.ordinal if a.level else 0, a.source, a.assessed_on)
    return out


@dataclass(frozen=True)
class GapReport:
    role_level: RoleLevel
    analysis: GapAnalysis
    scale: dict[int, str]

    def level_name(self, ordinal: int) -> str:
        return self.scale.get(ordinal, "none")


def gap_report(person: Person, role_level: RoleLevel, on: dt.date | None = None) -> GapReport:
    """Gap analysis of a person against a role level."""
    held = {h.skill: h.ordinal for h in levels_that_count(person, on).values()}
    required = {
        name: ordinal for name, ordinal in
        role_level.requirements.values_list("skill__name", "level__ordinal")
    }
    scale = dict(SkillLevel.objects.filter(framework_id=role_level.framework_id)
                 .values_list("ordinal", "name"))
    return GapReport(role_level, analyse(required, held), scale)


def rounds_of(person: Person) -> QuerySet[AssessmentRound]:
    return person.assessment_rounds.select_related("role_level", "manager")


def waiting_for(user: object) -> dict[str, list[AssessmentRound]]:
    """Rounds the account's person must finish, and rounds waiting for them as manager."""
    me = own_person(user)
    if me is None:
        return {"mine": [], "to_review": []}
    mine = list(AssessmentRound.objects.filter(person=me, state=AssessmentRound.State.DRAFT)
                .select_related("role_level"))
    to_review = list(AssessmentRound.objects.filter(
        manager=me, state=AssessmentRound.State.SUBMITTED).select_related("person",
                                                                           "role_level"))
    return {"mine": mine, "to_review": to_review}


def visible_round(*, user: object, round_id: int) -> AssessmentRound | None:
    return (AssessmentRound.objects.filter(person__in=capability_people(user), pk=round_id)
            .select_related("person", "role_level__role", "manager").first())


@dataclass
class TeamMatrix:
    people: list[Person]
    skills: list[tuple[int, str]]
    cells: dict[tuple[int, int], HeldLevel]
    required: dict[tuple[int, int], int]

    def row(self, person: Person) -> list[dict]:
        out = []
        for skill_id, _ in self.skills:
            held = self.cells.get((person.pk, skill_id))
            need = self.required.get((person.pk, skill_id), 0)
            ordinal = held.ordinal if held else 0
            out.append({"held": held, "required": need, "gap": max(0, need - ordinal)})
        return out

    def largest_gaps(self, limit: int = 10) -> list[tuple[str, int, int]]:
        """(skill, total gap across the team, people short) for the biggest team gaps."""
        totals: dict[int, list[int]] = {}
        for person in self.people:
            for (skill_id, _), cell in zip(self.skills, self.row(person), strict=True):
                if cell["gap"]:
                    entry = totals.setdefault(skill_id, [0, 0])
                    entry[0] += cell["gap"]
                    entry[1] += 1
        names = dict(self.skills)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], names[kv[0]]))
        return [(names[s], total, short) for s, (total, short) in ranked[:limit]]


def team_matrix(manager: Person) -> TeamMatrix:
    """The manager's direct reports by the skills their current role levels need."""
    people = list(Person.objects.filter(line_manager=manager).order_by("last_name",
                                                                        "first_name"))
    profiles = {p.person_id: p for p in CapabilityProfile.objects.filter(person__in=people)}
    # Each role level's requirements and everyone's levels in one query each, not one per
    # person (the page made 57 queries for a team of 16).
    level_ids = {p.current_role_level_id for p in profiles.values() if p.current_role_level_id}
    needs: dict[int, list[tuple[int, str, int]]] = {}
    for level_id, skill_id, name, ordinal in Requirement.objects.filter(
            role_level_id__in=level_ids).order_by("pk").values_list(
            "role_level_id", "skill_id", "skill__name", "level__ordinal"):
        needs.setdefault(level_id, []).append((skill_id, name, ordinal))
    required: dict[tuple[int, int], int] = {}
    skill_names: dict[int, str] = {}
    for person in people:
        profile = profiles.get(person.pk)
        if profile and profile.current_role_level_id:
            for skill_id, name, ordinal in needs.get(profile.current_role_level_id, []):
                required[(person.pk, skill_id)] = ordinal
                skill_names[skill_id] = name
    cells: dict[tuple[int, int], HeldLevel] = {}
    held_by_person = levels_that_count_for([p.pk for p in people])
    for person in people:
        for skill_id, held in held_by_person.get(person.pk, {}).items():
            cells[(person.pk, skill_id)] = held
            skill_names.setdefault(skill_id, held.skill)
    return TeamMatrix(people, sorted(skill_names.items(), key=lambda kv: kv[1]), cells,
                      required)


def may_manage_capability(user: object, person: Person) -> bool:
    """Heads of profession (the person's organisation) and the central team."""
    return scope_for(user).manages(person.organisation_id)


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "gap" or "lateral"
    text: str
    skill_id: int | None = None
    level_id: int | None = None


def plan_suggestions(person: Person, limit: int = 6) -> list[Suggestion]:
    """Objectives suggested by the gaps, and lateral moves that build breadth."""
    from cadre.framework.selectors import career_graph

    profile = profile_of(person)
    if profile is None or profile.current_role_level is None:
        return []
    out: list[Suggestion] = []
    seen: set[str] = set()
    levels = [profile.current_role_level, *profile.targets.all()]
    for level in levels:
        report = gap_report(person, level)
        by_name = dict(level.requirements.values_list("skill__name", "skill_id"))
        level_ids = dict(level.requirements.values_list("skill__name", "level_id"))
        for row in report.analysis.largest_gaps(3):
            if row.skill not in seen:
                seen.add(row.skill)
                out.append(Suggestion(
                    "gap", f"Develop {row.skill} to {report.level_name(row.required)} "
                           f"(needed for {level.name})", by_name[row.skill],
                    level_ids[row.skill]))
    index = career_graph(profile.current_role_level.framework)
    node = index.node_of.get(profile.current_role_level.pk)
    if node is not None:
        for move in index.graph.lateral_moves(node, limit=3):
            target = index.levels[move.target]
            out.append(Suggestion(
                "lateral", f"Build breadth towards {target.name} ({target.role.name}): "
                           f"{round(move.share_met * 100)}% of its skills already met, "
                           f"{len(move.gaps)} to develop"))
    return out[:limit + 3]


def plan_of(person: Person):  # noqa: ANN201
    from cadre.assessments.models import DevelopmentPlan

    return (DevelopmentPlan.objects.filter(person=person)
            .prefetch_related("objectives__skill", "objectives__target_level",
                              "objectives__activities").first())


@dataclass
class CoverageInputs:
    """People x skills arrays of required and held levels, with labels."""

    person_ids: list[int]
    organisation_ids: list[int]
    families: list[str]
    grades: list[str]
    skills: list[tuple[int, str]]
    required: np.ndarray
    held: np.ndarray


def coverage_inputs(people: QuerySet[Person], framework: Framework) -> CoverageInputs:
    """Arrays for ``coverage.coverage`` from the people's current role levels and the
    levels that count (validated, else agreed, else self). A handful of queries."""
    # Everyone needs no filter: ``person__in=Person.objects.all()`` made SQLite probe the
    # subquery once per row (issue 13).
    everyone = not people.query.where
    profiles = CapabilityProfile.objects.filter(current_role_level__framework=framework)
    assessed = SkillAssessment.objects.filter(skill__framework=framework)
    if not everyone:
        profiles = profiles.filter(person__in=people)
        assessed = assessed.filter(person__in=people)
    rows = list(profiles.values_list(
        "person_id", "current_role_level_id", "person__organisation_id",
                  "current_role_level__role__family__name",
                  "person__grade__civil_service_equivalent__code", "person__grade__code"))
    skills = list(framework.skills.order_by("name").values_list("pk", "name"))
    col = {pk: j for j, (pk, _) in enumerate(skills)}
    row_of = {r[0]: i for i, r in enumerate(rows)}
    required = np.zeros((len(rows), len(skills)), dtype=np.int8)
    by_level: dict[int, list[tuple[int, int]]] = {}
    for level_id, skill_id, ordinal in Requirement.objects.filter(
            role_level__framework=framework).values_list("role_level_id", "skill_id",
                                                         "level__ordinal"):
        by_level.setdefault(level_id, []).append((col[skill_id], ordinal))
    for i, r in enumerate(rows):
        for j, ordinal in by_level.get(r[1], ()):
            required[i, j] = ordinal
    held = np.zeros_like(required)
    best: dict[tuple[int, int], tuple] = {}
    for person_id, skill_id, ordinal, source, on, pk in assessed.values_list(
            "person_id", "skill_id", "level__ordinal", "source", "assessed_on", "pk"):
        if person_id not in row_of:
            continue
        key = (person_id, skill_id)
        rank = (SOURCE_PRECEDENCE[source], on, pk)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, ordinal or 0)
    for (person_id, skill_id), (_, ordinal) in best.items():
        held[row_of[person_id], col[skill_id]] = ordinal
    return CoverageInputs(
        person_ids=[r[0] for r in rows], organisation_ids=[r[2] for r in rows],
        families=[r[3] for r in rows], grades=[r[4] or r[5] or "No grade" for r in rows],
        skills=skills, required=required, held=held)


def coverage_organisations(user: object) -> QuerySet:
    """Organisations whose named coverage the account may see (None = all)."""
    from cadre.organisations.models import Organisation

    ids = scope_for(user).managed_organisation_ids
    return Organisation.objects.all() if ids is None else Organisation.objects.filter(
        pk__in=ids)


@dataclass
class CycleProgress:
    cycle: object
    total: int
    completed: list[Person]
    submitted: list[Person]
    not_started: list[Person]
    #: Each completed or submitted person's latest round in the cycle's window, by person id.
    rounds: dict[int, AssessmentRound] = field(default_factory=dict)

    @property
    def waiting(self) -> list[tuple[Person, AssessmentRound | None]]:
        """Submitted assessments, with their rounds: waiting for a line manager."""
        return [(p, self.rounds.get(p.pk)) for p in self.submitted]

    @property
    def agreed(self) -> list[tuple[Person, AssessmentRound | None]]:
        """Completed assessments, with their rounds."""
        return [(p, self.rounds.get(p.pk)) for p in self.completed]


def cycle_progress(cycle) -> CycleProgress:  # noqa: ANN001
    """Who in the cycle has completed, submitted or not started an assessment in its window."""
    people = list(cycle.people.order_by("last_name", "first_name"))
    window = AssessmentRound.objects.filter(
        person__in=people, started_at__date__gte=cycle.opens_on,
        started_at__date__lte=cycle.closes_on)
    completed = set(window.filter(state=AssessmentRound.State.COMPLETED)
                    .values_list("person_id", flat=True))
    submitted = set(window.filter(state=AssessmentRound.State.SUBMITTED)
                    .values_list("person_id", flat=True)) - completed
    rounds = {r.person_id: r for r in window.filter(
        state__in=[AssessmentRound.State.COMPLETED, AssessmentRound.State.SUBMITTED])
        .select_related("role_level").order_by("started_at", "pk")}
    return CycleProgress(
        cycle, len(people), [p for p in people if p.pk in completed],
        [p for p in people if p.pk in submitted],
        [p for p in people if p.pk not in completed and p.pk not in submitted], rounds)


#: Up to this many people, assessments are read by person; above it, by skill.
PERSON_FILTER_LIMIT = 2000
#: Read (person, skill, level) packed into one integer when the ids fit (False: never).
PACK_ROWS = True


def held_levels_matrix(people: QuerySet[Person] | np.ndarray, skill_ids: list[int],
                       on: dt.date | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The level that counts (validated, else agreed, else self; latest) for many people.

    ``people`` is a queryset or an ascending array of person ids. Returns (person ids
    ascending, a people x skills int8 matrix of level ordinals, 0 = not held) with columns in
    the order of ``skill_ids``. At most three queries whatever the number of people (the
    ids, the level ordinals, the assessments): for many people the skills' assessments are
    read in one pass and filtered with NumPy.
    """
    from django.db import connection
    from django.db.models import (
        BigIntegerField,
        Case,
        ExpressionWrapper,
        F,
        IntegerField,
        Value,
        When,
    )
    from django.db.models.functions import Coalesce

    if isinstance(people, np.ndarray):
        person_ids = people.astype(np.int64)
        if np.any(person_ids[1:] <= person_ids[:-1]):
            raise ValueError("Person ids must be unique and ascending.")
    else:
        person_ids = np.fromiter(people.order_by("pk").values_list("pk", flat=True),
                                 dtype=np.int64)
    held = np.zeros((person_ids.shape[0], len(skill_ids)), dtype=np.int8)
    if not person_ids.shape[0] or not skill_ids:
        return person_ids, held
    qs = SkillAssessment.objects.filter(skill_id__in=list(skill_ids))
    if person_ids.shape[0] <= PERSON_FILTER_LIMIT:
        qs = qs.filter(person_id__in=person_ids.tolist())
    if on is not None:
        qs = qs.filter(assessed_on__lte=on)
    precedence = Case(*[When(source=s, then=Value(n)) for s, n in SOURCE_PRECEDENCE.items()],
                      default=Value(0), output_field=IntegerField())
    ordinals = dict(SkillLevel.objects.values_list("pk", "ordinal"))
    # One packed integer per row (person, skill, level) when the ids fit: the database
    # sorts and returns a third of the data, and NumPy unpacks it.
    packed = PACK_ROWS and (max(ordinals, default=0) < 2 ** 12 and max(skill_ids) < 2 ** 20
              and int(person_ids[-1]) < 2 ** 31)
    level_or_0 = Coalesce("level_id", Value(0))
    qs = qs.annotate(precedence=precedence).order_by("skill_id", "person_id", "precedence",
                                                     "assessed_on", "pk")
    if packed:
        qs = qs.annotate(code=ExpressionWrapper(
            (F("person_id") * 2 ** 20 + F("skill_id")) * 2 ** 12 + level_or_0,
            output_field=BigIntegerField())).values_list("code")
    else:
        qs = qs.annotate(level_or_0=level_or_0).values_list("person_id", "skill_id",
                                                            "level_or_0")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:  # plain rows: much faster than model instances
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return person_ids, held
    if packed:
        code = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        pid, sid, level = code >> 32, (code >> 12) & (2 ** 20 - 1), code & (2 ** 12 - 1)
    else:
        data = np.array(rows, dtype=np.int64)
        pid, sid, level = data[:, 0], data[:, 1], data[:, 2]
    # Rows are sorted so the one that counts is the last of each (person, skill) run.
    last = np.ones(pid.shape[0], dtype=bool)
    last[:-1] = (pid[1:] != pid[:-1]) | (sid[1:] != sid[:-1])
    pid, sid, level = pid[last], sid[last], level[last]
    row = np.searchsorted(person_ids, pid)
    inside = (row < person_ids.shape[0]) & (person_ids[np.minimum(row, len(person_ids) - 1)]
                                             == pid)
    lookup = np.zeros(max(ordinals, default=0) + 1, dtype=np.int8)
    for pk, ordinal in ordinals.items():
        lookup[pk] = ordinal
    skills = np.asarray(skill_ids, dtype=np.int64)
    by_id = np.argsort(skills, kind="stable")
    cols = by_id[np.searchsorted(skills, sid[inside], sorter=by_id)]
    held[row[inside], cols] = lookup[level[inside]]
    return person_ids, held


# --- Coverage aggregates (ADR 27) ---------------------------------------------------------

#: Seconds an organisation's coverage counts stay in the shared cache. Their key carries the
#: organisation's data stamp, so a change is seen at once; this only bounds the memory.
COVERAGE_CACHE_SECONDS = 7 * 24 * 3600
#: Organisations counted by one query when several are missing from the cache.
COVERAGE_BATCH = 400


@dataclass
class CoverageSummary:
    """Needed and met counts of a framework's skills, one row per organisation, role family,
    grade and skill, read from per-organisation aggregates (never from people's rows).

    ``rows`` columns: organisation id, role family id, grade id (-1 for none), skill
    column (index into ``skills``), needed, met.
    """

    skills: list[tuple[int, str]]
    rows: np.ndarray
    people: int
    family_names: dict[int, str]
    grade_names: dict[int, str]

    def grouped(self, by: str | None, skill_column: int | None = None
                ) -> tuple[list, np.ndarray, np.ndarray]:
        """(group labels, needed[group, skill], met[group, skill]) grouped by ``family``,
        ``grade``, ``organisation`` (labels are organisation ids) or nothing (one group).
        With ``skill_column`` only that skill's rows are counted (one column)."""
        rows = self.rows
        if skill_column is not None:
            rows = rows[rows[:, 3] == skill_column]
        if by is None:
            labels_of = np.zeros(rows.shape[0], dtype=np.int64)
            labels: list = ["all"]
        else:
            if by == "organisation":
                names = [int(x) for x in rows[:, 0]]
            elif by == "family":
                names = [self.family_names.get(int(x), "No role family") for x in rows[:, 1]]
            else:
                names = [self.grade_names.get(int(x), "No grade") for x in rows[:, 2]]
            labels = sorted(set(names))
            index = {label: i for i, label in enumerate(labels)}
            labels_of = np.fromiter((index[n] for n in names), dtype=np.int64,
                                    count=len(names))
        width = 1 if skill_column is not None else len(self.skills)
        cols = np.zeros(rows.shape[0], dtype=np.int64) if skill_column is not None \
            else rows[:, 3]
        needed = np.zeros((len(labels), width), dtype=np.int64)
        met = np.zeros_like(needed)
        np.add.at(needed, (labels_of, cols), rows[:, 4])
        np.add.at(met, (labels_of, cols), rows[:, 5])
        return labels, needed, met


def _coverage_sql(framework_id: int, organisation_ids: list[int]
                  ) -> tuple[dict[int, int], list[tuple], list[tuple]]:
    """People with a role level per organisation, and needed and met counts per
    (organisation, family, grade, skill), aggregated by the database."""
    from django.db import connection

    from cadre.framework.models import Requirement as Req
    from cadre.framework.models import Role, SkillLevel

    t = {name: connection.ops.quote_name(model._meta.db_table) for name, model in (
        ("profile", CapabilityProfile), ("person", Person), ("level", RoleLevel),
        ("role", Role), ("req", Req), ("scale", SkillLevel), ("assessment", SkillAssessment))}
    marks = ", ".join(["%s"] * len(organisation_ids))
    precedence = " ".join(f"WHEN '{source}' THEN {n}" for source, n in
                          SOURCE_PRECEDENCE.items())
    base = (f"FROM {t['profile']} cp JOIN {t['person']} p ON p.id = cp.person_id "
            f"JOIN {t['level']} lv ON lv.id = cp.current_role_level_id "
            f"JOIN {t['role']} ro ON ro.id = lv.role_id ")
    where = f"WHERE lv.framework_id = %s AND p.organisation_id IN ({marks}) "
    params = [framework_id, *organisation_ids]
    # Only table names (from the models) and placeholders are put in the text.
    counted = (
        f"SELECT a.person_id, a.skill_id, a.level_id, ROW_NUMBER() OVER ("  # noqa: S608
        f"PARTITION BY a.person_id, a.skill_id ORDER BY CASE a.source {precedence} ELSE 0 END "
        f"DESC, a.assessed_on DESC, a.id DESC) AS rn FROM {t['assessment']} a "
        f"JOIN {t['person']} p0 ON p0.id = a.person_id WHERE p0.organisation_id IN ({marks})")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT p.organisation_id, COUNT(*) {base}{where}"
                       "GROUP BY p.organisation_id", params)
        people = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT p.organisation_id, ro.family_id, COALESCE(p.grade_id, -1), r.skill_id, "
            f"COUNT(*) {base}JOIN {t['req']} r ON r.role_level_id = lv.id {where}"
            "GROUP BY p.organisation_id, ro.family_id, p.grade_id, r.skill_id", params)
        needed = cursor.fetchall()
        # SQLite: CROSS JOIN, conditions in WHERE, so it reads the counted rows once and
        # looks each one up by key (with plain JOINs and many organisations it chose to
        # scan the materialised rows per profile: minutes). PostgreSQL: free to plan, and
        # the counted rows inlined (materialised, it planned them blind: four times slower).
        sqlite = connection.vendor == "sqlite"
        join = "CROSS JOIN" if sqlite else ", "
        materialised = "MATERIALIZED " if sqlite else ""
        cursor.execute(
            f"WITH c AS {materialised}({counted}) SELECT p.organisation_id, "  # noqa: S608
            f"ro.family_id, COALESCE(p.grade_id, -1), r.skill_id, COUNT(*) FROM c "
            f"{join} {t['person']} p {join} {t['profile']} cp "
            f"{join} {t['level']} lv {join} {t['role']} ro {join} {t['req']} r "
            f"{join} {t['scale']} need {join} {t['scale']} held "
            "WHERE p.id = c.person_id AND cp.person_id = c.person_id "
            "AND lv.id = cp.current_role_level_id AND ro.id = lv.role_id "
            "AND r.role_level_id = lv.id AND r.skill_id = c.skill_id "
            "AND need.id = r.level_id AND held.id = c.level_id "
            "AND c.rn = 1 AND held.ordinal >= need.ordinal AND lv.framework_id = %s "
            "GROUP BY p.organisation_id, ro.family_id, p.grade_id, r.skill_id",
            [*organisation_ids, framework_id])
        met = cursor.fetchall()
    return people, needed, met


def coverage_summary(framework: Framework, organisation_ids: list[int] | None = None
                     ) -> CoverageSummary:
    """Coverage counts of these organisations (all when None) from the shared cache,
    counting in the database only organisations whose data changed since (their data stamp,
    ``cadre.core.stamps``). A fixed number of queries whatever the number of people."""
    from django.core.cache import cache

    from cadre.core import stamps
    from cadre.framework.models import RoleFamily
    from cadre.organisations.models import Grade, Organisation

    skills = list(framework.skills.order_by("name").values_list("pk", "name"))
    col = {pk: j for j, (pk, _) in enumerate(skills)}
    if organisation_ids is None:
        organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    tokens = stamps.tokens()
    keys = {org: stamps.key("coverage", framework.pk, framework.revision,
                            stamps.organisation_token(tokens, org), org)
            for org in organisation_ids}
    found = cache.get_many(list(keys.values())) if keys else {}
    parts = {org: found[k] for org, k in keys.items() if k in found}
    missing = [org for org in organisation_ids if org not in parts]
    for start in range(0, len(missing), COVERAGE_BATCH):
        batch = missing[start:start + COVERAGE_BATCH]
        people, needed, met = _coverage_sql(framework.pk, batch)
        cells: dict[tuple, list[int]] = {}
        for org, family, grade, skill, n in needed:
            cells[(org, family, grade, skill)] = [n, 0]
        for org, family, grade, skill, n in met:
            cells.setdefault((org, family, grade, skill), [0, 0])[1] = n
        fresh = {org: {"people": people.get(org, 0), "rows": []} for org in batch}
        for (org, family, grade, skill), (n, m) in cells.items():
            if skill in col:
                fresh[org]["rows"].append((org, family, grade, col[skill], n, m))
        for value in fresh.values():
            value["rows"] = np.array(value["rows"], dtype=np.int64).reshape(-1, 6)
        cache.set_many({keys[org]: value for org, value in fresh.items()},
                       COVERAGE_CACHE_SECONDS)
        parts.update(fresh)
    rows = [p["rows"] for p in parts.values() if p["rows"].shape[0]]
    grades = {pk: (equivalent or code) for pk, code, equivalent in
              Grade.objects.values_list("pk", "code", "civil_service_equivalent__code")}
    return CoverageSummary(
        skills=skills,
        rows=np.concatenate(rows) if rows else np.zeros((0, 6), dtype=np.int64),
        people=sum(p["people"] for p in parts.values()),
        family_names=dict(RoleFamily.objects.filter(framework=framework)
                          .values_list("pk", "name")),
        grade_names=grades)
