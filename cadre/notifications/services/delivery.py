"""GOV.UK Notify's delivery status read back, and addresses that cannot be delivered to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.notifications.backends import DeliveryFailed, fetch_delivery_status
from cadre.notifications.models import (
    BOUNCED,
    FINAL_DELIVERY,
    UNDELIVERED,
    AddressProblem,
    Message,
)
from cadre.notifications.selectors import awaiting_delivery_check


@dataclass
class DeliveryCheck:
    """What one run of ``check_delivery`` found."""

    checked: int = 0
    delivered: int = 0
    pending: int = 0
    undelivered: int = 0
    bounced: int = 0
    errors: list[str] = field(default_factory=list)
    #: Messages still waiting for a final status (to be checked again later).
    pending_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.checked} checked: {self.delivered} delivered, {self.undelivered} "
                f"not delivered ({self.bounced} bounced), {self.pending} still sending, "
                f"{len(self.errors)} could not be checked.")


#: The most messages one run of ``check_delivery`` asks GOV.UK Notify about (docs/limits.md).
CHECK_BATCH = 500


def check_delivery(*, message_ids: Iterable[int] | None = None,
                   actor: Actor | Any | None = None) -> DeliveryCheck:
    """Read GOV.UK Notify's delivery status back for messages it accepted and whose status
    is not final yet (all of them, oldest first, or those in ``message_ids``), at most
    ``CHECK_BATCH`` a run.

    Each status is stored on its message; a permanent failure (a bounce) flags the address
    (``AddressProblem``) for the person's head of profession, audited. Notify is asked
    outside any transaction; each answer is stored in a short one that locks the message.
    A message Notify cannot be asked about stays as it was and is named in ``errors``.
    """
    report = DeliveryCheck()
    candidates = list(awaiting_delivery_check(message_ids)
                      .values_list("pk", "notify_id")[:CHECK_BATCH])
    for message_id, notify_id in candidates:
        try:
            status = fetch_delivery_status(notify_id)
        except DeliveryFailed as exc:
            report.errors.append(f"Message {message_id}: {exc}"[:500])
            continue
        message = _store_delivery(message_id=message_id, status=status, actor=actor)
        if message is None:
            continue
        report.checked += 1
        if status == "delivered":
            report.delivered += 1
        elif status in UNDELIVERED:
            report.undelivered += 1
            report.bounced += status == BOUNCED
        elif status not in FINAL_DELIVERY:
            report.pending += 1
            report.pending_ids.append(message_id)
    return report


@transaction.atomic
def _store_delivery(*, message_id: int, status: str,
                    actor: Actor | Any | None) -> Message | None:
    message = Message.objects.select_for_update().filter(pk=message_id).first()
    if message is None or message.delivery_status in FINAL_DELIVERY:
        return None  # checked by another run meanwhile
    message.delivery_status, message.delivery_checked_at = status, timezone.now()
    message.save(update_fields=["delivery_status", "delivery_checked_at"])
    if status == BOUNCED:
        _flag_address(message=message, actor=actor)
    return message


def _flag_address(*, message: Message, actor: Actor | Any | None) -> AddressProblem:
    """Record (or record again) that ``message.to`` cannot be delivered to."""
    reason = "GOV.UK Notify could not deliver to it: the address does not exist or refused " \
             "the message (permanent failure)"
    action = None
    problem = AddressProblem.objects.select_for_update().filter(
        email__iexact=message.to).first()
    if problem is None:
        try:
            with transaction.atomic():  # a savepoint: a run that loses the race carries on
                problem = AddressProblem.objects.create(email=message.to.lower(),
                                                        reason=reason, message=message)
        except IntegrityError:  # another run flagged the address first
            problem = AddressProblem.objects.select_for_update().get(
                email__iexact=message.to)
        else:
            action = AuditEvent.Action.RECORD_CREATED
    if problem.message_id != message.pk:
        problem.reason, problem.message, problem.found_at = reason, message, timezone.now()
        problem.cleared_at = None
        problem.save(update_fields=["reason", "message", "found_at", "cleared_at"])
        action = AuditEvent.Action.RECORD_UPDATED
    if action is None:  # another run flagged the address for this very message
        return problem
    record_event(actor=actor, action=action, target=problem,
                 summary=f"Messages to {problem.email} cannot be delivered (message "
                         f"{message.pk} bounced)",
                 data={"message": message.pk, "notify_id": message.notify_id})
    return problem


@transaction.atomic
def clear_address_problem(*, actor: Actor | Any, email: str) -> AddressProblem | None:
    """Mark an address's delivery problem cleared (the address was corrected or confirmed);
    None when it has none. Whoever calls this has checked that the actor may: in Cadre the
    person's head of profession, through ``people.services.clear_address_problem``."""
    actor = Actor.coerce(actor)
    if not (actor.is_user or actor.trusted):
        raise PermissionDenied("Sign in to clear an address problem.")
    problem = AddressProblem.objects.select_for_update().filter(
        email__iexact=(email or "").strip(), cleared_at__isnull=True).first()
    if problem is None:
        return None
    problem.cleared_at = timezone.now()
    problem.save(update_fields=["cleared_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=problem,
                 summary=f"Delivery problem of {problem.email} marked cleared",
                 data={"found_at": problem.found_at.isoformat(), "reason": problem.reason})
    return problem
