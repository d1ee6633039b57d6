"""Reads for the reserve list, scoped to the account (issue 21 point 5).

- The recruitment hub (central team, administrators) and the command line see every entry
  and offer, with the candidates' names.
- A head of profession sees the entries of their organisations' campaigns (their own
  candidates, by name), the live entries of other organisations similar to one of their
  running campaigns or vacancies (``reserve_match``), without the candidate's name, and the
  entries their organisations have made an offer to, by name from that offer on.
- An internal candidate sees their own entries and the offers made to them.

Anything else is a 404, the same as an entry that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cadre.core.actor import Actor
from cadre.mobility.models import Vacancy
from cadre.recruitment import reserve_match
from cadre.recruitment.models import (
    LIVE_ENTRY_STATES,
    Application,
    ApplicationState,
    Campaign,
    CampaignState,
    ReserveEntry,
    ReserveEntryState,
    ReserveOffer,
    ReserveOfferState,
)
from cadre.recruitment.selectors.applications import person_of
from cadre.recruitment.selectors.campaigns import managed_organisation_ids

__all__ = [
    "RESERVABLE_STATES",
    "STOPPED_CAMPAIGN_STATES",
    "STOPPED_VACANCY_STATES",
    "TARGET_CAMPAIGN_STATES",
    "TARGET_VACANCY_STATES",
    "TargetRow",
    "candidate_label",
    "entries",
    "is_candidate",
    "level_of",
    "live_offer",
    "may_offer",
    "may_respond",
    "may_withdraw_entry",
    "may_withdraw_offer",
    "offers_of",
    "reservable_applications",
    "shows_name",
    "similar_targets",
    "stale_offers",
    "stopped_target",
    "visible_entries",
    "visible_offers",
]

#: The application states of a candidate found appointable and not appointed.
RESERVABLE_STATES = (ApplicationState.APPOINTABLE, ApplicationState.DECLINED)
#: The campaign states whose decisions are made (a candidate may then go on the list).
DECIDED_STATES = (CampaignState.DECIDED, CampaignState.CLOSED)
#: A campaign still recruiting, which a reserve candidate may be offered.
TARGET_CAMPAIGN_STATES = (CampaignState.OPEN, CampaignState.SIFT, CampaignState.INTERVIEW,
                          CampaignState.DECIDED)
#: A vacancy on the board not yet filled or withdrawn.
TARGET_VACANCY_STATES = (Vacancy.State.OPEN, Vacancy.State.CLOSED)
#: Target states in which an offer waiting for an answer can no longer be taken up: the
#: expiry sweep withdraws such offers and the pages say so.
STOPPED_CAMPAIGN_STATES = (CampaignState.CLOSED, CampaignState.CANCELLED)
STOPPED_VACANCY_STATES = (Vacancy.State.FILLED, Vacancy.State.WITHDRAWN)


def _user(who: Actor | Any) -> Any:
    return who.user if isinstance(who, Actor) else who


def _is_hub(who: Actor | Any) -> bool:
    return managed_organisation_ids(who) is None


def _base() -> QuerySet[ReserveEntry]:
    return ReserveEntry.objects.select_related(
        "application", "application__campaign", "application__campaign__organisation",
        "application__candidate", "application__candidate__person", "role_level",
        "role_level__role")


def level_of(role_level: Any) -> reserve_match.Level:
    """The matching's view of a role level (its role's family and its seniority)."""
    return reserve_match.Level(family_id=role_level.role.family_id,
                               seniority=role_level.seniority)


def _running_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(state__in=TARGET_CAMPAIGN_STATES).select_related(
        "organisation", "role_level__role")


def _open_vacancies() -> QuerySet[Vacancy]:
    """Vacancies on the board that may be offered: not filled or withdrawn, and not handed to
    a recruitment campaign (that campaign is offered instead)."""
    live = [s for s in CampaignState.values if s != CampaignState.CANCELLED]
    return (Vacancy.objects.filter(state__in=TARGET_VACANCY_STATES)
            .exclude(recruitment_campaigns__state__in=live)
            .select_related("organisation", "role_level__role"))


def _matching_entry_ids(organisation_ids: frozenset[int]) -> set[int]:
    """Live entries of other organisations similar to a running campaign or an open vacancy of
    these organisations."""
    if not organisation_ids:
        return set()
    levels = {level_of(c.role_level) for c in _running_campaigns().filter(
        organisation_id__in=organisation_ids)}
    levels |= {level_of(v.role_level) for v in _open_vacancies().filter(
        organisation_id__in=organisation_ids)}
    if not levels:
        return set()
    found: set[int] = set()
    for entry in (ReserveEntry.objects.filter(state__in=LIVE_ENTRY_STATES)
                  .exclude(application__campaign__organisation_id__in=organisation_ids)
                  .select_related("role_level__role")):
        source = level_of(entry.role_level)
        if any(reserve_match.is_similar(source, level) for level in levels):
            found.add(entry.pk)
    return found


def visible_entries(who: Actor | Any) -> QuerySet[ReserveEntry]:
    """Every entry the account may open (see the module docstring)."""
    base = _base()
    managed = managed_organisation_ids(who)
    if managed is None:
        return base
    user = _user(who)
    if user is None or not getattr(user, "is_authenticated", False):
        return base.none()
    scope = Q(pk__in=[])
    if managed:
        scope |= Q(application__campaign__organisation_id__in=managed)
        scope |= Q(offers__campaign__organisation_id__in=managed)
        scope |= Q(offers__vacancy__organisation_id__in=managed)
        scope |= Q(pk__in=_matching_entry_ids(managed))
    person = person_of(user)
    if person is not None:
        scope |= Q(application__candidate__person=person)
    return base.filter(scope).distinct()


def entries(who: Actor | Any, *, state: str | None = None) -> QuerySet[ReserveEntry]:
    """The visible entries, those ending soonest first."""
    rows = visible_entries(who)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("expires_on", "pk")


def is_candidate(who: Actor | Any, entry: ReserveEntry) -> bool:
    """Whether the account is the entry's (internal) candidate."""
    person = person_of(_user(who))
    return person is not None and entry.application.candidate.person_id == person.pk


