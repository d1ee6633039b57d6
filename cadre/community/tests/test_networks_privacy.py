# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""Who may open each communities and events URL: nobody signed out; everyone signed in
reads communities and events; names of members only members, leads and organisers;
registrations, attendance and the feedback summary only the community's leads and
organisers; setting up communities and appointing leads only organisers; joining and
registering only accounts with a person record. Refused writes change nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.community.models import Community, CommunityEvent, Membership, Registration
from cadre.community.services import networks as services
from cadre.community.tests.networks_fixtures import SYSTEM, move_to_past, world  # noqa: F401

pytestmark = pytest.mark.django_db

COMMUNITY_PAGES = ("community:network", "community:network-edit", "community:network-close",
                   "community:network-join", "community:network-leave",
                   "community:network-members", "community:network-leads",
                   "community:event-create")
EVENT_PAGES = ("community:event", "community:event-edit", "community:event-cancel",
               "community:event-register", "community:event-unregister",
               "community:event-attendance", "community:event-feedback",
               "community:event-feedback-summary")
PLAIN_PAGES = ("community:networks", "community:network-create", "community:events")
COMMUNITY_API = ("api:community-network-detail", "api:community-network-close",
                 "api:community-network-members", "api:community-network-leads")
EVENT_API = ("api:community-event-detail", "api:community-event-cancel",
             "api:community-event-registrations", "api:community-event-attendance",
             "api:community-event-feedback")
PLAIN_API = ("api:community-network-list", "api:community-event-list")


def _url(world, name: str) -> str:  # noqa: ANN001
    if name in COMMUNITY_PAGES or name in COMMUNITY_API:
        return reverse(name, args=[world.community.pk])
    if name in EVENT_PAGES or name in EVENT_API:
        return reverse(name, args=[world.event.pk])
    if name in ("api:community-network-member", "api:community-network-lead"):
        return reverse(name, args=[world.community.pk, world.lead_person.pk])
    if name == "api:community-event-registration":
        registration = Registration.objects.filter(event=world.event).first()
        return reverse(name, args=[world.event.pk, registration.pk if registration else 1])
    return reverse(name)


def _state() -> tuple:
    return (Community.objects.count(), Membership.objects.filter(left_on=None).count(),
            list(CommunityEvent.objects.values_list("status", "sequence", "title")),
            list(Registration.objects.values_list("status", "attendance", "rating")))


def test_signed_out_gets_nothing(world) -> None:  # noqa: ANN001
    for name in (*PLAIN_PAGES, "community:network", "community:network-members",
                 "community:network-leads", "community:event-create", "community:event",
                 "community:event-attendance", "community:event-feedback-summary",
                 "community:event-edit", "community:event-cancel", "community:event-feedback",
                 "community:network-edit"):
        response = Client().get(_url(world, name))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name in ("community:network-join", "community:network-leave",
                 "community:network-close", "community:event-register",
                 "community:event-unregister"):
        response = Client().post(_url(world, name))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name in (*PLAIN_API, "api:community-network-detail", "api:community-network-members",
                 "api:community-event-detail", "api:community-event-registrations",
                 "api:community-event-feedback"):
        assert APIClient().get(_url(world, name)).status_code in (401, 403), name
    for name in (*PLAIN_API, "api:community-network-close", "api:community-network-members",
                 "api:community-network-leads", "api:community-event-cancel",
                 "api:community-event-registrations", "api:community-event-attendance",
                 "api:community-event-feedback"):
        assert APIClient().post(_url(world, name), {}).status_code in (401, 403), name
    for name in ("api:community-network-member", "api:community-network-lead",
                 "api:community-event-registration"):
        assert APIClient().delete(_url(world, name)).status_code in (401, 403), name


@pytest.mark.parametrize("who", ["member", "outsider", "analyst", "lead", "organiser"])
def test_everyone_signed_in_reads(world, who, web_client, api_client) -> None:  # noqa: ANN001
    user = getattr(world, who)
    web, api = web_client(user), api_client(user)
    for name in ("community:networks", "community:events", "community:network",
                 "community:event"):
        assert web.get(_url(world, name)).status_code == 200, name
    for name in (*PLAIN_API, "api:community-network-detail", "api:community-event-detail"):
        assert api.get(_url(world, name)).status_code == 200, name


def test_member_names_only_for_members_leads_and_organisers(
        world, web_client, api_client) -> None:  # noqa: ANN001
    for who, code in (("member", 200), ("lead", 200), ("organiser", 200), ("central", 200),
                      ("outsider", 403), ("analyst", 403), ("other", 403)):
        user = getattr(world, who)
        assert web_client(user).get(_url(world, "community:network-members")).status_code \
            == code, who
        assert api_client(user).get(_url(world, "api:community-network-members")).status_code \
            == code, who
    body = web_client(world.outsider).get(_url(world, "community:network")).content.decode()
    assert "Mo Member" not in body and "Lena Lead" not in body


