"""Fixtures for the strategic supplier tests: four buying organisations, a framework version
with three criteria (one on a 1..3 scale), two periods and a supplier."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cadre.core.actor import Actor
from cadre.organisations.models import Organisation
from cadre.strategy.models import (
    AssessmentCriterion,
    AssessmentPeriod,
    AssessmentVersion,
    StrategicSupplier,
)
from cadre.strategy.services import suppliers as services
from tests.factories import OrganisationFactory

CLI = Actor.command_line("tests")
FIVE = ["Very poor", "Poor", "Adequate", "Good", "Excellent"]


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    org_c: Organisation
    org_d: Organisation
    version: AssessmentVersion
    delivery: AssessmentCriterion   # weight 3, 1..5
    value: AssessmentCriterion      # weight 2, 1..5
    security: AssessmentCriterion   # weight 1, 1..3
    spring: AssessmentPeriod
    autumn: AssessmentPeriod
    supplier: StrategicSupplier


@pytest.fixture
def supplier_world(org_a, org_b) -> World:  # noqa: ANN001
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    org_d = OrganisationFactory(name="Department D", abbreviation="DD")
    version = services.create_version(actor=CLI, label="First framework")
    delivery = services.add_criterion(actor=CLI, version=version, name="Delivery", weight=3,
                                      descriptors=FIVE)
    value = services.add_criterion(actor=CLI, version=version, name="Value for money",
                                   weight=2, descriptors=FIVE)
    security = services.add_criterion(actor=CLI, version=version, name="Security", weight=1,
                                      scale_max=3, descriptors=["Weak", "Sound", "Strong"])
    spring = services.create_period(actor=CLI, label="2026 H1", starts_on="2026-01-01",
                                    ends_on="2026-06-30")
    autumn = services.create_period(actor=CLI, label="2026 H2", starts_on="2026-07-01",
                                    ends_on="2026-12-31")
    supplier = services.create_supplier(actor=CLI, name="Imaginary Systems plc",
                                        company_number="01234567",
                                        description="A made-up outsourcer.")
    return World(org_a, org_b, org_c, org_d, version, delivery, value, security, spring,
                 autumn, supplier)


def score_all(w: World, organisation: Organisation, period: AssessmentPeriod,
              delivery: int, value: int, security: int) -> None:
    services.set_scores(actor=CLI, supplier=w.supplier, period=period,
                        organisation=organisation, entries=[
                            {"criterion": w.delivery, "score": delivery},
                            {"criterion": w.value, "score": value},
                            {"criterion": w.security, "score": security}])
