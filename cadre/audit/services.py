"""Writing audit events. Every service that changes data calls ``record_event``."""

from __future__ import annotations

from typing import Any

from django.db import models

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor


def record_event(
    *,
    actor: Actor | Any | None,
    action: str,
    summary: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the audit trail.

    ``actor`` is an ``Actor``; a User (or None for the system) is still accepted while
    callers move over. The event names the actor: the account's email, ``cli:<osuser>``
    for the command line, or ``system``.
    """
    if action not in AuditEvent.Action.values:
        raise ValueError(f"{action!r} is not an audit action (AuditEvent.Action).")
    who = Actor.coerce(actor)
    return AuditEvent.objects.create(
        actor=who.user,
        actor_email=who.label[:254],
        action=action,
        summary=summary[:500],
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
        ip_address=ip_address,
    )
