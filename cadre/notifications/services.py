"""Sending messages: checked, stored, and delivered by a background task (ADR 30)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.notifications.backends import DeliveryFailed, configured_backend, deliver
from cadre.notifications.kinds import kind_for
from cadre.notifications.models import Message, Preference

logger = logging.getLogger(__name__)


def send_message(*, kind: str, to: str, personalisation: dict[str, Any],
                 recipient: Any | None = None, actor: Actor | Any | None = None
                 ) -> Message | None:
    """Queue one message; None when the recipient chose "never" for a kind that is not
    mandatory. A missing or unknown personalisation field raises ``ValueError``.

    The message is saved (and audited) with the caller's transaction and handed to the
    background task when it commits, so a page never waits for GOV.UK Notify.
    """
    message_kind = kind_for(kind)
    values = message_kind.check(personalisation)
    if recipient is not None and not message_kind.mandatory and Preference.objects.filter(
            user=recipient, kind=kind, choice=Preference.Choice.NEVER).exists():
        return None
    subject, body = message_kind.render(values)
    with transaction.atomic():
        message = Message.objects.create(
            to=to, recipient=recipient, kind=kind, personalisation=values,
            subject=subject[:300], body=body, backend=configured_backend())
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=message,
                     summary=f"Message {kind} queued for {to}",
                     data={"kind": kind, "backend": message.backend})
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def absolute_link(path: str) -> str:
    """A link for a message: the service's public address (``CADRE_SITE_URL``) and path."""
    from django.conf import settings

    return settings.CADRE_SITE_URL.rstrip("/") + path


def _enqueue(message_id: int) -> None:
    from cadre.notifications.tasks import deliver_message

    try:
        deliver_message.enqueue(message_id)
    except Exception as exc:  # noqa: BLE001 - the queue may be down; the message says so
        logger.exception("Could not enqueue message %s", message_id)
        Message.objects.filter(pk=message_id).update(
            status=Message.Status.FAILED, error=f"Queue unreachable: {type(exc).__name__}")


@transaction.atomic
def deliver_queued(*, message_id: int) -> Message | None:
    """Send one queued message (the task's work); a message already handled is left."""
    message = Message.objects.select_for_update().filter(pk=message_id).first()
    if message is None or message.status != Message.Status.QUEUED:
        return message
    try:
        status, notify_id = deliver(message)
    except DeliveryFailed as exc:
        message.status, message.error = Message.Status.FAILED, str(exc)[:500]
    else:
        message.status, message.notify_id = status, notify_id
        message.sent_at = timezone.now()
    message.save(update_fields=["status", "notify_id", "error", "sent_at"])
    return message
