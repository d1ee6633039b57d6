"""Reads for talent identification and succession, limited to who may see them.

The rule (issue 6, part 8): nine-box ratings, pool memberships and succession plans of a
person are seen by everyone above them in the line-management chain, their
organisation's heads of profession, the central team and administrators. This is
``assessments.selectors.capability_people`` without the person themselves: a person
sees their own pool memberships (``my_memberships``) but not their ratings, nor
succession plans that name them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, IntegerField, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from cadre.access.scope import scope_for
from cadre.assessments.selectors import capability_people, held_levels_matrix
from cadre.core.suppression import suppress_table
from cadre.mobility import matching
from cadre.mobility.fit_words import describe_score
from cadre.organisations.models import Grade, Organisation
from cadre.people.models import Person
from cadre.people.selectors import chain_filter, own_person
from cadre.talent.models import (
    ActivityStatus,
    AppraisalCycle,
    CriticalPost,
    PoolMembership,
    Readiness,
    Successor,
    TalentPool,
    TalentRating,
)
from cadre.talent.ninebox import BOX_NAMES, Grid, grid_from_counts


def sensitive_people(user: object) -> QuerySet[Person]:
    """People whose ratings, pool places and succession plans the account may see."""
    qs = capability_people(user)
    me = own_person(user)
    return qs.exclude(pk=me.pk) if me is not None else qs


def may_manage_organisation(user: object, organisation_id: int | None) -> bool:
    """Heads of profession for their organisations; the central team and administrators
    for every organisation and for cross-government records (``organisation_id`` None).
    ``Scope.manages`` is the one rule."""
    return scope_for(user).manages(organisation_id)


def managed_organisations(user: object) -> QuerySet[Organisation]:
    managed = scope_for(user).managed_organisation_ids
    if managed is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=managed)


def managed_cycles(user: object) -> QuerySet[AppraisalCycle]:
    """Appraisal cycles of the organisations the account manages."""
    return AppraisalCycle.objects.filter(organisation__in=managed_organisations(user))


# --- Cycles and ratings ------------------------------------------------------------------

def manageable_cycle(*, user: object, cycle_id: int) -> AppraisalCycle | None:
    """A cycle whose calibration the account runs (404 otherwise)."""
    return managed_cycles(user).filter(pk=cycle_id).select_related("organisation").first()


def open_cycles_for(person: Person, today: dt.date | None = None) -> QuerySet[AppraisalCycle]:
    today = today or dt.date.today()
    return AppraisalCycle.objects.filter(organisation_id=person.organisation_id,
                                         opens_on__lte=today, closes_on__gte=today)


def team_to_rate(manager: Person) -> QuerySet[Person]:
    """Everyone below ``manager`` in the chain, in their organisation."""
    return (Person.objects.filter(chain_filter(manager.pk)).exclude(pk=manager.pk)
            .select_related("grade", "unit").order_by("last_name", "first_name", "id"))


def visible_ratings(user: object) -> QuerySet[TalentRating]:
    return (TalentRating.objects.filter(person__in=sensitive_people(user))
            .select_related("cycle__organisation", "person__grade", "person__unit"))


def visible_rating(*, user: object, rating_id: int) -> TalentRating | None:
    return visible_ratings(user).filter(pk=rating_id).first()


_FINAL_PERF = Coalesce("calibrated_performance", "performance", output_field=IntegerField())
_FINAL_POT = Coalesce("calibrated_potential", "potential", output_field=IntegerField())


def with_final(qs: QuerySet[TalentRating]) -> QuerySet[TalentRating]:
    return qs.annotate(final_perf=_FINAL_PERF, final_pot=_FINAL_POT)


def grids(qs: QuerySet[TalentRating]) -> tuple[Grid, Grid]:
    """(line managers' grid, calibrated grid) with two GROUP BY queries."""
    rated = grid_from_counts(qs.order_by().values_list("performance", "potential")
                             .annotate(n=Count("id")))
    final = grid_from_counts(with_final(qs).order_by().values_list("final_perf", "final_pot")
                             .annotate(n=Count("id")))
    return rated, final


def filter_ratings(qs: QuerySet[TalentRating], *, grade_id: int | None = None,
                   unit_id: int | None = None, box: tuple[int, int] | None = None
                   ) -> QuerySet[TalentRating]:
    if grade_id:
        qs = qs.filter(person__grade_id=grade_id)
    if unit_id:
        qs = qs.filter(person__unit_id=unit_id)
    if box is not None:
        qs = with_final(qs).filter(final_perf=box[0], final_pot=box[1])
    return qs


NINEBOX_COLUMNS = ["staff_number", "name", "grade", "unit", "performance", "potential",
                   "calibrated_performance", "calibrated_potential", "calibration_reason",
                   "box"]


def ninebox_rows(ratings: QuerySet[TalentRating]) -> Iterator[dict]:
    """One export row per rating, with the calibration beside the line manager's rating."""
    for r in ratings.select_related("person__grade", "person__unit").order_by(
            "person__last_name", "person__first_name", "pk"):
        yield {
            "staff_number": r.person.staff_number, "name": r.person.full_name,
            "grade": r.person.grade.code if r.person.grade else "",
            "unit": r.person.unit.path if r.person.unit else "",
            "performance": r.performance, "potential": r.potential,
            "calibrated_performance": r.calibrated_performance,
            "calibrated_potential": r.calibrated_potential,
            "calibration_reason": r.calibration_reason,
            "box": BOX_NAMES[r.final_performance, r.final_potential],
        }


def names_by_box(qs: QuerySet[TalentRating], limit: int = 5) -> dict[tuple[int, int], list]:
    """The first few people (by surname) in each box: nine small queries."""
    qs = with_final(qs).select_related("person").order_by("person__last_name",
                                                           "person__first_name", "pk")
    return {(perf, pot): list(qs.filter(final_perf=perf, final_pot=pot)[:limit])
            for perf in (1, 2, 3) for pot in (1, 2, 3)}


#: Grade groups on the cross-government grid, by the comparable Civil Service grade.
SENIOR_GROUPS = ("G7", "G6", "SCS")


def senior_grade_ids() -> dict[str, list[int]]:
    """Grade ids per group G7, G6 and SCS (any scheme, by Civil Service equivalent)."""
    groups: dict[str, list[int]] = {g: [] for g in SENIOR_GROUPS}
    for grade in Grade.objects.select_related("civil_service_equivalent"):
        comparable = grade.comparable
        if comparable.is_senior_civil_service or comparable.code.startswith("SCS"):
            groups["SCS"].append(grade.pk)
        elif comparable.code in ("G6", "G7"):
            groups[comparable.code].append(grade.pk)
    return groups


def government_ratings(*, year: int | None, group: str = "") -> QuerySet[TalentRating]:
    """Ratings of Senior Civil Service and grade 6 and 7 people in cycles closing in ``year``."""
    groups = senior_grade_ids()
    ids = groups[group] if group in groups else [i for g in groups.values() for i in g]
    qs = TalentRating.objects.filter(person__grade_id__in=ids)
    if year:
        qs = qs.filter(cycle__closes_on__year=year)
    return qs


def cycle_years() -> list[int]:
    return sorted({d.year for d in AppraisalCycle.objects.values_list("closes_on", flat=True)},
                  reverse=True)


# --- Pools -------------------------------------------------------------------------------

def visible_pools(user: object) -> QuerySet[TalentPool]:
    """Pools the account manages, and pools with a member whose place it may see."""
    managed = scope_for(user).managed_organisation_ids
    if managed is None:
        return TalentPool.objects.all()
    condition = Q(organisation_id__in=managed) | Q(
        pk__in=PoolMembership.objects.filter(person__in=sensitive_people(user))
        .values("pool_id"))
    return TalentPool.objects.filter(condition)


def visible_pool(*, user: object, pool_id: int) -> TalentPool | None:
    return visible_pools(user).select_related("organisation").filter(pk=pool_id).first()


def may_manage_pool(user: object, pool: TalentPool) -> bool:
    return may_manage_organisation(user, pool.organisation_id)


def pool_members(user: object, pool: TalentPool) -> QuerySet[PoolMembership]:
    """The members of a pool whose place the account may see, with their actions."""
    return (pool.memberships.filter(person__in=sensitive_people(user))
            .select_related("person__organisation", "person__grade")
            .prefetch_related("actions")
            .order_by("person__last_name", "person__first_name", "pk"))


def visible_memberships(user: object) -> QuerySet[PoolMembership]:
    """Pool places of the people whose places the account may see."""
    return (PoolMembership.objects.filter(person__in=sensitive_people(user))
            .select_related("pool", "person"))


def visible_membership(*, user: object, membership_id: int) -> PoolMembership | None:
    return visible_memberships(user).filter(pk=membership_id).first()


POOL_COLUMNS = ["pool", "staff_number", "name", "organisation", "grade", "added_on",
                "review_on", "note", "actions_open", "actions_done"]


def pool_rows(members: Iterable[PoolMembership]) -> Iterator[dict]:
    """One export row per member (load ``pool``, ``person`` and ``actions`` with them)."""
    for m in members:
        actions = list(m.actions.all())
        done = sum(1 for a in actions if a.status == ActivityStatus.DONE)
        yield {
            "pool": m.pool.name, "staff_number": m.person.staff_number,
            "name": m.person.full_name, "organisation": m.person.organisation.abbreviation,
            "grade": m.person.grade.code if m.person.grade else "", "added_on": m.added_on,
            "review_on": m.review_on, "note": m.note, "actions_open": len(actions) - done,
            "actions_done": done,
        }


def my_memberships(user: object) -> QuerySet[PoolMembership]:
    me = own_person(user)
    if me is None:
        return PoolMembership.objects.none()
    return (PoolMembership.objects.filter(person=me)
            .select_related("pool__organisation", "person").prefetch_related("actions"))


# --- Succession --------------------------------------------------------------------------

def visible_posts(user: object) -> QuerySet[CriticalPost]:
    """Posts of the organisations the account manages, and posts whose incumbent or a
    successor it may see (the chain above them)."""
    managed = scope_for(user).managed_organisation_ids
    qs = CriticalPost.objects.select_related("organisation", "role_level", "incumbent")
    if managed is None:
        return qs
    people = sensitive_people(user)
    return qs.filter(Q(organisation_id__in=managed)
                     | Q(incumbent__in=people)
                     | Q(pk__in=Successor.objects.filter(person__in=people).values("post_id")))


def visible_post(*, user: object, post_id: int) -> CriticalPost | None:
    return visible_posts(user).filter(pk=post_id).first()


def may_manage_post(user: object, post: CriticalPost) -> bool:
    return may_manage_organisation(user, post.organisation_id)


def post_successors(user: object, post: CriticalPost) -> QuerySet[Successor]:
    return (post.successors.filter(person__in=sensitive_people(user))
            .select_related("person__organisation", "person__grade"))


SUCCESSION_COLUMNS = ["organisation", "post", "role_level", "incumbent", "risk_of_loss",
                      "risk_reason", "successor_staff_number", "successor", "readiness"]


def succession_rows(posts: QuerySet[CriticalPost],
                    people: QuerySet[Person] | None = None) -> list[dict]:
    """One row per post and successor (a post without one gets a row of its own);
    successors limited to ``people`` when given. Two queries."""
    successors = Successor.objects.select_related("person")
    if people is not None:
        successors = successors.filter(person__in=people)
    rows = []
    for post in posts.prefetch_related(Prefetch("successors", queryset=successors,
                                                to_attr="listed")):
        base = {"organisation": post.organisation.abbreviation, "post": post.title,
                "role_level": post.role_level.name,
                "incumbent": post.incumbent.full_name if post.incumbent else "",
                "risk_of_loss": post.risk_of_loss, "risk_reason": post.risk_reason}
        if not post.listed:
            rows.append(base)
        rows.extend({**base, "successor_staff_number": s.person.staff_number,
                     "successor": s.person.full_name, "readiness": s.readiness}
                    for s in post.listed)
    return rows


@dataclass(frozen=True)
class CoverageRow:
    organisation_id: int
    organisation: str
    posts: int
    ready_now: int

    @property
    def share(self) -> float:
        return self.ready_now / self.posts if self.posts else 0.0


def succession_coverage(organisation_ids: list[int] | None = None) -> list[CoverageRow]:
    """Critical posts and those with a ready-now successor, per organisation."""
    qs = CriticalPost.objects.all()
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    rows = (qs.values("organisation_id", "organisation__name").order_by("organisation__name")
            .annotate(posts=Count("id", distinct=True),
                      ready=Count("id", distinct=True,
                                  filter=Q(successors__readiness=Readiness.NOW))))
    return [CoverageRow(r["organisation_id"], r["organisation__name"], r["posts"], r["ready"])
            for r in rows]


def coverage_table(rows: list[CoverageRow], *, suppress: bool) -> dict:
    """Rows and totals for display; counts under 5 hidden when ``suppress``."""
    if not rows:
        return {"rows": [], "totals": None}
    counts = np.array([[r.ready_now, r.posts - r.ready_now] for r in rows], dtype=np.int64)
    if suppress:
        t = suppress_table(counts)
        out = [{"organisation": r.organisation, "ready": t.display(i, 0),
                "not_ready": t.display(i, 1), "posts": t.display_row_total(i),
                "share": None if t.mask[i].any() or t.row_total_mask[i] else
                round(100 * r.share)} for i, r in enumerate(rows)]
        totals = {"ready": t.display_col_total(0), "not_ready": t.display_col_total(1),
                  "posts": t.display_grand_total()}
    else:
        out = [{"organisation": r.organisation, "ready": r.ready_now,
                "not_ready": r.posts - r.ready_now, "posts": r.posts,
                "share": round(100 * r.share)} for r in rows]
        totals = {"ready": int(counts[:, 0].sum()), "not_ready": int(counts[:, 1].sum()),
                  "posts": int(counts.sum())}
    posts, ready = int(counts.sum()), int(counts[:, 0].sum())
    totals["share"] = round(100 * ready / posts) if posts and not (
        suppress and isinstance(totals["posts"], str)) else None
    return {"rows": out, "totals": totals}


def coverage_for(user: object) -> dict:
    """Succession coverage as the account may see it, from one query.

    ``government``: every organisation, counts under 5 suppressed unless the account is
    government-wide (central team, administrators). ``own`` (heads of profession who are not
    government-wide): their own organisations, exact.
    """
    scope = scope_for(user)
    rows = succession_coverage()
    data = {"government": coverage_table(rows, suppress=not scope.government_wide)}
    if scope.profession_organisations and not scope.government_wide:
        mine = set(scope.profession_organisations)
        data["own"] = coverage_table([r for r in rows if r.organisation_id in mine],
                                     suppress=False)
    return data


@dataclass(frozen=True)
class Candidate:
    """A proposed successor. ``score`` is the skill fit out of 100 (grade and location play
    no part in a succession shortlist); ``words`` says what it is made of."""

    person: Person
    score: float
    explanation: dict

    @property
    def words(self) -> str:
        return describe_score(self.explanation, with_grade=False, with_location=False)


def candidates(user: object, post: CriticalPost, limit: int = 10,
               people: QuerySet[Person] | None = None) -> list[Candidate]:
    """People the account may see by name (or ``people``, for the command line), ranked
    for the post's role level by skill fit with ``talent.matching.rank``; the incumbent
    and current successors are left out."""
    needs = list(post.role_level.requirements.select_related("skill", "level")
                 .order_by("skill__name"))
    if not needs:
        return []
    people = ((sensitive_people(user) if people is None else people)
              .exclude(pk__in=post.successors.values("person_id"))
              .exclude(pk=post.incumbent_id or 0))
    skill_ids = [r.skill_id for r in needs]
    person_ids, held = held_levels_matrix(people, skill_ids)
    if not person_ids.shape[0]:
        return []
    required = np.array([r.level.ordinal for r in needs], dtype=np.int64)
    # No grade gap and no location points: the score is the skill fit out of 100.
    ranking = matching.rank(held, required, np.ones(len(needs), dtype=bool),
                            np.zeros(person_ids.shape[0], dtype=np.int64),
                            np.zeros(person_ids.shape[0]))
    top = [int(i) for i in ranking.top(limit)]
    found = Person.objects.select_related("organisation", "grade").in_bulk(
        [int(person_ids[i]) for i in top])
    names = [r.skill.name for r in needs]
    return [Candidate(found[int(person_ids[i])], round(float(ranking.scores[i]), 1),
                      matching.explain(ranking, i, names)) for i in top
            if int(person_ids[i]) in found]
