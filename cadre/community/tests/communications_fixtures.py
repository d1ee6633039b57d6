"""A small government for the communications tests: two local authorities and a
department, Data and Digital families, people in and out of the profession, a central
team author and a second central team member who assures, channels and an audience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from cadre.access.services import grant_role
from cadre.community.models import Audience, Channel, CommunityMessage, Stakeholder
from cadre.community.services import communications as services
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory, UserFactory


@dataclass
class World:
    leeds: Any
    york: Any
    dept: Any
    data: RoleFamily
    digital: RoleFamily
    data_level: RoleLevel
    digital_level: RoleLevel
    g7: Any
    in_data_la: list[Person]
    others: list[Person]
    author: Any
    assurer: Any
    author_actor: Actor
    assurer_actor: Actor
    email: Channel
    newsletter: Channel
    audience: Audience
    union: Stakeholder


def _person(org: Any, *, level: RoleLevel | None, in_profession: bool | None,
            grade: Any = None, **kw: Any) -> Person:
    person = PersonFactory(organisation=org, grade=grade, **kw)
    WorkforceRecord.objects.create(person=person, in_profession=in_profession,
                                   role_level=level)
    return person


@pytest.fixture
def comms(db) -> World:  # noqa: ANN001
    leeds = OrganisationFactory(name="Leeds City Council", abbreviation="LCC",
                                type="local_authority")
    york = OrganisationFactory(name="York Council", abbreviation="YC", type="local_authority")
    dept = OrganisationFactory(name="Department for Tests", abbreviation="DFT",
                               type="ministerial_department")
    framework = Framework.objects.create(name="Test framework", version="1")
    data = RoleFamily.objects.create(framework=framework, name="Data")
    digital = RoleFamily.objects.create(framework=framework, name="Digital")
    data_role = Role.objects.create(framework=framework, family=data, name="Data analyst")
    digital_role = Role.objects.create(framework=framework, family=digital, name="Designer")
    data_level = RoleLevel.objects.create(framework=framework, role=data_role, name="Analyst",
                                          order=0, seniority=3)
    digital_level = RoleLevel.objects.create(framework=framework, role=digital_role,
                                             name="Designer", order=0, seniority=3)
    g7 = GradeFactory()
    in_data_la = [_person(leeds, level=data_level, in_profession=True, grade=g7)
                  for _ in range(3)]
    in_data_la += [_person(york, level=data_level, in_profession=True) for _ in range(2)]
    others = [
        _person(leeds, level=digital_level, in_profession=True),     # other family
        _person(dept, level=data_level, in_profession=True),         # a department
        _person(leeds, level=data_level, in_profession=False),       # not in profession
        _person(york, level=data_level, in_profession=True, email=""),  # no address
        _person(leeds, level=data_level, in_profession=True,
                end_date="2000-01-01"),                              # left
    ]
    author, assurer = UserFactory(), UserFactory()
    grant_role(user=author, role="central_team", organisation=None, actor=None)
    grant_role(user=assurer, role="central_team", organisation=None, actor=None)
    channels = {c.key: c for c in services.ensure_channels()}
    union = services.create_stakeholder(actor=Actor.system(), name="Public Sector Union",
                                        kind="trade_union",
                                        contact_email="comms@union.example")
    audience = services.create_audience(
        actor=Actor.for_user(author), name="Data in local government",
        organisation_types=["local_authority"], role_family_ids=[data.pk],
        stakeholder_ids=[union.pk])
    return World(leeds, york, dept, data, digital, data_level, digital_level, g7, in_data_la,
                 others, author, assurer, Actor.for_user(author), Actor.for_user(assurer),
                 channels["email"], channels["newsletter"], audience, union)


def draft(world: World, *, essential: bool = False, channel: Channel | None = None,
          title: str = "Data week") -> CommunityMessage:
    return services.create_message(
        actor=world.author_actor, title=title, channel=(channel or world.email).pk,
        audience=world.audience.pk, essential=essential, subject="Data week is coming",
        body="Join us for data week.")


def assured(world: World, **kw: Any) -> CommunityMessage:
    message = draft(world, **kw)
    services.transition_message(actor=world.author_actor, message_id=message.pk,
                                action="submit")
    return services.transition_message(actor=world.assurer_actor, message_id=message.pk,
                                       action="assure", version=message.version_number,
                                       comment="Checked.")
