"""Demo sift and interview panels (``cadre demo recruitment``), through the services as the
hub and the panel members would use them:

- on every demo campaign open for applications or at sift, a panel drawn from several
  organisations: a chair from the recruiting organisation, the demo line manager (DWP) and
  senior people from GDS, HMRC and DVLA (each given a demo sign-in,
  ``panel.<abbreviation>@cadre.example``, with no password, so that they can score);
- a DWP campaign taken to its sift for the panel demo ("... (panel demo)"), with four
  applications: its sift allocated (the DWP members are kept off the internal DWP
  candidate), every member's scores submitted except the demo line manager's first, the
  chair's moderation and decision on one application, and that candidate's feedback
  released;
- the sift of any other demo campaign at sift allocated too.

Safe to run twice: once a demo campaign has a panel, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import F
from django.utils import timezone

from cadre.access.services import get_or_create_account
from cadre.core.actor import Actor
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade, Organisation
from cadre.people.models import Person
from cadre.people.services import link_account
from cadre.recruitment.models import (
    Assignment,
    Campaign,
    CampaignState,
    CriterionMethod,
    CriterionStage,
    PanelMember,
    PanelRole,
    PanelStage,
    PanelStages,
)
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import campaigns as campaign_services
from cadre.recruitment.services import panels as services

__all__ = ["load"]

DEMO_PREFIX = "Demo: "
PANEL_TITLE = f"{DEMO_PREFIX}Lead technical architect (panel demo)"
MANAGER = "manager.dwp@cadre.example"
#: Organisations the hub draws panel members from, besides the recruiting one.
PANEL_ORGANISATIONS = ("GDS", "HMRC", "DVLA")
CANDIDATES = (("Grace Adeyemi", "grace.adeyemi@example.com"),
              ("Martin Kowalski", "martin.kowalski@example.com"),
              ("Sian Pritchard", "sian.pritchard@example.com"))
COMMENTS = ("Clear examples at the right scale.", "Some evidence, but thin on leading others.",
            "Strong, specific and recent.", "")


def _senior(organisation: Organisation, *, exclude: set[int]) -> Person | None:
    """The most senior person of ``organisation`` not in ``exclude``."""
    return (Person.objects.filter(organisation=organisation, end_date__isnull=True,
                                  grade__isnull=False)
            .exclude(pk__in=exclude).order_by(F("grade__rank").desc(), "pk").first())


def _with_account(actor: Actor, person: Person) -> Person:
    """Give a demo panel member a sign-in (no password) so that they can score."""
    if person.account_id is not None:
        return person
    email = f"panel.{person.organisation.abbreviation.lower()}.{person.pk}@cadre.example"
    account, _ = get_or_create_account(email=email, actor=None, display_name=person.full_name)
    return link_account(actor=actor, person=person, account=account)


def _panel_campaign(actor: Actor, rng: random.Random) -> Campaign | None:
    """A DWP campaign taken to its sift, with four applications."""
    dwp = Organisation.objects.filter(abbreviation="DWP").first()
    framework = default_framework()
    grade = Grade.objects.filter(code="SCS1").first() or Grade.objects.order_by("-rank").first()
    if dwp is None or framework is None or grade is None:
        return None
    level = (RoleLevel.objects.filter(framework=framework).order_by("-seniority", "pk").first())
    if level is None:
        return None
    campaign = campaign_services.create_campaign(
        actor=actor, organisation=dwp, title=PANEL_TITLE, role_level=level, grade=grade,
        pay_min=88_000, pay_max=105_000, location="Sheffield or London (hybrid)",
        closing_date=timezone.localdate() + dt.timedelta(days=14), seed_criteria=False)
    for text, stage, method in (
            ("Designing services that scale across many users", CriterionStage.SIFT,
             CriterionMethod.APPLICATION),
            ("Leading and developing technical teams", CriterionStage.BOTH,
             CriterionMethod.APPLICATION),
            ("A presentation on a target architecture", CriterionStage.INTERVIEW,
             CriterionMethod.PRESENTATION)):
        campaign_services.add_criterion(actor=actor, campaign=campaign, text=text, stage=stage,
                                        method=method)
    campaign_services.transition(actor=actor, campaign_id=campaign.pk, to=CampaignState.OPEN)
    sift = [c for c in campaign.criteria.order_by("order", "pk") if c.at_sift]
    for name, email in CANDIDATES:
        application_services.record_application(
            actor=actor, campaign=campaign, name=name, email=email,
            evidence={c.pk: f"{name.split()[0]} led {rng.randint(3, 9)} teams through "
                            "a platform change." for c in sift})
    insider = (Person.objects.filter(organisation=dwp, account__isnull=True,
                                     end_date__isnull=True, grade__isnull=False)
               .order_by(F("grade__rank").desc(), "pk")[1:2].first())
    if insider is not None:
        application_services.record_application(
            actor=actor, campaign=campaign, person=insider,
            evidence={c.pk: "Ran the department's hosting move." for c in sift})
    campaign_services.transition(actor=actor, campaign_id=campaign.pk, to=CampaignState.SIFT)
    return Campaign.objects.get(pk=campaign.pk)


def _seat_panel(actor: Actor, campaign: Campaign) -> list[PanelMember]:
    """A chair from the recruiting organisation and members from three others, plus the
    demo line manager (DWP)."""
    candidates = set(campaign.applications.exclude(candidate__person__isnull=True)
                     .values_list("candidate__person_id", flat=True))
    taken = set(candidates)
    seats: list[PanelMember] = []
    chair = _senior(campaign.organisation, exclude=taken)
    if chair is not None:
        taken.add(chair.pk)
        seats.append(services.add_member(actor=actor, campaign=campaign,
                                         person=_with_account(actor, chair),
                                         role=PanelRole.CHAIR))
    manager = Person.objects.filter(account__email=MANAGER).first()
    if manager is not None and manager.pk not in taken:
        taken.add(manager.pk)
        seats.append(services.add_member(actor=actor, campaign=campaign, person=manager,
                                         stages=PanelStages.SIFT, capacity=3))
    for abbreviation in PANEL_ORGANISATIONS:
        organisation = Organisation.objects.filter(abbreviation=abbreviation).first()
        if organisation is None or organisation.pk == campaign.organisation_id:
            continue
        person = _senior(organisation, exclude=taken)
        if person is None:
            continue
        taken.add(person.pk)
        seats.append(services.add_member(actor=actor, campaign=campaign,
                                         person=_with_account(actor, person)))
    return seats


def _score_all(campaign: Campaign, rng: random.Random) -> int:
    """Every member with a sign-in scores their sift applications, except the demo line
    manager's first (left for the demo)."""
    submitted = 0
    skipped_manager = False
    for assignment in (Assignment.objects.filter(application__campaign=campaign,
                                                 stage=PanelStage.SIFT)
                       .select_related("member__person__account").order_by("pk")):
        account = assignment.member.person.account
        if account is None:
            continue
        if account.email == MANAGER and not skipped_manager:
            skipped_manager = True
            continue
        criteria = sel.stage_criteria(campaign, PanelStage.SIFT)
        services.submit_scores(actor=Actor.for_user(account), assignment=assignment,
                               scores={c.pk: rng.randint(1, 4) for c in criteria},
                               comments={c.pk: rng.choice(COMMENTS) for c in criteria})
        submitted += 1
    return submitted


