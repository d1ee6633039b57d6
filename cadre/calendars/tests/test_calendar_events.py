"""The feed holds exactly the deadlines that concern the account's person, with the right
dates and stable UIDs, and parses as iCalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from cadre.calendars import selectors, services
from cadre.calendars.ics import CalendarEvent, render_calendar
from cadre.calendars.tests.calendar_setup import cal  # noqa: F401 - fixture
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SITE = "https://cadre.test.example"


def _fetch(user) -> tuple[object, Calendar]:  # noqa: ANN001
    _, raw = services.create_feed(actor=user, user=user)
    response = Client().get(f"/calendar/{raw}.ics")
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("who", ["a_staff1", "a_staff2", "a_manager", "b_staff", "a_hop",
                                 "analyst"])
def test_each_feed_holds_exactly_its_persons_events(cal, who, settings) -> None:  # noqa: ANN001, F811
    settings.CADRE_SITE_URL = SITE
    response, calendar = _fetch(getattr(cal.accounts, who))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"].startswith("private, max-age=")
    assert set(_events(calendar)) == cal.expected[who]
    assert str(calendar["VERSION"]) == "2.0"
    for event in calendar.walk("VEVENT"):
        assert event.get("DTSTAMP") is not None
        assert str(event["URL"]).startswith(SITE + "/")
        assert str(event["URL"]) in str(event["DESCRIPTION"])


def test_dates_summaries_and_links(cal, settings) -> None:  # noqa: ANN001, F811
    settings.CADRE_SITE_URL = SITE
    _, calendar = _fetch(cal.accounts.a_manager)
    events = _events(calendar)
    review = events[f"round-{cal.a_round.pk}@cadre"]
    # Due on the closing day of the report's assessment cycle; an all-day event.
    assert review["DTSTART"].dt == cal.a_cycle.closes_on
    assert review["DTEND"].dt == cal.a_cycle.closes_on + dt.timedelta(days=1)
    assert str(review["SUMMARY"]) == f"Review {cal.people.a_staff1.full_name}'s self-assessment"
    assert str(review["URL"]) == f"{SITE}/capability/rounds/{cal.a_round.pk}/"
    window = events[f"appraisal-cycle-{cal.a_appraisal.pk}@cadre"]
    assert window["DTSTART"].dt == cal.a_appraisal.opens_on
    assert window["DTEND"].dt == cal.a_appraisal.closes_on + dt.timedelta(days=1)
    assert str(window["SUMMARY"]) == "Nine-box ratings for your team: A appraisal"
    move = events[f"move-{cal.a_move.pk}@cadre"]
    assert move["DTSTART"].dt == cal.day(40)
    assert "Department B" in str(move["SUMMARY"])

    _, calendar = _fetch(cal.accounts.a_staff1)
    events = _events(calendar)
    due = events[f"assessment-cycle-{cal.a_cycle.pk}@cadre"]
    assert due["DTSTART"].dt == cal.a_cycle.closes_on
    assert str(due["SUMMARY"]) == "Self-assessment due: Spring skills"
    assert str(events[f"move-{cal.a_move.pk}@cadre"]["SUMMARY"]) == \
        "Your move to Department B starts"

    _, calendar = _fetch(cal.accounts.b_staff)
    vacancy = _events(calendar)[f"vacancy-{cal.vacancy.pk}@cadre"]
    assert vacancy["DTSTART"].dt == cal.vacancy.closing_date
    assert str(vacancy["SUMMARY"]).startswith("Vacancy closes: Senior data engineer")

    _, calendar = _fetch(cal.accounts.a_hop)
    hop_window = _events(calendar)[f"appraisal-cycle-{cal.a_appraisal.pk}@cadre"]
    assert str(hop_window["URL"]) == SITE + reverse("talent:ninebox",
                                                    args=[cal.a_appraisal.pk])
    assert str(hop_window["SUMMARY"]) == "Appraisal cycle: A appraisal (DA)"


def test_uids_are_stable_across_fetches_and_new_addresses(cal) -> None:  # noqa: ANN001, F811
    _, first = _fetch(cal.accounts.a_manager)
    _, second = _fetch(cal.accounts.a_manager)  # a replaced address, fetched again
    assert set(_events(first)) == set(_events(second)) == cal.expected["a_manager"]


def test_another_persons_items_are_absent(cal) -> None:  # noqa: ANN001, F811
    _, calendar = _fetch(cal.accounts.a_staff1)
    text = calendar.to_ical().decode()
    for absent in (f"round-{cal.b_round.pk}@", f"move-{cal.b_move.pk}@",
                   f"vacancy-{cal.vacancy.pk}@", f"assessment-cycle-{cal.b_cycle.pk}@",
                   cal.people.b_staff.last_name, "B appraisal", "B skills"):
        assert absent not in text


def test_what_is_left_out(cal) -> None:  # noqa: ANN001, F811
    """Cancelled and undated moves, rounds outside any cycle, cycles long past, and
    vacancies for people who are not opted in."""
    every = {e.uid for who in ("a_staff1", "a_staff2", "a_manager", "b_staff", "a_hop")
             for e in selectors.events_for(getattr(cal.accounts, who))}
    for uid in (f"move-{cal.cancelled.pk}@cadre", f"move-{cal.undated.pk}@cadre",
                f"round-{cal.no_cycle_round.pk}@cadre",
                f"assessment-cycle-{cal.old_cycle.pk}@cadre"):
        assert uid not in every
    pref = cal.people.b_staff.mobility
    pref.open_to_opportunities = False
    pref.save()
    assert f"vacancy-{cal.vacancy.pk}@cadre" not in {
        e.uid for e in selectors.events_for(cal.accounts.b_staff)}


def test_render_calendar_alone() -> None:
    stamp = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    body = render_calendar([
        CalendarEvent(uid="x-1@cadre", summary="One; two, three", start=dt.date(2027, 1, 5),
                      url="https://e.example/a/", description="Words"),
        CalendarEvent(uid="x-2@cadre", summary="Window", start=dt.date(2027, 1, 1),
                      last_day=dt.date(2027, 1, 31)),
    ], name="Test", stamp=stamp)
    calendar = Calendar.from_ical(body)
    events = _events(calendar)
    assert str(events["x-1@cadre"]["SUMMARY"]) == "One; two, three"
    assert events["x-1@cadre"]["DTSTAMP"].dt == stamp
    assert str(events["x-1@cadre"]["DESCRIPTION"]) == "Words\n\nhttps://e.example/a/"
    assert events["x-2@cadre"]["DTEND"].dt == dt.date(2027, 2, 1)
    assert str(calendar["X-WR-CALNAME"]) == "Test"
