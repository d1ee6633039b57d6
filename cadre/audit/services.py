"""Writing audit events. Every service that changes data calls ``record_event``."""

from __future__ import annotations

from typing import Any

from django.db import models

from cadre.audit.models import AuditEvent


def record_event(
    *,
    actor: Any | None,
    action: str,
    summary: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the audit trail; ``actor`` may be None for the system."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_email=getattr(actor, "email", "") if is_user else "system",
        action=action,
        summary=summary[:500],
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
        ip_address=ip_address,
    )
