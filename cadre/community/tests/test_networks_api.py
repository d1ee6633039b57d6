# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""The communities and events API: lists, create, PATCH with ETag/If-Match, joining,
leads, registration (201, 409 on a double), attendance and feedback; bad input is a 400
naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation.models import CpdRecord
from cadre.community.models import Community, CommunityEvent
from cadre.community.services import networks as services
from cadre.community.tests.networks_fixtures import SYSTEM, move_to_past, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _fields(response) -> set:  # noqa: ANN001
    return {e["field"] for e in response.json()["errors"]}


def test_list_and_read_communities(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.outsider)
    body = api.get(reverse("api:community-network-list")).json()
    row = next(r for r in body["results"] if r["id"] == world.community.pk)
    assert row["members"] == 2 and row["upcoming_events"] == 1 and row["scope"] == "national"
    response = api.get(reverse("api:community-network-detail", args=[world.community.pk]))
    assert response.status_code == 200 and response["ETag"]
    assert api.get(reverse("api:community-network-detail", args=[999999])).status_code == 404
    huge = 10 ** 30  # beyond any id column: a 404, never a 500
    assert api.get(reverse("api:community-network-detail", args=[huge])).status_code == 404
    assert api.get(reverse("api:community-event-detail", args=[huge])).status_code == 404
    response = api.delete(reverse("api:community-network-member",
                                  args=[world.community.pk, huge]))
    assert response.status_code == 400 and "person" in _fields(response)


