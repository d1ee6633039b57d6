"""Sending one message: checked, stored (held for the digest when so chosen) and delivered
by a background task when the caller's transaction commits (ADR 30)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.notifications.backends import DeliveryFailed, configured_backend, deliver
from cadre.notifications.kinds import MessageKind, kind_for
from cadre.notifications.models import Message, Preference

logger = logging.getLogger(__name__)

#: The longest subject the outbox keeps (``Message.subject``).
SUBJECT_LIMIT: int = Message._meta.get_field("subject").max_length


class SubjectTooLong(ValueError):
    """A message whose subject, filled in, is longer than ``SUBJECT_LIMIT``: it cannot be
    built, and is refused rather than cut. ``triggers.notify`` logs and skips it, so the
    action the message was about still stands."""


def choice_for(recipient: Any | None, message_kind: MessageKind) -> str:
    """How a message of this kind reaches this recipient: at once, weekly or never.

    Mandatory kinds always go at once; no recipient (an address only) means at once; a
    kind that only comes in the digest turns "at once" into "weekly".
    """
    if message_kind.mandatory:
        return Preference.Choice.AT_ONCE
    if recipient is None:
        if message_kind.digest_only:
            raise ValueError(f"Message {message_kind.key} goes in the weekly digest and "
                             "needs a recipient account.")
        return Preference.Choice.AT_ONCE
    choice = (Preference.objects.filter(user=recipient, kind=message_kind.key)
              .values_list("choice", flat=True).first()) or Preference.Choice.AT_ONCE
    if message_kind.digest_only and choice == Preference.Choice.AT_ONCE:
        return Preference.Choice.WEEKLY
    return choice


def send_message(*, kind: str, to: str, personalisation: dict[str, Any],
                 recipient: Any | None = None, actor: Actor | Any | None = None
                 ) -> Message | None:
    """Queue one message; None when the recipient chose "never" for a kind that is not
    mandatory. A missing or unknown personalisation field raises ``ValueError``, and a
    subject too long for the outbox ``SubjectTooLong`` (a ``ValueError`` too).

    The message is saved (and audited) with the caller's transaction and handed to the
    background task when it commits, so a page never waits for GOV.UK Notify. When the
    recipient chose a weekly digest for the kind (or the kind only comes in the digest)
    it is saved as held instead, and the next weekly digest carries it.
    """
    message_kind = kind_for(kind)
    values = message_kind.check(personalisation)
    choice = choice_for(recipient, message_kind)
    if choice == Preference.Choice.NEVER:
        return None
    return _store(message_kind, to=to, values=values, recipient=recipient, actor=actor,
                  held=choice == Preference.Choice.WEEKLY)


def _store(message_kind: MessageKind, *, to: str, values: dict[str, str],
           recipient: Any | None, actor: Actor | Any | None, held: bool = False,
           created_at: dt.datetime | None = None,
           data: dict[str, Any] | None = None) -> Message:
    """Save and audit one message; queue it for delivery on commit unless held. A subject
    longer than the outbox keeps raises ``SubjectTooLong`` (nothing is saved)."""
    subject, body = message_kind.render(values)
    if len(subject) > SUBJECT_LIMIT:
        raise SubjectTooLong(f"Message {message_kind.key}: the subject is {len(subject)} "
                             f"characters; the limit is {SUBJECT_LIMIT}.")
    with transaction.atomic():
        message = Message.objects.create(
            to=to, recipient=recipient, kind=message_kind.key, personalisation=values,
            subject=subject, body=body, backend=configured_backend(),
            status=Message.Status.HELD if held else Message.Status.QUEUED,
            created_at=created_at or timezone.now())
        what = "held for the weekly digest" if held else "queued"
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=message,
                     summary=f"Message {message_kind.key} {what} for {to}",
                     data={"kind": message_kind.key, "backend": message.backend,
                           "held": held, **(data or {})})
        if not held:
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
