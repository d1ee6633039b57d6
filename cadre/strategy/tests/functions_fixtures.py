"""Fixtures for the retained ICT function tests: a small default framework with the eight
role families Cadre's taxonomy names (one role each, levels from junior to chief), the
embedded taxonomy loaded, two departments and a helper adding in-profession people."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cadre.core.actor import Actor
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.strategy.models import IctFunction
from cadre.strategy.services import functions as services
from cadre.workforce.models import WorkforceRecord
from tests.factories import PersonFactory

CLI = Actor.command_line("tests")
FAMILIES = ("Architecture", "Chief digital and data", "Data", "IT operations",
            "Product and delivery", "Quality assurance testing (QAT)", "Software development",
            "User-centred design")
#: Level name -> fine seniority (framework.level_order): junior 3, plain 4, senior 6,
#: lead 8, principal 10, chief 14.
LEVELS = {"Junior": 3, "": 4, "Senior": 6, "Lead": 8, "Principal": 10, "Chief": 14}


@dataclass
class World:
    framework: Framework
    levels: dict[tuple[str, int], RoleLevel]
    org_a: Organisation
    org_b: Organisation

    def function(self, key: str) -> IctFunction:
        return IctFunction.objects.get(key=key)

    def add_people(self, organisation: Organisation, family: str, seniority: int,
                   count: int = 1, *, in_profession: bool = True,
                   left: bool = False) -> list[Person]:
        """``count`` current (or left) people in ``family`` at ``seniority``."""
        import datetime as dt

        out = []
        for _ in range(count):
            person = PersonFactory(organisation=organisation,
                                   end_date=dt.date(2000, 1, 1) if left else None)
            WorkforceRecord.objects.create(person=person, in_profession=in_profession,
                                           role_level=self.levels[(family, seniority)])
            out.append(person)
        return out


def make_framework() -> tuple[Framework, dict[tuple[str, int], RoleLevel]]:
    framework = Framework.objects.create(name="Test framework", version="1", is_default=True)
    levels = {}
    for family_name in FAMILIES:
        family = RoleFamily.objects.create(framework=framework, name=family_name)
        role = Role.objects.create(framework=framework, family=family,
                                   name=f"{family_name} role")
        for order, (word, seniority) in enumerate(LEVELS.items()):
            levels[(family_name, seniority)] = RoleLevel.objects.create(
                framework=framework, role=role, name=f"{word} {family_name} role".strip(),
                order=order, seniority=seniority)
    return framework, levels


@pytest.fixture
def functions_world(org_a, org_b) -> World:  # noqa: ANN001
    framework, levels = make_framework()
    services.import_embedded(actor=CLI)
    return World(framework=framework, levels=levels, org_a=org_a, org_b=org_b)
