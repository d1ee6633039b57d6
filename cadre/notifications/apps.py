from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Messages to people through GOV.UK Notify or the local outbox (ADR 30)."""

    name = "cadre.notifications"
    label = "notifications"

    def ready(self) -> None:
        from cadre.core.navigation import HEADER, NavEntry, register

        register(NavEntry("Messages sent", "notifications:outbox", HEADER, 125,
                          "Every message Cadre sent, and those that failed or bounced."))
