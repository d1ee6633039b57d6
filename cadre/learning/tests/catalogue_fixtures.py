"""Fixtures for the catalogue tests: a small default framework (four levels, three skills),
two organisations with grades, and accounts for each kind of user."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.learning.models import Product, Provider
from cadre.learning.services import catalogue as services
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory


@dataclass
class World:
    framework: Framework
    levels: dict[str, SkillLevel]
    skills: dict[str, Skill]
    org_a: Any
    org_b: Any
    g7: Any
    seo: Any
    lead: Any
    central: Any
    admin: Any
    analyst: Any
    hop: Any
    professional: Any
    person: Any
    provider: Provider
    product: Product


def make_framework() -> tuple[Framework, dict[str, SkillLevel], dict[str, Skill]]:
    framework = Framework.objects.create(name="Test framework", version="1", is_default=True)
    levels = {name: SkillLevel.objects.create(framework=framework, name=name, ordinal=i)
              for i, name in enumerate(("Awareness", "Working", "Practitioner", "Expert"),
                                       start=1)}
    skills = {name: Skill.objects.create(framework=framework, name=name, code=code)
              for name, code in (("Programming", "PROG"), ("Testing", "TEST"),
                                 ("User research", "URES"))}
    return framework, levels, skills


@pytest.fixture
def world(db, make_account) -> World:  # noqa: ANN001
    framework, levels, skills = make_framework()
    org_a = OrganisationFactory(name="Department A", abbreviation="DA")
    org_b = OrganisationFactory(name="Department B", abbreviation="DB")
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    seo = GradeFactory(code="SEO", name="Senior Executive Officer", rank=4)
    person = PersonFactory(organisation=org_a, staff_number="A1", grade=g7)
    provider = services.create_provider(actor=Actor.system(), name="Acme Learning Ltd",
                                        company_number="01234567",
                                        website="https://acme.example",
                                        aliases=["Acme", "ACME Training"])
    product = services.create_product(
        actor=Actor.system(), provider=provider, title="Python for analysts", code="PY1",
        kind="course", mode="online_live", duration_hours=Decimal("14"),
        list_price=Decimal("750.00"), description="Two days of Python.",
        skills=[(skills["Programming"], levels["Working"])])
    return World(
        framework=framework, levels=levels, skills=skills, org_a=org_a, org_b=org_b, g7=g7,
        seo=seo,
        lead=make_account(Role.LEARNING_LEAD, organisation=org_a),
        central=make_account(Role.CENTRAL_TEAM),
        admin=make_account(Role.ADMINISTRATOR),
        analyst=make_account(Role.ANALYST),
        hop=make_account(Role.HEAD_OF_PROFESSION, organisation=org_a),
        professional=make_account(person=person),
        person=person, provider=provider, product=product,
    )
