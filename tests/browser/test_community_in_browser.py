"""Issue 18 in the browser: a community lead adds an event on the community's page; a
member makes their personal calendar feed, reads it as a calendar app would (no sign-in),
finds the event's address in it, opens that in the browser and books a place; after the
event the lead records the member's attendance; the CPD appears on the member's record."""

from __future__ import annotations

import datetime as dt
import urllib.request

import pytest
from django.utils import timezone
from icalendar import Calendar

from cadre.community.models import (
    Community,
    CommunityEvent,
    Membership,
    MembershipRole,
    Registration,
    Scope,
)
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Delivery clinic: risks, issues; and dependencies"


def _new_page(browser):  # noqa: ANN001, ANN202
    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    return page


def _fetch(url: str) -> tuple[str, bytes]:
    """What a calendar app does: a plain GET, no cookies, no sign-in."""
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - the live server
        return response.headers["Content-Type"], response.read()


def test_a_member_registers_from_the_feed_and_gets_the_cpd(
        browser, live_server, people, make_account, settings) -> None:  # noqa: ANN001
    # Links in feeds are made from the service's public address: here, the live server.
    settings.CADRE_SITE_URL = live_server.url
    today = timezone.localdate()
    community = Community.objects.create(name="Delivery managers", scope=Scope.NATIONAL,
                                         topic="Delivery management")
    Membership.objects.create(community=community, person=people.a_manager,
                              role=MembershipRole.LEAD, joined_on=today)
    Membership.objects.create(community=community, person=people.a_staff1, joined_on=today)
    lead_account = make_account(person=people.a_manager)
    member_account = make_account(person=people.a_staff1)
    lead, member = _new_page(browser), _new_page(browser)

    # The lead adds an event on the community's page.
    sign_in(lead, live_server, lead_account.email,
            start=f"/community/networks/{community.pk}/")
    lead.locator("#add-event").click()
    lead.get_by_label("Title", exact=True).fill(TITLE)
    lead.get_by_role("radio", name="In person").check()
    lead.get_by_label("Location (in person and hybrid)").fill("10 South Colonnade, London")
    day = today + dt.timedelta(days=7)
    lead.get_by_label("Day", exact=True).fill(str(day.day))
    lead.get_by_label("Month").fill(str(day.month))
    lead.get_by_label("Year").fill(str(day.year))
    lead.get_by_label("Start time").fill("10:00")
    lead.get_by_label("End time").fill("12:30")
    lead.get_by_label("Places", exact=True).fill("12")
    lead.get_by_label("CPD hours").fill("2.5")
    lead.get_by_role("button", name="Add the event").click()
    lead.wait_for_load_state()
    event = CommunityEvent.objects.get(title=TITLE)
    assert lead.url.endswith(f"/community/events/{event.pk}/")

    # The member makes their personal feed; the page shows its address once.
    sign_in(member, live_server, member_account.email, start="/community/")
    member.get_by_role("link", name="Your community calendar").click()
    member.get_by_role("button", name="Create your community calendar feed").click()
    feed_url = member.locator("#feed-url").input_value()
    assert feed_url.startswith(live_server.url) and feed_url.endswith(".ics")

    # The calendar app reads it: the event is there, not yet booked, with its page.
    content_type, body = _fetch(feed_url)
    assert content_type == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(body)
    (entry,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == event.uid]
    assert str(entry["SUMMARY"]) == TITLE
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert "You are not registered" in str(entry["DESCRIPTION"])
    event_url = str(entry["URL"])
    assert event_url == f"{live_server.url}/community/events/{event.pk}/"

    # From the feed's link the member opens the event and books a place.
    member.goto(event_url)
    member.locator("#register").click()
    member.wait_for_load_state()
    assert "You have a place" in member.locator("#your-place").inner_text()
    _, body = _fetch(feed_url)
    (entry,) = [e for e in Calendar.from_ical(body).walk("VEVENT")
                if str(e["UID"]) == event.uid]
    assert "You have a place" in str(entry["DESCRIPTION"])

    # A week passes: the event took place (its times moved into the past).
    start = timezone.now() - dt.timedelta(hours=3)
    CommunityEvent.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30))

    # The lead records the member's attendance on the event's page.
    lead.reload()
    lead.get_by_role("link", name="Places, waiting list and attendance").click()
    registration = Registration.objects.get(event=event, person=people.a_staff1)
    lead.locator(f"#attendance-{registration.pk}").get_by_label("Attended").check()
    lead.get_by_role("button", name="Save attendance").click()
    lead.wait_for_load_state()
    registration.refresh_from_db()
    assert registration.attendance == "attended" and registration.cpd_record_id

    # The CPD is on the member's record.
    member.goto(f"{live_server.url}/accreditation/cpd/")
    text = member.locator("main").inner_text()
    assert TITLE in text
    assert "2.5" in text
