"""The feeds API: the caller's personal feed (GET, POST once-shown address, DELETE) and a
community's feed address (GET; POST replaces it, for leads and organisers)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from icalendar import Calendar

from cadre.community.models import Community
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

PERSONAL = "/api/v1/community/calendar/personal/"


def _community(pk: int) -> str:
    return f"/api/v1/community/calendar/communities/{pk}/"


def _path(url: str) -> str:
    return urlsplit(url).path


def test_the_personal_feed_through_the_api(fw, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(fw.accounts.member)
    assert api.get(PERSONAL).json() == {"active": False, "created_at": None,
                                        "last_used_at": None}
    assert api.delete(PERSONAL).status_code == 404
    made = api.post(PERSONAL)
    assert made.status_code == 201
    body = made.json()
    assert body["active"] is True and body["url"].endswith(".ics")
    status = api.get(PERSONAL).json()
    assert status["active"] is True and "url" not in status
    feed = Client().get(_path(body["url"]))
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.content)
    assert {str(e["UID"]) for e in calendar.walk("VEVENT")} >= {fw.events.coming.uid}
    again = api.post(PERSONAL).json()
    assert Client().get(_path(body["url"])).status_code == 404
    assert api.delete(PERSONAL).status_code == 204
    assert Client().get(_path(again["url"])).status_code == 404
    assert api.get(PERSONAL).json()["active"] is False


def test_an_account_without_a_person_has_no_personal_feed(fw, api_client) -> None:  # noqa: ANN001, F811
    api = api_client(fw.accounts.no_person)
    for method in ("get", "post", "delete"):
        assert getattr(api, method)(PERSONAL).status_code == 403


def test_a_community_s_feed_address_through_the_api(fw, api_client) -> None:  # noqa: ANN001, F811
    member = api_client(fw.accounts.member).get(_community(fw.open.pk))
    assert member.status_code == 200
    body = member.json()
    assert body["community"] == fw.open.pk and body["may_replace"] is False
    assert body["name"] == "Delivery network"
    feed = Client().get(_path(body["url"]))
    assert feed.status_code == 200
    assert api_client(fw.accounts.member).post(_community(fw.open.pk)).status_code == 403
    lead = api_client(fw.accounts.lead)
    assert lead.get(_community(fw.open.pk)).json()["may_replace"] is True
    replaced = lead.post(_community(fw.open.pk))
    assert replaced.status_code == 200
    assert replaced.json()["url"] != body["url"]
    assert Client().get(_path(body["url"])).status_code == 404
    assert Client().get(_path(replaced.json()["url"])).status_code == 200
    assert lead.get(_community(999_999)).status_code == 404
    assert lead.post(_community(999_999)).status_code == 404
    # A lead of one community is not one of another.
    assert lead.post(_community(fw.closed.pk)).status_code == 403
    assert Community.objects.get(pk=fw.closed.pk).feed_key is None  # refused: nothing made
