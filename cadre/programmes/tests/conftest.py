"""A small Fast Stream: organisations A, B and C, two fast streamers and a round.

a_staff1 (home A, BPSS) and b_staff (home B, SC) are fast streamers of the Digital and
Technology 2025 intake. The round takes preferences; it has three offers: "Data engineer"
(host B, London, one place, host manager b_head), "Service designer" (host C, Leeds, one
place, needs SC) and "Architect" (host A, London, one place).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cadre.access.roles import Role
from cadre.organisations.models import Location, Organisation
from cadre.programmes import services
from cadre.programmes.models import (
    Clearance,
    FastStreamer,
    PostingOffer,
    PostingRound,
)
from tests.factories import OrganisationFactory


@dataclass
class FastStream:
    org_c: Organisation
    london: Location
    leeds: Location
    round: PostingRound
    a_streamer: FastStreamer
    b_streamer: FastStreamer
    data: PostingOffer
    design: PostingOffer
    architect: PostingOffer


@pytest.fixture
def central(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.CENTRAL_TEAM)


@pytest.fixture
def fast_stream(db, people, org_a, org_b) -> FastStream:  # noqa: ANN001
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    london = Location.objects.create(name="London")
    leeds = Location.objects.create(name="Leeds")
    scheme = services.create_scheme(actor=None, name="Digital and Technology",
                                    posting_pattern=[6, 6, 6, 6, 12, 12])
    intake = services.create_intake(actor=None, scheme=scheme, year=2025)
    a_streamer = services.enrol_fast_streamer(actor=None, person=people.a_staff1, intake=intake)
    b_streamer = services.enrol_fast_streamer(actor=None, person=people.b_staff, intake=intake,
                                              clearance=Clearance.SC)
    round_ = services.create_round(actor=None, scheme=scheme, name="Spring 2026",
                                   starts_on=dt.date(2026, 4, 1))
    data = services.add_offer(actor=None, round_=round_, host_organisation=org_b,
                              title="Data engineer", location=london,
                              host_manager=people.b_head)
    design = services.add_offer(actor=None, round_=round_, host_organisation=org_c,
                                title="Service designer", location=leeds,
                                clearance=Clearance.SC)
    architect = services.add_offer(actor=None, round_=round_, host_organisation=org_a,
                                   title="Architect", location=london)
    round_ = services.transition_round(actor=None, round_id=round_.pk,
                                       action="open_preferences")
    return FastStream(org_c, london, leeds, round_, a_streamer, b_streamer, data, design,
                      architect)
