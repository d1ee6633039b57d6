"""A small world for the mobility tests: a framework with three skills, two organisations
(from tests.fixtures), accounts per role, and b_staff opted in to opportunities."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from cadre.access.roles import Role
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import (
    Framework,
    Requirement,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)
from cadre.framework.models import (
    Role as FrameworkRole,
)
from cadre.mobility.models import MobilityPreference
from cadre.organisations.models import Location
from tests.factories import GradeFactory


class _Accounts(SimpleNamespace):
    """Accounts made on first use: each costs a password hash."""

    _makers: dict

    def __getattr__(self, name: str):  # noqa: ANN204
        makers = self.__dict__.get("_makers", {})
        if name not in makers:
            raise AttributeError(name)
        value = makers[name]()
        setattr(self, name, value)
        return value


@pytest.fixture
def mob(db, people, org_a, org_b, make_account, settings):  # noqa: ANN001, ANN201
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    fw = Framework.objects.create(name="Test framework", version="1", is_default=True)
    levels = [SkillLevel.objects.create(framework=fw, name=n, ordinal=i + 1)
              for i, n in enumerate(["Awareness", "Working", "Practitioner", "Expert"])]
    family = RoleFamily.objects.create(framework=fw, name="Data")
    role = FrameworkRole.objects.create(framework=fw, family=family, name="Data engineer")
    role_level = RoleLevel.objects.create(framework=fw, role=role, name="Senior data engineer",
                                          order=2, seniority=4)
    skills = [Skill.objects.create(framework=fw, name=n) for n in
              ("Data modelling", "Programming", "Testing")]
    Requirement.objects.create(role_level=role_level, skill=skills[0], level=levels[2])
    Requirement.objects.create(role_level=role_level, skill=skills[1], level=levels[1])
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    g6 = GradeFactory(code="G6", name="Grade 6", rank=7)
    leeds = Location.objects.create(name="Leeds")
    london = Location.objects.create(name="London")
    for p in (people.b_staff, people.a_staff1, people.b_head):
        p.grade = g7
        p.location = leeds
        p.save()
    today = dt.date.today()
    SkillAssessment.objects.create(person=people.b_staff, skill=skills[0], level=levels[2],
                                   source=Source.MANAGER, assessed_on=today)
    SkillAssessment.objects.create(person=people.b_staff, skill=skills[1], level=levels[0],
                                   source=Source.SELF, assessed_on=today)
    # b_head holds both at the level but has not opted in.
    SkillAssessment.objects.create(person=people.b_head, skill=skills[0], level=levels[3],
                                   source=Source.VALIDATED, assessed_on=today)
    SkillAssessment.objects.create(person=people.b_head, skill=skills[1], level=levels[3],
                                   source=Source.VALIDATED, assessed_on=today)
    MobilityPreference.objects.create(person=people.b_staff, open_to_opportunities=True)
    return _Accounts(
        framework=fw, levels=levels, family=family, role_level=role_level, skills=skills,
        g7=g7, g6=g6, leeds=leeds, london=london, people=people, org_a=org_a, org_b=org_b,
        _makers={
            "a_hop": lambda: make_account(Role.HEAD_OF_PROFESSION, org_a),
            "b_hop": lambda: make_account(Role.HEAD_OF_PROFESSION, org_b),
            "central": lambda: make_account(Role.CENTRAL_TEAM),
            "analyst": lambda: make_account(Role.ANALYST),
            "b_staff_user": lambda: make_account(Role.PROFESSIONAL, person=people.b_staff),
            "a_staff_user": lambda: make_account(Role.PROFESSIONAL, person=people.a_staff1),
        },
    )


def draft_vacancy(mob, **kwargs):  # noqa: ANN001, ANN201
    from cadre.mobility import services

    values = {"organisation": mob.org_a, "title": "Senior data engineer",
              "role_level": mob.role_level, "grade": mob.g7,
              "closing_date": dt.date.today() + dt.timedelta(days=30),
              "locations": [mob.leeds]}
    values.update(kwargs)
    return services.create_vacancy(actor=mob.a_hop, **values)


def open_vacancy(mob, **kwargs):  # noqa: ANN001, ANN201
    from cadre.mobility import services

    vacancy = draft_vacancy(mob, **kwargs)
    return services.open_vacancy(actor=mob.a_hop, vacancy=vacancy)
