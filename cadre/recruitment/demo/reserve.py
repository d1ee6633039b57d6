"""Demo reserve list (``cadre demo recruitment``), through the services as the hub would use
them:

- HMRC's decided campaign for a senior role ("Demo reserve: ..."): one candidate from
  outside government appointed, and two more found appointable, not appointed, who agreed
  to the reserve list, put on it;
- DWP's open campaign for the same role level offers the first of them its role from the
  reserve list (the offer waits for the candidate's answer: DWP's head of profession or the
  hub records it, and accepting appoints them without a second assessment); the second
  stays on the list, unnamed to DWP until it makes an offer.

The titles do not start "Demo: ", so the other demo parts leave these campaigns alone.
Safe to run twice: once the reserve demo campaigns exist, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade, Organisation
from cadre.recruitment.models import (
    ApplicationState,
    Campaign,
    CriterionMethod,
    CriterionStage,
)
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import campaigns as campaign_services
from cadre.recruitment.services import reserve as services

__all__ = ["load"]

PREFIX = "Demo reserve: "
APPOINTED = ("Daniel Price", "daniel.price@example.com")
RESERVED = (("Amara Nwosu", "amara.nwosu@example.com"),
            ("Owen Hughes", "owen.hughes@example.com"))
NOTE = ("The DWP team would like you to join them in Leeds; the start date is open to "
        "discussion. (demo)")


def _role_level() -> RoleLevel | None:
    framework = default_framework()
    if framework is None:
        return None
    return (RoleLevel.objects.filter(framework=framework, seniority__gte=8)
            .select_related("role").order_by("seniority", "role__name", "pk").first())


def _grade() -> Grade | None:
    return Grade.objects.filter(code__iexact="G6").first() or Grade.objects.order_by(
        "pk").first()


def _campaign(actor: Any, organisation: Organisation, level: RoleLevel, grade: Grade,
              suffix: str) -> Campaign:
    campaign = campaign_services.create_campaign(
        actor=actor, organisation=organisation, title=f"{PREFIX}{level.name} {suffix}",
        role_level=level, grade=grade, pay_min=70000, pay_max=85000,
        location="Leeds (hybrid)",
        closing_date=timezone.localdate() + dt.timedelta(days=28))
    campaign_services.add_criterion(actor=actor, campaign=campaign,
                                    text="Leads the design of services across teams",
                                    stage=CriterionStage.SIFT,
                                    method=CriterionMethod.APPLICATION)
    campaign_services.add_criterion(actor=actor, campaign=campaign,
                                    text="A presentation on a service you would change",
                                    stage=CriterionStage.INTERVIEW,
                                    method=CriterionMethod.PRESENTATION)
    return campaign_services.transition(actor=actor, campaign_id=campaign.pk, to="open")


def _move(actor: Any, application_id: int, *states: str) -> None:
    for state in states:
        application_services.transition(actor=actor, application_id=application_id,
                                         to=state, reason="Demo panel decision")


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo reserve list; returns lines to print."""
    if Campaign.objects.filter(title__startswith=PREFIX).exists():
        return ["Reserve list: the demo entries and offer are there already."]
    hmrc = Organisation.objects.filter(abbreviation="HMRC").first()
    dwp = Organisation.objects.filter(abbreviation="DWP").first()
    level, grade = _role_level(), _grade()
    if None in (dwp, hmrc, level, grade):
        return ["Reserve list: skipped (needs DWP, HMRC, a framework and grades; run "
                "'cadre demo load' first)."]
    source = _campaign(actor, hmrc, level, grade, "(HMRC, decided)")
    appointed = application_services.record_application(
        actor=actor, campaign=source, name=APPOINTED[0], email=APPOINTED[1])
    reserved = [application_services.record_application(
        actor=actor, campaign=source, name=name, email=email, reserve_consent=True)
        for name, email in RESERVED]
    # Each stage's decisions are made while the campaign is at that stage: interviews start
    # only once every application is sifted, and it is decided once every one is decided.
    campaign_services.transition(actor=actor, campaign_id=source.pk, to="sift")
    for application in (appointed, *reserved):
        _move(actor, application.pk, ApplicationState.SIFTED_IN)
    campaign_services.transition(actor=actor, campaign_id=source.pk, to="interview")
    found = (ApplicationState.INTERVIEWED, ApplicationState.APPOINTABLE)
    _move(actor, appointed.pk, *found, ApplicationState.OFFERED, ApplicationState.APPOINTED)
    for application in reserved:
        _move(actor, application.pk, *found)
    campaign_services.transition(actor=actor, campaign_id=source.pk, to="decided")
    entries = [services.add_to_reserve(actor=actor, application_id=a.pk) for a in reserved]
    target = _campaign(actor, dwp, level, grade, "(DWP, from the reserve list)")
    offer = services.make_offer(actor=actor, entry_id=entries[0].pk, target=target, note=NOTE)
    return [f"Reserve list: {len(entries)} candidates of HMRC's '{source.title}' on the list "
            f"until {entries[0].expires_on:%-d %B %Y}; {RESERVED[0][0]} offered DWP's "
            f"'{target.title}' (offer {offer.pk}, waiting for an answer)."]
