"""The secret address: no sign-in, token stored only as a hash, revoked or unknown tokens
404, last use noted at most once an hour; the page, the API and the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.calendars import services
from cadre.calendars.models import CalendarFeed

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def owner(make_account, people):  # noqa: ANN001, ANN201
    return make_account(Role.PROFESSIONAL, person=people.a_staff1)


def test_the_feed_needs_no_sign_in_and_the_token_is_stored_hashed(owner) -> None:  # noqa: ANN001
    feed, raw = services.create_feed(actor=owner, user=owner)
    assert feed.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = CalendarFeed.objects.filter(pk=feed.pk).values().get()
    assert raw not in json.dumps(stored, default=str)
    for event in AuditEvent.objects.all():
        assert raw not in event.summary and raw not in json.dumps(event.data)
    response = Client().get(f"/calendar/{raw}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    assert Calendar.from_ical(response.content)["X-WR-CALNAME"] == "Cadre deadlines"
    assert "sessionid" not in response.cookies


def test_unknown_revoked_and_replaced_tokens_are_404(owner) -> None:  # noqa: ANN001
    client = Client()
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    _, first = services.create_feed(actor=owner, user=owner)
    _, second = services.create_feed(actor=owner, user=owner)  # replaces the first
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).count() == 1
    services.revoke_feed(actor=owner, user=owner)
    assert client.get(f"/calendar/{second}.ics").status_code == 404
    assert services.revoke_feed(actor=owner, user=owner) is None


def test_a_deactivated_accounts_feed_is_404(owner) -> None:  # noqa: ANN001
    _, raw = services.create_feed(actor=owner, user=owner)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert Client().get(f"/calendar/{raw}.ics").status_code == 404


def test_last_use_is_noted_at_most_once_an_hour(owner) -> None:  # noqa: ANN001
    feed, raw = services.create_feed(actor=owner, user=owner)
    client = Client()
    client.get(f"/calendar/{raw}.ics")
    feed.refresh_from_db()
    first = feed.last_used_at
    assert first is not None
    client.get(f"/calendar/{raw}.ics")
    feed.refresh_from_db()
    assert feed.last_used_at == first
    assert not services.note_feed_used(feed=feed, now=first + dt.timedelta(minutes=59))
    assert services.note_feed_used(feed=feed, now=first + dt.timedelta(minutes=61))
    feed.refresh_from_db()
    assert feed.last_used_at == first + dt.timedelta(minutes=61)


def test_only_the_owner_or_the_command_line_changes_a_feed(owner, make_account) -> None:  # noqa: ANN001
    other = make_account(Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.create_feed(actor=other, user=owner)
    services.create_feed(actor=owner, user=owner)
    with pytest.raises(PermissionDenied):
        services.revoke_feed(actor=other, user=owner)
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).exists()


def test_page_create_replace_and_revoke(owner, web_client, settings) -> None:  # noqa: ANN001
    settings.CADRE_SITE_URL = "https://cadre.test.example"
    client = web_client(owner)
    url = reverse("calendars:feed")
    page = client.get(url).content.decode()
    assert "Create your calendar feed" in page and "No feed" in page
    response = client.post(url, {"action": "create"})
    assert response.status_code == 200
    text = response.content.decode()
    feed_url = response.context["new_url"]
    assert feed_url.startswith("https://cadre.test.example/calendar/")
    assert feed_url in text and "Google Calendar" in text and "Outlook" in text
    assert Client().get(_path(feed_url)).status_code == 200
    # Shown once: the page does not show it again.
    again = client.get(url).content.decode()
    assert feed_url not in again and "Active" in again and "Replace the address" in again
    replaced = client.post(url, {"action": "create"}).context["new_url"]
    assert replaced != feed_url
    assert Client().get(_path(feed_url)).status_code == 404
    revoked = client.post(url, {"action": "revoke"})
    assert revoked.status_code == 200 and "is revoked" in revoked.content.decode()
    assert Client().get(_path(replaced)).status_code == 404
    actions = list(AuditEvent.objects.filter(target_type="calendars.CalendarFeed")
                   .order_by("id").values_list("action", flat=True))
    assert actions == [AuditEvent.Action.TOKEN_CREATED, AuditEvent.Action.TOKEN_CREATED,
                       AuditEvent.Action.TOKEN_REVOKED]
    assert AuditEvent.objects.filter(target_type="calendars.CalendarFeed",
                                     actor=owner).count() == 3


def test_page_refuses_an_unknown_action(owner, web_client) -> None:  # noqa: ANN001
    response = web_client(owner).post(reverse("calendars:feed"), {"action": "explode"})
    assert response.status_code == 400
    assert "Choose whether to create or revoke the feed" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_page_lists_upcoming_events(owner, web_client, people, org_a) -> None:  # noqa: ANN001
    from cadre.assessments.models import AssessmentCycle

    cycle = AssessmentCycle.objects.create(
        organisation=org_a, name="Winter skills", opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=7))
    cycle.people.set([people.a_staff1])
    page = web_client(owner).get(reverse("calendars:feed")).content.decode()
    assert "Self-assessment due: Winter skills" in page
    assert 'href="/capability/mine/"' in page or "/capability/" in page


def test_the_home_page_links_to_the_feed_page(owner, web_client, make_account) -> None:  # noqa: ANN001
    assert reverse("calendars:feed") in web_client(owner).get("/").content.decode()
    central = make_account(Role.CENTRAL_TEAM)
    assert reverse("calendars:feed") in web_client(central).get("/").content.decode()


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("calendars:feed"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_api_status_create_and_revoke(owner, api_client, settings) -> None:  # noqa: ANN001
    settings.CADRE_SITE_URL = "https://cadre.test.example"
    api = api_client(owner)
    url = reverse("api:calendar-feed")
    assert api.get(url).json() == {"active": False, "created_at": None, "last_used_at": None}
    created = api.post(url)
    assert created.status_code == 201
    body = created.json()
    assert body["active"] is True and body["url"].startswith(
        "https://cadre.test.example/calendar/")
    assert Client().get(_path(body["url"])).status_code == 200
    status = api.get(url).json()
    assert status["active"] is True and "url" not in status
    assert status["last_used_at"] is not None
    assert api.delete(url).status_code == 204
    assert Client().get(_path(body["url"])).status_code == 404
    assert api.delete(url).status_code == 404
    assert api.get(url).json()["active"] is False


def test_api_refuses_anonymous_callers() -> None:
    from rest_framework.test import APIClient

    assert APIClient().post(reverse("api:calendar-feed")).status_code in (401, 403)
    assert not CalendarFeed.objects.exists()


def test_cli_feed_and_events(owner, people, org_a, keep_connection_open) -> None:  # noqa: ANN001
    from cadre.assessments.models import AssessmentCycle

    cycle = AssessmentCycle.objects.create(
        organisation=org_a, name="Winter skills", opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + dt.timedelta(days=7))
    cycle.people.set([people.a_staff1])

    def run(*args: str) -> str:
        out = io.StringIO()
        call_command("calendars", *args, stdout=out)
        return out.getvalue()

    assert "no active calendar feed" in run("feed", "--user", owner.email)
    created = run("feed", "--user", owner.email, "--create")
    url = created.strip().splitlines()[-1]
    assert Client().get(_path(url)).status_code == 200
    assert "has an active calendar feed" in run("feed", "--user", owner.email.upper())
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_CREATED,
                                     actor_email__startswith="cli:").exists()
    events = json.loads(run("events", "--user", owner.email, "--format", "json"))
    assert events == [{
        "uid": f"assessment-cycle-{cycle.pk}@cadre", "kind": "assessment-due",
        "summary": "Self-assessment due: Winter skills",
        "start": cycle.closes_on.isoformat(), "last_day": cycle.closes_on.isoformat(),
        "description": events[0]["description"], "url": events[0]["url"],
    }]
    assert "Revoked" in run("feed", "--user", owner.email, "--revoke").replace("revoked",
                                                                                "Revoked")
    assert Client().get(_path(url)).status_code == 404
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account"):
        run("events", "--user", "nobody@example.org")
