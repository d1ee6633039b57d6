"""A small, hand-worked world for the spend figures (area 4 of issue 17).

Financial year 2025 (unit price = amount / attendees over matched lines with attendees):

- Product X (Acme Learning; skills in the families Data and Technical):
  A pays 1,000 for 2 and 500 for 1 (500 a place); B 1,200 for 4 (300); C 400 for 1 (400)
  and 250 with no attendees (spend, no price). Median 400; saving at the median
  (500 - 400) x 3 = 300. Contracts running today at 350 and 380 (and one ended at 100):
  best 350, saving (500 - 350) x 3 + (400 - 350) x 1 = 500.
- Product Y (Acme Learning; Data): A 600 for 2 (300), B 200 for 1 (200). Median 250;
  saving (300 - 250) x 2 = 100; no contract.
- Product Z (Beta Training, no skills): A 1,000 for 10, waiting for review (no price; in the
  baseline as "Supplier not yet matched").
- B 300 to an unknown supplier (unmatched).

So 2025: A 3,100 (4 lines), B 1,700 (3), C 650 (2); total 5,450 over 9 lines. Year 2024:
A pays 900 for 1 place of X.

People in the profession today: A 6, B 2 (hidden: fewer than 5; A hidden with it as its
partner), C 10 (plus a leaver and someone not in the profession, not counted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.learning.models import (
    Contract,
    MatchStatus,
    Product,
    ProductSkill,
    Provider,
    RateCardEntry,
    SpendImport,
    SpendLine,
)
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.workforce.models import WorkforceRecord
from tests.factories import OrganisationFactory

MATCHED, REVIEW, UNMATCHED = MatchStatus.MATCHED, MatchStatus.REVIEW, MatchStatus.UNMATCHED


@dataclass
class World:
    a: Organisation
    b: Organisation
    c: Organisation
    acme: Provider
    beta: Provider
    x: Product
    y: Product
    z: Product


def product(provider: Provider, title: str) -> Product:
    return Product.objects.create(provider=provider, title=title, kind="course",
                                  mode="online_live", duration_hours=Decimal("7"),
                                  list_price=Decimal("1000"))


def people(org: Organisation, n: int, *, prefix: str, in_profession: bool = True,
           left: bool = False) -> None:
    made = Person.objects.bulk_create(
        Person(organisation=org, staff_number=f"{prefix}{i}", first_name="P", last_name=f"{i}",
               end_date=timezone.localdate() - dt.timedelta(days=1) if left else None)
        for i in range(n))
    WorkforceRecord.objects.bulk_create(
        WorkforceRecord(person=p, in_profession=in_profession) for p in made)


def spend(org: Organisation, rows: list[tuple], *, year: int = 2025) -> None:
    """rows: (amount, attendees, provider, product, status)."""
    imported = SpendImport.objects.create(organisation=org, filename=f"{org.abbreviation}.csv",
                                          rows=len(rows))
    SpendLine.objects.bulk_create(
        SpendLine(spend_import=imported, organisation=org, row=i + 2,
                  spent_on=dt.date(year, 6, 1), year=year,
                  supplier_text=provider.name if provider else "Unknown Ltd",
                  description=item.title if item else "Something", amount=Decimal(amount),
                  attendees=attendees,
                  unit_price=(Decimal(amount) / attendees).quantize(Decimal("0.01"))
                  if attendees else None,
                  provider=provider, product=item, match_status=status)
        for i, (amount, attendees, provider, item, status) in enumerate(rows))


def build_world() -> World:
    a = OrganisationFactory(name="Department A", abbreviation="DA")
    b = OrganisationFactory(name="Department B", abbreviation="DB")
    c = OrganisationFactory(name="Department C", abbreviation="DC")
    acme = Provider.objects.create(name="Acme Learning")
    beta = Provider.objects.create(name="Beta Training")
    x, y, z = product(acme, "Data modelling"), product(acme, "SQL basics"), product(beta, "Agile")
    framework = Framework.objects.create(name="Figures framework", version="1")
    level = SkillLevel.objects.create(framework=framework, name="Working", ordinal=2)
    data = Skill.objects.create(framework=framework, name="Data modelling", category="Data")
    data2 = Skill.objects.create(framework=framework, name="Data quality", category="Data")
    tech = Skill.objects.create(framework=framework, name="Programming", category="Technical")
    for item, skill in ((x, data), (x, data2), (x, tech), (y, data)):
        ProductSkill.objects.create(product=item, skill=skill, level=level)
    today = timezone.localdate()
    for ref, price, start, end in (("C1", "350", -30, 300), ("C2", "380", -300, 30),
                                   ("OLD", "100", -900, -400)):
        contract = Contract.objects.create(
            reference=ref, title=ref, supplier=acme, starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=end))
        RateCardEntry.objects.create(contract=contract, product=x, unit_price=Decimal(price))
    spend(a, [("1000", 2, acme, x, MATCHED), ("500", 1, acme, x, MatchStatus.CONFIRMED),
              ("600", 2, acme, y, MATCHED), ("1000", 10, beta, z, REVIEW)])
    spend(b, [("1200", 4, acme, x, MATCHED), ("200", 1, acme, y, MATCHED),
              ("300", None, None, None, UNMATCHED)])
    spend(c, [("400", 1, acme, x, MATCHED), ("250", None, acme, x, MATCHED)])
    spend(a, [("900", 1, acme, x, MATCHED)], year=2024)
    people(a, 6, prefix="A")
    people(b, 2, prefix="B")
    people(c, 10, prefix="C")
    people(c, 1, prefix="CL", left=True)
    people(c, 1, prefix="CN", in_profession=False)
    return World(a, b, c, acme, beta, x, y, z)


@pytest.fixture
def world(db) -> World:  # noqa: ANN001
    return build_world()
