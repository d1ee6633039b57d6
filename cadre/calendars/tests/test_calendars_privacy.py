"""Nobody sees or changes another account's calendar feed, and a feed shows only its own
person's deadlines; signed-out visitors get nothing but the feed of a token they hold."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.calendars import services
from cadre.calendars.models import CalendarFeed
from cadre.calendars.tests.calendar_setup import cal  # noqa: F401 - fixture
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_another_account_sees_no_feed_and_none_of_its_events(cal, web_client, api_client,  # noqa: ANN001, F811
                                                             make_account) -> None:
    owner = cal.accounts.b_staff
    services.create_feed(actor=owner, user=owner)
    for other in (cal.accounts.a_staff1, make_account(Role.ADMINISTRATOR),
                  make_account(Role.CENTRAL_TEAM), cal.accounts.analyst):
        page = web_client(other).get(reverse("calendars:feed"))
        assert page.status_code == 200
        text = page.content.decode()
        assert "No feed" in text
        assert cal.vacancy.title not in text and "B skills" not in text
        status = api_client(other).get(reverse("api:calendar-feed")).json()
        assert status["active"] is False
        # Revoking "your" feed never touches another account's.
        assert api_client(other).delete(reverse("api:calendar-feed")).status_code == 404
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).exists()


def test_signed_out_visitors_get_nothing(cal) -> None:  # noqa: ANN001, F811
    owner = cal.accounts.b_staff
    _, raw = services.create_feed(actor=owner, user=owner)
    client = Client()
    assert client.get("/calendar/").status_code == 302
    assert client.post("/calendar/", {"action": "create"}).status_code in (302, 403)
    assert client.get("/calendar/x.ics").status_code == 404
    assert client.get(f"/calendar/{raw[:-1]}.ics").status_code == 404
    api = APIClient()
    assert api.get("/api/v1/calendar-feed/").status_code in (401, 403)
    assert api.delete("/api/v1/calendar-feed/").status_code in (401, 403)
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).exists()
