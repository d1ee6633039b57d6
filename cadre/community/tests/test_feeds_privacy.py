"""Who gets what from the feeds, per URL name:

- ``community:feeds`` (the calendar page): anyone signed in; it shows only the account's own
  personal feed and events; making a feed needs a person record (403 otherwise);
- ``community:feed-community``: anyone signed in (as the community's page); replacing the
  address is for the community's leads and organisers (403 for others); 404 for an
  unknown community;
- ``community:feed-community-ics`` and ``community:feed-personal-ics``: the address is the
  credential (no sign-in); an unknown, replaced or revoked one is a 404; the community feed
  names nobody, a personal feed only its own person's standing;
- ``api:community-feed-personal``: the caller's own feed only (COMMUNITY_MEMBERS);
- ``api:community-feed-community``: as the page.
Signed-out visitors get nothing but a feed whose address they hold."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.community.models import Community, PersonalFeed
from cadre.community.services import feeds as services
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_get_nothing_but_a_feed_they_hold(fw) -> None:  # noqa: ANN001, F811
    _, raw = services.create_personal_feed(actor=fw.accounts.member, person=fw.people.a_staff1)
    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    web, api = Client(), APIClient()
    for url in (reverse("community:feeds"),
                reverse("community:feed-community", args=[fw.open.pk])):
        response = web.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
        assert web.post(url, {"action": "create"}).status_code in (302, 403)
    for url in (reverse("api:community-feed-personal"),
                reverse("api:community-feed-community", args=[fw.open.pk])):
        assert api.get(url).status_code in (401, 403)
        assert api.post(url).status_code in (401, 403)
    assert api.delete(reverse("api:community-feed-personal")).status_code in (401, 403)
    # The feeds: only with the exact address.
    assert web.get(reverse("community:feed-personal-ics", args=[raw])).status_code == 200
    assert web.get(reverse("community:feed-personal-ics", args=[raw[:-1]])).status_code == 404
    assert web.get(reverse("community:feed-community-ics", args=[key])).status_code == 200
    assert web.get(reverse("community:feed-community-ics", args=[key[:-1]])).status_code == 404
    assert Community.objects.get(pk=fw.open.pk).feed_key == key
    assert PersonalFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_nobody_sees_or_changes_another_person_s_feed(fw, web_client, api_client) -> None:  # noqa: ANN001, F811
    services.create_personal_feed(actor=fw.accounts.member, person=fw.people.a_staff1)
    for other in (fw.accounts.lead, fw.accounts.outsider, fw.accounts.central,
                  fw.accounts.no_person):
        page = web_client(other).get(reverse("community:feeds"))
        assert page.status_code == 200
        assert "Active" not in page.content.decode()
        api = api_client(other)
        if other in (fw.accounts.central, fw.accounts.no_person):  # no person record
            assert api.get(reverse("api:community-feed-personal")).status_code == 403
            assert api.delete(reverse("api:community-feed-personal")).status_code == 403
            continue
        assert api.get(reverse("api:community-feed-personal")).json()["active"] is False
        # Revoking "your" feed never touches another person's.
        assert api.delete(reverse("api:community-feed-personal")).status_code == 404
    assert PersonalFeed.objects.filter(person=fw.people.a_staff1,
                                       revoked_at__isnull=True).exists()


def test_a_personal_feed_shows_only_its_person(fw) -> None:  # noqa: ANN001, F811
    _, raw = services.create_personal_feed(actor=fw.accounts.outsider, person=fw.people.b_staff)
    body = Client().get(reverse("community:feed-personal-ics", args=[raw])).content.decode()
    # b_staff holds a place at one event; nothing of the member's waiting place or names.
    assert fw.events.coming.title in body
    assert fw.events.later.title not in body
    for person in (fw.people.a_staff1, fw.people.a_manager):
        assert person.last_name not in body


def test_the_community_feed_names_nobody(fw) -> None:  # noqa: ANN001, F811
    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    body = Client().get(reverse("community:feed-community-ics", args=[key])).content.decode()
    for person in (fw.people.a_staff1, fw.people.a_manager, fw.people.b_staff):
        assert person.last_name not in body
    assert "You have a place" not in body and "waiting list" not in body


def test_only_leads_and_organisers_replace_a_community_address(fw, web_client,  # noqa: ANN001, F811
                                                               api_client) -> None:
    key = services.ensure_community_key(actor=None, community_id=fw.open.pk)
    page = reverse("community:feed-community", args=[fw.open.pk])
    endpoint = reverse("api:community-feed-community", args=[fw.open.pk])
    for refused in (fw.accounts.member, fw.accounts.outsider, fw.accounts.no_person,
                    fw.accounts.closed_member, fw.accounts.former):
        assert web_client(refused).get(page).status_code == 200
        assert web_client(refused).post(page, {"action": "replace"}).status_code == 403
        assert api_client(refused).get(endpoint).status_code == 200
        assert api_client(refused).post(endpoint).status_code == 403
    assert Community.objects.get(pk=fw.open.pk).feed_key == key
    # The closed circle's lead-less page: its member may not replace it either.
    closed = reverse("community:feed-community", args=[fw.closed.pk])
    assert web_client(fw.accounts.lead).post(closed, {"action": "replace"}).status_code == 403
    assert web_client(fw.accounts.central).post(closed, {"action": "replace"}).status_code == 200
    for account in (fw.accounts.member, fw.accounts.central):
        assert web_client(account).get(
            reverse("community:feed-community", args=[999_999])).status_code == 404
        assert api_client(account).get(
            reverse("api:community-feed-community", args=[999_999])).status_code == 404


def test_a_deactivated_account_sees_nothing(fw, web_client) -> None:  # noqa: ANN001, F811
    _, raw = services.create_personal_feed(actor=fw.accounts.member, person=fw.people.a_staff1)
    fw.accounts.member.is_active = False
    fw.accounts.member.save(update_fields=["is_active"])
    assert Client().get(reverse("community:feed-personal-ics", args=[raw])).status_code == 404
