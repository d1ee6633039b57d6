"""Writes for assessing an application (issue 16 point 4): an allocated assessor scores each
criterion (0 to 7 on the framework's skill level scale, with a comment) and submits; when
both have submitted, any criterion whose scores are more than ``RECONCILE_GAP`` apart sends
the application to reconciliation, otherwise straight to the review panel. In
reconciliation both assessors may change the flagged scores (with a comment) and then send
it to the panel. Interviews can be scheduled while the application is assessed.

Every write locks the application row first, so two assessors submitting at once cannot
both miss that the other has finished; states change only through
``services.workflow.transition_application``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.accreditation.models import (
    SCORE_RANGE,
    Allocation,
    Application,
    CriterionScore,
    Exclusion,
    Interview,
)
from cadre.accreditation.selectors.assessment import (
    active_allocations,
    active_assessor_person_ids,
    flagged_criteria,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.accreditation.services.workflow import transition_application
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import LONG_TEXT, check_text

#: A score with its comment, per criterion id.
Scores = Mapping[int, tuple[int, str]]

NOT_YOURS = "Only the assessor allocated to this application can do this."
SCORING_STATES = (Application.State.ASSESSING,)
INTERVIEW_STATES = (Application.State.ASSESSING, Application.State.RECONCILIATION,
                    Application.State.PANEL)


def _locked(application_id: int) -> Application:
    application = (Application.objects.select_for_update().select_related("criteria")
                   .filter(pk=application_id).first())
    if application is None:
        raise Application.DoesNotExist(f"No application {application_id}.")
    return application


def _own_allocation(actor: Actor, allocation_id: int) -> tuple[Allocation, Application]:
    """The allocation (and its application, locked) if the actor is its assessor."""
    allocation = Allocation.objects.select_related("assessor").filter(pk=allocation_id).first()
    if allocation is None:
        raise Allocation.DoesNotExist(f"No allocation {allocation_id}.")
    application = _locked(allocation.application_id)
    allocation = Allocation.objects.select_for_update().select_related("assessor").get(
        pk=allocation_id)
    if not actor.trusted and person_id_of(actor.user) != allocation.assessor.person_id:
        raise PermissionDenied(NOT_YOURS)
    if Exclusion.objects.filter(application_id=application.pk,
                                assessor_id=allocation.assessor_id).exists():
        raise PermissionDenied("You are excluded from assessing this application.")
    return allocation, application


def _check_score(criterion_id: int, value: Any, comment: Any) -> tuple[int, str]:
    field = f"criterion_{criterion_id}"
    if isinstance(value, bool) or not isinstance(value, int) or \
            not SCORE_RANGE[0] <= value <= SCORE_RANGE[1]:
        raise ValidationError({field: f"Give a whole score from {SCORE_RANGE[0]} to "
                                      f"{SCORE_RANGE[1]}."})
    return value, check_text((comment or "").strip(), field=f"{field}_comment",
                             max_length=LONG_TEXT)


def _criterion_ids(application: Application) -> list[int]:
    return list(application.criteria.criteria.order_by("position", "id")
                .values_list("pk", flat=True))


def _check_criteria(application: Application, scores: Scores) -> None:
    known = set(_criterion_ids(application))
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValidationError({"scores": f"Criterion {unknown[0]} is not one of this "
                                         "application's criteria."})


@transaction.atomic
def record_scores(*, actor: Actor | Any, allocation_id: int, scores: Scores
                  ) -> list[CriterionScore]:
    """Save (or change) the assessor's scores before they submit; ``scores`` maps a
    criterion id to (score, comment). Any subset of the criteria may be saved at a time."""
    actor = Actor.coerce(actor)
    allocation, application = _own_allocation(actor, allocation_id)
    if application.state not in SCORING_STATES:
        raise ValidationError({"scores": "Scores can be given only while the application is "
                                         "with its assessors."})
    if allocation.submitted_at is not None:
        raise ValidationError({"scores": "You have submitted your scores; they can change "
                                         "only in reconciliation."})
    _check_criteria(application, scores)
    saved = []
    for criterion_id, (value, comment) in sorted(scores.items()):
        value, comment = _check_score(criterion_id, value, comment)
        score, _ = CriterionScore.objects.update_or_create(
            allocation=allocation, criterion_id=criterion_id,
            defaults={"score": value, "comment": comment})
        saved.append(score)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=allocation,
                 summary=f"Scores saved for application {application.pk}",
                 data={"criteria": sorted(scores)})
    return saved


@transaction.atomic
def submit_scores(*, actor: Actor | Any, allocation_id: int) -> Allocation:
    """Submit the assessor's scores (every criterion scored). When the other assessor has
    submitted too, the application moves on: to reconciliation if any criterion's scores
    are more than one level apart, else to the review panel."""
    actor = Actor.coerce(actor)
    allocation, application = _own_allocation(actor, allocation_id)
    if application.state not in SCORING_STATES:
        raise ValidationError("Scores can be submitted only while the application is with "
                              "its assessors.")
    if allocation.submitted_at is not None:
        raise ValidationError("You have already submitted your scores.")
    missing = set(_criterion_ids(application)) - set(
        allocation.scores.values_list("criterion_id", flat=True))
    if missing:
        raise ValidationError({"scores": f"Score every criterion before you submit "
                                         f"({len(missing)} not scored yet)."})
    allocation.submitted_at = timezone.now()
    allocation._history_user = actor.user  # type: ignore[attr-defined]
    allocation.save(update_fields=["submitted_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=allocation,
                 summary=f"Scores submitted for application {application.pk}", data={})
    allocations = list(active_allocations(application.pk))
    if len(allocations) >= 2 and all(a.submitted_at for a in allocations):  # noqa: PLR2004
        flagged = flagged_criteria(application.pk)
        transition_application(
            actor=actor, application_id=application.pk,
            action="reconcile" if flagged else "to_panel",
            reason=(f"{len(flagged)} criteria scored more than one level apart" if flagged
                    else "Both assessors submitted"))
    return allocation


@transaction.atomic
def reconcile_score(*, actor: Actor | Any, allocation_id: int, criterion_id: int, score: int,
                    comment: str) -> CriterionScore:
    """In reconciliation, an assessor changes their score of a flagged criterion (a comment
    saying why is required)."""
    actor = Actor.coerce(actor)
    allocation, application = _own_allocation(actor, allocation_id)
    if application.state != Application.State.RECONCILIATION:
        raise ValidationError("Scores are reconciled only while the application is in "
                              "reconciliation.")
    if criterion_id not in flagged_criteria(application.pk, include_reconciled=True):
        raise ValidationError({f"criterion_{criterion_id}": "Only criteria flagged for "
                                                            "reconciliation can change."})
    value, comment = _check_score(criterion_id, score, comment)
    if not comment:
        raise ValidationError({f"criterion_{criterion_id}_comment":
                               "Say why the score changed (or why it stands)."})
    row = CriterionScore.objects.select_for_update().get(allocation=allocation,
                                                         criterion_id=criterion_id)
    before = row.score
    row.score, row.comment, row.reconciled = value, comment, True
    row._history_user = actor.user  # type: ignore[attr-defined]
    row.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Score reconciled on application {application.pk}",
                 data={"criterion": criterion_id, "from": before, "to": value})
    return row


@transaction.atomic
def finish_reconciliation(*, actor: Actor | Any, application_id: int, reason: str = ""
                          ) -> Application:
    """Send a reconciled application to the review panel. An assessor may once no
    criterion is more than one level apart; the scheme runners may at any time, with a
    reason (the panel sees the disagreement)."""
    actor = Actor.coerce(actor)
    application = _locked(application_id)
    me = person_id_of(actor.user)
    runner = actor.trusted or (runs_scheme(actor.user) and me != application.person_id)
    if not runner and me not in active_assessor_person_ids(application.pk):
        raise PermissionDenied(NOT_YOURS)
    still = flagged_criteria(application.pk)
    if still and not runner:
        raise ValidationError(f"{len(still)} criteria are still scored more than one level "
                              "apart: reconcile them, or ask the central team to send the "
                              "application to the panel.")
    if still and not (reason or "").strip():
        raise ValidationError({"reason": "Say why the panel should decide while the "
                                         "assessors still disagree."})
    return transition_application(actor=actor, application_id=application.pk,
                                  action="to_panel",
                                  reason=reason or "Assessors reconciled their scores")


MAX_INTERVIEW_PLACE = 200


@transaction.atomic
def schedule_interview(*, actor: Actor | Any, application_id: int, starts_at: dt.datetime,
                       place: str = "", notes: str = "") -> Interview:
    """An allocated assessor or a scheme runner schedules an interview with the applicant
    while the application is assessed or with the panel."""
    actor = Actor.coerce(actor)
    application = _locked(application_id)
    me = person_id_of(actor.user)
    if not (actor.trusted or (runs_scheme(actor.user) and me != application.person_id)
            or me in active_assessor_person_ids(application.pk)):
        raise PermissionDenied("Only the application's assessors or the central team can "
                               "schedule an interview.")
    if application.state not in INTERVIEW_STATES:
        raise ValidationError("An interview can be scheduled only while the application is "
                              "assessed or with the panel.")
    if not isinstance(starts_at, dt.datetime):
        raise ValidationError({"starts_at": "Enter the date and time of the interview."})
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": "The interview must be in the future."})
    interview = Interview(
        application=application, starts_at=starts_at, scheduled_by=actor.user,
        place=check_text((place or "").strip(), field="place", max_length=MAX_INTERVIEW_PLACE),
        notes=check_text((notes or "").strip(), field="notes", max_length=LONG_TEXT))
    interview.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=interview,
                 summary=f"Interview scheduled for application {application.pk}",
                 data={"starts_at": starts_at.isoformat()})
    return interview
