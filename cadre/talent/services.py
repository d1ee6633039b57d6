"""Writes for talent identification and succession: appraisal cycles, nine-box ratings
and their calibration, talent pools, development actions, critical posts and successors.

Every write is audited. Who may call each one is decided by the caller with the
checks in ``selectors_identification`` (``may_manage_organisation`` and friends);
these functions check the data itself.

Decision: a line manager rates anyone in the chain below them (direct reports and
their reports), not only direct reports, so a manager can cover a gap in the chain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import chain_filter
from cadre.talent.models import (
    AppraisalCycle,
    CriticalPost,
    DevelopmentAction,
    PoolMembership,
    Rating,
    Readiness,
    Successor,
    TalentPool,
    TalentRating,
)

_LEVELS = {c.value for c in Rating}


def _level(value: object, field: str) -> int:
    if isinstance(value, bool) or value not in _LEVELS:
        raise ValidationError({field: "Choose 1 (low), 2 (medium) or 3 (high)."})
    return int(value)  # type: ignore[arg-type]


def _text(value: str, field: str, what: str, max_length: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter {what}."})
    if len(value) > max_length:
        raise ValidationError({field: f"Keep {what} to {max_length} characters."})
    return value


# --- Appraisal cycles and ratings --------------------------------------------------------

@transaction.atomic
def open_cycle(*, actor: Any, organisation: Organisation, name: str, opens_on: dt.date,
               closes_on: dt.date) -> AppraisalCycle:
    """Open an appraisal cycle in which line managers rate their people."""
    name = _text(name, "name", "a name for the cycle")
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The cycle must close on or after it opens."})
    if AppraisalCycle.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": "This organisation already has a cycle of that name."})
    cycle = AppraisalCycle(organisation=organisation, name=name, opens_on=opens_on,
                           closes_on=closes_on,
                           created_by=actor if getattr(actor, "is_authenticated", False)
                           else None)
    cycle._history_user = actor
    cycle.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=cycle,
                 summary=f"Appraisal cycle {name} opened for {organisation.abbreviation}",
                 data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()})
    return cycle


def in_chain_below(manager: Person, person: Person) -> bool:
    """Whether ``person`` is somewhere below ``manager`` in the line-management chain."""
    if manager.pk == person.pk:
        return False
    return Person.objects.filter(chain_filter(manager.pk), pk=person.pk).exists()


@transaction.atomic
def rate(*, actor: Any, rater: Person, cycle: AppraisalCycle, person: Person,
         performance: int, potential: int, today: dt.date | None = None) -> TalentRating:
    """A line manager's nine-box rating of someone in their chain, during the cycle.

    Rating again replaces the manager's rating until the head of profession has
    calibrated it; after that the rating is settled for the cycle.
    """
    performance = _level(performance, "performance")
    potential = _level(potential, "potential")
    today = today or timezone.localdate()
    if not cycle.opens_on <= today <= cycle.closes_on:
        raise ValidationError({"cycle": f"The cycle {cycle.name} is not open today; it runs "
                                        f"from {cycle.opens_on} to {cycle.closes_on}."})
    if person.organisation_id != cycle.organisation_id:
        raise ValidationError({"person": "This person is not in the cycle's organisation."})
    if not in_chain_below(rater, person):
        raise ValidationError({"person": "You can rate only people in your line-management "
                                         "chain."})
    rating = TalentRating.objects.select_for_update().filter(cycle=cycle, person=person).first()
    created = rating is None
    if rating is None:
        rating = TalentRating(cycle=cycle, person=person)
    elif rating.calibrated_at is not None:
        raise ValidationError({"person": "This rating has been calibrated and cannot change."})
    rating.performance, rating.potential = performance, potential
    rating.rated_by = actor if getattr(actor, "is_authenticated", False) else None
    rating._history_user = actor
    rating.save()
    record_event(actor=actor,
                 action=AuditEvent.Action.RECORD_CREATED if created
                 else AuditEvent.Action.RECORD_UPDATED,
                 target=rating, summary=f"Nine-box rating of {person.staff_number} in "
                                        f"{cycle.name}",
                 data={"performance": performance, "potential": potential,
                       "rater": rater.staff_number})
    return rating


@transaction.atomic
def calibrate(*, actor: Any, rating: TalentRating, performance: int, potential: int,
              reason: str) -> TalentRating:
    """The head of profession's adjustment, kept beside the line manager's rating."""
    performance = _level(performance, "performance")
    potential = _level(potential, "potential")
    reason = _text(reason, "reason", "the reason for the adjustment", 2000)
    rating = TalentRating.objects.select_for_update().get(pk=rating.pk)
    before = (rating.final_performance, rating.final_potential)
    rating.calibrated_performance, rating.calibrated_potential = performance, potential
    rating.calibration_reason = reason
    rating.calibrated_by = actor if getattr(actor, "is_authenticated", False) else None
    rating.calibrated_at = timezone.now()
    rating._history_user = actor
    rating.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=rating,
                 summary=f"Nine-box rating of {rating.person.staff_number} calibrated",
                 data={"from": list(before), "to": [performance, potential],
                       "rated": [rating.performance, rating.potential], "reason": reason})
    return rating


# --- Talent pools ------------------------------------------------------------------------

@transaction.atomic
def create_pool(*, actor: Any, name: str, organisation: Organisation | None,
                description: str = "", review_on: dt.date | None = None) -> TalentPool:
    """A talent pool for one organisation, or cross-government when ``organisation`` is None."""
    name = _text(name, "name", "a name for the pool")
    if TalentPool.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": "There is already a pool of that name here."})
    pool = TalentPool(name=name, organisation=organisation, description=description.strip(),
                      review_on=review_on,
                      created_by=actor if getattr(actor, "is_authenticated", False) else None)
    pool._history_user = actor
    pool.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=pool,
                 summary=f"Talent pool {name} created",
                 data={"organisation": organisation.abbreviation if organisation
                       else "cross-government"})
    return pool


@transaction.atomic
def add_member(*, actor: Any, pool: TalentPool, person: Person,
               review_on: dt.date | None = None, note: str = "") -> PoolMembership:
    """Add a person to a pool, with the date their place is next reviewed."""
    if pool.organisation_id and person.organisation_id != pool.organisation_id:
        raise ValidationError({"person": "This pool is for another organisation's people."})
    if PoolMembership.objects.filter(pool=pool, person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already in this pool."})
    membership = PoolMembership(pool=pool, person=person, review_on=review_on,
                                note=note.strip())
    membership._history_user = actor
    membership.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=membership,
                 summary=f"{person.staff_number} added to talent pool {pool.name}",
                 data={"review_on": review_on.isoformat() if review_on else None})
    return membership


@transaction.atomic
def review_member(*, actor: Any, membership: PoolMembership, review_on: dt.date | None,
                  note: str) -> PoolMembership:
    """Record a review of a member's place: the next review date and a note."""
    before = membership.review_on
    membership.review_on, membership.note = review_on, note.strip()
    membership._history_user = actor
    membership.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=membership,
                 summary=f"Place of {membership.person.staff_number} in "
                         f"{membership.pool.name} reviewed",
                 data={"from": before.isoformat() if before else None,
                       "review_on": review_on.isoformat() if review_on else None})
    return membership