def test_lead_pages_refuse_members_and_outsiders(world, web_client, api_client) -> None:  # noqa: ANN001
    services.register(actor=world.member, event=world.event)
    before = _state()
    for who in ("member", "outsider", "analyst"):
        web, api = web_client(getattr(world, who)), api_client(getattr(world, who))
        for name in ("community:event-create", "community:event-edit",
                     "community:event-cancel", "community:event-attendance",
                     "community:event-feedback-summary"):
            assert web.get(_url(world, name)).status_code == 403, (who, name)
            assert web.post(_url(world, name), {"title": "x", "reason": "x"}).status_code \
                == 403, (who, name)
        assert web.post(_url(world, "community:network-members"),
                        {"action": "remove", "person": world.lead_person.pk}).status_code \
            in (403,), who
        for name in ("api:community-event-registrations", "api:community-event-feedback"):
            assert api.get(_url(world, name)).status_code == 403, (who, name)
        assert api.patch(_url(world, "api:community-event-detail"), {"title": "Hacked"},
                         format="json").status_code == 403
        assert api.post(_url(world, "api:community-event-cancel"), {}).status_code == 403
        assert api.post(_url(world, "api:community-event-attendance"),
                        {"registration": 1, "attendance": "attended"}).status_code == 403
        assert api.post(_url(world, "api:community-event-list"),
                        {"community": world.community.pk, "title": "x", "format": "online",
                         "joining_link": "https://x.example", "capacity": 1, "cpd_hours": 1,
                         "starts_at": "2030-01-01T10:00Z", "ends_at": "2030-01-01T11:00Z"},
                        format="json").status_code == 403
    assert _state() == before
    lead = web_client(world.lead)
    for name in ("community:event-create", "community:event-edit", "community:event-cancel",
                 "community:event-attendance", "community:event-feedback-summary"):
        assert lead.get(_url(world, name)).status_code == 200, name
    assert api_client(world.lead).get(
        _url(world, "api:community-event-registrations")).status_code == 200


def test_organiser_only_pages(world, web_client, api_client) -> None:  # noqa: ANN001
    before = _state()
    for who in ("lead", "member", "analyst"):
        web, api = web_client(getattr(world, who)), api_client(getattr(world, who))
        for name in ("community:network-create", "community:network-edit",
                     "community:network-leads"):
            assert web.get(_url(world, name)).status_code == 403, (who, name)
        assert web.post(_url(world, "community:network-close")).status_code == 403
        assert api.post(_url(world, "api:community-network-list"),
                        {"name": "x", "scope": "national", "topic": "x"}).status_code == 403
        assert api.patch(_url(world, "api:community-network-detail"), {"name": "x"},
                         format="json").status_code == 403
        assert api.post(_url(world, "api:community-network-close")).status_code == 403
        assert api.post(_url(world, "api:community-network-leads"),
                        {"person": str(world.member_person.pk)}).status_code == 403
        assert api.delete(_url(world, "api:community-network-lead")).status_code == 403
    assert _state() == before
    web = web_client(world.organiser)
    for name in ("community:network-create", "community:network-edit",
                 "community:network-leads"):
        assert web.get(_url(world, name)).status_code == 200, name


def test_joining_and_registering_need_a_person_record(world, web_client, api_client) -> None:  # noqa: ANN001
    before = _state()
    web, api = web_client(world.analyst), api_client(world.analyst)
    for name in ("community:network-join", "community:network-leave",
                 "community:event-register"):
        assert web.post(_url(world, name)).status_code == 403, name
    assert api.post(_url(world, "api:community-event-registrations")).status_code == 403
    assert api.post(_url(world, "api:community-network-members"), {},
                    format="json").status_code == 403
    assert _state() == before


def test_only_your_own_registration_and_feedback(world, web_client, api_client) -> None:  # noqa: ANN001
    services.register(actor=world.member, event=world.event)
    url = _url(world, "api:community-event-registration")
    assert api_client(world.outsider).delete(url).status_code == 403
    assert api_client(world.other).delete(
        _url(world, "api:community-network-member")).status_code == 403
    move_to_past(world.event)
    assert web_client(world.outsider).get(_url(world, "community:event-feedback")).status_code \
        == 403
    assert api_client(world.outsider).post(_url(world, "api:community-event-feedback"),
                                           {"rating": 5}, format="json").status_code == 403
    assert web_client(world.member).get(_url(world, "community:event-feedback")).status_code \
        == 200
    assert web_client(world.member).post(_url(world, "community:event-unregister")).status_code \
        == 302
    assert Registration.objects.get(event=world.event).status == "registered"  # started
    assert SYSTEM.trusted
