"""Calendar events and their iCalendar (RFC 5545) text, with the icalendar package.

Plain Python: no Django. Every deadline Cadre holds is a date (a cycle's closing day, a
move's start date, a vacancy's closing date), so every event is an all-day event; a window
(an appraisal cycle) spans its first to its last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

PRODUCT_ID = "-//Cadre//Personal deadlines//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One deadline or window in a person's calendar."""

    #: Stable across fetches, so calendars update an event instead of adding another.
    uid: str
    summary: str
    #: The first (or only) day.
    start: dt.date
    #: The last day of a window, inclusive; None for a one-day event.
    last_day: dt.date | None = None
    description: str = ""
    #: The page about it, as an absolute address.
    url: str = ""
    #: The same page's path on this site (for links on Cadre's own pages).
    path: str = ""
    #: What sort of deadline it is (``assessment-due``, ``review-due``, ``appraisal-window``,
    #: ``move-start``, ``vacancy-closes``).
    kind: str = ""

    @property
    def end(self) -> dt.date:
        """The day after the last day: iCalendar's all-day DTEND is exclusive."""
        return (self.last_day or self.start) + dt.timedelta(days=1)

    def as_dict(self) -> dict:
        return {"uid": self.uid, "kind": self.kind, "summary": self.summary,
                "start": self.start.isoformat(),
                "last_day": (self.last_day or self.start).isoformat(),
                "description": self.description, "url": self.url}


def render_calendar(events: Iterable[CalendarEvent], *, name: str,
                    stamp: dt.datetime) -> bytes:
    """The iCalendar text of ``events``; ``stamp`` (UTC) is every event's DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Hints for how often a subscribing calendar should fetch the feed again.
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")
        description = item.description
        if item.url:
            event.add("url", item.url)
            description = f"{description}\n\n{item.url}" if description else item.url
        if description:
            event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()
