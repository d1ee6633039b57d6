"""Fixtures for the workstreams tests: two departments and a fire service, a strategy with a
workstream led by department A (a milestone due by March 2012), a five-point scale and a
period on it, a second three-point scale, and accounts: a head of profession of A (owner),
one of B (not an owner), the central team, an analyst and a professional."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.organisations.models import OrganisationType
from cadre.strategy.models import ConfidenceScale, Milestone, ReportingPeriod, Strategy, Workstream
from cadre.strategy.services import workstreams as services
from tests.factories import OrganisationFactory

CLI = Actor.command_line("tester")
FIVE = ("Green", "Amber-green", "Amber", "Amber-red", "Red")
THREE = ("Green", "Amber", "Red")

WORKSTREAMS_CSV = """strategy,workstream,lead_organisation
Test Strategy 2011,Blueprint – Career paths,Department A
Test Strategy 2011,Community Networks,Hampshire Fire and Rescue Service
"""
MILESTONES_CSV = """strategy,workstream,milestone
Test Strategy 2011,Blueprint – Career paths,Skeleton framework published – late 2011
Test Strategy 2011,Blueprint – Career paths,Full framework published – Summer 2012
Test Strategy 2011,Community Networks,A networks strategy – when the stars align
"""


@dataclass
class World:
    dept_a: Any
    dept_b: Any
    fire: Any
    strategy: Strategy
    workstream: Workstream
    milestone: Milestone
    scale: ConfidenceScale
    three: ConfidenceScale
    period: ReportingPeriod
    owner: Any
    other_hop: Any
    central: Any
    analyst: Any
    professional: Any


@pytest.fixture
def ws_world(db, make_account) -> World:  # noqa: ANN001
    dept_a = OrganisationFactory(name="Department A", abbreviation="DA")
    dept_b = OrganisationFactory(name="Department B", abbreviation="DB")
    fire = OrganisationFactory(name="West Fire", abbreviation="WF",
                               type=OrganisationType.FIRE_AND_RESCUE_SERVICE)
    strategy = services.create_strategy(actor=CLI, name="ICT Capability Strategy",
                                        published=dt.date(2011, 10, 1))
    workstream = services.create_workstream(actor=CLI, strategy=strategy, name="Accreditation",
                                            lead_organisation=dept_a, participants=[fire])
    milestone = services.create_milestone(actor=CLI, workstream=workstream,
                                          title="Options appraisal", date_text="by March 2012")
    scale = services.create_scale(actor=CLI, name="Five-point", levels=FIVE)
    three = services.create_scale(actor=CLI, name="Three-point", levels=THREE)
    period = services.create_period(actor=CLI, label="2025 Q3", starts_on="2025-07-01",
                                    ends_on="2025-09-30", scale=scale)
    return World(
        dept_a=dept_a, dept_b=dept_b, fire=fire, strategy=strategy, workstream=workstream,
        milestone=milestone, scale=scale, three=three, period=period,
        owner=make_account(Role.HEAD_OF_PROFESSION, organisation=dept_a),
        other_hop=make_account(Role.HEAD_OF_PROFESSION, organisation=dept_b),
        central=make_account(Role.CENTRAL_TEAM), analyst=make_account(Role.ANALYST),
        professional=make_account(Role.PROFESSIONAL))
