"""Reads for assessing and deciding applications, scoped to the account (issue 16 point 4).

- An assessor sees only the applications allocated to them, and never one they are
  excluded from (an ``Exclusion`` row hides an allocation even if one exists).
- A score is seen by its own assessor at any time; by anyone else (the other assessor, the
  scheme runners) only once every assessor of the application has submitted. Applicants
  see the panel's decisions and reasons, not the scores.
- The panel pages are the scheme runners' (central team, administrators).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from cadre.accreditation.models import (
    RECONCILE_GAP,
    Allocation,
    Application,
    Criterion,
    CriterionScore,
    Exclusion,
    Interview,
    PanelDecision,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme

#: States in which an application is with the review panel (or its appeal panel).
PANEL_STATES = (Application.State.PANEL, Application.State.APPEALED)
#: States after assessment, shown on the panel list as decided.
DECIDED_STATES = (Application.State.AWARDED, Application.State.NOT_AWARDED)


def _excluded() -> Exists:
    return Exists(Exclusion.objects.filter(application_id=OuterRef("application_id"),
                                           assessor_id=OuterRef("assessor_id")))


def assessor_allocations(user: Any) -> QuerySet[Allocation]:
    """The account's own allocations (their assessing queue), never one they are excluded
    from, nor a withdrawn application."""
    me = person_id_of(user)
    if me is None:
        return Allocation.objects.none()
    return (Allocation.objects.filter(assessor__person_id=me, assessor__active=True)
            .exclude(_excluded())
            .exclude(application__state__in=[Application.State.WITHDRAWN,
                                             Application.State.DRAFT,
                                             Application.State.SUBMITTED])
            .select_related("application__person", "application__level__scheme",
                            "application__criteria")
            .order_by("submitted_at", "allocated_at", "id"))


def applications_for_assessor(user: Any) -> QuerySet[Application]:
    """Applications the account may read as an assessor (allocated, not excluded)."""
    return Application.objects.filter(
        pk__in=assessor_allocations(user).values("application_id"))


def active_allocations(application_id: int) -> QuerySet[Allocation]:
    """The application's allocations, less any of an assessor excluded from it (which
    should never exist, and then counts for nothing)."""
    return Allocation.objects.filter(application_id=application_id).exclude(_excluded())


def active_assessor_person_ids(application_id: int) -> set[int]:
    return set(active_allocations(application_id).values_list("assessor__person_id",
                                                              flat=True))


def all_submitted(application_id: int) -> bool:
    """Whether every assessor of the application (at least two) has submitted."""
    stamps = list(active_allocations(application_id).values_list("submitted_at", flat=True))
    return len(stamps) >= 2 and all(stamps)  # noqa: PLR2004


def flagged_criteria(application_id: int, *, include_reconciled: bool = False) -> set[int]:
    """Criteria whose assessors' scores are more than ``RECONCILE_GAP`` apart (with
    ``include_reconciled``, also those already changed in reconciliation). Internal: pages
    show it only once every assessor has submitted."""
    by_criterion: dict[int, list[int]] = {}
    reconciled: set[int] = set()
    for criterion_id, score, was_reconciled in CriterionScore.objects.filter(
            allocation__in=active_allocations(application_id)).values_list(
            "criterion_id", "score", "reconciled"):
        by_criterion.setdefault(criterion_id, []).append(score)
        if was_reconciled:
            reconciled.add(criterion_id)
    flagged = {c for c, s in by_criterion.items()
               if len(s) >= 2 and max(s) - min(s) > RECONCILE_GAP}  # noqa: PLR2004
    return flagged | reconciled if include_reconciled else flagged


def visible_scores(user: Any, application: Application) -> QuerySet[CriterionScore]:
    """The scores of an application the account may see: their own always; everyone's
    (for its allocated assessors and the scheme runners) once all have submitted."""
    me = person_id_of(user)
    base = (CriterionScore.objects.filter(allocation__in=active_allocations(application.pk))
            .select_related("allocation__assessor__person", "criterion"))
    allocated = me is not None and applications_for_assessor(user).filter(
        pk=application.pk).exists()
    runner = runs_scheme(user) and me != application.person_id
    if (allocated or runner) and all_submitted(application.pk):
        return base
    if allocated:
        return base.filter(allocation__assessor__person_id=me)
    return base.none()


@dataclass
class ScoreRow:
    """One criterion with the scores the reader may see."""

    criterion: Criterion
    scores: list[CriterionScore] = field(default_factory=list)
    flagged: bool = False
    statement: str = ""

    @property
    def gap(self) -> int | None:
        values = [s.score for s in self.scores]
        return max(values) - min(values) if len(values) >= 2 else None  # noqa: PLR2004


def score_rows(user: Any, application: Application) -> list[ScoreRow]:
    """Every criterion of the application with the scores the account may see; flags only
    when every assessor has submitted."""
    rows = {c.pk: ScoreRow(c) for c in application.criteria.criteria.order_by("position", "id")}
    for score in visible_scores(user, application):
        if score.criterion_id in rows:
            rows[score.criterion_id].scores.append(score)
    if all_submitted(application.pk):
        for row in rows.values():
            row.flagged = row.gap is not None and row.gap > RECONCILE_GAP
    return list(rows.values())


def panel_applications(user: Any) -> QuerySet[Application]:
    """For the scheme runners: applications with the panel or under appeal first, then the
    decided ones; nobody else sees this list."""
    if not runs_scheme(user):
        return Application.objects.none()
    me = person_id_of(user)
    qs = Application.objects.filter(state__in=[*PANEL_STATES, *DECIDED_STATES,
                                               Application.State.RECONCILIATION,
                                               Application.State.ASSESSING])
    if me is not None:
        qs = qs.exclude(person_id=me)
    return qs.select_related("person__organisation", "level__scheme").order_by(
        "-updated_at", "-id")


def decided_applications(user: Any) -> QuerySet[Application]:
    """Applications whose decision the account may read: their own, and (for the scheme
    runners) any but their own."""
    qs = Application.objects.select_related("level__scheme", "person")
    if runs_scheme(user):
        return qs
    me = person_id_of(user)
    return qs.filter(person_id=me) if me is not None else qs.none()


def decisions_for(application: Application) -> QuerySet[PanelDecision]:
    return application.decisions.prefetch_related("members").order_by("decided_at", "id")


def interviews_for(user: Any, application: Application) -> QuerySet[Interview]:
    """Interviews the account may see: the applicant's own, their assessors', the runners'."""
    me = person_id_of(user)
    if (me is not None and me == application.person_id) or runs_scheme(user) or \
            applications_for_assessor(user).filter(pk=application.pk).exists():
        return application.interviews.all()
    return Interview.objects.none()


