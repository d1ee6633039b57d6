from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    """Personal calendar feeds of a person's deadlines at a secret address (ADR 31).

    The home page links to the feed page for every account (core/home.html), beside
    "Messages you get", rather than under "Your record", which is for a person's own record.
    """

    name = "cadre.calendars"
    label = "calendars"
    verbose_name = "Calendar feeds"
