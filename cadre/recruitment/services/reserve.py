"""Writes for the reserve list (issue 21 point 5).

Every write is keyword-only, atomic, audited and authorised with an ``Actor``:

- :func:`add_to_reserve`: the campaign's recruiters (the hub, or heads of profession of
  its organisation) put a candidate on the list: found appointable and not appointed
  (appointable, or declined the offer), with their consent, once the campaign's decisions
  are made. The entry lasts ``RESERVE_MONTHS`` from the day they were found appointable.
- :func:`make_offer`: the recruiters of the target's organisation (or the hub) offer an
  active entry a similar role (``reserve_match``): another organisation's running campaign,
  or, for an internal candidate, a vacancy on the mobility board (mobility fills a vacancy
  only with a person record, so someone from outside government is offered campaigns only).
  The entry's row is locked while the offer is made and its state moves to offered, so two
  organisations offering at once get one offer and a ``TransitionConflict`` (409).
- :func:`respond`: the candidate (internal, with an account), or a recruiter of the target's
  organisation recording the candidate's answer, accepts or declines. Accepting places the
  candidate without a second assessment: in a campaign, through the applications area (a
  new application, appointable at once and marked ``from_reserve``, then offered and
  appointed through its transition service); for a vacancy, through mobility's
  ``transition_vacancy(action="fill")``. Declining puts the entry back on the list.
- :func:`withdraw_offer` (the target's recruiters or the hub) and :func:`withdraw_entry`
  (the candidate or the hub; a live offer is withdrawn with it).
- :func:`expire_entries`: entries past ``expires_on`` expire (a live offer is withdrawn),
  and offers still waiting for an answer whose campaign has since closed or been cancelled
  (or whose vacancy was filled or withdrawn) are withdrawn, their entries back on the list;
  the task ``expire_reserve_entries`` and ``cadre recruitment reserve expire`` run it.

A reason typed by a user (an answer, a withdrawal) is kept on the rows and in their
history, which the retention purge blanks, never in the audit trail
(``run_transition(private_reason=True)``).

Locks are always taken entry first, then offer. Every step names the ``version`` it read
(None skips the check); a stale one, or a step another request made impossible, is a
``TransitionConflict`` (HTTP 409) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.rules import RECRUITMENT_HUB
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, invalid, parse_choice, parse_int
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.mobility.models import Vacancy
from cadre.mobility.services.authorisation import manages as mobility_manages
from cadre.mobility.services.vacancies import transition_vacancy
from cadre.recruitment import reserve_match
from cadre.recruitment.models import (
    MAX_OFFER_NOTE,
    MAX_RESERVE_REASON,
    RESERVE_MONTHS,
    Application,
    ApplicationState,
    Campaign,
    CampaignState,
    ReserveEntry,
    ReserveEntryState,
    ReserveOffer,
    ReserveOfferState,
)
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.selectors.campaigns import managed_organisation_ids, may_manage
from cadre.recruitment.services import applications as application_services

__all__ = [
    "ANSWERS",
    "ExpiryReport",
    "add_to_reserve",
    "expire_entries",
    "make_offer",
    "parse_target",
    "respond",
    "withdraw_entry",
    "withdraw_offer",
]

#: The answers a candidate gives to an offer.
ANSWERS = ("accept", "decline")
NOT_SOURCE_RECRUITER = ("Only the recruitment hub, or heads of profession of the campaign's "
                        "organisation, put its candidates on the reserve list.")


def _text(value: Any, *, field: str, max_length: int) -> str:
    text = str(value if value is not None else "").strip()
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character.")
    return check_text(text, field=field, max_length=max_length)


def _version(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_int(value, field="version", minimum=0, maximum=2**31 - 1)


def _pk(value: Any, *, field: str, what: str) -> int:
    pk = getattr(value, "pk", value)
    if isinstance(pk, bool):
        raise invalid(field, f"Give the {what}'s number.")
    try:
        number = int(str(pk).strip())
    except (TypeError, ValueError):
        raise invalid(field, f"Give the {what}'s number, not '{str(pk)[:30]}'.") from None
    if not 1 <= number <= 2**63 - 1:
        raise invalid(field, f"There is no {what} {number}.")
    return number


def _stale(row: Any, transition: str, expected: int) -> TransitionConflict:
    return TransitionConflict(
        instance=row, transition=transition, current_state=row.state,
        message=f"This {row._meta.verbose_name} changed since you read it (you read version "
                f"{expected}, it is now version {row.version}, '{row.get_state_display()}'). "
                "Nothing was changed; reload it to see what changed.")


def _is_hub(actor: Actor) -> bool:
    return actor.trusted or (actor.is_user and RECRUITMENT_HUB.allows(actor.user))


def _recruits_for(actor: Actor, organisation_id: int) -> bool:
    managed = managed_organisation_ids(actor)
    return managed is None or organisation_id in managed


# -- putting a candidate on the list ---------------------------------------------------

def _why_not_reservable(application: Application) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not application.reserve_consent:
        errors["reserve_consent"] = [
            "The candidate has not agreed to be offered other roles from the reserve list; "
            "record their consent on the application first."]
    if application.state == ApplicationState.APPOINTED:
        errors["application"] = ["The candidate was appointed in this campaign, so they do "
                                 "not go on the reserve list."]
    elif application.state not in sel.RESERVABLE_STATES:
        errors["application"] = [
            f"The application is '{application.get_state_display()}': only a candidate found "
            "appointable, and not appointed, goes on the reserve list."]
    elif application.campaign.state not in sel.DECIDED_STATES:
        errors["application"] = [
            f"The campaign is at '{application.campaign.get_state_display()}': candidates go "
            "on the reserve list once its decisions are made."]
    if application.candidate.personal_data_deleted_at is not None:
        errors["application"] = ["The candidate's personal data has been deleted."]
    return errors


@transaction.atomic
def add_to_reserve(*, actor: Actor | Any, application_id: Any,
                   today: dt.date | None = None) -> ReserveEntry:
    """Put the candidate of an application on the reserve list (see the module)."""
    actor = Actor.coerce(actor)
    pk = _pk(application_id, field="application", what="application")
    today = today or timezone.localdate()
    application = Application.objects.select_for_update().filter(pk=pk).first()
    if application is None:
        raise invalid("application", f"There is no application {pk}.")
    if not (actor.trusted or may_manage(actor, application.campaign)):
        raise PermissionDenied(NOT_SOURCE_RECRUITER)
    existing = ReserveEntry.objects.filter(application=application).first()
    if existing is not None:
        raise invalid("application", f"The candidate is already on the reserve list (entry "
                                     f"{existing.pk}).")
    errors = _why_not_reservable(application)
    if errors:
        raise ValidationError(errors)
    decided_on = (timezone.localdate(application.decided_at) if application.decided_at
                  else today)
    expires_on = reserve_match.expires_on(decided_on, RESERVE_MONTHS)
    if expires_on < today:
        raise invalid("application", f"The candidate was found appointable on "
                                     f"{decided_on:%-d %B %Y}, more than {RESERVE_MONTHS} "
                                     "months ago: too long ago for the reserve list.")
    entry = ReserveEntry(application=application, role_level_id=application.campaign.role_level_id,
                         decided_on=decided_on, expires_on=expires_on, added_by=actor.user)
    entry._history_user = history_user(actor)  # type: ignore[attr-defined]
    entry.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=entry,
                 summary=f"Reserve list entry {entry.pk}: application {application.pk} of "
                         f"campaign {application.campaign_id} added until {expires_on}",
                 data={"application": application.pk, "campaign": application.campaign_id,
                       "decided_on": decided_on.isoformat(),
                       "expires_on": expires_on.isoformat()})
    return entry


# -- offering a role -------------------------------------------------------------------

def parse_target(target: Any) -> tuple[str, int]:
    """``campaign:12`` or ``vacancy:3`` (also a ``Campaign`` or ``Vacancy``)."""
    if isinstance(target, Campaign):
        return "campaign", target.pk
    if isinstance(target, Vacancy):
        return "vacancy", target.pk
    text = str(target if target is not None else "").strip().lower()
    kind, _, number = text.partition(":")
    if kind not in ("campaign", "vacancy") or not number.isascii() or not number.isdigit() \
            or len(number) > 18:
        raise invalid("target", "Choose the campaign or vacancy to offer (as campaign:ID or "
                                "vacancy:ID).")
    return kind, int(number)


def _load_target(kind: str, pk: int) -> Campaign | Vacancy:
    model = Campaign if kind == "campaign" else Vacancy
    found = model.objects.select_related("organisation", "role_level__role").filter(
        pk=pk).first()
    if found is None:
        raise invalid("target", f"There is no {kind} {pk}.")
    return found


def _check_target(entry: ReserveEntry, target: Campaign | Vacancy) -> None:
    source_campaign = entry.application.campaign
    if target.organisation_id == source_campaign.organisation_id:
        raise invalid("target", "The candidate comes from this organisation's own campaign; "
                                "the reserve list offers them to other organisations.")
    if isinstance(target, Campaign):
        if target.state not in sel.TARGET_CAMPAIGN_STATES:
            raise invalid("target", f"The campaign is '{target.get_state_display()}': only a "
                                    "campaign still recruiting may be offered.")
    else:
        if entry.application.candidate.person_id is None:
            raise invalid("target", "A vacancy on the mobility board is filled by a person "
                                    "inside government, and this candidate is from outside: "
                                    "offer them a recruitment campaign instead.")
        if target.state not in sel.TARGET_VACANCY_STATES:
            raise invalid("target", f"The vacancy is '{target.get_state_display()}': only an "
                                    "open or closed vacancy may be offered.")
        if target.recruitment_campaigns.exclude(state=CampaignState.CANCELLED).exists():
            raise invalid("target", "This vacancy is being recruited for through a campaign: "
                                    "offer the campaign instead.")
    source = sel.level_of(entry.role_level)
    if not reserve_match.is_similar(source, sel.level_of(target.role_level)):
        raise invalid("target", "The role is not similar enough to the one the candidate was "
                                "found appointable for (the same role family, at most one "
                                "step of seniority away).")


@dataclass
class _Made:
    offer: ReserveOffer | None = None


def make_offer(*, actor: Actor | Any, entry_id: Any, target: Any, note: str = "",
               version: Any = None, today: dt.date | None = None) -> ReserveOffer:
    """Offer an active entry's candidate the role ``target`` (``campaign:ID`` or
    ``vacancy:ID``) with an optional ``note``. One offer at a time: see the module."""
    actor = Actor.coerce(actor)
    kind, target_pk = parse_target(target)
    note = _text(note, field="note", max_length=MAX_OFFER_NOTE)
    expected = _version(version)
    today = today or timezone.localdate()
    pk = _pk(entry_id, field="entry", what="reserve list entry")
    chosen = _load_target(kind, target_pk)
    made = _Made()
    data: dict[str, Any] = {kind: target_pk, "organisation": chosen.organisation_id}

    def authorise(who: Actor, entry: ReserveEntry) -> bool:
        if not _recruits_for(who, chosen.organisation_id):
            raise PermissionDenied(f"Only the recruitment hub, or heads of profession of "
                                   f"{chosen.organisation.name}, offer its roles.")
        return True

    def work(entry: ReserveEntry) -> None:
        if expected is not None and expected != entry.version:
            raise _stale(entry, "offer", expected)
        if today > entry.expires_on:
            raise invalid("entry", f"The candidate's time on the reserve list ended on "
                                   f"{entry.expires_on:%-d %B %Y}.")
        application = entry.application
        if (application.state not in sel.RESERVABLE_STATES
                or application.candidate.personal_data_deleted_at is not None
                or not application.reserve_consent):
            raise invalid("entry", "The candidate can no longer be offered a role from the "
                                   "reserve list (their application changed).")
        _check_target(entry, chosen)
        offer = ReserveOffer(entry=entry, note=note, offered_by=actor.user,
                             **{kind: chosen})
        offer._history_user = history_user(actor)  # type: ignore[attr-defined]
        offer.save()
        made.offer = offer
        data["offer"] = offer.pk
        entry.version += 1

    run_transition(model=ReserveEntry, pk=pk, transition="offer", actor=actor,
                   authorise=authorise, work=work, data=data,
                   reason=f"Offered {kind} {target_pk}",
                   summary=f"Reserve list entry {pk}: offered {kind} {target_pk}")
    assert made.offer is not None
    return made.offer


# -- answers and withdrawals -----------------------------------------------------------

def _lock_entry_of(offer_pk: int) -> int:
    """Lock the entry of an offer (entries are locked before offers); its id."""
    entry_pk = ReserveOffer.objects.filter(pk=offer_pk).values_list("entry_id", flat=True).first()
    if entry_pk is None:
        raise ReserveOffer.DoesNotExist(f"No reserve list offer {offer_pk}.")
    ReserveEntry.objects.select_for_update().filter(pk=entry_pk).first()
    return entry_pk


def _move_entry(*, actor: Actor, entry_pk: int, step: str, reason: str,
                arguments: dict[str, Any] | None = None) -> ReserveEntry:
    """The entry's own step after an offer's (already authorised by the caller)."""
    def work(entry: ReserveEntry) -> None:
        entry.version += 1

    return run_transition(model=ReserveEntry, pk=entry_pk, transition=step, actor=actor,
                          authorise=lambda who, row: True, work=work, reason=reason,
                          arguments=arguments,
                          summary=f"Reserve list entry {entry_pk}: {step}")


def _place(actor: Actor, offer: ReserveOffer) -> None:
    """Appoint the candidate to the offer's target without a second assessment."""
    entry = offer.entry
    why = f"Reserve list offer {offer.pk} accepted (recorded by {actor.label})"
    if offer.campaign_id is not None:
        campaign = offer.campaign
        new = application_services.create_from_reserve(
            actor=actor, campaign=campaign, source=entry.application_id,
            authorised_by_reserve=True)
        # The reserve service has checked who may accept; a candidate accepting for
        # themselves is not a recruiter of the campaign, so the steps run as the system,
        # with the reason naming who accepted.
        steps_by = actor if (actor.trusted or may_manage(actor, campaign)) else Actor.system()
        for to in (ApplicationState.OFFERED, ApplicationState.APPOINTED):
            new = application_services.transition(actor=steps_by, application_id=new.pk,
                                                  to=to, reason=why)
        offer.placed_application = new
        return
    person = entry.application.candidate.person
    if person is None:
        raise invalid("answer", "A vacancy on the mobility board is filled only by a person "
                                "inside government; this candidate is from outside.")
    steps_by = (actor if mobility_manages(actor, offer.vacancy.organisation_id)
                else Actor.system())
    transition_vacancy(actor=steps_by, vacancy_id=offer.vacancy_id, action="fill",
                       person=person, reason=why)


