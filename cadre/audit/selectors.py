"""Reads of the audit trail (administrators only; see the permission map)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cadre.audit.models import AuditEvent


def audit_events(*, action: str = "", search: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if action:
        qs = qs.filter(action=action)
    if search:
        qs = qs.filter(Q(summary__icontains=search) | Q(actor_email__icontains=search))
    return qs


def export_rows(events: QuerySet[AuditEvent]):  # noqa: ANN201
    for e in events.iterator(chunk_size=2000):
        yield {
            "occurred_at": e.occurred_at.isoformat(),
            "actor": e.actor_email,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "summary": e.summary,
            "ip_address": e.ip_address or "",
        }


EXPORT_COLUMNS = (
    "occurred_at", "actor", "action", "target_type", "target_id", "summary", "ip_address",
)