def test_organiser_creates_and_patches_with_if_match(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.organiser)
    response = api.post(reverse("api:community-network-list"),
                        {"name": "Fire network", "scope": "local", "area": "Wakefield",
                         "topic": "Fire"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    url = reverse("api:community-network-detail", args=[pk])
    etag = api.get(url)["ETag"]
    response = api.patch(url, {"summary": "Changed"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["summary"] == "Changed"
    response = api.patch(url, {"summary": "Again"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    response = api.patch(url, {"name": "x" * 201}, format="json")
    assert response.status_code == 400 and "name" in _fields(response)
    response = api.post(reverse("api:community-network-list"),
                        {"name": "Y", "scope": "regional", "topic": "Y"}, format="json")
    assert response.status_code == 400 and "area" in _fields(response)
    response = api.post(reverse("api:community-network-list"),
                        {"name": "Y", "scope": "national", "role_family": 999999},
                        format="json")
    assert response.status_code == 400 and "role_family" in _fields(response)
    services.cancel_event(actor=SYSTEM, event=world.event)
    response = api.post(reverse("api:community-network-close", args=[world.community.pk]))
    assert response.status_code == 200 and response.json()["closed_on"]
    response = api.post(reverse("api:community-network-close", args=[world.community.pk]))
    assert response.status_code == 409


def test_members_join_leave_and_names_only_for_members(world, api_client) -> None:  # noqa: ANN001
    url = reverse("api:community-network-members", args=[world.community.pk])
    assert api_client(world.outsider).get(url).status_code == 403
    names = [r["name"] for r in api_client(world.member).get(url).json()["results"]]
    assert "Lena Lead" in names and "Mo Member" in names
    api = api_client(world.outsider)
    assert api.post(url, {}, format="json").status_code == 201
    assert api.post(url, {}, format="json").status_code == 409
    assert api.get(url).status_code == 200
    leave = reverse("api:community-network-member",
                    args=[world.community.pk, world.outsider_person.pk])
    assert api.delete(leave).status_code == 204
    assert api.delete(leave).status_code == 409
    lead = api_client(world.lead)
    response = lead.post(url, {"person": "WP/P1"}, format="json")
    assert response.status_code == 201 and response.json()["organisation"] == "West Police"
    response = lead.post(url, {"person": "WP/NOBODY"}, format="json")
    assert response.status_code == 400 and "person" in _fields(response)


def test_leads_appointed_and_removed(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.central)
    url = reverse("api:community-network-leads", args=[world.community.pk])
    response = api.post(url, {"person": str(world.member_person.pk)}, format="json")
    assert response.status_code == 201 and response.json()["role"] == "lead"
    assert api.post(url, {"person": str(world.member_person.pk)},
                    format="json").status_code == 409
    remove = reverse("api:community-network-lead",
                     args=[world.community.pk, world.member_person.pk])
    assert api.delete(remove).status_code == 204
    assert api.delete(remove).status_code == 409


def test_events_create_patch_cancel(world, api_client) -> None:  # noqa: ANN001
    api = api_client(world.lead)
    start = (timezone.now() + dt.timedelta(days=5)).replace(microsecond=0)
    body = {"community": world.community.pk, "title": "API event", "format": "online",
            "joining_link": "https://meet.example/z", "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=2)).isoformat(), "capacity": 10,
            "cpd_hours": "2.0"}
    response = api.post(reverse("api:community-event-list"), body, format="json")
    assert response.status_code == 201, response.json()
    event = response.json()
    assert event["sequence"] == 0 and event["uid"]
    url = reverse("api:community-event-detail", args=[event["id"]])
    etag = api.get(url)["ETag"]
    later = start + dt.timedelta(hours=1)
    response = api.patch(url, {"starts_at": later.isoformat(),
                               "ends_at": (later + dt.timedelta(hours=2)).isoformat()},
                         format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["sequence"] == 1
    assert response.json()["uid"] == event["uid"]
    assert api.patch(url, {"title": "x"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    for bad, field in (({"capacity": 0}, "capacity"), ({"capacity": 5001}, "capacity"),
                       ({"cpd_hours": "101"}, "cpd_hours"), ({"title": "x" * 201}, "title"),
                       ({"format": "in_person"}, "location")):
        response = api.patch(url, bad, format="json")
        assert response.status_code == 400 and field in _fields(response), (bad, response.json())
    response = api.post(reverse("api:community-event-list"), {**body, "community": 999999},
                        format="json")
    assert response.status_code == 400 and "community" in _fields(response)
    response = api.post(reverse("api:community-event-cancel", args=[event["id"]]),
                        {"reason": "Clash"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert api.post(reverse("api:community-event-cancel", args=[event["id"]]), {},
                    format="json").status_code == 409
    assert api_client(world.member).post(reverse("api:community-event-list"), body,
                                         format="json").status_code == 403
    listed = api.get(reverse("api:community-event-list"), {"when": "all",
                                                           "community": world.community.pk})
    assert listed.status_code == 200 and listed.json()["count"] == 2
    response = api.get(reverse("api:community-event-list"), {"when": "someday"})
    assert response.status_code == 400 and "when" in _fields(response)


def test_register_conflict_waiting_attendance_and_feedback(world, api_client) -> None:  # noqa: ANN001
    url = reverse("api:community-event-registrations", args=[world.event.pk])
    member = api_client(world.member)
    response = member.post(url)
    assert response.status_code == 201 and response.json()["status"] == "registered"
    assert member.post(url).status_code == 409
    api_client(world.other).post(url)
    waiting = api_client(world.outsider).post(url).json()
    assert waiting["status"] == "waiting" and waiting["waiting_position"] == 1
    assert member.get(url).status_code == 403
    rows = api_client(world.lead).get(url).json()["results"]
    assert [r["status"] for r in rows] == ["registered", "registered", "waiting"]
    mine = rows[0]["id"]
    cancel = reverse("api:community-event-registration", args=[world.event.pk, mine])
    assert member.delete(cancel).status_code == 204
    assert member.delete(cancel).status_code == 409
    assert api_client(world.outsider).get(
        reverse("api:community-event-detail", args=[world.event.pk])).json()["waiting"] == 0
    move_to_past(world.event)
    other = next(r for r in rows if r["name"] == "Ola Other")["id"]
    att = reverse("api:community-event-attendance", args=[world.event.pk])
    lead = api_client(world.lead)
    response = lead.post(att, {"registration": other, "attendance": "attended"}, format="json")
    assert response.status_code == 200 and response.json()["attendance"] == "attended"
    assert CpdRecord.objects.filter(person=world.other_person, source="event").exists()
    response = lead.post(att, {"registration": 999999, "attendance": "attended"}, format="json")
    assert response.status_code == 400 and "registration" in _fields(response)
    response = lead.post(att, {"registration": other, "attendance": "maybe"}, format="json")
    assert response.status_code == 400 and "attendance" in _fields(response)
    assert api_client(world.other).post(att, {"registration": other, "attendance": ""},
                                        format="json").status_code == 403
    feedback = reverse("api:community-event-feedback", args=[world.event.pk])
    other_api = api_client(world.other)
    response = other_api.post(feedback, {"rating": 6}, format="json")
    assert response.status_code == 400 and "rating" in _fields(response)
    assert other_api.post(feedback, {"rating": 4, "comment": "Good"},
                          format="json").status_code == 201
    assert other_api.post(feedback, {"rating": 4}, format="json").status_code == 409
    summary = lead.get(feedback).json()
    assert summary["suppressed"] is True and summary["count"] is None
    assert other_api.get(feedback).status_code == 403


def test_ids_are_kept_for_feeds(world) -> None:  # noqa: ANN001
    assert Community.objects.filter(pk=world.community.pk).exists()
    assert CommunityEvent.objects.get(pk=world.event.pk).uid == world.event.uid
