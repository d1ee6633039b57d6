"""The networks demo (``cadre demo community``): communities with leads and members from
several kinds of organisation, past events with attendance (CPD) and feedback, upcoming
events, one full with a waiting list, the demo professional registered; safe twice."""

from __future__ import annotations

import random

import pytest

from cadre.accreditation.models import CpdRecord
from cadre.community.demo import networks as demo
from cadre.community.models import Community, CommunityEvent, Registration
from cadre.community.selectors import networks as sel
from cadre.core.actor import Actor
from cadre.organisations.models import OrganisationType
from cadre.people.demo import DEMO_PROFESSIONAL
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ORGS = {"DWP": OrganisationType.MINISTERIAL_DEPARTMENT, "HMRC": OrganisationType.
        NON_MINISTERIAL_DEPARTMENT, "DVLA": OrganisationType.AGENCY,
        "GDS": OrganisationType.OTHER_PUBLIC_BODY, "LCC": OrganisationType.LOCAL_AUTHORITY,
        "LTHT": OrganisationType.NHS_BODY, "WYP": OrganisationType.POLICE_FORCE,
        "WYFRS": OrganisationType.FIRE_AND_RESCUE_SERVICE}


def test_demo_loads_through_the_services_and_is_safe_twice() -> None:
    for abbr, kind in ORGS.items():
        org = OrganisationFactory(name=f"Org {abbr}", abbreviation=abbr, type=kind)
        for n in range(12):
            PersonFactory(organisation=org, staff_number=f"{abbr}{n:04d}")
    dept = OrganisationFactory(name="Dept W", abbreviation="DW")
    PersonFactory(organisation=dept, staff_number=DEMO_PROFESSIONAL,
                  line_manager=PersonFactory(organisation=dept, staff_number="DW-M"))
    lines = demo.load(actor=Actor.command_line("test"), rng=random.Random(1))
    assert "5 with" in lines[0]
    assert Community.objects.count() == 5
    assert {c.scope for c in Community.objects.all()} == {"national", "regional", "local"}
    types = set(Community.objects.first().memberships.values_list(
        "person__organisation__type", flat=True))
    assert len(set(sel.members(Community.objects.get(name="Data community of practice"))
                   .values_list("person__organisation__type", flat=True))) >= 4, types
    assert CpdRecord.objects.filter(source="event").exists()
    assert any(not sel.feedback_summary(e)["suppressed"] for e in CommunityEvent.objects.all())
    assert Registration.objects.filter(status="waiting").exists()
    professional = Registration.objects.filter(person__staff_number=DEMO_PROFESSIONAL)
    assert professional.filter(status="registered", event__starts_at__gt=
                               CommunityEvent.objects.order_by("starts_at").first().starts_at
                               ).exists()
    assert sel.events(upcoming=True).count() >= 5
    for staff_number in (DEMO_PROFESSIONAL, "DW-M"):  # a past place to give feedback on
        assert Registration.objects.filter(person__staff_number=staff_number,
                                           attendance="attended", rating=None).exists()
    assert demo.load(actor=Actor.command_line("test"), rng=random.Random(1)) == [
        "Communities: already there."]
    assert Community.objects.count() == 5