def _still_reservable(entry: ReserveEntry) -> None:
    """Accepting places the candidate, so their own application must still be found
    appointable and not appointed, with consent and data held: since the offer was made
    they may have been appointed in their own campaign, withdrawn or taken back consent."""
    application = Application.objects.select_related("candidate").get(
        pk=entry.application_id)
    if (application.state not in sel.RESERVABLE_STATES
            or not application.reserve_consent
            or application.candidate.personal_data_deleted_at is not None):
        raise invalid("answer", f"The candidate's own application is now "
                                f"'{application.get_state_display()}'"
                                f"{'' if application.reserve_consent else ' without consent'}"
                                ", so the offer can no longer be accepted; withdraw it.")


def respond(*, actor: Actor | Any, offer_id: Any, answer: str, reason: str = "",
            version: Any = None, today: dt.date | None = None) -> ReserveOffer:
    """The candidate's answer to an offer: ``accept`` or ``decline`` (``reason`` optional)."""
    actor = Actor.coerce(actor)
    answer = parse_choice(str(answer or "").strip().lower(), field="answer", choices=ANSWERS)
    reason = _text(reason, field="reason", max_length=MAX_RESERVE_REASON)
    expected = _version(version)
    today = today or timezone.localdate()
    pk = _pk(offer_id, field="offer", what="reserve list offer")
    step = "accept" if answer == "accept" else "decline"

    def authorise(who: Actor, offer: ReserveOffer) -> bool:
        if sel.is_candidate(who, offer.entry) or _recruits_for(who,
                                                               offer.target_organisation_id):
            return True
        raise PermissionDenied("Only the candidate, or the recruiters of the organisation "
                               "that made the offer, record the answer.")

    def work(offer: ReserveOffer) -> None:
        if expected is not None and expected != offer.version:
            raise _stale(offer, step, expected)
        offer.version += 1
        offer.responded_by = actor.user
        if step == "accept":
            if today > offer.entry.expires_on:
                raise invalid("answer", f"The candidate's time on the reserve list ended on "
                                        f"{offer.entry.expires_on:%-d %B %Y}; the offer can "
                                        "no longer be accepted.")
            _still_reservable(offer.entry)
            _place(actor, offer)

    with transaction.atomic():
        entry_pk = _lock_entry_of(pk)
        offer = run_transition(
            model=ReserveOffer, pk=pk, transition=step, actor=actor, authorise=authorise,
            work=work, reason=reason,
            arguments={"reason": reason} if step == "decline" else None,
            data={"entry": entry_pk}, summary=f"Reserve list offer {pk}: {answer}ed",
            private_reason=True)
        _move_entry(actor=actor, entry_pk=entry_pk,
                    step="place" if step == "accept" else "release",
                    reason=f"Offer {pk} {answer}ed")
    return offer