@transaction.atomic
def remove_member(*, actor: Any, membership: PoolMembership) -> None:
    """Take a person out of a pool (their development actions go with the membership)."""
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=membership.pool,
                 summary=f"{membership.person.staff_number} removed from talent pool "
                         f"{membership.pool.name}",
                 data={"person": membership.person_id})
    membership._history_user = actor
    membership.delete()


@transaction.atomic
def add_action(*, actor: Any, membership: PoolMembership, description: str,
               due_on: dt.date | None = None,
               status: str = DevelopmentAction.Status.PLANNED) -> DevelopmentAction:
    """A development action for a pool member."""
    description = _text(description, "description", "the development action", 500)
    if status not in DevelopmentAction.Status.values:
        raise ValidationError({"status": "Choose planned, in_progress or done."})
    action = DevelopmentAction(membership=membership, description=description, due_on=due_on,
                               status=status)
    action._history_user = actor
    action.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=action,
                 summary=f"Development action for {membership.person.staff_number} in "
                         f"{membership.pool.name}",
                 data={"due_on": due_on.isoformat() if due_on else None, "status": status})
    return action


@transaction.atomic
def set_action_status(*, actor: Any, action: DevelopmentAction, status: str
                      ) -> DevelopmentAction:
    if status not in DevelopmentAction.Status.values:
        raise ValidationError({"status": "Choose planned, in_progress or done."})
    before = action.status
    action.status = status
    action._history_user = actor
    action.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=action,
                 summary=f"Development action status {before} to {status}",
                 data={"from": before, "to": status})
    return action


# --- Succession --------------------------------------------------------------------------

