"""Fixtures for the networks tests: organisations of several types, people with accounts
(a lead, two members, an outsider with a person record, an organiser, an analyst without a
person record), an open community with a lead and a member, a closed one, and an upcoming
event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.community.models import Community, CommunityEvent
from cadre.community.services import networks as services
from cadre.core.actor import Actor
from cadre.organisations.models import OrganisationType
from tests.factories import OrganisationFactory, PersonFactory

SYSTEM = Actor.system()


@dataclass
class World:
    dept: Any
    council: Any
    police: Any
    fire: Any
    lead_person: Any
    member_person: Any
    other_person: Any
    outsider_person: Any
    lead: Any
    member: Any
    other: Any
    outsider: Any
    organiser: Any
    central: Any
    analyst: Any
    community: Community
    closed: Community
    event: CommunityEvent


def soon(days: int = 7, hour: int = 10) -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=days, hours=hour - 10)


def event_values(**overrides: Any) -> dict[str, Any]:
    start = soon()
    values = {"title": "Quarterly meet-up", "format": "hybrid",
              "location": "Quarry House, Leeds", "joining_link": "https://meet.example/x",
              "starts_at": start, "ends_at": start + dt.timedelta(hours=3), "capacity": 2,
              "cpd_hours": Decimal("3.5"), "description": "Talks."}
    values.update(overrides)
    return values


def move_to_past(event: CommunityEvent, hours_ago: int = 2) -> CommunityEvent:
    start = timezone.now() - dt.timedelta(hours=hours_ago)
    return services.update_event(actor=SYSTEM, event=event, starts_at=start,
                                 ends_at=start + dt.timedelta(hours=3))


@pytest.fixture
def world(db, make_account) -> World:  # noqa: ANN001
    dept = OrganisationFactory(name="Department A", abbreviation="DA")
    council = OrganisationFactory(name="Leeds Council", abbreviation="LCC",
                                  type=OrganisationType.LOCAL_AUTHORITY)
    police = OrganisationFactory(name="West Police", abbreviation="WP",
                                 type=OrganisationType.POLICE_FORCE)
    fire = OrganisationFactory(name="West Fire", abbreviation="WF",
                               type=OrganisationType.FIRE_AND_RESCUE_SERVICE)
    lead_person = PersonFactory(organisation=dept, staff_number="A1", first_name="Lena",
                                last_name="Lead")
    member_person = PersonFactory(organisation=council, staff_number="C1",
                                  first_name="Mo", last_name="Member")
    other_person = PersonFactory(organisation=police, staff_number="P1", first_name="Ola",
                                 last_name="Other")
    outsider_person = PersonFactory(organisation=fire, staff_number="F1", first_name="Una",
                                    last_name="Outsider")
    community = services.create_community(actor=SYSTEM, name="Data network",
                                          scope="national", topic="Data")
    services.set_lead(actor=SYSTEM, community=community, person=lead_person)
    services.join_community(actor=SYSTEM, community=community, person=member_person)
    closed = services.create_community(actor=SYSTEM, name="Leeds leaders", scope="local",
                                       area="Leeds", topic="Leadership", is_open=False)
    event = services.create_event(actor=SYSTEM, community=community, **event_values())
    return World(
        dept=dept, council=council, police=police, fire=fire, lead_person=lead_person,
        member_person=member_person, other_person=other_person,
        outsider_person=outsider_person,
        lead=make_account(person=lead_person), member=make_account(person=member_person),
        other=make_account(person=other_person), outsider=make_account(person=outsider_person),
        organiser=make_account(Role.HEAD_OF_PROFESSION, organisation=dept),
        central=make_account(Role.CENTRAL_TEAM), analyst=make_account(Role.ANALYST),
        community=community, closed=closed, event=event)