def _decide_one(actor: Actor, campaign: Campaign) -> str:
    """The chair moderates and decides the first application every member has scored, and
    its feedback is released."""
    chair = campaign.panel_members.filter(role=PanelRole.CHAIR).select_related(
        "person__account").first()
    if chair is None or chair.person.account is None:
        return ""
    chair_actor = Actor.for_user(chair.person.account)
    for application in campaign.applications.order_by("pk"):
        rows = application.assignments.filter(stage=PanelStage.SIFT)
        if not rows.exists() or rows.filter(submitted_at__isnull=True).exists():
            continue
        criteria = sel.stage_criteria(campaign, PanelStage.SIFT)
        services.moderate(actor=chair_actor, application=application, stage=PanelStage.SIFT,
                          scores={c.pk: 3 for c in criteria},
                          notes={c.pk: "Agreed at the sift meeting." for c in criteria})
        services.decide(actor=chair_actor, application=application, stage=PanelStage.SIFT,
                        outcome="sifted_in", reasons="Good evidence against both sift "
                                                     "criteria; the panel agreed to interview.")
        services.write_feedback(actor=chair_actor, application=application,
                                text="Thank you for applying. Your evidence of leading teams "
                                     "through large changes was strong; we would like to "
                                     "invite you to interview.")
        services.release_feedback(actor=chair_actor, application=application)
        return f" Application {application.pk} sifted in, with feedback released."
    return ""


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo panels; returns lines to print."""
    actor = Actor.coerce(actor)
    if PanelMember.objects.filter(campaign__title__startswith=DEMO_PREFIX).exists():
        return ["Recruitment panels: demo panels already there; nothing added."]
    lines: list[str] = []
    if not Campaign.objects.filter(title=PANEL_TITLE).exists():
        made = _panel_campaign(actor, rng)
        if made is None:
            return ["Recruitment panels: skipped (needs DWP, a framework and grades: run "
                    "'cadre demo load' first)."]
    for campaign in Campaign.objects.filter(
            title__startswith=DEMO_PREFIX,
            state__in=[CampaignState.OPEN, CampaignState.SIFT]).order_by("pk"):
        seats = _seat_panel(actor, campaign)
        line = (f"Recruitment panels: {campaign.title}: {len(seats)} member(s) from "
                f"{len({s.person.organisation_id for s in seats})} organisation(s).")
        if campaign.state == CampaignState.SIFT and campaign.applications.exists():
            plan = services.allocate_stage(actor=actor, campaign=campaign,
                                           stage=PanelStage.SIFT)
            line += (f" Sift allocated: {plan.placed} place(s), {len(plan.exclusions)} "
                     "conflict(s) kept apart.")
            if campaign.title == PANEL_TITLE:
                line += f" {_score_all(campaign, rng)} score sheet(s) submitted."
                line += _decide_one(actor, campaign)
        lines.append(line)
    return lines
