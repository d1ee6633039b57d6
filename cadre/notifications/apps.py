from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Messages to people through GOV.UK Notify or the local outbox (ADR 30)."""

    name = "cadre.notifications"
    label = "notifications"
