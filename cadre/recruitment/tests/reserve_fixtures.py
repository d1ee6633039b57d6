"""A world for the reserve-list tests.

A data role with four levels (senior, lead, principal; a developer role in another family).
Department A's campaign for a senior data architect is decided: an external candidate found
appointable who agreed to the reserve list (``ext``), an internal one (DA's a_staff1,
``internal``), an appointable one without consent (``no_consent``) and one not appointable
(``not_appointable``). Department B runs a lead data architect campaign (similar: one step
up), a principal one (two steps up: not similar) and a developer one (another family), and
has an open lead vacancy on the mobility board; Department C runs a lead campaign too.
Accounts: the hub, a head of profession of each department, a_staff1, b_staff and nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.mobility.models import Vacancy
from cadre.recruitment.models import Application, ApplicationState, Campaign, CampaignState
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import reserve as services
from tests.factories import GradeFactory, OrganisationFactory

CLI = Actor.command_line("tests")


@dataclass
class World:
    people: Any
    org_a: Any
    org_b: Any
    org_c: Any
    levels: dict[str, RoleLevel]
    source: Campaign
    target: Campaign
    too_senior: Campaign
    other_family: Campaign
    target_c: Campaign
    vacancy: Vacancy
    ext: Application
    internal: Application
    no_consent: Application
    not_appointable: Application
    hub: Any
    hop_a: Any
    hop_b: Any
    hop_c: Any
    staff: Any
    b_staff: Any
    nobody: Any


def _levels() -> dict[str, RoleLevel]:
    framework = Framework.objects.first() or Framework.objects.create(name="F", version="1")
    data = RoleFamily.objects.get_or_create(framework=framework, name="Data")[0]
    tech = RoleFamily.objects.get_or_create(framework=framework, name="Software")[0]
    architect = FrameworkRole.objects.get_or_create(framework=framework, family=data,
                                                    name="Data architect")[0]
    developer = FrameworkRole.objects.get_or_create(framework=framework, family=tech,
                                                    name="Developer")[0]
    made = {}
    for key, role, name, order, seniority in (
            ("senior", architect, "Senior data architect", 1, 6),
            ("lead", architect, "Lead data architect", 2, 8),
            ("principal", architect, "Principal data architect", 3, 10),
            ("developer", developer, "Lead developer", 2, 8)):
        made[key] = RoleLevel.objects.get_or_create(
            framework=framework, role=role, name=name,
            defaults={"order": order, "seniority": seniority})[0]
    return made


def campaign(organisation: Any, title: str, level: RoleLevel, *,
             state: str = CampaignState.OPEN) -> Campaign:
    return Campaign.objects.create(
        organisation=organisation, title=title, role_level=level, grade=GradeFactory(),
        location="Leeds", closing_date=timezone.localdate() + dt.timedelta(days=14),
        state=state, pay_min=60000, pay_max=70000,
        closed_on=timezone.localdate() if state == CampaignState.CLOSED else None)


def found(application: Application, state: str = ApplicationState.APPOINTABLE,
          decided: dt.date | None = None) -> Application:
    """The panel's decision, set directly (the panels area's steps are not under test)."""
    when = timezone.make_aware(dt.datetime.combine(decided or timezone.localdate(),
                                                   dt.time(12)))
    Application.objects.filter(pk=application.pk).update(state=state, decided_at=when)
    application.refresh_from_db()
    return application


def applied(source: Campaign, *, name: str = "", email: str = "", person: Any = None,
            consent: bool = True) -> Application:
    Campaign.objects.filter(pk=source.pk).update(state=CampaignState.OPEN)
    application = application_services.record_application(
        actor=CLI, campaign=source, name=name, email=email, person=person,
        reserve_consent=consent)
    Campaign.objects.filter(pk=source.pk).update(state=CampaignState.DECIDED)
    return application


@pytest.fixture
def world(people, org_a, org_b, make_account) -> World:  # noqa: ANN001
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    levels = _levels()
    source = campaign(org_a, "Senior data architect", levels["senior"])
    ext = found(applied(source, name="Priya Raman", email="priya@example.com"))
    internal = found(applied(source, person=people.a_staff1))
    no_consent = found(applied(source, name="Sam Okafor", email="sam@example.com",
                               consent=False))
    not_appointable = found(applied(source, name="Lee Chan", email="lee@example.com"),
                            ApplicationState.NOT_APPOINTABLE)
    source.refresh_from_db()
    vacancy = Vacancy.objects.create(
        organisation=org_b, title="Lead data architect (board)", role_level=levels["lead"],
        grade=GradeFactory(), closing_date=timezone.localdate() + dt.timedelta(days=20),
        state=Vacancy.State.OPEN, opened_on=timezone.localdate())
    return World(
        people=people, org_a=org_a, org_b=org_b, org_c=org_c, levels=levels, source=source,
        target=campaign(org_b, "Lead data architect", levels["lead"]),
        too_senior=campaign(org_b, "Principal data architect", levels["principal"]),
        other_family=campaign(org_b, "Lead developer", levels["developer"]),
        target_c=campaign(org_c, "Lead data architect (C)", levels["lead"]),
        vacancy=vacancy, ext=ext, internal=internal, no_consent=no_consent,
        not_appointable=not_appointable,
        hub=make_account(Role.CENTRAL_TEAM),
        hop_a=make_account(Role.HEAD_OF_PROFESSION, org_a),
        hop_b=make_account(Role.HEAD_OF_PROFESSION, org_b),
        hop_c=make_account(Role.HEAD_OF_PROFESSION, org_c),
        staff=make_account(Role.PROFESSIONAL, person=people.a_staff1),
        b_staff=make_account(Role.PROFESSIONAL, person=people.b_staff),
        nobody=make_account())


def on_reserve(w: World, application: Application | None = None) -> Any:
    return services.add_to_reserve(actor=CLI, application_id=(application or w.ext).pk)


def offered(w: World, entry: Any = None, target: Any = None) -> Any:
    entry = entry or on_reserve(w)
    return services.make_offer(actor=CLI, entry_id=entry.pk, target=target or w.target)