def withdraw_offer(*, actor: Actor | Any, offer_id: Any, reason: str = "",
                   version: Any = None) -> ReserveOffer:
    """The target's recruiters (or the hub) take back an offer not yet answered; the entry
    goes back on the list."""
    actor = Actor.coerce(actor)
    reason = _text(reason, field="reason", max_length=MAX_RESERVE_REASON)
    expected = _version(version)
    pk = _pk(offer_id, field="offer", what="reserve list offer")

    def authorise(who: Actor, offer: ReserveOffer) -> bool:
        if _recruits_for(who, offer.target_organisation_id):
            return True
        raise PermissionDenied("Only the recruiters of the organisation that made the offer, "
                               "or the recruitment hub, withdraw it.")

    def work(offer: ReserveOffer) -> None:
        if expected is not None and expected != offer.version:
            raise _stale(offer, "withdraw", expected)
        offer.version += 1
        offer.responded_by = actor.user

    with transaction.atomic():
        entry_pk = _lock_entry_of(pk)
        offer = run_transition(model=ReserveOffer, pk=pk, transition="withdraw", actor=actor,
                               authorise=authorise, work=work,
                               reason=reason, arguments={"reason": reason},
                               data={"entry": entry_pk}, private_reason=True,
                               summary=f"Reserve list offer {pk}: withdrawn")
        _move_entry(actor=actor, entry_pk=entry_pk, step="release",
                    reason=f"Offer {pk} withdrawn")
    return offer