@transaction.atomic
def create_critical_post(*, actor: Any, organisation: Organisation, title: str,
                         role_level: RoleLevel, incumbent: Person | None = None,
                         risk_of_loss: str = CriticalPost.Risk.MEDIUM,
                         risk_reason: str = "") -> CriticalPost:
    """Record a critical post and the risk of losing its incumbent."""
    title = _text(title, "title", "the post's title")
    if risk_of_loss not in CriticalPost.Risk.values:
        raise ValidationError({"risk_of_loss": "Choose low, medium or high."})
    if incumbent is not None and incumbent.organisation_id != organisation.pk:
        raise ValidationError({"incumbent": "The incumbent must work in the organisation."})
    if risk_of_loss == CriticalPost.Risk.HIGH and not risk_reason.strip():
        raise ValidationError({"risk_reason": "Say why the risk of loss is high."})
    if CriticalPost.objects.filter(organisation=organisation, title__iexact=title).exists():
        raise ValidationError({"title": "This organisation already has a post of that title."})
    post = CriticalPost(organisation=organisation, title=title, role_level=role_level,
                        incumbent=incumbent, risk_of_loss=risk_of_loss,
                        risk_reason=risk_reason.strip())
    post._history_user = actor
    post.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=post,
                 summary=f"Critical post {title} ({organisation.abbreviation}) recorded",
                 data={"role_level": role_level.name, "risk_of_loss": risk_of_loss,
                       "incumbent": incumbent.staff_number if incumbent else None})
    return post


@transaction.atomic
def update_critical_post(*, actor: Any, post: CriticalPost, risk_of_loss: str,
                         risk_reason: str = "", incumbent: Person | None = None,
                         role_level: RoleLevel | None = None) -> CriticalPost:
    """Change a post's incumbent, role level or risk of loss (and why)."""
    if risk_of_loss not in CriticalPost.Risk.values:
        raise ValidationError({"risk_of_loss": "Choose low, medium or high."})
    if risk_of_loss == CriticalPost.Risk.HIGH and not risk_reason.strip():
        raise ValidationError({"risk_reason": "Say why the risk of loss is high."})
    if incumbent is not None and incumbent.organisation_id != post.organisation_id:
        raise ValidationError({"incumbent": "The incumbent must work in the organisation."})
    if incumbent is not None and post.successors.filter(person=incumbent).exists():
        raise ValidationError({"incumbent": "Take them off the successors first."})
    before = {"risk_of_loss": post.risk_of_loss, "incumbent": post.incumbent_id,
              "role_level": post.role_level_id}
    post.risk_of_loss, post.risk_reason = risk_of_loss, risk_reason.strip()
    post.incumbent = incumbent
    if role_level is not None:
        post.role_level = role_level
    post._history_user = actor
    post.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=post,
                 summary=f"Critical post {post.title} ({post.organisation.abbreviation}) "
                         f"changed",
                 data={"before": before, "risk_of_loss": risk_of_loss,
                       "incumbent": incumbent.pk if incumbent else None,
                       "role_level": post.role_level_id})
    return post


@transaction.atomic
def add_successor(*, actor: Any, post: CriticalPost, person: Person, readiness: str,
                  note: str = "") -> Successor:
    """Name a successor for a critical post, with how soon they would be ready."""
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose now, 1_2_years or 3_plus_years."})
    if post.incumbent_id == person.pk:
        raise ValidationError({"person": "The incumbent cannot be their own successor."})
    if Successor.objects.filter(post=post, person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already a successor for "
                                         f"this post."})
    successor = Successor(post=post, person=person, readiness=readiness, note=note.strip())
    successor._history_user = actor
    successor.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=successor,
                 summary=f"{person.staff_number} named successor for {post.title}",
                 data={"readiness": readiness})
    return successor


@transaction.atomic
def set_readiness(*, actor: Any, successor: Successor, readiness: str) -> Successor:
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose now, 1_2_years or 3_plus_years."})
    before = successor.readiness
    successor.readiness = readiness
    successor._history_user = actor
    successor.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=successor,
                 summary=f"Readiness of {successor.person.staff_number} for "
                         f"{successor.post.title} changed",
                 data={"from": before, "to": readiness})
    return successor


@transaction.atomic
def remove_successor(*, actor: Any, successor: Successor) -> None:
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=successor.post,
                 summary=f"{successor.person.staff_number} no longer a successor for "
                         f"{successor.post.title}", data={"person": successor.person_id})
    successor._history_user = actor
    successor.delete()


def record_export(*, actor: Any, target: Any, summary: str, rows: int) -> None:
    """Audit an export of sensitive talent data."""
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, target=target, summary=summary,
                 data={"rows": rows})