def shows_name(who: Actor | Any, entry: ReserveEntry) -> bool:
    """Whether the account sees the candidate's name: the hub, the candidate, the source
    campaign's recruiters, and the recruiters of an organisation that made them an offer."""
    managed = managed_organisation_ids(who)
    if managed is None or is_candidate(who, entry):
        return True
    if not managed:
        return False
    if entry.application.campaign.organisation_id in managed:
        return True
    return entry.offers.filter(Q(campaign__organisation_id__in=managed)
                               | Q(vacancy__organisation_id__in=managed)).exists()


def candidate_label(who: Actor | Any, entry: ReserveEntry) -> str:
    """The candidate's name, or a reference for those who may not see it."""
    if shows_name(who, entry):
        return entry.application.candidate.display_name
    return f"Reserve candidate R{entry.pk}"


def live_offer(entry: ReserveEntry) -> ReserveOffer | None:
    return (entry.offers.filter(state=ReserveOfferState.OFFERED)
            .select_related("campaign__organisation", "vacancy__organisation").first())


def stopped_target(offer: ReserveOffer) -> str:
    """For an offer waiting for an answer whose campaign has closed or been cancelled (or
    whose vacancy was filled or withdrawn): words saying so; "" otherwise."""
    if offer.state != ReserveOfferState.OFFERED:
        return ""
    if offer.campaign_id is not None:
        if offer.campaign.state in STOPPED_CAMPAIGN_STATES:
            return "The campaign is no longer running"
        return ""
    if offer.vacancy_id is not None and offer.vacancy.state in STOPPED_VACANCY_STATES:
        return "The vacancy is no longer open"
    return ""


def stale_offers() -> QuerySet[ReserveOffer]:
    """Offers waiting for an answer whose target has stopped (see ``stopped_target``)."""
    return ReserveOffer.objects.filter(
        Q(campaign__state__in=STOPPED_CAMPAIGN_STATES)
        | Q(vacancy__state__in=STOPPED_VACANCY_STATES),
        state=ReserveOfferState.OFFERED)


def offers_of(entry: ReserveEntry) -> QuerySet[ReserveOffer]:
    return entry.offers.select_related("campaign__organisation", "vacancy__organisation",
                                       "offered_by").order_by("-offered_at", "-pk")


def visible_offers(who: Actor | Any) -> QuerySet[ReserveOffer]:
    """Offers on the entries the account may open."""
    return ReserveOffer.objects.filter(entry__in=visible_entries(who).values("pk")
                                       ).select_related(
        "entry", "entry__application__candidate", "entry__application__campaign",
        "campaign__organisation", "vacancy__organisation")


