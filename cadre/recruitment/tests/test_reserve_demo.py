"""The reserve demo part: HMRC's decided campaign puts two candidates on the reserve list and
DWP's campaign offers one of them its role; DWP's head of profession may record the answer
and offer the other one; safe to run twice; accepting appoints without a second
assessment."""

from __future__ import annotations

import random

import pytest

from cadre.core.actor import Actor
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.recruitment.demo import reserve as demo
from cadre.recruitment.models import (
    ApplicationState,
    ReserveEntry,
    ReserveEntryState,
    ReserveOffer,
)
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.services import reserve as services
from tests.factories import GradeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
CLI = Actor.command_line("tests")


def _demo_government() -> None:
    OrganisationFactory(name="Department for Work and Pensions", abbreviation="DWP")
    OrganisationFactory(name="HM Revenue and Customs", abbreviation="HMRC")
    framework = Framework.objects.create(name="Demo framework", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Architecture")
    role = Role.objects.create(framework=framework, family=family, name="Solution architect")
    RoleLevel.objects.create(framework=framework, role=role, name="Lead solution architect",
                             order=3, seniority=8)
    GradeFactory(code="G6", name="Grade 6", rank=7)


def test_demo_reserve_twice_then_accepted(make_account) -> None:  # noqa: ANN001
    _demo_government()
    lines = demo.load(actor=CLI, rng=random.Random(1))
    assert len(lines) == 1 and "offered DWP" in lines[0], lines
    offered, waiting = ReserveEntry.objects.order_by("pk")
    assert offered.state == ReserveEntryState.OFFERED
    assert waiting.state == ReserveEntryState.ACTIVE
    assert offered.application.campaign.organisation.abbreviation == "HMRC"
    offer = ReserveOffer.objects.get()
    assert offer.campaign.organisation.abbreviation == "DWP"
    hop = make_account("head_of_profession", offer.campaign.organisation)
    assert sel.may_respond(hop, offer) and sel.may_offer(hop, waiting)
    assert not sel.shows_name(hop, waiting) and sel.shows_name(hop, offered)
    again = demo.load(actor=CLI, rng=random.Random(1))
    assert "already" in again[0]
    assert ReserveEntry.objects.count() == 2 and ReserveOffer.objects.count() == 1
    answered = services.respond(actor=CLI, offer_id=offer.pk, answer="accept")
    assert answered.placed_application.state == ApplicationState.APPOINTED