def _withdraw_live_offer(actor: Actor, entry: ReserveEntry, reason: str) -> int | None:
    live = entry.offers.filter(state=ReserveOfferState.OFFERED).values_list(
        "pk", flat=True).first()
    if live is None:
        return None

    def work(offer: ReserveOffer) -> None:
        offer.version += 1

    run_transition(model=ReserveOffer, pk=live, transition="withdraw", actor=actor,
                   authorise=lambda who, row: True, work=work, reason=reason,
                   arguments={"reason": reason},
                   summary=f"Reserve list offer {live}: withdrawn with its entry")
    return live


def withdraw_entry(*, actor: Actor | Any, entry_id: Any, reason: str = "",
                   version: Any = None) -> ReserveEntry:
    """The candidate (or the hub) takes the entry off the list; an offer waiting for an
    answer is withdrawn with it."""
    actor = Actor.coerce(actor)
    reason = _text(reason, field="reason", max_length=MAX_RESERVE_REASON)
    expected = _version(version)
    pk = _pk(entry_id, field="entry", what="reserve list entry")
    data: dict[str, Any] = {}

    def authorise(who: Actor, entry: ReserveEntry) -> bool:
        if _is_hub(who) or sel.is_candidate(who, entry):
            return True
        raise PermissionDenied("Only the candidate, or the recruitment hub, takes an entry "
                               "off the reserve list.")

    def work(entry: ReserveEntry) -> None:
        if expected is not None and expected != entry.version:
            raise _stale(entry, "withdraw", expected)
        data["offer_withdrawn"] = _withdraw_live_offer(
            actor, entry, "The candidate left the reserve list.")
        entry.version += 1

    return run_transition(model=ReserveEntry, pk=pk, transition="withdraw", actor=actor,
                          authorise=authorise, work=work, reason=reason,
                          arguments={"reason": reason}, data=data, private_reason=True,
                          summary=f"Reserve list entry {pk}: withdrawn")


