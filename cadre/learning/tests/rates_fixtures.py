"""A small hand-worked world of contractors for the contractor-rate tests.

Framework: family "Software development" with levels "Developer" (HEO to SEO) and "Senior
developer" (G7); family "Data" with level "Data analyst" (no expected grade).

Department A (DA): developers at 400, 500, 600, 700, 1000 (suppliers Acme x3, Bravo x2);
senior developers at 800, 900 (2 people: suppressed); one permanent developer (no rate
counted) and one contractor who left (not counted); one contractor with no role level.
Department B (DB): developers at 550, 650 (supplier Acme); data analysts at 300, 310, 320,
330, 340, 350 (supplier Delta).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.learning.models import PayRange
from cadre.organisations.models import Grade, GradeScheme
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord
from tests.factories import OrganisationFactory, PersonFactory


@dataclass
class RatesWorld:
    org_a: object
    org_b: object
    developer: RoleLevel
    senior: RoleLevel
    analyst: RoleLevel
    people: dict[str, Person]


def _grade(code: str, name: str, rank: int) -> Grade:
    grade, _ = Grade.objects.get_or_create(
        code=code, defaults={"name": name, "scheme": GradeScheme.CIVIL_SERVICE, "rank": rank})
    return grade


def contractor(org, level, rate, supplier="", *, employment="contractor", name="",  # noqa: ANN001
               end_date=None) -> Person:
    extra = {"last_name": name} if name else {}
    person = PersonFactory(organisation=org, employment_type=employment, end_date=end_date,
                           **extra)
    WorkforceRecord.objects.create(person=person, role_level=level, supplier=supplier,
                                   day_rate=None if rate is None else Decimal(str(rate)),
                                   in_profession=True)
    return person


@pytest.fixture
def rates_world(db) -> RatesWorld:  # noqa: ANN001
    for code, name, rank in (("HEO", "Higher Executive Officer", 4),
                             ("SEO", "Senior Executive Officer", 5), ("G7", "Grade 7", 6)):
        _grade(code, name, rank)
    framework = Framework.objects.create(name="Test framework", version="1")
    dev_family = RoleFamily.objects.create(framework=framework, name="Software development")
    data_family = RoleFamily.objects.create(framework=framework, name="Data")
    dev_role = Role.objects.create(framework=framework, family=dev_family, name="Developer")
    data_role = Role.objects.create(framework=framework, family=data_family,
                                    name="Data analyst")
    developer = RoleLevel.objects.create(framework=framework, role=dev_role, name="Developer",
                                         order=1, seniority=4, grade_from="HEO",
                                         grade_to="SEO")
    senior = RoleLevel.objects.create(framework=framework, role=dev_role,
                                      name="Senior developer", order=2, seniority=6,
                                      grade_from="G7", grade_to="G7")
    analyst = RoleLevel.objects.create(framework=framework, role=data_role,
                                       name="Data analyst", order=1, seniority=4)
    org_a = OrganisationFactory(name="Department A", abbreviation="DA")
    org_b = OrganisationFactory(name="Department B", abbreviation="DB")
    people: dict[str, Person] = {}
    for rate, supplier in ((400, "Acme"), (500, "acme "), (600, "Bravo"), (700, "Acme"),
                           (1000, "Bravo")):
        people[f"a{rate}"] = contractor(org_a, developer, rate, supplier, name=f"Dev{rate}")
    people["a800"] = contractor(org_a, senior, 800, "Acme", employment="consultant")
    people["a900"] = contractor(org_a, senior, 900, "Acme", employment="interim")
    contractor(org_a, developer, 5000, "Acme", employment="permanent")
    contractor(org_a, developer, 5000, "Acme", end_date=dt.date(2020, 1, 1))
    contractor(org_a, None, 5000, "Acme")
    contractor(org_a, developer, None, "Acme")
    for rate in (550, 650):
        people[f"b{rate}"] = contractor(org_b, developer, rate, "Acme", name=f"Dev{rate}")
    for rate in (300, 310, 320, 330, 340, 350):
        people[f"b{rate}"] = contractor(org_b, analyst, rate, "Delta")
    return RatesWorld(org_a, org_b, developer, senior, analyst, people)


@pytest.fixture
def pay_ranges(rates_world) -> dict[str, PayRange]:  # noqa: ANN001
    grades = {g.code: g for g in Grade.objects.filter(code__in=["HEO", "SEO", "G7"])}
    return {
        "HEO": PayRange.objects.create(grade=grades["HEO"], minimum=36_000, maximum=40_000,
                                       on_cost_percent=Decimal("25"),
                                       effective_from=dt.date(2024, 4, 1)),
        "SEO": PayRange.objects.create(grade=grades["SEO"], minimum=44_000, maximum=48_000,
                                       on_cost_percent=Decimal("25"),
                                       effective_from=dt.date(2024, 4, 1)),
        "SEO-old": PayRange.objects.create(grade=grades["SEO"], minimum=1_000,
                                           maximum=2_000, on_cost_percent=Decimal("0"),
                                           effective_from=dt.date(2020, 4, 1)),
    }
