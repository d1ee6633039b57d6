"""The plain iCalendar writer (cadre.community.ics): every feed parses with the icalendar
library, times are UTC, text of any kind comes back as it went in, and SEQUENCE and
STATUS say what changed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from cadre.community.ics import FeedEvent, render_calendar

LONDON = ZoneInfo("Europe/London")
STAMP = dt.datetime(2027, 1, 2, 8, 0, tzinfo=dt.UTC)


def _event(**fields: object) -> FeedEvent:
    values = {"uid": "abc@community.cadre", "sequence": 0, "summary": "Meet-up",
              "starts_at": dt.datetime(2027, 7, 1, 10, 0, tzinfo=LONDON),
              "ends_at": dt.datetime(2027, 7, 1, 12, 30, tzinfo=LONDON),
              "last_modified": dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC)}
    values.update(fields)
    return FeedEvent(**values)


def _parse(body: bytes) -> tuple[Calendar, list]:
    calendar = Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def test_a_calendar_has_its_headers_and_timed_events_in_utc() -> None:
    body = render_calendar([_event(location="Room 1", url="https://cadre.example/e/1",
                                   description="Bring a laptop")],
                           name="Delivery network events", stamp=STAMP)
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar, events = _parse(body)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Delivery network events"
    assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(hours=1)
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    (event,) = events
    # 10:00 in London in July is 09:00 UTC, written with a Z.
    assert b"DTSTART:20270701T090000Z" in body
    assert b"DTEND:20270701T113000Z" in body
    assert event["DTSTART"].dt == dt.datetime(2027, 7, 1, 9, 0, tzinfo=dt.UTC)
    assert event["DTSTAMP"].dt == STAMP
    assert event["LAST-MODIFIED"].dt == dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC)
    assert str(event["UID"]) == "abc@community.cadre"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Meet-up"
    assert str(event["LOCATION"]) == "Room 1"
    assert str(event["URL"]) == "https://cadre.example/e/1"
    assert str(event["DESCRIPTION"]) == "Bring a laptop"


def test_a_cancelled_event_says_so_and_keeps_its_uid() -> None:
    body = render_calendar([_event(sequence=3, cancelled=True)], name="x", stamp=STAMP)
    _, (event,) = _parse(body)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 3
    assert str(event["UID"]) == "abc@community.cadre"
    assert str(event["SUMMARY"]) == "Cancelled: Meet-up"
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_awkward_text_round_trips() -> None:
    title = "Data, AI; and \"delivery\"\nPart 2: Café – Łódź 東京 \\ back"
    description = "Line one;\nline two, with commas\n\nÜnïcødé 🎉"
    location = "Room 3, Floor 2; 10 Downing St"
    body = render_calendar([_event(summary=title, description=description,
                                   location=location)],
                           name="Café, network; \"x\"", stamp=STAMP)
    # The library escapes: no raw new line or unescaped comma or semicolon in a value.
    assert b"Data\\, AI\\; and" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar, (event,) = _parse(body)
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == location
    assert str(calendar["X-WR-CALNAME"]) == "Café, network; \"x\""


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_calendar([_event(starts_at=dt.datetime(2027, 7, 1, 10, 0))], name="x",
                        stamp=STAMP)


def test_an_empty_calendar_is_valid() -> None:
    calendar, events = _parse(render_calendar([], name="Nothing", stamp=STAMP))
    assert events == [] and str(calendar["PRODID"])


# Text with no control characters but new lines (iCalendar text cannot hold the others).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                      whitelist_characters="\n"), min_size=1, max_size=120)


@settings(max_examples=150, deadline=None)
@given(summary=TEXT, description=TEXT, location=TEXT, sequence=st.integers(0, 10_000),
       minutes=st.integers(1, 60 * 24 * 3))
def test_any_text_and_times_round_trip(summary: str, description: str, location: str,
                                       sequence: int, minutes: int) -> None:
    start = dt.datetime(2027, 3, 28, 0, 30, tzinfo=LONDON)  # the clocks change that night
    # Elapsed time: add in UTC (adding to a London time adds wall-clock time).
    end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(LONDON)
    item = _event(summary=summary, description=description, location=location,
                  sequence=sequence, starts_at=start, ends_at=end)
    calendar, (event,) = _parse(render_calendar([item], name=summary, stamp=STAMP))
    assert str(calendar["X-WR-CALNAME"]) == " ".join(summary.split())
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == location
    assert int(event["SEQUENCE"]) == sequence
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=minutes)
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
