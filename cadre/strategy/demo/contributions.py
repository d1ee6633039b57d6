"""Demo contributions (``cadre demo strategy``, area 6).

Contributions are read live from the other apps' demo data (bench, mentoring, communities,
accreditation, the Fast Stream). This part makes sure the demo professional has one of
their own (a bench deployment to HMRC, through the bench services, when they have none)
and offers the newest contribution of the professional and of their line manager as
evidence in their organisation's open appraisal cycle, so the pages show content and the
evidence can be withdrawn. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.bench import services as bench_services
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.organisations.models import Organisation
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.people.models import Person
from cadre.strategy.models.contributions import ContributionEvidence
from cadre.strategy.selectors import contributions as sel
from cadre.strategy.services import contributions as services

PROGRAMME = "Making Tax Digital: data platform"


def _deployment(actor: Any, person: Person, today: dt.date) -> str:
    host = Organisation.objects.filter(abbreviation="HMRC").first() or (
        Organisation.objects.exclude(pk=person.organisation_id).order_by("name").first())
    if host is None:
        return "Contributions: no other organisation to deploy to; skipped."
    starts, ends = today - dt.timedelta(days=200), today - dt.timedelta(days=140)
    while BenchAvailability.objects.filter(person=person, available_from__lte=ends,
                                           available_to__gte=starts).exists():
        starts, ends = starts - dt.timedelta(days=100), ends - dt.timedelta(days=100)
    bench_services.add_window(actor=actor, person=person, available_from=starts,
                              available_to=ends, skills=[],
                              note="Demo: available for a cross-government programme.")
    request = bench_services.request_deployment(
        actor=actor, specialist=person, organisation=host, programme=PROGRAMME,
        starts_on=starts, ends_on=ends)
    bench_services.transition_request(actor=actor, request_id=request.pk, action="accept",
                                      text="")
    return f"Contributions: {person.full_name} deployed to {host.abbreviation} ({PROGRAMME})."


def _offer(actor: Any, person: Person) -> str:
    """Offer the person's newest contribution in their open appraisal cycle, once."""
    found = sel.contributions_of(person)
    cycle = sel.open_cycles(person).first()
    if cycle is None or not found:
        return (f"Contributions: no open appraisal cycle or no contribution for "
                f"{person.full_name}; no evidence offered.")
    if ContributionEvidence.objects.filter(person=person, cycle=cycle).exists():
        return f"Contributions: evidence already offered for {person.full_name}."
    offered = services.offer_evidence(actor=actor, person=person, cycle=cycle,
                                      keys=[found[0].key])
    return (f"Contributions: {len(offered)} offered as evidence in {cycle.name} for "
            f"{person.full_name}; {len(found)} contribution(s) in all.")


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add what the contribution pages need; return lines to print."""
    person = Person.objects.filter(staff_number=DEMO_PROFESSIONAL).first()
    if person is None:
        return ["Contributions: no demo professional; skipped."]
    today = timezone.localdate()
    lines = []
    if not sel.contributions_of(person) and not DeploymentRequest.objects.filter(
            specialist=person, programme=PROGRAMME).exists():
        lines.append(_deployment(actor, person, today))
    # The professional and their line manager (who sees the professional's too).
    for someone in (person, person.line_manager):
        if someone is not None:
            lines.append(_offer(actor, someone))
    return lines
