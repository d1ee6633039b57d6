"""Demo applications (``cadre demo recruitment``), through the services as the hub would
record them: on each demo campaign open for applications or at sift, three candidates from
outside government (made-up names, ``example.com`` addresses) with evidence against the
criteria assessed at sift, one of them agreeing to the reserve list; and one from inside:
the demo professional applies to DWP's open campaign themselves, and a DWP person's
application to HMRC's campaign is recorded by the hub.

Safe to run twice: a campaign that already has applications is left alone.
"""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from cadre.people.models import Person
from cadre.recruitment.models import Campaign, CampaignState, Criterion
from cadre.recruitment.services import applications as services

__all__ = ["load"]

DEMO_PREFIX = "Demo: "
PROFESSIONAL = "professional.dwp@cadre.example"
EXTERNAL = (("Priya Raman", "priya.raman@example.com", "020 7946 0101"),
            ("Tom Okafor", "tom.okafor@example.com", ""),
            ("Ellen Marsh", "ellen.marsh@example.com", "0161 496 0123"))
EVIDENCE = ("Led a team of {n} through a move of a large public service to the cloud, "
            "keeping it running throughout; set the standards the team still uses.",
            "Built the case for a shared platform across {n} services and brought the "
            "owners of each with me; the first two moved within a year.",
            "Coached {n} engineers into lead roles and set up the community of practice that "
            "now runs without me.")


def _evidence(campaign: Campaign, rng: random.Random) -> dict[int, str]:
    criteria = [c for c in Criterion.objects.filter(campaign=campaign).order_by("order", "pk")
                if c.at_sift]
    return {c.pk: rng.choice(EVIDENCE).format(n=rng.randint(3, 12)) for c in criteria}


def _internal(campaign: Campaign) -> Person | None:
    """The demo professional for a campaign open to them; else a DWP person."""
    own = Person.objects.filter(account__email=PROFESSIONAL).first()
    if own is not None and not own.recruitment_candidacies.filter(
            application__campaign=campaign).exists():
        return own
    return (Person.objects.filter(organisation__abbreviation="DWP", account__isnull=True)
            .exclude(recruitment_candidacies__application__campaign=campaign)
            .order_by("pk").first())


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo applications; returns lines to print."""
    campaigns = Campaign.objects.filter(
        title__startswith=DEMO_PREFIX,
        state__in=[CampaignState.OPEN, CampaignState.SIFT]).order_by("pk")
    lines: list[str] = []
    for campaign in campaigns:
        if campaign.applications.exists():
            lines.append(f"Recruitment applications: {campaign.title} already has "
                         "applications; nothing added.")
            continue
        for number, (name, email, phone) in enumerate(EXTERNAL):
            services.record_application(actor=actor, campaign=campaign, name=name,
                                        email=email, phone=phone,
                                        evidence=_evidence(campaign, rng),
                                        reserve_consent=number == 0)
        person = _internal(campaign)
        internal = ""
        if person is not None:
            evidence = _evidence(campaign, rng)
            if (campaign.state == CampaignState.OPEN and person.account_id is not None
                    and timezone.localdate() <= campaign.closing_date):
                services.apply(actor=actor, campaign=campaign, person=person,
                               evidence=evidence, reserve_consent=True)
                internal = f" and {person.full_name} applied from inside government"
            else:
                services.record_application(actor=actor, campaign=campaign, person=person,
                                            evidence=evidence)
                internal = f" and one from {person.organisation} recorded by the hub"
        lines.append(f"Recruitment applications: {campaign.title}: {len(EXTERNAL)} external "
                     f"candidates{internal}.")
    if not lines:
        lines.append("Recruitment applications: no demo campaign is taking applications; "
                     "none added.")
    return lines
