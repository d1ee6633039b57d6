"""A supply world for the contracts tests (issue 17 point 2).

A default framework "Supply framework test" with levels 1..4 and skills Programming,
Testing, Data engineering and User research. Provider "Acme Learning" sells "Python
course" (Programming to level 3, Testing to 2) and "Test course" (Testing to 4); provider
"Other Training" sells "Research course" (User research to 2). Supply framework "Learning
DPS" (RM0001), lot 1 "Technical" with Data engineering. Contract ``c_a`` (DA buys; under
lot 1, ends in 4 months, Python course at 500) and ``c_b`` (DB buys; Other Training, ends
in 9 months, Research course at 300). Accounts: ``central``, ``admin``, ``lead_a`` (learning
lead for DA), ``lead_b`` (for DB), ``hop`` (head of profession for DA: no LEARNING_SUPPLY).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.learning.models import Contract, Lot, Product, ProductSkill, Provider, SupplyFramework
from cadre.learning.services import contracts as services


@dataclass
class Supply:
    today: dt.date
    skills: dict[str, Skill]
    levels: dict[int, SkillLevel]
    acme: Provider
    other: Provider
    python: Product
    testing: Product
    research: Product
    framework: SupplyFramework
    lot: Lot
    c_a: Contract
    c_b: Contract
    org_a: Any
    org_b: Any
    central: Any
    admin: Any
    lead_a: Any
    lead_b: Any
    hop: Any


def _product(provider: Provider, title: str, code: str, skills: list) -> Product:
    product = Product.objects.create(provider=provider, title=title, code=code,
                                     kind="course", mode="online_live",
                                     duration_hours=Decimal("14"), list_price=Decimal("900"))
    for skill, level in skills:
        ProductSkill.objects.create(product=product, skill=skill, level=level)
    return product


@pytest.fixture
def supply(org_a, org_b, make_account) -> Supply:  # noqa: ANN001
    today = timezone.localdate()
    fw = Framework.objects.create(name="Supply framework test", version="1", is_default=True)
    Framework.objects.exclude(pk=fw.pk).update(is_default=False)
    levels = {n: SkillLevel.objects.create(framework=fw, name=f"Level {n}", ordinal=n)
              for n in range(1, 5)}
    skills = {name: Skill.objects.create(framework=fw, name=name, category="Technical")
              for name in ("Programming", "Testing", "Data engineering", "User research")}
    acme = Provider.objects.create(name="Acme Learning")
    other = Provider.objects.create(name="Other Training")
    python = _product(acme, "Python course", "PY1",
                      [(skills["Programming"], levels[3]), (skills["Testing"], levels[2])])
    testing = _product(acme, "Test course", "TS1", [(skills["Testing"], levels[4])])
    research = _product(other, "Research course", "UR1", [(skills["User research"], levels[2])])
    system = Actor.system()
    framework = services.create_framework(
        actor=system, name="Learning DPS", reference="RM0001",
        starts_on=today - relativedelta(years=2), ends_on=today + relativedelta(years=2))
    lot = services.add_lot(actor=system, framework=framework, number=1, title="Technical",
                           skills=[skills["Data engineering"]])
    c_a = services.create_contract(
        actor=system, reference="CA-1", title="Python for DA", supplier=acme, buyers=[org_a],
        framework=framework, lot=lot, starts_on=today - relativedelta(years=1),
        ends_on=today + relativedelta(months=4), ceiling_value=Decimal("50000"))
    services.set_rate(actor=system, contract=c_a, product=python, unit_price=Decimal("500"))
    c_b = services.create_contract(
        actor=system, reference="CB-1", title="Research for DB", supplier=other,
        buyers=[org_b], starts_on=today - relativedelta(months=3),
        ends_on=today + relativedelta(months=9))
    services.set_rate(actor=system, contract=c_b, product=research, unit_price=Decimal("300"))
    return Supply(
        today=today, skills=skills, levels=levels, acme=acme, other=other, python=python,
        testing=testing, research=research, framework=framework, lot=lot, c_a=c_a, c_b=c_b,
        org_a=org_a, org_b=org_b,
        central=make_account(Role.CENTRAL_TEAM), admin=make_account(Role.ADMINISTRATOR),
        lead_a=make_account(Role.LEARNING_LEAD, organisation=org_a),
        lead_b=make_account(Role.LEARNING_LEAD, organisation=org_b),
        hop=make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
