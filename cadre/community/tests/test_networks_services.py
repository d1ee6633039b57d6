# ruff: noqa: F811 - pytest fixtures imported from networks_fixtures are named as arguments
"""Every rule of community.services.networks and every way it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.accreditation.models import CpdRecord
from cadre.accreditation.selectors.cpd import credits_between
from cadre.audit.models import AuditEvent
from cadre.community.models import (
    Attendance,
    Community,
    EventStatus,
    Membership,
    MembershipRole,
    Registration,
    RegistrationStatus,
)
from cadre.community.selectors import networks as sel
from cadre.community.services import networks as services
from cadre.community.tests.networks_fixtures import (
    SYSTEM,
    event_values,
    move_to_past,
    world,  # noqa: F401
)
from cadre.core.versions import StaleVersion, record_version
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _fields(exc: ValidationError) -> set[str]:
    return set(exc.value.message_dict) if hasattr(exc, "value") else set(exc.message_dict)


# -- communities -----------------------------------------------------------------------

def test_organisers_create_and_others_may_not(world) -> None:  # noqa: ANN001
    community = services.create_community(actor=world.organiser, name="Fire digital",
                                          scope="regional", area="North", topic="Digital")
    assert community.created_by == world.organiser and community.is_open
    assert AuditEvent.objects.filter(target_type="community.Community",
                                     target_id=str(community.pk)).exists()
    for user in (world.lead, world.member, world.analyst):
        with pytest.raises(PermissionDenied):
            services.create_community(actor=user, name="X", scope="national", topic="X")


@pytest.mark.parametrize("values, field", [
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"summary": "x" * 5001}, "summary"),
    ({"scope": "galactic"}, "scope"),
    ({"scope": "regional", "area": ""}, "area"),
    ({"scope": "national", "area": "Leeds"}, "area"),
    ({"area": "x" * 101, "scope": "local"}, "area"),
    ({"topic": ""}, "topic"),
    ({"topic": "x" * 201}, "topic"),
    ({"role_family": "No such family", "topic": ""}, "role_family"),
    ({"name": "data NETWORK"}, "name"),
])
def test_community_values_are_checked(world, values, field) -> None:  # noqa: ANN001
    data = {"name": "New one", "scope": "national", "topic": "T", **values}
    with pytest.raises(ValidationError) as exc:
        services.create_community(actor=SYSTEM, **data)
    assert field in exc.value.message_dict


def test_update_community_changes_fields_and_checks_version(world) -> None:  # noqa: ANN001
    version = record_version(world.community)
    services.update_community(actor=world.organiser, community=world.community,
                              summary="New summary", if_match=[version])
    world.community.refresh_from_db()
    assert world.community.summary == "New summary"
    with pytest.raises(StaleVersion):
        services.update_community(actor=world.organiser, community=world.community,
                                  summary="Again", if_match=[version])
    with pytest.raises(ValidationError) as exc:
        services.update_community(actor=world.organiser, community=world.community, uid="x")
    assert "uid" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.update_community(actor=world.lead, community=world.community, summary="x")
    with pytest.raises(ValidationError) as exc:
        services.update_community(actor=world.organiser, community=999999, summary="x")
    assert "community" in exc.value.message_dict


def test_close_needs_no_upcoming_events_and_happens_once(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        services.close_community(actor=world.organiser, community=world.community)
    assert "community" in exc.value.message_dict
    services.cancel_event(actor=world.lead, event=world.event)
    community = services.close_community(actor=world.organiser, community=world.community)
    assert community.closed_on == timezone.localdate()
    with pytest.raises(services.NetworkConflict):
        services.close_community(actor=world.organiser, community=world.community)
    with pytest.raises(ValidationError):
        services.join_community(actor=world.other, community=world.community)
    with pytest.raises(ValidationError):
        services.create_event(actor=world.lead, community=world.community, **event_values())


def test_join_open_leave_any_and_join_again(world) -> None:  # noqa: ANN001
    membership = services.join_community(actor=world.other, community=world.community)
    assert membership.role == MembershipRole.MEMBER and membership.person == world.other_person
    with pytest.raises(services.NetworkConflict):
        services.join_community(actor=world.other, community=world.community)
    services.leave_community(actor=world.other, community=world.community)
    assert not sel.is_member(world.other, world.community)
    again = services.join_community(actor=world.other, community=world.community)
    assert again.pk != membership.pk
    assert Membership.objects.filter(community=world.community,
                                     person=world.other_person).count() == 2
    with pytest.raises(services.NetworkConflict):
        services.leave_community(actor=world.outsider, community=world.community)


def test_closed_community_only_leads_add(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.join_community(actor=world.other, community=world.closed)
    with pytest.raises(PermissionDenied):  # not a lead of the closed one
        services.add_member(actor=world.lead, community=world.closed, person="WP/P1")
    services.set_lead(actor=world.organiser, community=world.closed, person=world.lead_person)
    row = services.add_member(actor=world.lead, community=world.closed, person="WP/P1")
    assert row.person == world.other_person
    # the member leaves a closed community by themselves
    services.leave_community(actor=world.other, community=world.closed)
    with pytest.raises(PermissionDenied):  # a member may not remove someone else
        services.leave_community(actor=world.member, community=world.community,
                                 person=world.lead_person.pk)


def test_people_without_a_record_cannot_join(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.join_community(actor=world.analyst, community=world.community)


def test_unknown_person_names_the_field(world) -> None:  # noqa: ANN001
    for ref in ("ZZ/1", "123456789", "", "x" * 40):
        with pytest.raises(ValidationError) as exc:
            services.add_member(actor=world.lead, community=world.community, person=ref)
        assert "person" in exc.value.message_dict


def test_appoint_and_remove_leads(world) -> None:  # noqa: ANN001
    row = services.set_lead(actor=world.central, community=world.community,
                            person=world.member_person)
    assert row.role == MembershipRole.LEAD and sel.is_lead(world.member, world.community)
    with pytest.raises(services.NetworkConflict):
        services.set_lead(actor=world.central, community=world.community,
                          person=world.member_person)
    services.set_lead(actor=world.central, community=world.community,
                      person=world.member_person, lead=False)
    assert not sel.is_lead(world.member, world.community)
    assert sel.is_member(world.member, world.community)
    with pytest.raises(services.NetworkConflict):
        services.set_lead(actor=world.central, community=world.community,
                          person=world.member_person, lead=False)
    newcomer = services.set_lead(actor=world.central, community=world.community,
                                 person=world.outsider_person)
    assert newcomer.role == MembershipRole.LEAD
    with pytest.raises(PermissionDenied):
        services.set_lead(actor=world.lead, community=world.community,
                          person=world.other_person)


# -- events ----------------------------------------------------------------------------

def test_leads_and_organisers_create_events_members_may_not(world) -> None:  # noqa: ANN001
    event = services.create_event(actor=world.lead, community=world.community,
                                  **event_values(title="Lead's"))
    assert event.sequence == 0 and event.uid.endswith("@community.cadre")
    services.create_event(actor=world.organiser, community=world.community,
                          **event_values(title="Organiser's"))
    for user in (world.member, world.other, world.analyst):
        with pytest.raises(PermissionDenied):
            services.create_event(actor=user, community=world.community, **event_values())
    # a lead who left is no longer a lead
    services.leave_community(actor=world.lead, community=world.community)
    with pytest.raises(PermissionDenied):
        services.create_event(actor=world.lead, community=world.community, **event_values())


@pytest.mark.parametrize("overrides, field", [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"description": "x" * 5001}, "description"),
    ({"format": "carrier pigeon"}, "format"),
    ({"format": "in_person", "joining_link": ""}, None),
    ({"format": "in_person", "location": ""}, "location"),
    ({"format": "in_person"}, "joining_link"),
    ({"format": "online", "location": ""}, None),
    ({"format": "online"}, "location"),
    ({"format": "online", "location": "", "joining_link": ""}, "joining_link"),
    ({"joining_link": "not a link"}, "joining_link"),
    ({"location": "x" * 301}, "location"),
    ({"capacity": 0}, "capacity"),
    ({"capacity": 5001}, "capacity"),
    ({"capacity": "lots"}, "capacity"),
    ({"cpd_hours": "-1"}, "cpd_hours"),
    ({"cpd_hours": "101"}, "cpd_hours"),
    ({"cpd_hours": "1.25"}, "cpd_hours"),
    ({"cpd_hours": "NaN"}, "cpd_hours"),
    ({"starts_at": "tomorrow"}, "starts_at"),
    ({"starts_at": "2020-01-01T10:00"}, "starts_at"),
    ({"ends_at": None}, "ends_at"),
])
def test_event_values_are_checked(world, overrides, field) -> None:  # noqa: ANN001
    values = event_values(**overrides)
    if overrides.get("starts_at") == "2020-01-01T10:00":
        values["ends_at"] = "2020-01-01T12:00"
    if field is None:
        services.create_event(actor=world.lead, community=world.community, **values)
        return
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=world.lead, community=world.community, **values)
    assert field in exc.value.message_dict


def test_event_end_and_length_limits(world) -> None:  # noqa: ANN001
    start = event_values()["starts_at"]
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=world.lead, community=world.community,
                              **event_values(ends_at=start))
    assert "ends_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=world.lead, community=world.community,
                              **event_values(ends_at=start + dt.timedelta(days=15)))
    assert "ends_at" in exc.value.message_dict
    far = timezone.now() + dt.timedelta(days=365 * 4)
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=world.lead, community=world.community,
                              **event_values(starts_at=far, ends_at=far + dt.timedelta(hours=1)))
    assert "starts_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_event(actor=world.lead, community=world.community, colour="red",
                              **event_values())
    assert "colour" in exc.value.message_dict


def test_sequence_goes_up_for_time_place_format_status_only(world) -> None:  # noqa: ANN001
    event, uid = world.event, world.event.uid
    event = services.update_event(actor=world.lead, event=event, title="Renamed")
    assert event.sequence == 0
    event = services.update_event(actor=world.lead, event=event, location="Another place")
    assert event.sequence == 1
    later = event.starts_at + dt.timedelta(days=1)
    event = services.update_event(actor=world.lead, event=event, starts_at=later,
                                  ends_at=later + dt.timedelta(hours=2))
    assert event.sequence == 2
    event = services.update_event(actor=world.lead, event=event, format="in_person",
                                  joining_link="")
    assert event.sequence == 3
    event = services.update_event(actor=world.lead, event=event, format="in_person")
    assert event.sequence == 3  # nothing changed
    event = services.cancel_event(actor=world.lead, event=event, reason="Speaker ill")
    assert event.sequence == 4 and event.status == EventStatus.CANCELLED and event.uid == uid
    with pytest.raises(services.NetworkConflict):
        services.cancel_event(actor=world.lead, event=event)
    with pytest.raises(services.NetworkConflict):
        services.update_event(actor=world.lead, event=event, title="x")
    assert event.history.count() >= 5


def test_update_refuses_past_start_and_too_few_places(world) -> None:  # noqa: ANN001
    services.register(actor=world.member, event=world.event)
    services.register(actor=world.other, event=world.event)
    with pytest.raises(ValidationError) as exc:
        services.update_event(actor=world.lead, event=world.event, capacity=1)
    assert "capacity" in exc.value.message_dict
    past = timezone.now() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.update_event(actor=world.lead, event=world.event, starts_at=past,
                              ends_at=past + dt.timedelta(hours=1))
    assert "starts_at" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.update_event(actor=world.member, event=world.event, title="x")
    with pytest.raises(PermissionDenied):
        services.cancel_event(actor=world.member, event=world.event)
    with pytest.raises(ValidationError) as exc:
        services.cancel_event(actor=world.lead, event=world.event, reason="x" * 501)
    assert "reason" in exc.value.message_dict


def test_stale_if_match_is_refused(world) -> None:  # noqa: ANN001
    version = record_version(world.event)
    services.update_event(actor=world.lead, event=world.event, title="A", if_match=[version])
    with pytest.raises(StaleVersion):
        services.update_event(actor=world.lead, event=world.event, title="B",
                              if_match=[version])


# -- registration ----------------------------------------------------------------------

def test_places_then_waiting_list_then_promotion(world) -> None:  # noqa: ANN001
    first = services.register(actor=world.member, event=world.event)
    second = services.register(actor=world.other, event=world.event)
    third = services.register(actor=world.outsider, event=world.event)  # not a member: open
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.REGISTERED, RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert sel.waiting_position(third) == 1
    fourth = services.register(actor=SYSTEM, event=world.event, person=world.lead_person)
    assert sel.waiting_position(fourth) == 2
    services.cancel_registration(actor=world.member, event=world.event)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.REGISTERED
    assert fourth.status == RegistrationStatus.WAITING and sel.waiting_position(fourth) == 1
    # more places promote the head of the waiting list
    services.update_event(actor=world.lead, event=world.event, capacity=3)
    fourth.refresh_from_db()
    assert fourth.status == RegistrationStatus.REGISTERED
    # registering again after cancelling reuses the row, at the back of the queue
    again = services.register(actor=world.member, event=world.event)
    assert again.pk == first.pk and again.status == RegistrationStatus.WAITING


def test_double_registration_is_a_conflict(world) -> None:  # noqa: ANN001
    services.register(actor=world.member, event=world.event)
    with pytest.raises(services.NetworkConflict) as exc:
        services.register(actor=world.member, event=world.event)
    assert "already" in exc.value.message
    assert Registration.objects.filter(event=world.event).count() == 1


def test_registration_refusals(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.register(actor=world.analyst, event=world.event)
    with pytest.raises(PermissionDenied):
        services.register(actor=world.member, event=world.event, person=world.other_person)
    closed_event = services.create_event(actor=SYSTEM, community=world.closed,
                                         **event_values())
    with pytest.raises(PermissionDenied):
        services.register(actor=world.member, event=closed_event)
    with pytest.raises(ValidationError) as exc:
        services.register(actor=world.member, event=999999)
    assert "event" in exc.value.message_dict
    services.register(actor=world.member, event=world.event)
    with pytest.raises(PermissionDenied):  # someone else's registration
        services.cancel_registration(actor=world.other, event=world.event,
                                     person=world.member_person)
    services.cancel_registration(actor=world.lead, event=world.event,
                                 person=world.member_person)  # a lead may
    with pytest.raises(services.NetworkConflict):
        services.cancel_registration(actor=world.member, event=world.event)
    with pytest.raises(ValidationError) as exc:
        services.cancel_registration(actor=world.other, event=world.event)
    assert "person" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.cancel_registration(actor=world.lead, event=world.event, registration=424242)
    assert "registration" in exc.value.message_dict
    services.cancel_event(actor=world.lead, event=world.event)
    with pytest.raises(ValidationError):
        services.register(actor=world.other, event=world.event)
    started = move_to_past(services.create_event(actor=SYSTEM, community=world.community,
                                                 **event_values()))
    with pytest.raises(ValidationError):
        services.register(actor=world.other, event=started)


# -- attendance, CPD and feedback ------------------------------------------------------

def test_attendance_writes_and_removes_cpd_counted_for_renewal(world) -> None:  # noqa: ANN001
    registration = services.register(actor=world.member, event=world.event)
    with pytest.raises(ValidationError) as exc:  # not started yet
        services.record_attendance(actor=world.lead, event=world.event,
                                   registration=registration, attendance=True)
    assert "event" in exc.value.message_dict
    event = move_to_past(world.event)
    with pytest.raises(PermissionDenied):
        services.record_attendance(actor=world.member, event=event,
                                   registration=registration, attendance=True)
    row = services.record_attendance(actor=world.lead, event=event, registration=registration,
                                     attendance=True)
    assert row.attendance == Attendance.ATTENDED
    record = CpdRecord.objects.get(pk=row.cpd_record_id)
    assert record.source == "event" and record.hours == Decimal("3.5") and record.credits == 4
    assert record.person == world.member_person and record.category == "professional"
    today = timezone.localdate()
    assert credits_between(world.member_person.pk, today - dt.timedelta(days=30), today) == 4
    audit = AuditEvent.objects.filter(target_type="community.Registration",
                                      target_id=str(row.pk)).order_by("-pk").first()
    assert audit.actor == world.lead and audit.data["to"] == "attended"
    # the same again changes nothing; absent removes the CPD record
    services.record_attendance(actor=world.lead, event=event, registration=row.pk,
                               attendance="attended")
    assert CpdRecord.objects.filter(person=world.member_person).count() == 1
    row = services.record_attendance(actor=world.lead, event=event, registration=row.pk,
                                     attendance=False)
    assert row.attendance == Attendance.ABSENT and row.cpd_record_id is None
    assert not CpdRecord.objects.filter(person=world.member_person).exists()
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(actor=world.lead, event=event, registration=row.pk,
                                   attendance="maybe")
    assert "attendance" in exc.value.message_dict


def test_attendance_only_for_places_and_zero_hours_write_no_cpd(world) -> None:  # noqa: ANN001
    event = services.create_event(actor=SYSTEM, community=world.community,
                                  **event_values(capacity=1, cpd_hours="0"))
    place = services.register(actor=world.member, event=event)
    waiting = services.register(actor=world.other, event=event)
    event = move_to_past(event)
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(actor=world.lead, event=event, registration=waiting,
                                   attendance=True)
    assert "registration" in exc.value.message_dict
    row = services.record_attendance(actor=world.lead, event=event, registration=place,
                                     attendance=True)
    assert row.cpd_record_id is None


def test_feedback_once_by_attendees_after_the_start(world) -> None:  # noqa: ANN001
    registration = services.register(actor=world.member, event=world.event)
    with pytest.raises(ValidationError):
        services.give_feedback(actor=world.member, event=world.event, rating=5)
    event = move_to_past(world.event)
    with pytest.raises(PermissionDenied):
        services.give_feedback(actor=world.other, event=event, rating=5)
    for rating, field in ((0, "rating"), (6, "rating"), ("good", "rating"),
                          (None, "rating")):
        with pytest.raises(ValidationError) as exc:
            services.give_feedback(actor=world.member, event=event, rating=rating)
        assert field in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.give_feedback(actor=world.member, event=event, rating=4, comment="x" * 2001)
    assert "comment" in exc.value.message_dict
    row = services.give_feedback(actor=world.member, event=event, rating=4, comment="Good")
    assert row.rating == 4 and row.pk == registration.pk
    with pytest.raises(services.NetworkConflict):
        services.give_feedback(actor=world.member, event=event, rating=5)
    with pytest.raises(PermissionDenied):
        services.give_feedback(actor=world.member, event=event, rating=5,
                               person=world.other_person)


def test_absent_people_may_not_give_feedback(world) -> None:  # noqa: ANN001
    registration = services.register(actor=world.member, event=world.event)
    event = move_to_past(world.event)
    services.record_attendance(actor=world.lead, event=event, registration=registration,
                               attendance="absent")
    with pytest.raises(PermissionDenied):
        services.give_feedback(actor=world.member, event=event, rating=2)


def test_feedback_summary_is_suppressed_below_five(world) -> None:  # noqa: ANN001
    event = services.create_event(actor=SYSTEM, community=world.community,
                                  **event_values(capacity=10))
    people = [PersonFactory(organisation=world.dept) for _ in range(5)]
    for person in people:
        services.register(actor=SYSTEM, event=event, person=person)
    event = move_to_past(event)
    for index, person in enumerate(people[:4]):
        services.give_feedback(actor=SYSTEM, event=event, person=person, rating=index + 1,
                               comment=f"Comment {index}")
    summary = sel.feedback_summary(event)
    assert summary["suppressed"] and summary["count"] is None and summary["comments"] == []
    services.give_feedback(actor=SYSTEM, event=event, person=people[4], rating=5)
    summary = sel.feedback_summary(event)
    assert not summary["suppressed"] and summary["count"] == 5
    assert summary["mean"] == Decimal("3.0") and len(summary["comments"]) == 4


def test_communities_list_counts_members_and_upcoming_events(world) -> None:  # noqa: ANN001
    row = sel.communities().get(pk=world.community.pk)
    assert row.member_count == 2 and row.upcoming_count == 1
    assert Community.objects.count() == 2
