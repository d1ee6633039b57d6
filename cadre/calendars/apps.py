from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    """Personal calendar feeds of a person's deadlines at a secret address (ADR 31)."""

    name = "cadre.calendars"
    label = "calendars"
    verbose_name = "Calendar feeds"

    def ready(self) -> None:
        from cadre.calendars import todo
        from cadre.core.todo import OWN, register_provider

        register_provider(OWN, "calendar-feed", todo.own, order=90)
