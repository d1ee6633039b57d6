"""A small world for the demand tests: a framework with four levels, two skills needed by one
role level, people in two organisations with gaps and plans, and a lot with a contract.

Names of people are distinctive (``Zebedee``...) so tests can check no output shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cadre.assessments.models import (
    Activity,
    CapabilityProfile,
    DevelopmentPlan,
    Objective,
    SkillAssessment,
)
from cadre.framework.models import (
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)
from cadre.learning.models import (
    Contract,
    Lot,
    Product,
    ProductSkill,
    Provider,
    RateCardEntry,
    SupplyFramework,
)
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory

SECRET_FIRST = "Zebedee"
SECRET_LAST = "Quonsett"
_counter = [0]


@dataclass
class World:
    framework: Framework
    levels: dict[int, SkillLevel]
    family: RoleFamily
    role_level: RoleLevel
    design: Skill
    data: Skill
    other: Skill
    org_a: Organisation
    org_b: Organisation
    lot: Lot
    course: Product
    advanced: Product
    contract: Contract


def framework_world() -> tuple[Framework, dict[int, SkillLevel], RoleFamily, RoleLevel,
                               Skill, Skill, Skill]:
    fw = Framework.objects.create(name="Demand test framework", version="1", is_default=True)
    levels = {n: SkillLevel.objects.create(framework=fw, name=name, ordinal=n)
              for n, name in ((1, "Awareness"), (2, "Working"), (3, "Practitioner"),
                              (4, "Expert"))}
    family = RoleFamily.objects.create(framework=fw, name="Design family")
    role = Role.objects.create(framework=fw, family=family, name="Designer")
    level = RoleLevel.objects.create(framework=fw, role=role, name="Senior designer", order=1,
                                     seniority=3)
    design = Skill.objects.create(framework=fw, name="Service design")
    data = Skill.objects.create(framework=fw, name="Data analysis")
    other = Skill.objects.create(framework=fw, name="Unrelated skill")
    Requirement.objects.create(role_level=level, skill=design, level=levels[3])
    Requirement.objects.create(role_level=level, skill=data, level=levels[2])
    return fw, levels, family, level, design, data, other


def person_with_role(org: Organisation, role_level: RoleLevel, **kw) -> Person:  # noqa: ANN003
    _counter[0] += 1
    person = PersonFactory(organisation=org, first_name=SECRET_FIRST,
                           last_name=f"{SECRET_LAST}{_counter[0]}", **kw)
    CapabilityProfile.objects.create(person=person, current_role_level=role_level)
    return person


def assess(person: Person, skill: Skill, level: SkillLevel | None, source: str,
           on: dt.date | None = None) -> None:
    SkillAssessment.objects.create(person=person, skill=skill, level=level, source=source,
                                   assessed_on=on or dt.date(2026, 1, 1))


def objective(person: Person, skill: Skill, level: SkillLevel, due: dt.date,
              statuses: tuple[str, ...] = ()) -> Objective:
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person)
    obj = Objective.objects.create(plan=plan, skill=skill, target_level=level, target_date=due)
    for i, status in enumerate(statuses):
        Activity.objects.create(objective=obj, kind=Activity.Kind.FORMAL,
                                description=f"Activity {i}", status=status)
    return obj


def build_world(*, people_a: int = 6, people_b: int = 2) -> World:
    """``people_a`` people in A and ``people_b`` in B with the role level and no assessments
    (so each has both gaps: design at 3 and data at 2, no date), and a lot for design."""
    fw, levels, family, role_level, design, data, other = framework_world()
    org_a = OrganisationFactory(name="Department of Alpha", abbreviation="DALPHA")
    org_b = OrganisationFactory(name="Department of Beta", abbreviation="DBETA")
    for _ in range(people_a):
        person_with_role(org_a, role_level)
    for _ in range(people_b):
        person_with_role(org_b, role_level)
    provider = Provider.objects.create(name="Good Courses Limited")
    course = Product.objects.create(provider=provider, title="Service design practice",
                                    kind="course", mode="in_person", duration_hours=14,
                                    list_price=Decimal("900.00"))
    ProductSkill.objects.create(product=course, skill=design, level=levels[3])
    advanced = Product.objects.create(provider=provider, title="Service design mastery",
                                      kind="course", mode="in_person", duration_hours=30,
                                      list_price=Decimal("500.00"))
    ProductSkill.objects.create(product=advanced, skill=design, level=levels[4])
    supply = SupplyFramework.objects.create(name="Learning framework",
                                            starts_on=dt.date(2025, 1, 1),
                                            ends_on=dt.date(2030, 1, 1))
    lot = Lot.objects.create(framework=supply, number=1, title="Design learning")
    lot.skills.add(design)
    contract = Contract.objects.create(reference="C-DEMAND-1", title="Design call-off",
                                       supplier=provider, framework=supply, lot=lot,
                                       starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2029, 1, 1))
    contract.buyers.add(org_a)
    RateCardEntry.objects.create(contract=contract, product=course, unit_price=Decimal("700.00"))
    return World(fw, levels, family, role_level, design, data, other, org_a, org_b, lot,
                 course, advanced, contract)