def appeal_deadline(application: Application) -> dt.date | None:
    """The last day to appeal a "not awarded" decision (None when there is nothing to
    appeal, or it was appealed already)."""
    if application.state != Application.State.NOT_AWARDED or application.decided_at is None:
        return None
    if hasattr(application, "appeal_record"):
        return None
    days = application.level.scheme.appeal_days
    return application.decided_at.date() + dt.timedelta(days=days)


def involved_person_ids(application: Application) -> set[int]:
    """Everyone involved in the application so far: the applicant, the supporter, the
    allocated assessors, earlier panel members and whoever recorded a decision."""
    ids = {application.person_id}
    if application.supporter_id:
        ids.add(application.supporter_id)
    ids |= set(Allocation.objects.filter(application=application)
               .values_list("assessor__person_id", flat=True))
    for decision in application.decisions.all():
        ids |= set(decision.members.values_list("pk", flat=True))
        who = person_id_of(decision.decided_by) if decision.decided_by_id else None
        if who is not None:
            ids.add(who)
    return ids


def conflicted_person_ids(application: Application) -> set[int]:
    """People who may not sit on the first review panel: the applicant, the supporter and
    any assessor excluded from the application by a conflict of interest."""
    ids = {application.person_id}
    if application.supporter_id:
        ids.add(application.supporter_id)
    ids |= set(Exclusion.objects.filter(application=application)
               .values_list("assessor__person_id", flat=True))
    return ids
