"""Reads for recruitment campaigns, scoped to the account (issue 21 point 1).

- The hub (central team and administrators) sees every campaign.
- Heads of profession see every campaign of their organisations, whatever its state.
- Everyone signed in sees the public summary of open campaigns, so that people inside
  government can apply: title, organisation, role, grade, pay range, location, closing date,
  engagement, retention and the assessment plan (``may_manage`` says whether the rest, such
  as the pay benchmark and the state actions, is shown).

A campaign out of scope is a 404, the same as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from cadre.access.rules import RECRUITERS, RECRUITMENT_HUB
from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.framework.models import RoleLevel, Skill
from cadre.framework.selectors import default_framework
from cadre.mobility.models import Vacancy
from cadre.organisations.models import Grade, Organisation
from cadre.recruitment.models import Campaign, CampaignState, Criterion
from cadre.recruitment.selectors.pay import benchmark_for

__all__ = [
    "NEXT",
    "PayCheck",
    "campaign_skills",
    "campaigns",
    "creatable_organisations",
    "criteria",
    "external_vacancies",
    "grades",
    "managed_organisation_ids",
    "may_manage",
    "may_recruit",
    "pay_check",
    "role_levels",
    "vacancy_defaults",
    "vacancy_skill_criteria",
    "visible_campaigns",
]

#: The states a campaign may move to next from each state (``services.campaigns.transition``).
NEXT: dict[str, list[str]] = {
    CampaignState.DRAFT: [CampaignState.OPEN, CampaignState.CANCELLED],
    CampaignState.OPEN: [CampaignState.SIFT, CampaignState.CANCELLED],
    CampaignState.SIFT: [CampaignState.INTERVIEW, CampaignState.CANCELLED],
    CampaignState.INTERVIEW: [CampaignState.DECIDED, CampaignState.CANCELLED],
    CampaignState.DECIDED: [CampaignState.CLOSED, CampaignState.CANCELLED],
    CampaignState.CLOSED: [],
    CampaignState.CANCELLED: [],
}


def _user(who: Actor | Any) -> Any:
    return who.user if isinstance(who, Actor) else who


def managed_organisation_ids(who: Actor | Any) -> frozenset[int] | None:
    """The organisations whose campaigns the account runs; None means every organisation
    (the hub and the command line); empty for everyone else."""
    if isinstance(who, Actor) and who.trusted:
        return None
    user = _user(who)
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if RECRUITMENT_HUB.allows(user):
        return None
    if RECRUITERS.allows(user):
        return scope_for(user).profession_organisations
    return frozenset()


def may_recruit(who: Actor | Any) -> bool:
    """Whether the account runs any campaigns at all."""
    managed = managed_organisation_ids(who)
    return managed is None or bool(managed)


def may_manage(who: Actor | Any, campaign_or_organisation: Campaign | Organisation | int) -> bool:
    """Whether the account runs campaigns of this organisation (or this campaign's)."""
    target = campaign_or_organisation
    organisation_id = (target.organisation_id if isinstance(target, Campaign)
                       else getattr(target, "pk", target))
    managed = managed_organisation_ids(who)
    return managed is None or organisation_id in managed


def visible_campaigns(who: Actor | Any) -> QuerySet[Campaign]:
    """Every campaign the account may open (see the module docstring)."""
    base = Campaign.objects.select_related("organisation", "role_level__role", "grade",
                                           "vacancy")
    managed = managed_organisation_ids(who)
    if managed is None:
        return base
    user = _user(who)
    if user is None or not getattr(user, "is_authenticated", False):
        return base.none()
    return base.filter(Q(state=CampaignState.OPEN) | Q(organisation_id__in=managed))


def campaigns(who: Actor | Any, *, state: str | None = None,
              organisation: Organisation | int | None = None,
              search: str = "") -> QuerySet[Campaign]:
    """The visible campaigns, filtered, newest first, each with its number of criteria."""
    rows = visible_campaigns(who).annotate(criteria_count=Count("criteria"))
    if state:
        rows = rows.filter(state=state)
    if organisation is not None:
        rows = rows.filter(organisation_id=getattr(organisation, "pk", organisation))
    if search:
        rows = rows.filter(title__icontains=search)
    return rows.order_by("-created_at", "-pk")


def criteria(campaign: Campaign | int) -> QuerySet[Criterion]:
    """The campaign's assessment plan, in order."""
    pk = getattr(campaign, "pk", campaign)
    return Criterion.objects.filter(campaign_id=pk).select_related("skill").order_by(
        "order", "pk")


def external_vacancies(who: Actor | Any) -> QuerySet[Vacancy]:
    """Vacancies gone external, of organisations the account runs campaigns for, with no
    live (not cancelled) campaign yet."""
    rows = (Vacancy.objects.filter(external_decided_at__isnull=False)
            .exclude(recruitment_campaigns__state__in=[s for s in CampaignState.values
                                                       if s != CampaignState.CANCELLED])
            .select_related("organisation", "role_level", "grade").order_by("-external_decided_at",
                                                                             "-pk"))
    managed = managed_organisation_ids(who)
    if managed is None:
        return rows
    return rows.filter(organisation_id__in=managed)


def vacancy_defaults(vacancy: Vacancy) -> dict[str, Any]:
    """What a campaign from ``vacancy`` starts with: its organisation, title, role level,
    grade, location (its locations, or anywhere) and closing date (the vacancy's when still
    to come, else four weeks from today)."""
    import datetime as dt

    from django.utils import timezone

    names = [location.name for location in vacancy.locations.order_by("name")]
    location = ", ".join(names) if names else "Anywhere in the UK"
    if len(location) > 180:  # never cut: too many names to list
        location = "Several locations"
    if vacancy.hybrid:
        location = f"{location} (hybrid)"
    today = timezone.localdate()
    closing = vacancy.closing_date if vacancy.closing_date > today else today + dt.timedelta(
        days=28)
    return {"organisation": vacancy.organisation, "title": vacancy.title,
            "role_level": vacancy.role_level, "grade": vacancy.grade,
            "location": location, "closing_date": closing}


def vacancy_skill_criteria(*, vacancy: Vacancy | None, role_level: RoleLevel) -> list[
        tuple[str, Skill]]:
    """The criteria a new campaign starts with: the vacancy's skills, essential first, or
    else the role level's required skills, each as "<skill> at <level> level"."""
    if vacancy is not None:
        rows = [(f"{s.skill.name} at {s.level.name.lower()} level"
                 + ("" if s.essential else " (desirable)"), s.skill)
                for s in vacancy.skills.select_related("skill", "level").order_by(
                    "-essential", "skill__name")]
        if rows:
            return rows
    return [(f"{r.skill.name} at {r.level.name.lower()} level", r.skill)
            for r in role_level.requirements.select_related("skill", "level").order_by(
                "skill__name")]


def creatable_organisations(who: Actor | Any) -> QuerySet[Organisation]:
    """Open organisations the account may start a campaign for, by name."""
    rows = Organisation.objects.open().order_by("name")
    managed = managed_organisation_ids(who)
    if managed is None:
        return rows
    return rows.filter(pk__in=managed)


def role_levels() -> QuerySet[RoleLevel]:
    """Role levels of the default framework, by role and seniority."""
    framework = default_framework()
    rows = RoleLevel.objects.select_related("role").order_by("role__name", "order", "pk")
    return rows.filter(framework=framework) if framework is not None else rows.none()


def campaign_skills(campaign: Campaign | None = None) -> QuerySet[Skill]:
    """Skills a criterion may name: those of the campaign's framework (the default one for a
    new campaign)."""
    framework_id = (campaign.role_level.framework_id if campaign is not None
                    else getattr(default_framework(), "pk", None))
    return Skill.objects.filter(framework_id=framework_id).order_by("name")


def grades() -> QuerySet[Grade]:
    return Grade.objects.order_by("scheme", "rank")


@dataclass(frozen=True)
class PayCheck:
    """The pay benchmark for a campaign's role level and grade, and how its range sits."""

    benchmark: Any
    flags: list[str]


def pay_check(campaign: Campaign) -> PayCheck:
    """The pay area's benchmark for the campaign's role level and grade
    (``selectors.pay.benchmark_for``) and the flags of its pay range against it (none until
    the range is set, or when there is nothing to compare with)."""
    benchmark = benchmark_for(role_level_id=campaign.role_level_id, grade_id=campaign.grade_id)
    flags: list[str] = []
    if campaign.pay_min is not None and campaign.pay_max is not None:
        flags = list(benchmark.flags(campaign.pay_min, campaign.pay_max))
    return PayCheck(benchmark=benchmark, flags=flags)