# -- expiry ----------------------------------------------------------------------------

@dataclass
class ExpiryReport:
    """What a run of :func:`expire_entries` did."""

    today: dt.date
    expired: list[int] = field(default_factory=list)
    offers_withdrawn: list[int] = field(default_factory=list)
    #: Offers withdrawn because their campaign or vacancy stopped (entries back on the list).
    stale_offers_withdrawn: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "expired": self.expired,
                "offers_withdrawn": self.offers_withdrawn,
                "stale_offers_withdrawn": self.stale_offers_withdrawn}


def _withdraw_stale_offer(actor: Actor, offer_pk: int) -> bool:
    """Withdraw one offer whose target has stopped and put its entry back on the list (the
    entry locked first, as everywhere); False when another request moved it first."""
    offer = ReserveOffer.objects.select_related("campaign", "vacancy").filter(
        pk=offer_pk).first()
    why = sel.stopped_target(offer) if offer is not None else ""
    if not why:
        return False

    def work(row: ReserveOffer) -> None:
        if not sel.stopped_target(row):
            raise TransitionConflict(instance=row, transition="withdraw",
                                     current_state=row.state)
        row.version += 1
        row.responded_by = actor.user

    try:
        with transaction.atomic():
            entry_pk = _lock_entry_of(offer_pk)
            run_transition(model=ReserveOffer, pk=offer_pk, transition="withdraw",
                           actor=actor, authorise=lambda who, row: True, work=work,
                           reason=f"{why}.", arguments={"reason": f"{why}."},
                           data={"entry": entry_pk, "target_stopped": True},
                           summary=f"Reserve list offer {offer_pk}: withdrawn, its target "
                                   "stopped")
            _move_entry(actor=actor, entry_pk=entry_pk, step="release",
                        reason=f"Offer {offer_pk} withdrawn: {why.lower()}")
    except TransitionConflict:
        return False
    return True


