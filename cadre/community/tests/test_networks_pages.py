# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""Community and event pages: reading, joining, leads, events, registration, attendance
(GOV.UK radios per person) and feedback, end to end through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation.models import CpdRecord
from cadre.community.models import Community, CommunityEvent, Registration, RegistrationStatus
from cadre.community.services import networks as services
from cadre.community.tests.networks_fixtures import SYSTEM, move_to_past, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_hub_links_to_networks_and_events(world, web_client) -> None:  # noqa: ANN001
    body = web_client(world.member).get(reverse("community:home")).content.decode()
    assert reverse("community:networks") in body and reverse("community:events") in body
    assert reverse("community:network-create") not in body
    body = web_client(world.organiser).get(reverse("community:home")).content.decode()
    assert reverse("community:network-create") in body


def test_list_and_detail_show_counts_and_links(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.outsider)
    body = web.get(reverse("community:networks")).content.decode()
    assert "Data network" in body and reverse("community:network", args=[world.community.pk]) \
        in body
    body = web.get(reverse("community:network", args=[world.community.pk])).content.decode()
    assert 'id="member-count">2' in body
    assert "Lena" not in body  # an outsider sees the count, not the names
    assert reverse("community:event", args=[world.event.pk]) in body
    assert 'id="join"' in body
    body = web_client(world.member).get(
        reverse("community:network", args=[world.community.pk])).content.decode()
    assert "Lena Lead" in body and 'id="leave"' in body
    assert web.get(reverse("community:networks"), {"q": "x" * 500}).status_code == 200


def test_join_and_leave_by_page(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.outsider)
    response = web.post(reverse("community:network-join", args=[world.community.pk]))
    assert response.status_code == 302
    assert world.community.memberships.filter(person=world.outsider_person,
                                              left_on__isnull=True).exists()
    response = web.post(reverse("community:network-join", args=[world.community.pk]),
                        follow=True)
    assert "already a member" in response.content.decode()
    web.post(reverse("community:network-leave", args=[world.community.pk]))
    assert not world.community.memberships.filter(person=world.outsider_person,
                                                  left_on__isnull=True).exists()


