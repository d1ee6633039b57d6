"""Writes to the assessor pool: assessors, the families they assess, their capacity per
round and the conflicts of interest they declare.

Keyword-only, atomic and audited. The scheme runners manage the pool; an assessor may also
declare (and withdraw) their own conflicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.accreditation.models import (
    MAX_ASSESSOR_CAPACITY,
    AccreditationRound,
    Assessor,
    AssessorCapacity,
    DeclaredConflict,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.accreditation.services.common import require_scheme_runner, saved
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.framework.models import RoleFamily
from cadre.people.models import Person

_KEEP: Any = object()


def _capacity(value: Any, field: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (0 <= value <= MAX_ASSESSOR_CAPACITY)
    ):
        raise ValidationError({field: f"Give a whole number from 0 to {MAX_ASSESSOR_CAPACITY}."})
    return value


@transaction.atomic
def add_assessor(
    *,
    actor: Actor | Any,
    person: Person,
    families: Iterable[RoleFamily] = (),
    trained_on: dt.date | None = None,
    default_capacity: int = 5,
) -> Assessor:
    """Add a person to the pool (scheme runners)."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    if Assessor.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already an assessor."})
    assessor = saved(
        Assessor(
            person=person,
            trained_on=trained_on,
            default_capacity=_capacity(default_capacity, "default_capacity"),
        ),
        actor,
    )
    assessor.families.set(list(families))
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=assessor,
        summary=f"Assessor added: {person}",
        data={
            "families": sorted(f.pk for f in assessor.families.all()),
            "default_capacity": assessor.default_capacity,
        },
    )
    return assessor


@transaction.atomic
def update_assessor(
    *,
    actor: Actor | Any,
    assessor: Assessor,
    families: Iterable[RoleFamily] | None = None,
    trained_on: dt.date | None = _KEEP,
    default_capacity: int | None = None,
    active: bool | None = None,
) -> Assessor:
    """Change an assessor's families, training date, usual capacity or whether they are
    active (an inactive assessor is never allocated)."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    assessor = Assessor.objects.select_for_update().get(pk=assessor.pk)
    changed: dict[str, Any] = {}
    if trained_on is not _KEEP and trained_on != assessor.trained_on:
        assessor.trained_on = trained_on
        changed["trained_on"] = str(trained_on) if trained_on else None
    if default_capacity is not None and default_capacity != assessor.default_capacity:
        assessor.default_capacity = _capacity(default_capacity, "default_capacity")
        changed["default_capacity"] = default_capacity
    if active is not None and bool(active) != assessor.active:
        assessor.active = bool(active)
        changed["active"] = assessor.active
    saved(assessor, actor)
    if families is not None:
        wanted = sorted(f.pk for f in families)
        if wanted != sorted(assessor.families.values_list("pk", flat=True)):
            assessor.families.set(wanted)
            changed["families"] = wanted
    if changed:
        record_event(
            actor=actor,
            action=AuditEvent.Action.RECORD_UPDATED,
            target=assessor,
            summary=f"Assessor changed: {assessor.person}",
            data=changed,
        )
    return assessor


@transaction.atomic
def set_capacity(
    *, actor: Actor | Any, assessor: Assessor, round_: AccreditationRound, capacity: int
) -> AssessorCapacity:
    """How many applications the assessor takes in this round."""
    actor = Actor.coerce(actor)
    require_scheme_runner(actor)
    capacity = _capacity(capacity, "capacity")
    if round_.state == AccreditationRound.State.CLOSED:
        raise ValidationError({"round": "This round is closed."})
    row, _ = AssessorCapacity.objects.update_or_create(
        assessor=assessor, round=round_, defaults={"capacity": capacity}
    )
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_UPDATED,
        target=assessor,
        summary=f"Capacity of {assessor.person} in {round_}: {capacity}",
        data={"round": round_.pk, "capacity": capacity},
    )
    return row


def _may_manage_conflicts(actor: Actor, assessor: Assessor) -> None:
    if actor.trusted or runs_scheme(actor.user):
        return
    if person_id_of(actor.user) == assessor.person_id:
        return
    raise PermissionDenied("Only the assessor or the central profession team can do this.")


@transaction.atomic
def declare_conflict(
    *, actor: Actor | Any, assessor: Assessor, person: Person, reason: str
) -> DeclaredConflict:
    """Record that the assessor has a conflict of interest with a person: they are never
    allocated that person's applications."""
    actor = Actor.coerce(actor)
    _may_manage_conflicts(actor, assessor)
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    if not reason:
        raise ValidationError({"reason": "Say what the conflict of interest is."})
    if person.pk == assessor.person_id:
        raise ValidationError(
            {"person": "Assessors are never given their own application; choose someone else."}
        )
    if DeclaredConflict.objects.filter(assessor=assessor, person=person).exists():
        raise ValidationError({"person": f"A conflict with {person} is already declared."})
    conflict = DeclaredConflict.objects.create(assessor=assessor, person=person, reason=reason)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_CREATED,
        target=conflict,
        summary=f"{assessor.person} declared a conflict of interest with {person}",
        data={"assessor": assessor.pk, "person": person.pk},
    )
    return conflict


@transaction.atomic
def withdraw_conflict(*, actor: Actor | Any, conflict: DeclaredConflict) -> None:
    """Remove a declared conflict (exclusions already recorded stay)."""
    actor = Actor.coerce(actor)
    _may_manage_conflicts(actor, conflict.assessor)
    record_event(
        actor=actor,
        action=AuditEvent.Action.RECORD_DELETED,
        target=conflict,
        summary=f"{conflict.assessor.person} withdrew a conflict of interest with "
        f"{conflict.person}",
        data={"assessor": conflict.assessor_id, "person": conflict.person_id},
    )
    conflict.delete()