def expire_entries(*, actor: Actor | Any, today: dt.date | None = None) -> ExpiryReport:
    """Expire every entry still on the list after its ``expires_on`` (an offer waiting for
    an answer is withdrawn), then withdraw the offers whose target has stopped (see the
    module). The hub, the command line and the system (the task ``expire_reserve_entries``).
    One transition, audited, per entry and offer; a row another request moved first is left
    to it."""
    actor = Actor.coerce(actor)
    if not _is_hub(actor):
        raise PermissionDenied("Only the recruitment hub expires reserve list entries.")
    today = today or timezone.localdate()
    report = ExpiryReport(today=today)
    due = list(ReserveEntry.objects.filter(state__in=(ReserveEntryState.ACTIVE,
                                                      ReserveEntryState.OFFERED),
                                           expires_on__lt=today)
               .order_by("pk").values_list("pk", flat=True))
    for pk in due:
        withdrawn: dict[str, Any] = {}

        def work(entry: ReserveEntry, withdrawn: dict[str, Any] = withdrawn) -> None:
            if entry.expires_on >= today:  # moved on since it was read
                raise TransitionConflict(instance=entry, transition="expire",
                                         current_state=entry.state)
            withdrawn["offer_withdrawn"] = _withdraw_live_offer(
                actor, entry, f"The candidate's {RESERVE_MONTHS} months on the reserve list "
                              "ended.")
            entry.version += 1

        try:
            run_transition(model=ReserveEntry, pk=pk, transition="expire", actor=actor,
                           authorise=lambda who, row: True, work=work, data=withdrawn,
                           reason=f"{RESERVE_MONTHS} months on the reserve list ended",
                           summary=f"Reserve list entry {pk}: expired")
        except TransitionConflict:
            continue
        report.expired.append(pk)
        if withdrawn.get("offer_withdrawn"):
            report.offers_withdrawn.append(withdrawn["offer_withdrawn"])
    for offer_pk in sel.stale_offers().order_by("pk").values_list("pk", flat=True):
        if _withdraw_stale_offer(actor, offer_pk):
            report.stale_offers_withdrawn.append(offer_pk)
    return report
