"""Read-only API over the audit trail for administrators."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from cadre.audit import selectors
from cadre.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["id", "occurred_at", "actor_email", "action", "target_type", "target_id",
                  "summary", "data", "ip_address"]


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEventSerializer
    filterset_fields = ["action", "target_type", "target_id"]

    def get_queryset(self):  # noqa: ANN201
        return selectors.audit_events()