@dataclass(frozen=True)
class TargetRow:
    """A role a reserve candidate could be offered."""

    kind: str  # "campaign" or "vacancy"
    pk: int
    title: str
    organisation_id: int
    organisation: str
    role_level: str
    closing_date: Any
    steps: int

    @property
    def key(self) -> str:
        """How forms, the API and the command line name it: ``campaign:12``, ``vacancy:3``."""
        return f"{self.kind}:{self.pk}"


def similar_targets(who: Actor | Any, entry: ReserveEntry, *,
                    offerable_only: bool = False) -> list[TargetRow]:
    """Running campaigns (and, for an internal candidate, open vacancies) of other
    organisations similar to the entry's role level; with ``offerable_only`` only those of
    organisations the account recruits for."""
    managed = managed_organisation_ids(who)
    source = level_of(entry.role_level)
    campaigns = _running_campaigns().filter(role_level__role__family_id=source.family_id)
    vacancies = _open_vacancies().filter(role_level__role__family_id=source.family_id)
    if offerable_only and managed is not None:
        campaigns = campaigns.filter(organisation_id__in=managed)
        vacancies = vacancies.filter(organisation_id__in=managed)
    found: dict[tuple[str, int], Any] = {}
    targets = []
    for campaign in campaigns:
        found[("campaign", campaign.pk)] = campaign
        targets.append(reserve_match.Target("campaign", campaign.pk, campaign.organisation_id,
                                            level_of(campaign.role_level),
                                            campaign.closing_date))
    if entry.application.candidate.person_id is not None:
        for vacancy in vacancies:
            found[("vacancy", vacancy.pk)] = vacancy
            targets.append(reserve_match.Target("vacancy", vacancy.pk, vacancy.organisation_id,
                                                level_of(vacancy.role_level),
                                                vacancy.closing_date))
    rows = []
    for target in reserve_match.similar(source, entry.application.campaign.organisation_id,
                                        targets):
        obj = found[(target.kind, target.pk)]
        rows.append(TargetRow(
            kind=target.kind, pk=target.pk, title=obj.title,
            organisation_id=obj.organisation_id, organisation=obj.organisation.name,
            role_level=f"{obj.role_level.role.name}: {obj.role_level.name}",
            closing_date=obj.closing_date,
            steps=reserve_match.steps_apart(source, target.level)))
    return rows


def may_offer(who: Actor | Any, entry: ReserveEntry) -> bool:
    """Whether the account could offer the (active) entry a role now."""
    if entry.state != ReserveEntryState.ACTIVE:
        return False
    managed = managed_organisation_ids(who)
    if managed is not None and not managed:
        return False
    return bool(similar_targets(who, entry, offerable_only=True))


def _recruits_for(who: Actor | Any, organisation_id: int) -> bool:
    managed = managed_organisation_ids(who)
    return managed is None or organisation_id in managed


def may_respond(who: Actor | Any, offer: ReserveOffer) -> bool:
    """The candidate (internal, with an account), the target's recruiters or the hub, while
    the offer waits for an answer."""
    if offer.state != ReserveOfferState.OFFERED:
        return False
    return (is_candidate(who, offer.entry)
            or _recruits_for(who, offer.target_organisation_id))


def may_withdraw_offer(who: Actor | Any, offer: ReserveOffer) -> bool:
    """The target organisation's recruiters or the hub, while the offer waits."""
    return (offer.state == ReserveOfferState.OFFERED
            and _recruits_for(who, offer.target_organisation_id))


def may_withdraw_entry(who: Actor | Any, entry: ReserveEntry) -> bool:
    """The candidate or the hub, while the entry is on the list."""
    return entry.is_live and (_is_hub(who) or is_candidate(who, entry))


def reservable_applications(who: Actor | Any) -> QuerySet[Application]:
    """Applications the account may put on the reserve list: found appointable and not
    appointed, with the candidate's consent, in a decided or closed campaign the account
    recruits for, personal data still held, and not on the list already."""
    rows = (Application.objects.filter(
        state__in=RESERVABLE_STATES, reserve_consent=True,
        campaign__state__in=DECIDED_STATES,
        candidate__personal_data_deleted_at__isnull=True, reserve_entry__isnull=True)
        .select_related("campaign", "campaign__organisation", "candidate",
                        "candidate__person").order_by("campaign__title", "pk"))
    managed = managed_organisation_ids(who)
    if managed is None:
        return rows
    return rows.filter(campaign__organisation_id__in=managed)
