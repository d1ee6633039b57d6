from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cadre.audit"
    label = "audit"

    def ready(self) -> None:
        from cadre.audit.services import record_event
        from cadre.core.navigation import HEADER, NavEntry, register
        from cadre.core.workflow import register_audit_recorder

        register_audit_recorder(record_event)
        register(NavEntry("Audit", "audit:list", HEADER, 130))
