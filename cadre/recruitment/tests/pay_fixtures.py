"""A small hand-worked world for the pay benchmark tests.

Framework: role "Developer" with levels "Developer" and "Senior developer".

Employed developers in the profession (current): six on G7 paid 50,000, 52,000, 54,000,
56,000, 58,000 and 60,000 (DA and DB), two on SEO paid 40,000 and 42,000. Not counted: a
G7 developer who left, one not in the profession, one with no pay recorded, and a
contractor (whose day rate counts as contractor cost). Senior developers: three employed
(suppressed: fewer than 5). Contractor developers: day rates 400, 500, 600, 700, 800
(yearly 88,000 to 176,000 at 220 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.organisations.models import Grade, GradeScheme
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord
from tests.factories import OrganisationFactory, PersonFactory


@dataclass
class PayWorld:
    org_a: object
    org_b: object
    developer: RoleLevel
    senior: RoleLevel
    g7: Grade
    seo: Grade


def worker(org, level, *, pay=None, rate=None, grade=None, employment="permanent",  # noqa: ANN001
           in_profession=True, end_date=None) -> Person:
    person = PersonFactory(organisation=org, employment_type=employment, grade=grade,
                           end_date=end_date)
    WorkforceRecord.objects.create(
        person=person, role_level=level, in_profession=in_profession,
        annual_pay=None if pay is None else Decimal(pay),
        day_rate=None if rate is None else Decimal(rate))
    return person


def _grade(code: str, name: str, rank: int) -> Grade:
    grade, _ = Grade.objects.get_or_create(
        code=code, defaults={"name": name, "scheme": GradeScheme.CIVIL_SERVICE, "rank": rank})
    return grade


@pytest.fixture
def pay_world(db) -> PayWorld:  # noqa: ANN001
    g7, seo = _grade("G7", "Grade 7", 6), _grade("SEO", "Senior Executive Officer", 5)
    framework = Framework.objects.create(name="Pay test framework", version="1",
                                         is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Software development")
    role = Role.objects.create(framework=framework, family=family, name="Developer")
    developer = RoleLevel.objects.create(framework=framework, role=role, name="Developer",
                                         order=1, seniority=4)
    senior = RoleLevel.objects.create(framework=framework, role=role,
                                      name="Senior developer", order=2, seniority=6)
    org_a = OrganisationFactory(name="Department A", abbreviation="DA")
    org_b = OrganisationFactory(name="Department B", abbreviation="DB")
    for i, pay in enumerate((50_000, 52_000, 54_000, 56_000, 58_000, 60_000)):
        worker(org_a if i % 2 else org_b, developer, pay=pay, grade=g7)
    for pay in (40_000, 42_000):
        worker(org_a, developer, pay=pay, grade=seo)
    worker(org_a, developer, pay=99_000, grade=g7, end_date=dt.date(2020, 1, 1))
    worker(org_a, developer, pay=99_000, grade=g7, in_profession=False)
    worker(org_a, developer, grade=g7)
    for rate in (400, 500, 600, 700, 800):
        worker(org_b, developer, rate=rate, employment="contractor")
    for pay in (70_000, 75_000, 80_000):
        worker(org_a, senior, pay=pay, grade=g7)
    return PayWorld(org_a, org_b, developer, senior, g7, seo)
