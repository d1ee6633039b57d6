"""Demo recruitment campaigns on the demo government (``cadre demo recruitment``), through
the services as the hub would run them:

- DWP's campaign from one of its demo vacancies that went external (the vacancy is taken
  external through mobility's service first when none has): open for applications, so
  every demo sign-in sees it, with the vacancy's skills and a presentation at interview as
  its assessment plan;
- a draft DWP campaign for a new senior role (its head of profession edits it);
- HMRC's campaign for a new senior role, past its sift's start (DWP's head of profession
  does not see it; the hub does).

Safe to run twice: if a demo campaign exists, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.mobility.models import Vacancy
from cadre.mobility.services import decide_external, external_allowed_on
from cadre.organisations.models import Grade, Organisation
from cadre.recruitment.models import Campaign, CampaignState, CriterionMethod, CriterionStage
from cadre.recruitment.services import campaigns as services

DEMO_PREFIX = "Demo: "
EXTERNAL_REASON = ("Nobody inside government applied with the architecture experience the "
                   "role needs (demo).")
LEADERSHIP = ("Leading the profession's work across several services, with examples of what "
              "changed")
PRESENTATION = ("A presentation on the first service you would change, and how you would "
                "bring people with you")


def _external_vacancy(*, actor: Any, organisation: Organisation) -> Vacancy | None:
    """A vacancy of ``organisation`` gone external with no live campaign: one there already,
    or an open demo vacancy taken external now (the policy's days counted as passed)."""
    live = [s for s in CampaignState.values if s != CampaignState.CANCELLED]
    mine = Vacancy.objects.filter(organisation=organisation).exclude(
        recruitment_campaigns__state__in=live)
    found = mine.filter(external_decided_at__isnull=False).order_by("pk").first()
    if found is not None:
        return found
    candidate = (mine.filter(state__in=[Vacancy.State.OPEN, Vacancy.State.CLOSED],
                             title__startswith=DEMO_PREFIX).order_by("pk").first())
    if candidate is None:
        return None
    allowed = external_allowed_on(candidate) or timezone.localdate()
    return decide_external(actor=actor, vacancy=candidate, reason=EXTERNAL_REASON,
                           today=max(allowed, timezone.localdate()))


def _senior_level() -> RoleLevel | None:
    framework = default_framework()
    if framework is None:
        return None
    levels = RoleLevel.objects.filter(framework=framework).select_related("role").order_by(
        "-seniority", "role__name", "pk")
    return levels.filter(requirements__isnull=False).distinct().first() or levels.first()


def _plan(*, actor: Any, campaign: Campaign) -> None:
    """A written-application criterion at the sift when the role level named no skills, and
    a presentation at interview."""
    if not campaign.criteria.exists():
        services.add_criterion(actor=actor, campaign=campaign, text=LEADERSHIP,
                               stage=CriterionStage.SIFT, method=CriterionMethod.APPLICATION)
    services.add_criterion(actor=actor, campaign=campaign, text=PRESENTATION,
                           stage=CriterionStage.INTERVIEW, method=CriterionMethod.PRESENTATION)


def _pay(grade: Grade) -> tuple[int, int]:
    return (85_000, 110_000) if grade.is_senior_civil_service else (62_000, 76_000)


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo campaigns; returns lines to print."""
    del rng  # the campaigns are the same on every run
    if Campaign.objects.filter(title__startswith=DEMO_PREFIX).exists():
        return ["Recruitment campaigns: demo campaigns already there; nothing added."]
    dwp = Organisation.objects.filter(abbreviation="DWP").first()
    hmrc = Organisation.objects.filter(abbreviation="HMRC").first()
    level = _senior_level()
    scs1 = Grade.objects.filter(code="SCS1").first() or Grade.objects.order_by("-rank").first()
    if dwp is None or level is None or scs1 is None:
        return ["Recruitment campaigns: skipped (needs DWP, a framework and grades: run "
                "'cadre demo load' first)."]
    lines = []
    closing = timezone.localdate() + dt.timedelta(days=28)
    vacancy = _external_vacancy(actor=actor, organisation=dwp)
    if vacancy is not None:
        low, high = _pay(vacancy.grade)
        campaign = services.create_campaign(
            actor=actor, vacancy=vacancy, title=vacancy.title if vacancy.title.startswith(
                DEMO_PREFIX) else f"{DEMO_PREFIX}{vacancy.title}", pay_min=low, pay_max=high,
            closing_date=closing)
        _plan(actor=actor, campaign=campaign)
        services.transition(actor=actor, campaign_id=campaign.pk, to=CampaignState.OPEN)
        lines.append(f"Recruitment campaigns: {campaign.title} (DWP), from a vacancy that "
                     "went external, open for applications.")
    else:
        lines.append("Recruitment campaigns: no DWP vacancy to take external (run 'cadre demo "
                     "talent' first); none started from a vacancy.")
    title = f"{DEMO_PREFIX}{level.role.name}: {level.name}"
    low, high = _pay(scs1)
    draft = services.create_campaign(
        actor=actor, organisation=dwp, title=title, role_level=level, grade=scs1,
        pay_min=low, pay_max=high, location="Leeds or London (hybrid)",
        closing_date=closing + dt.timedelta(days=14), engagement="interim",
        retention_months=18)
    _plan(actor=actor, campaign=draft)
    lines.append(f"Recruitment campaigns: {draft.title} (DWP), a draft for a new senior role.")
    if hmrc is not None:
        other = services.create_campaign(
            actor=actor, organisation=hmrc, title=f"{title} (HMRC)", role_level=level,
            grade=scs1, pay_min=low, pay_max=high, location="Manchester (hybrid)",
            closing_date=closing)
        _plan(actor=actor, campaign=other)
        for to in (CampaignState.OPEN, CampaignState.SIFT):
            services.transition(actor=actor, campaign_id=other.pk, to=to)
        lines.append(f"Recruitment campaigns: {other.title}, sifting applications.")
    return lines
