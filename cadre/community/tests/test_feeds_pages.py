"""The calendar pages and the two feeds over HTTP: a feed is made on the page, its address
shown once, and the feed parses with icalendar; a changed event keeps its UID with a
higher SEQUENCE; a cancelled one stays with STATUS:CANCELLED; headers are right."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from cadre.community.models import Community, CommunityEvent, PersonalFeed, hash_feed_token
from cadre.community.services import feeds as services
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    assert str(calendar["METHOD"]) == "PUBLISH"
    return {str(e["SUMMARY"]).removeprefix("Cancelled: "): e for e in calendar.walk("VEVENT")}


def _create_on_page(client: Client) -> str:
    page = client.post(reverse("community:feeds"), {"action": "create"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    found = re.search(r'id="feed-url" name="feed-url" type="text" value="([^"]+)"',
                      page.content.decode())
    assert found, "the new address is shown"
    return found.group(1)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_member_makes_a_feed_and_it_lists_their_events(fw, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(fw.accounts.member)
    page = client.get(reverse("community:feeds"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Create your community calendar feed" in text and "No feed" in text
    assert text.index("Delivery network") < text.index("Closed circle")  # own first
    url = _create_on_page(client)
    feed = PersonalFeed.objects.get(person=fw.people.a_staff1, revoked_at__isnull=True)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.token_hash == hash_feed_token(token) and token not in feed.token_hash
    # Shown once: the next view of the page does not show it.
    again = client.get(reverse("community:feeds")).content.decode()
    assert token not in again and "Active" in again

    response = Client().get(_path(url))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"].startswith("private")
    assert "public" not in response["Cache-Control"]
    events = _events(response.content)
    e = fw.events
    assert set(events) == {e.coming.title, e.later.title, e.cancelled.title, e.recent.title}
    coming = events[e.coming.title]
    assert str(coming["UID"]) == e.coming.uid
    assert "You have a place" in str(coming["DESCRIPTION"])
    event_url = str(coming["URL"])
    assert event_url in str(coming["DESCRIPTION"])
    assert "You are on the waiting list" in str(events[e.later.title]["DESCRIPTION"])
    assert "You had a place" in str(events[e.recent.title]["DESCRIPTION"])
    assert "This event is cancelled" in str(events[e.cancelled.title]["DESCRIPTION"])
    assert str(events[e.cancelled.title]["STATUS"]) == "CANCELLED"
    assert str(coming["STATUS"]) == "CONFIRMED"
    assert "Online: https://meet.example/x" in str(events[e.later.title]["LOCATION"])
    PersonalFeed.objects.get(pk=feed.pk).last_used_at is not None  # noqa: B015


def test_a_changed_event_keeps_its_uid_with_a_higher_sequence(fw, web_client) -> None:  # noqa: ANN001, F811
    url = _create_on_page(web_client(fw.accounts.member))
    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    community_path = reverse("community:feed-community-ics", args=[key])
    before_personal = _events(Client().get(_path(url)).content)
    before = _events(Client().get(community_path).content)
    event = fw.events.coming
    # As the networks area changes an event: a new time and SEQUENCE one higher.
    event.starts_at = event.starts_at.replace(hour=(event.starts_at.hour + 1) % 20)
    event.ends_at = event.starts_at + (fw.events.coming.ends_at - fw.events.coming.starts_at)
    event.sequence += 1
    event.save()
    for path, old in ((community_path, before), (_path(url), before_personal)):
        after = _events(Client().get(path).content)
        changed, earlier = after[event.title], old[event.title]
        assert str(changed["UID"]) == str(earlier["UID"]) == event.uid
        assert int(changed["SEQUENCE"]) == int(earlier["SEQUENCE"]) + 1
        assert changed["DTSTART"].dt != earlier["DTSTART"].dt
        assert changed["LAST-MODIFIED"].dt >= earlier["LAST-MODIFIED"].dt
    # Cancelled: still there, same UID, STATUS:CANCELLED, SEQUENCE up again.
    CommunityEvent.objects.filter(pk=event.pk).update(status="cancelled",
                                                      sequence=event.sequence + 1)
    for path in (community_path, _path(url)):
        cancelled = _events(Client().get(path).content)[event.title]
        assert str(cancelled["UID"]) == event.uid
        assert str(cancelled["STATUS"]) == "CANCELLED"
        assert int(cancelled["SEQUENCE"]) == event.sequence + 1


def test_the_community_feed_holds_thirty_days_back_and_everything_ahead(fw, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(fw.accounts.member).get(
        reverse("community:feed-community", args=[fw.open.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Replace the address" not in text  # a member may not replace it
    url = re.search(r'id="community-feed-url" name="community-feed-url" type="text" '
                    r'value="([^"]+)"', text).group(1)
    fw.open.refresh_from_db()
    assert url.endswith(f"/community/calendar/community/{fw.open.feed_key}.ics")
    response = Client().get(_path(url))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "max-age=" in response["Cache-Control"]
    events = _events(response.content)
    e = fw.events
    assert set(events) == {e.coming.title, e.later.title, e.cancelled.title, e.recent.title}
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == \
        "Delivery network events"
    # Nothing about any person in the community feed.
    assert b"You have a place" not in response.content
    # The same address on a second look: made once, kept.
    again = web_client(fw.accounts.lead).get(
        reverse("community:feed-community", args=[fw.open.pk])).content.decode()
    assert url in again and "Replace the address" in again


def test_a_lead_replaces_the_address_and_the_old_one_stops(fw, web_client) -> None:  # noqa: ANN001, F811
    old = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    client = web_client(fw.accounts.lead)
    page = client.post(reverse("community:feed-community", args=[fw.open.pk]),
                       {"action": "replace"})
    assert page.status_code == 200
    assert "The feed has a new address" in page.content.decode()
    new = Community.objects.get(pk=fw.open.pk).feed_key
    assert new and new != old
    assert Client().get(reverse("community:feed-community-ics", args=[old])).status_code == 404
    assert Client().get(reverse("community:feed-community-ics", args=[new])).status_code == 200
    # A member may not replace it.
    refused = web_client(fw.accounts.member).post(
        reverse("community:feed-community", args=[fw.open.pk]), {"action": "replace"})
    assert refused.status_code == 403
    assert Community.objects.get(pk=fw.open.pk).feed_key == new
    # A bad form: the error summary, nothing changed.
    bad = client.post(reverse("community:feed-community", args=[fw.open.pk]),
                      {"action": "explode"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    assert "<title>Error: " in bad.content.decode()
    assert Community.objects.get(pk=fw.open.pk).feed_key == new


def test_replace_and_revoke_the_personal_feed(fw, web_client) -> None:  # noqa: ANN001, F811
    client = web_client(fw.accounts.member)
    first = _create_on_page(client)
    second = _create_on_page(client)
    assert first != second
    assert Client().get(_path(first)).status_code == 404
    assert Client().get(_path(second)).status_code == 200
    page = client.post(reverse("community:feeds"), {"action": "revoke"})
    assert "Its address no longer works" in page.content.decode()
    assert Client().get(_path(second)).status_code == 404
    assert PersonalFeed.objects.filter(person=fw.people.a_staff1).count() == 2
    assert not PersonalFeed.objects.filter(person=fw.people.a_staff1,
                                           revoked_at__isnull=True).exists()
    bad = client.post(reverse("community:feeds"), {"action": ""})
    assert bad.status_code == 400
    assert "Choose whether to create or revoke your feed" in bad.content.decode()
    assert "<title>Error: " in bad.content.decode()


def test_a_deactivated_account_s_feed_stops(fw, web_client) -> None:  # noqa: ANN001, F811
    url = _create_on_page(web_client(fw.accounts.member))
    fw.accounts.member.is_active = False
    fw.accounts.member.save(update_fields=["is_active"])
    assert Client().get(_path(url)).status_code == 404


def test_unknown_addresses_are_404(fw) -> None:  # noqa: ANN001, F811
    for name in ("community:feed-community-ics", "community:feed-personal-ics"):
        assert Client().get(reverse(name, args=["nope"])).status_code == 404
    assert Client().get("/community/calendar/community/.ics").status_code == 404


def test_an_account_without_a_person_sees_the_community_list_only(fw, web_client) -> None:  # noqa: ANN001, F811
    central = web_client(fw.accounts.central).get(reverse("community:feeds"))
    assert central.status_code == 200
    text = central.content.decode()
    assert "not linked to a person record" in text
    assert "Delivery network" in text and "Closed circle" in text
    none = web_client(fw.accounts.no_person).get(reverse("community:feeds")).content.decode()
    assert "Delivery network" in none and "Not a member" in none
    assert web_client(fw.accounts.no_person).post(
        reverse("community:feeds"), {"action": "create"}).status_code == 403


def test_the_hub_links_the_calendar(fw, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(fw.accounts.member).get(reverse("community:home")).content.decode()
    assert reverse("community:feeds") in page


def test_the_networks_services_changes_reach_both_feeds(fw) -> None:  # noqa: ANN001, F811
    """Through the networks area's own writes: a new time, then a cancellation."""
    from cadre.community.services import networks

    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    _, raw = services.create_personal_feed(actor=fw.accounts.member, person=fw.people.a_staff1)
    paths = (reverse("community:feed-community-ics", args=[key]),
             reverse("community:feed-personal-ics", args=[raw]))
    event = fw.events.coming
    seen = [_events(Client().get(p).content)[event.title] for p in paths]
    moved = event.starts_at + dt.timedelta(days=1)
    networks.update_event(actor=fw.accounts.lead, event=event.pk, starts_at=moved,
                          ends_at=moved + dt.timedelta(hours=3))
    for path, before in zip(paths, seen, strict=True):
        after = _events(Client().get(path).content)[event.title]
        assert str(after["UID"]) == str(before["UID"])
        assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
        assert after["DTSTART"].dt == moved.astimezone(dt.UTC)
        assert str(after["STATUS"]) == "CONFIRMED"
    networks.cancel_event(actor=fw.accounts.lead, event=event.pk, reason="Room flooded")
    for path in paths:
        after = _events(Client().get(path).content)[event.title]
        assert str(after["UID"]) == event.uid
        assert str(after["STATUS"]) == "CANCELLED"
        assert int(after["SEQUENCE"]) == 2


def test_a_calendar_with_a_current_copy_gets_304(fw) -> None:  # noqa: ANN001, F811
    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    path = reverse("community:feed-community-ics", args=[key])
    first = Client().get(path)
    etag = first["ETag"]
    assert etag.startswith('"') and first.status_code == 200
    # DTSTAMP differs between fetches; the ETag does not while nothing changed.
    same = Client().get(path, HTTP_IF_NONE_MATCH=etag)
    assert same.status_code == 304 and same.content == b""
    assert same["ETag"] == etag
    CommunityEvent.objects.filter(pk=fw.events.coming.pk).update(title="Renamed", sequence=1)
    changed = Client().get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"Renamed" in changed.content
