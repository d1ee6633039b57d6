"""Shared data for the spend tests: a small catalogue, learning leads and spend files."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from cadre.access.roles import Role
from cadre.learning.models import DeliveryMode, Product, ProductKind, Provider

HEADER = "Invoice Date,Vendor,Item Description,Net Amount,Delegates,PO Number,Cost Centre\n"


def spend_csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode()


GOOD = spend_csv(
    "2024-04-02,Acme Learning Ltd,Agile Foundation,\"£1,200.00\",4,PO-1,CC1",
    "03/05/2024,ACME LEARNING,Agile Foundation course,600,2,PO-2,CC1",
    "2025-01-10,Acme Learnin,Agile Foundation,300,1,PO-3,CC2",
    "2025-02-11,Zebra Widgets,Office chairs,\"1,000.00\",,PO-4,CC2",
    "2025-03-31,Data Skills Academy,Python for analysts,950.50,1,PO-5,CC3",
    "2025-03-31,Data Skills Academy,Python for analysts,950.50,1,PO-5,CC3",
)


@dataclass
class Catalogue:
    acme: Provider
    data: Provider
    agile: Product
    scrum: Product
    python: Product


def make_catalogue() -> Catalogue:
    acme = Provider.objects.create(name="Acme Learning Limited", aliases=["Acme Training"])
    data = Provider.objects.create(name="Data Skills Academy")
    common = {"kind": ProductKind.COURSE, "mode": DeliveryMode.ONLINE_LIVE,
              "duration_hours": Decimal("7"), "list_price": Decimal("300")}
    agile = Product.objects.create(provider=acme, title="Agile Foundation", code="AGF1", **common)
    scrum = Product.objects.create(provider=acme, title="Scrum Master Practitioner", **common)
    python = Product.objects.create(provider=data, title="Python for analysts", **common)
    return Catalogue(acme, data, agile, scrum, python)


@pytest.fixture
def catalogue(db):  # noqa: ANN001, ANN201
    return make_catalogue()


@pytest.fixture
def lead_a(make_account, org_a):  # noqa: ANN001, ANN201
    return make_account(Role.LEARNING_LEAD, org_a)


@pytest.fixture
def lead_b(make_account, org_b):  # noqa: ANN001, ANN201
    return make_account(Role.LEARNING_LEAD, org_b)


@pytest.fixture
def central(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.CENTRAL_TEAM)
