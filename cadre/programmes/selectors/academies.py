"""Reads of the IT and CIO Academies, scoped to the account.

- academies, their prospectus, rounds and criteria hold no one's data: every signed-in
  account sees them (the prospectus is published);
- candidates (nominations, applications, decisions with feedback): the central team all;
  heads of profession those of their organisations; a person their own;
- panel scores and moderation: the central team only;
- members of a cadre and the interventions' attendance: the central team, heads of
  profession (their organisations' people), members their own; feedback comments are
  shown to the central team only (quality assurance shows the means).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from cadre.access.scope import scope_for
from cadre.people.models import Person
from cadre.programmes import quality
from cadre.programmes.models import (
    Academy,
    Attendance,
    Cadre,
    Candidate,
    Intervention,
    Membership,
    Score,
    SelectionRound,
)
from cadre.programmes.selectors.common import is_central
from cadre.programmes.selectors.common import person_id_of as _person_id


def _orgs(user: Any) -> frozenset[int]:
    return scope_for(user).profession_organisations


def visible_academies(user: Any) -> QuerySet[Academy]:
    qs = Academy.objects.prefetch_related("eligible_grades")
    return qs if scope_for(user).authenticated else qs.none()


def visible_rounds(user: Any) -> QuerySet[SelectionRound]:
    qs = SelectionRound.objects.select_related("academy", "cadre")
    return qs if scope_for(user).authenticated else qs.none()


def visible_cadres(user: Any) -> QuerySet[Cadre]:
    qs = Cadre.objects.select_related("academy")
    return qs if scope_for(user).authenticated else qs.none()


def _own_or_organisations(qs: QuerySet, user: Any, organisation: str) -> QuerySet:
    """Everything for the central team; otherwise the rows of the account's organisations
    (``organisation``: the lookup to the row's organisation) and the account's own."""
    if not scope_for(user).authenticated:
        return qs.none()
    if is_central(user):
        return qs
    q = Q(**{f"{organisation}__in": _orgs(user)})
    if (person_id := _person_id(user)) is not None:
        q |= Q(person_id=person_id)
    return qs.filter(q)


def visible_candidates(user: Any) -> QuerySet[Candidate]:
    qs = Candidate.objects.select_related("person", "organisation", "round__academy")
    return _own_or_organisations(qs, user, "organisation_id")


def visible_scores(user: Any) -> QuerySet[Score]:
    qs = Score.objects.select_related("criterion", "assessor", "candidate")
    return qs if is_central(user) else qs.none()


def visible_members(user: Any) -> QuerySet[Membership]:
    qs = Membership.objects.select_related("person__organisation", "person__grade", "cadre")
    return _own_or_organisations(qs, user, "person__organisation_id")


def visible_attendances(user: Any) -> QuerySet[Attendance]:
    qs = Attendance.objects.select_related("person", "intervention")
    return _own_or_organisations(qs, user, "person__organisation_id")


def may_nominate(user: Any, person: Person) -> bool:
    """Heads of profession nominate their own organisations' people; the central team any."""
    return is_central(user) or person.organisation_id in _orgs(user)


def eligible_people(academy: Academy) -> QuerySet[Person]:
    """People at one of the academy's grades (or a grade mapped onto one) who are in the
    profession according to the workforce data."""
    grades = list(academy.eligible_grades.values_list("pk", flat=True))
    return (Person.objects.filter(Q(grade_id__in=grades)
                                  | Q(grade__civil_service_equivalent_id__in=grades),
                                  workforce__in_profession=True)
            .select_related("organisation", "grade").order_by("last_name", "first_name", "pk"))


def nominable_people(user: Any, round_: SelectionRound) -> QuerySet[Person]:
    qs = eligible_people(round_.academy).exclude(academy_candidacies__round=round_)
    return qs if is_central(user) else qs.filter(organisation_id__in=_orgs(user))


def feedback_threshold() -> float:
    return float(getattr(settings, "CADRE_ACADEMY_FEEDBACK_THRESHOLD",
                         quality.DEFAULT_THRESHOLD))


def feedback_min_responses() -> int:
    return int(getattr(settings, "CADRE_ACADEMY_FEEDBACK_MIN_RESPONSES",
                       quality.DEFAULT_MIN_RESPONSES))


def quality_assurance(academy: Academy) -> dict[str, list[tuple[Any, quality.Quality]]]:
    """Each intervention's and each provider's mean feedback, flagged when below the
    threshold (aggregates: shown to everyone who sees the academy)."""
    rows = list(Attendance.objects.filter(intervention__cadre__academy=academy,
                                          feedback_score__isnull=False)
                .values_list("intervention_id", "intervention__provider_id", "feedback_score"))
    kw = {"threshold": feedback_threshold(), "min_responses": feedback_min_responses()}
    by_intervention = quality.assess(((i, s) for i, _, s in rows), **kw)
    by_provider = quality.assess(((p, s) for _, p, s in rows), **kw)
    interventions = (Intervention.objects.filter(cadre__academy=academy)
                     .select_related("provider", "cadre"))
    providers = {i.provider_id: i.provider for i in interventions}
    empty = quality.Quality
    return {
        "interventions": [(i, by_intervention.get(i.pk, empty(i.pk, 0, None, False)))
                          for i in interventions],
        "providers": [(p, by_provider.get(pk, empty(pk, 0, None, False)))
                      for pk, p in sorted(providers.items(), key=lambda kv: kv[1].name)],
    }


def candidate_total(candidate: Candidate) -> float | None:
    """The weighted mean panel score (0-4), or the moderated score when set."""
    if candidate.moderated_score is not None:
        return float(candidate.moderated_score)
    scores = list(candidate.scores.select_related("criterion"))
    if not scores:
        return None
    weight = sum(s.criterion.weight for s in scores)
    return round(sum(s.value * s.criterion.weight for s in scores) / weight, 2)


def _capability(person_ids: set[int], on: Any) -> dict[int, float]:
    """Each person's mean assessed level (ordinal) over skills, latest assessment per skill
    on or before ``on`` (None: up to now)."""
    from cadre.assessments.models import SkillAssessment

    qs = SkillAssessment.objects.filter(person_id__in=person_ids, level__isnull=False)
    if on is not None:
        qs = qs.filter(assessed_on__lte=on)
    latest: dict[tuple[int, int], tuple[Any, int]] = {}
    for pid, skill, day, ordinal in qs.values_list("person_id", "skill_id", "assessed_on",
                                                   "level__ordinal"):
        key = (pid, skill)
        if key not in latest or latest[key][0] <= day:
            latest[key] = (day, ordinal)
    sums: dict[int, list[int]] = {}
    for (pid, _), (_, ordinal) in latest.items():
        sums.setdefault(pid, []).append(ordinal)
    return {pid: sum(v) / len(v) for pid, v in sums.items()}


def _grades_at(person_ids: set[int], on: Any) -> dict[int, int | None]:
    """Each person's grade on a day, from the person's history (the current grade when
    there is no history from before that day)."""
    grades: dict[int, int | None] = {}
    for pid, grade_id in (Person.history.filter(id__in=person_ids, history_date__date__lte=on)
                          .order_by("id", "history_date").values_list("id", "grade_id")):
        grades[pid] = grade_id  # the last one before the day wins
    for pid, grade_id in Person.objects.filter(pk__in=person_ids).values_list("pk", "grade_id"):
        grades.setdefault(pid, grade_id)
    return grades


def evaluation(academy: Academy, *, min_cell: int = 5) -> dict[str, Any]:
    """Members' promotion and skill growth against similar non-members (same grade and
    starting capability band at the cadre's start, same role family today); see
    ``programmes.evaluation`` for the method. Aggregates only, small cells suppressed.

    Limits (the academy page states them): role family is today's; a person with no
    history from before the cadre's start is compared on their current grade (so cannot
    show as promoted); non-members are drawn from those eligible today."""
    import datetime as dt

    from cadre.organisations.models import Grade
    from cadre.programmes import evaluation as ev

    today = dt.date.today()
    ranks = dict(Grade.objects.values_list("pk", "rank"))
    member_ids_all = set(Membership.objects.filter(cadre__academy=academy)
                         .values_list("person_id", flat=True))
    pool = set(eligible_people(academy).values_list("pk", flat=True)) - member_ids_all
    families = dict(Person.objects.filter(pk__in=pool | member_ids_all)
                    .values_list("pk", "workforce__role_level__role__family_id"))
    current_grade = dict(Person.objects.filter(pk__in=pool | member_ids_all)
                         .values_list("pk", "grade_id"))
    cap_now = _capability(pool | member_ids_all, None)
    promo_m, promo_o, growth_m, growth_o = [], [], [], []
    for cadre in Cadre.objects.filter(academy=academy, starts_on__lte=today):
        members = set(cadre.memberships.values_list("person_id", flat=True))
        people = members | pool
        grade_then = _grades_at(people, cadre.starts_on)
        cap_then = _capability(people, cadre.starts_on)
        for pid in people:
            band = round(cap_then[pid]) if pid in cap_then else None
            stratum = (grade_then.get(pid), families.get(pid), band)
            before = ranks.get(grade_then.get(pid))
            after = ranks.get(current_grade.get(pid))
            promoted = float(before is not None and after is not None and after > before)
            (promo_m if pid in members else promo_o).append(ev.Subject(stratum, promoted))
            if pid in cap_then and pid in cap_now:
                (growth_m if pid in members else growth_o).append(
                    ev.Subject(stratum, cap_now[pid] - cap_then[pid]))
    return {"promotion": ev.compare(promo_m, promo_o, min_cell=min_cell),
            "skill_growth": ev.compare(growth_m, growth_o, min_cell=min_cell),
            "min_cell": min_cell}
