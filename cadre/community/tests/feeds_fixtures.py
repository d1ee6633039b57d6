"""A small world for the feeds tests: an open community (a lead, a member), a closed one,
events past, coming and cancelled, registrations with a place and on the waiting list, and
accounts for each. Events are written directly (the networks area's services own their
making); the feeds only read them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.community.models import (
    Community,
    CommunityEvent,
    EventFormat,
    Membership,
    MembershipRole,
    Registration,
    RegistrationStatus,
    Scope,
)


def make_event(community: Community, title: str, *, days: float, hours: float = 2,
               **fields: object) -> CommunityEvent:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    values = {"format": EventFormat.IN_PERSON, "location": "1 Horse Guards Road, London",
              "capacity": 20, "cpd_hours": Decimal("2.0")}
    values.update(fields)
    return CommunityEvent.objects.create(community=community, title=title, starts_at=start,
                                         ends_at=start + dt.timedelta(hours=hours),
                                         **values)


def register(event: CommunityEvent, person: object,
             status: str = RegistrationStatus.REGISTERED) -> Registration:
    return Registration.objects.create(event=event, person=person, status=status,
                                       registered_at=timezone.now())


@pytest.fixture
def fw(people, make_account):  # noqa: ANN001, ANN201
    today = timezone.localdate()
    open_c = Community.objects.create(name="Delivery network", scope=Scope.NATIONAL,
                                      topic="Delivery management")
    closed_c = Community.objects.create(name="Closed circle", scope=Scope.LOCAL,
                                        area="Leeds", is_open=False)
    Membership.objects.create(community=open_c, person=people.a_manager,
                              role=MembershipRole.LEAD, joined_on=today)
    Membership.objects.create(community=open_c, person=people.a_staff1, joined_on=today)
    Membership.objects.create(community=closed_c, person=people.a_staff2, joined_on=today)
    # Left the open community: no longer gets its coming events.
    Membership.objects.create(community=open_c, person=people.a_other, joined_on=today,
                              left_on=today)
    events = SimpleNamespace(
        coming=make_event(open_c, "Show and tell", days=7),
        later=make_event(open_c, "Annual conference", days=60, hours=8,
                         format=EventFormat.HYBRID, joining_link="https://meet.example/x"),
        cancelled=make_event(open_c, "Cancelled clinic", days=14, status="cancelled",
                             sequence=1),
        recent=make_event(open_c, "Last week's meet-up", days=-10),
        old=make_event(open_c, "Long ago", days=-45),
        closed=make_event(closed_c, "Closed planning day", days=5),
    )
    register(events.coming, people.a_staff1)
    register(events.later, people.a_staff1, RegistrationStatus.WAITING)
    register(events.coming, people.b_staff)  # not a member, registered anyway
    register(events.recent, people.a_staff1)
    accounts = SimpleNamespace(
        lead=make_account(Role.PROFESSIONAL, person=people.a_manager),
        member=make_account(Role.PROFESSIONAL, person=people.a_staff1),
        closed_member=make_account(Role.PROFESSIONAL, person=people.a_staff2),
        outsider=make_account(Role.PROFESSIONAL, person=people.b_staff),
        former=make_account(Role.PROFESSIONAL, person=people.a_other),
        central=make_account(Role.CENTRAL_TEAM),
        no_person=make_account(Role.PROFESSIONAL),
    )
    return SimpleNamespace(open=open_c, closed=closed_c, events=events, accounts=accounts,
                           people=people)
