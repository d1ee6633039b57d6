"""Community events as iCalendar (RFC 5545) text, with the icalendar package.

Plain Python: no Django. Unlike the all-day deadlines of ``cadre.calendars.ics``, a
community event has a start and an end time, written in UTC (``DTSTART:20270114T093000Z``).
Each event keeps its ``UID`` for its whole life and carries its ``SEQUENCE``, which goes up
when its time, place or status changes, so a subscribed calendar replaces its copy instead
of adding another; a cancelled event stays in the feed with ``STATUS:CANCELLED`` so the
calendar shows (or removes) it as cancelled. The library escapes text (commas, semicolons,
backslashes, new lines) and folds long lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event, vDuration, vText

PRODUCT_ID = "-//Cadre//Community events//EN"
#: How often a subscribing calendar is asked to fetch the feed again.
REFRESH = dt.timedelta(hours=1)

CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("Event times must be timezone-aware.")
    return value.astimezone(dt.UTC)


@dataclass(frozen=True)
class FeedEvent:
    """One timed event as a calendar shows it."""

    uid: str
    sequence: int
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    #: When the event (or what this feed says about it) last changed.
    last_modified: dt.datetime
    cancelled: bool = False
    #: Plain text; the caller includes the page's address if it wants it read there too
    #: (many calendars show DESCRIPTION but not URL).
    description: str = ""
    location: str = ""
    #: The event's page, as an absolute address.
    url: str = ""

    @property
    def status(self) -> str:
        return CANCELLED if self.cancelled else CONFIRMED


def render_calendar(events: Iterable[FeedEvent], *, name: str, stamp: dt.datetime,
                    description: str = "") -> bytes:
    """The iCalendar text of ``events``; ``stamp`` (any timezone) is every DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # X- properties are not known to be text unless they say so: VALUE=TEXT makes the
    # library (and readers) escape and unescape commas, semicolons and new lines.
    calendar.add("x-wr-calname", vText(" ".join(name.split())),
                 parameters={"VALUE": "TEXT"})
    if description:
        calendar.add("x-wr-caldesc", vText(description), parameters={"VALUE": "TEXT"})
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    stamp = _utc(stamp)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(item.starts_at))
        event.add("dtend", _utc(item.ends_at))
        event.add("last-modified", _utc(item.last_modified))
        event.add("summary", f"Cancelled: {item.summary}" if item.cancelled else item.summary)
        event.add("status", item.status)
        event.add("transp", "TRANSPARENT" if item.cancelled else "OPAQUE")
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        if item.description:
            event.add("description", item.description)
        calendar.add_component(event)
    return calendar.to_ical()