def test_organiser_sets_up_a_community_and_appoints_a_lead(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.organiser)
    form = web.get(reverse("community:network-create"))
    assert form.status_code == 200 and "govuk-radios" in form.content.decode()
    assert "---------" not in form.content.decode()
    response = web.post(reverse("community:network-create"), {
        "name": "Police data", "scope": "regional", "area": "", "topic": "Data",
        "is_open": "yes"})
    assert response.status_code == 400 and "region or place" in response.content.decode()
    response = web.post(reverse("community:network-create"), {
        "name": "Police data", "scope": "regional", "area": "West", "topic": "Data",
        "is_open": "no"})
    community = Community.objects.get(name="Police data")
    assert response.status_code == 302 and not community.is_open
    leads_url = reverse("community:network-leads", args=[community.pk])
    response = web.post(leads_url, {"action": "add", "organisation": world.police.pk,
                                    "staff_number": "P1"})
    assert response.status_code == 302
    response = web.post(leads_url, {"action": "add", "organisation": world.police.pk,
                                    "staff_number": "NOPE"})
    assert response.status_code == 400 and "not a person" in response.content.decode()
    web.post(leads_url, {"action": "remove", "person": world.other_person.pk})
    assert community.memberships.get(person=world.other_person).role == "member"
    response = web.post(reverse("community:network-edit", args=[community.pk]), {
        "name": "Police data network", "scope": "regional", "area": "West", "topic": "Data",
        "is_open": "no"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.name == "Police data network"
    web.post(reverse("community:network-close", args=[community.pk]))
    community.refresh_from_db()
    assert community.closed_on is not None


def test_lead_adds_and_removes_members(world, web_client) -> None:  # noqa: ANN001
    services.set_lead(actor=SYSTEM, community=world.closed, person=world.lead_person)
    web = web_client(world.lead)
    url = reverse("community:network-members", args=[world.closed.pk])
    response = web.post(url, {"action": "add", "organisation": world.fire.pk,
                              "staff_number": "F1"})
    assert response.status_code == 302
    body = web.get(url).content.decode()
    assert "Una Outsider" in body and "West Fire" in body
    web.post(url, {"action": "remove", "person": world.outsider_person.pk})
    assert "Una Outsider" not in web.get(url).content.decode()


def test_lead_creates_edits_and_cancels_an_event(world, web_client) -> None:  # noqa: ANN001
    web = web_client(world.lead)
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {"title": "Show and tell", "format": "online", "joining_link": "https://meet.example/a",
            "day-day": day.day, "day-month": day.month, "day-year": day.year,
            "start_time": "10:00", "end_time": "09:00", "capacity": "20", "cpd_hours": "2"}
    url = reverse("community:event-create", args=[world.community.pk])
    assert "govuk-date-input" in web.get(url).content.decode()
    response = web.post(url, data)
    assert response.status_code == 400 and "end after it starts" in response.content.decode()
    response = web.post(url, {**data, "end_time": "25:00"})
    assert response.status_code == 400 and "24-hour clock" in response.content.decode()
    response = web.post(url, {**data, "end_time": "12:00"})
    event = CommunityEvent.objects.get(title="Show and tell")
    assert response.status_code == 302 and event.sequence == 0
    edit = reverse("community:event-edit", args=[event.pk])
    assert 'value="10:00"' in web.get(edit).content.decode()
    web.post(edit, {**data, "end_time": "13:00"})
    event.refresh_from_db()
    assert event.sequence == 1
    body = web.get(reverse("community:event", args=[event.pk])).content.decode()
    assert reverse("community:event-attendance", args=[event.pk]) in body
    web.post(reverse("community:event-cancel", args=[event.pk]), {"reason": "Clash"})
    event.refresh_from_db()
    assert event.status == "cancelled" and event.sequence == 2
    assert "has been cancelled" in web.get(reverse("community:event",
                                                   args=[event.pk])).content.decode()


def test_register_waiting_list_and_give_up_a_place(world, web_client) -> None:  # noqa: ANN001
    event = world.event  # two places
    for user in (world.member, world.other):
        web_client(user).post(reverse("community:event-register", args=[event.pk]))
    web = web_client(world.outsider)
    body = web.get(reverse("community:event", args=[event.pk])).content.decode()
    assert "Join the waiting list" in body
    response = web.post(reverse("community:event-register", args=[event.pk]), follow=True)
    assert "waiting list" in response.content.decode()
    assert "Number 1 on the waiting list" in response.content.decode()
    response = web.post(reverse("community:event-register", args=[event.pk]), follow=True)
    assert "already" in response.content.decode()
    web_client(world.member).post(reverse("community:event-unregister", args=[event.pk]))
    assert Registration.objects.get(event=event, person=world.outsider_person).status == \
        RegistrationStatus.REGISTERED
    body = web_client(world.member).get(reverse("community:events")).content.decode()
    assert "Quarterly meet-up" in body


def test_attendance_page_records_and_writes_cpd(world, web_client) -> None:  # noqa: ANN001
    registration = services.register(actor=world.member, event=world.event)
    web = web_client(world.lead)
    url = reverse("community:event-attendance", args=[world.event.pk])
    assert "once the event has started" in web.get(url).content.decode()
    move_to_past(world.event)
    body = web.get(url).content.decode()
    assert "govuk-radios" in body and f'name="attendance-{registration.pk}"' in body
    response = web.post(url, {f"attendance-{registration.pk}": "attended"})
    assert response.status_code == 302
    assert CpdRecord.objects.filter(person=world.member_person, source="event").count() == 1
    response = web.post(url, {f"attendance-{registration.pk}": "bogus"})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    web.post(url, {f"attendance-{registration.pk}": ""})
    assert not CpdRecord.objects.filter(person=world.member_person).exists()


def test_feedback_page_and_summary(world, web_client) -> None:  # noqa: ANN001
    services.register(actor=world.member, event=world.event)
    move_to_past(world.event)
    web = web_client(world.member)
    body = web.get(reverse("community:event", args=[world.event.pk])).content.decode()
    assert 'id="give-feedback"' in body
    url = reverse("community:event-feedback", args=[world.event.pk])
    response = web.post(url, {"rating": "9"})
    assert response.status_code == 400
    response = web.post(url, {"rating": "5", "comment": "x" * 2001})
    assert response.status_code == 400
    response = web.post(url, {"rating": "5", "comment": "Great"})
    assert response.status_code == 302
    body = web_client(world.lead).get(reverse("community:event-feedback-summary",
                                              args=[world.event.pk])).content.decode()
    assert "Fewer than 5 people" in body and "Great" not in body
