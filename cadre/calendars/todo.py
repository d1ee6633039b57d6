"""What the home page lists from calendars: the link to the account's calendar feed page."""

from __future__ import annotations

from collections.abc import Sequence

from cadre.core.todo import HomeItem


def own(user: object) -> Sequence[HomeItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [HomeItem("Your calendar feed", "calendars:feed",
                     hint="your deadlines in Outlook, Google Calendar or another calendar")]
