"""Writes to the Fast Stream: schemes, intakes, fast streamers, rounds, offers, preferences,
the allocation and overrides.

Keyword-only, atomic and audited. Every write takes an ``Actor`` and checks the actor's
right itself (``PermissionDenied`` otherwise); the command line and the system act with
the service's own rights. A round changes state only through ``transition_round`` (ADR 14),
which locks the row; allocating writes the postings under that lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import LONG_TEXT, REASON_TEXT, check_text
from cadre.core.versions import check_version
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.framework.models import RoleLevel, Skill
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person
from cadre.programmes import allocation as alloc
from cadre.programmes.models import (
    MAX_CAPACITY,
    MAX_PATTERN_POSTINGS,
    MAX_PREFERENCES,
    MAX_REVIEW_SKILLS,
    PATTERN_MONTHS,
    YEARS,
    Clearance,
    FastStreamer,
    HostPreference,
    Intake,
    Posting,
    PostingOffer,
    PostingReview,
    PostingRound,
    Preference,
    Scheme,
)
from cadre.programmes.selectors import fast_stream as sel
from cadre.programmes.services.common import CENTRAL_ONLY
from cadre.programmes.services.common import require_central as _central
from cadre.programmes.services.common import saved as _saved

State = PostingRound.State
ROUND_ACTIONS = ("open_preferences", "allocate", "reopen", "publish")


def _check_pattern(pattern: Sequence[Any]) -> list[int]:
    if not isinstance(pattern, list | tuple) or not pattern:
        raise ValidationError({"posting_pattern": "Enter the length of each posting in months."})
    if len(pattern) > MAX_PATTERN_POSTINGS:
        raise ValidationError({"posting_pattern": f"A pattern has at most "
                               f"{MAX_PATTERN_POSTINGS} postings."})
    months = []
    for value in pattern:
        if isinstance(value, bool) or not isinstance(value, int) or not (
                PATTERN_MONTHS[0] <= value <= PATTERN_MONTHS[1]):
            raise ValidationError({"posting_pattern": (
                f"Each posting lasts {PATTERN_MONTHS[0]} to {PATTERN_MONTHS[1]} months; "
                f"{value!r} is not that.")})
        months.append(value)
    return months


@transaction.atomic
def create_scheme(*, actor: Actor | Any, name: str, posting_pattern: Sequence[int],
                  description: str = "") -> Scheme:
    actor = Actor.coerce(actor)
    _central(actor)
    name = check_text((name or "").strip(), field="name", max_length=200)
    if not name:
        raise ValidationError({"name": "Enter the scheme's name."})
    if Scheme.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a scheme called {name}."})
    scheme = _saved(Scheme(name=name, posting_pattern=_check_pattern(posting_pattern),
                           description=check_text(description, field="description",
                                                  max_length=LONG_TEXT)), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=scheme,
                 summary=f"Fast Stream scheme {name} created",
                 data={"posting_pattern": scheme.posting_pattern})
    return scheme


@transaction.atomic
def create_intake(*, actor: Actor | Any, scheme: Scheme, year: int) -> Intake:
    actor = Actor.coerce(actor)
    _central(actor)
    if not (YEARS[0] <= int(year) <= YEARS[1]):
        raise ValidationError({"year": f"Enter a year from {YEARS[0]} to {YEARS[1]}."})
    if Intake.objects.filter(scheme=scheme, year=year).exists():
        raise ValidationError({"year": f"{scheme} already has an intake for {year}."})
    intake = _saved(Intake(scheme=scheme, year=year), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=intake,
                 summary=f"Fast Stream intake {intake} created", data={"year": year})
    return intake


@transaction.atomic
def enrol_fast_streamer(*, actor: Actor | Any, person: Person, intake: Intake,
                        home_organisation: Organisation | None = None,
                        clearance: int = Clearance.BPSS, may_post_home: bool = False,
                        locations: Iterable[Location] = ()) -> FastStreamer:
    actor = Actor.coerce(actor)
    _central(actor)
    if FastStreamer.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already a fast streamer."})
    if clearance not in Clearance.values:
        raise ValidationError({"clearance": "Choose a clearance level."})
    streamer = _saved(FastStreamer(person=person, intake=intake,
                                   home_organisation=home_organisation or person.organisation,
                                   clearance=clearance, may_post_home=may_post_home), actor)
    streamer.locations.set(list(locations))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=streamer,
                 summary=f"{person.staff_number} joined the Fast Stream ({intake})",
                 data={"person": person.pk, "intake": intake.pk, "clearance": clearance})
    return streamer


@transaction.atomic
def create_round(*, actor: Actor | Any, scheme: Scheme, name: str, starts_on: dt.date | None,
                 posting_months: int = 6) -> PostingRound:
    actor = Actor.coerce(actor)
    _central(actor)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Enter the round's name."
    elif len(name) > 200:
        errors["name"] = "Name must be 200 characters or fewer."
    elif PostingRound.objects.filter(scheme=scheme, name__iexact=name).exists():
        errors["name"] = f"{scheme} already has a round called {name}."
    if starts_on is None:
        errors["starts_on"] = "Enter the date the postings start."
    if not (PATTERN_MONTHS[0] <= int(posting_months or 0) <= PATTERN_MONTHS[1]):
        errors["posting_months"] = (f"A posting lasts {PATTERN_MONTHS[0]} to "
                                    f"{PATTERN_MONTHS[1]} months.")
    if errors:
        raise ValidationError(errors)
    round_ = _saved(PostingRound(scheme=scheme, name=name, starts_on=starts_on,
                                 posting_months=posting_months), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=round_,
                 summary=f"Posting round {round_} created",
                 data={"starts_on": str(starts_on), "posting_months": posting_months})
    return round_


def _offer_errors(*, host_organisation: Organisation | None, title: str,
                  location: Location | None, capacity: Any, clearance: Any,
                  description: str) -> dict[str, str]:
    """What is wrong with an offer's values (the same checks for adding and changing)."""
    errors = {}
    if host_organisation is None:
        errors["host_organisation"] = "Choose the host organisation."
    if not title:
        errors["title"] = "Enter the posting's title."
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer."
    if location is None:
        errors["location"] = "Choose the posting's location."
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not (
            1 <= capacity <= MAX_CAPACITY):
        errors["capacity"] = f"Capacity must be a whole number from 1 to {MAX_CAPACITY}."
    if clearance not in Clearance.values:
        errors["clearance"] = "Choose a clearance level."
    if len(description or "") > LONG_TEXT:
        errors["description"] = f"Description must be {LONG_TEXT} characters or fewer."
    return errors


def _may_offer_for(actor: Actor, organisation: Organisation | None) -> bool:
    """Whoever may add an offer for a host: the central team, the host's heads of
    profession, the command line and the system."""
    return organisation is None or actor.trusted or sel.may_manage_offer(actor.user,
                                                                         organisation)


@transaction.atomic
def add_offer(*, actor: Actor | Any, round_: PostingRound, host_organisation: Organisation | None,
              title: str, location: Location | None, capacity: int = 1,
              clearance: int = Clearance.BPSS, role_level: RoleLevel | None = None,
              skills: Iterable[Skill] = (), host_manager: Person | None = None,
              description: str = "") -> PostingOffer:
    """A host organisation offers a posting in a round that is still open for offers."""
    actor = Actor.coerce(actor)
    if not _may_offer_for(actor, host_organisation):
        raise PermissionDenied("Only the host's heads of profession or the central team add "
                               "offers for it.")
    round_ = PostingRound.objects.select_for_update().get(pk=round_.pk)
    errors = {}
    if round_.state != State.OPEN:
        errors["round"] = "Offers are added only while the round is open for offers."
    title = (title or "").strip()
    errors.update(_offer_errors(host_organisation=host_organisation, title=title,
                                location=location, capacity=capacity, clearance=clearance,
                                description=description))
    if errors:
        raise ValidationError(errors)
    offer = _saved(PostingOffer(round=round_, host_organisation=host_organisation, title=title,
                                location=location, capacity=capacity, clearance=clearance,
                                role_level=role_level, host_manager=host_manager,
                                description=description or ""), actor)
    skills = list(skills)
    offer.skills.set(skills)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=offer,
                 summary=f"Offer '{title}' from {host_organisation.abbreviation} in {round_}",
                 data={"round": round_.pk, "capacity": capacity, "clearance": clearance,
                       "skills": [s.pk for s in skills]})
    return offer


#: The fields of an offer ``update_offer`` may change (besides its skills).
OFFER_FIELDS = ("host_organisation", "title", "location", "capacity", "clearance",
                "role_level", "description")
OFFER_CHANGE_REFUSED = ("Only the host's heads of profession or the central team change or "
                        "withdraw its offers.")


def _locked_offer(actor: Actor, offer: PostingOffer, doing: str
                  ) -> tuple[PostingRound, PostingOffer]:
    """The offer's round and the offer, both locked (the round first, as every write to a
    round does), once the actor may manage the offer's host. An offer withdrawn meanwhile
    is a ``TransitionConflict``."""
    round_ = PostingRound.objects.select_for_update().get(pk=offer.round_id)
    locked = (PostingOffer.objects.select_for_update(of=("self",))
              .select_related("host_organisation", "location", "role_level")
              .filter(pk=offer.pk).first())
    if locked is None:
        raise TransitionConflict(instance=round_, transition=doing, current_state=round_.state,
                                 message="This offer has been withdrawn.")
    if not _may_offer_for(actor, locked.host_organisation):
        raise PermissionDenied(OFFER_CHANGE_REFUSED)
    return round_, locked


def _require_open(round_: PostingRound, doing: str) -> None:
    """Offers change only while their round is open for offers: once it has moved on
    (perhaps while this request waited for the lock) the change is a conflict (409)."""
    if round_.state != State.OPEN:
        raise TransitionConflict(
            instance=round_, transition=doing, current_state=round_.state,
            message=(f"The round is now '{round_.get_state_display()}': offers can be "
                     "changed or withdrawn only while it is open for offers."))


@transaction.atomic
def update_offer(*, actor: Actor | Any, offer: PostingOffer,
                 skills: Iterable[Skill] | None = None,
                 if_match: Collection[str] | None = None, **changes: Any) -> PostingOffer:
    """Change an offer: any of ``OFFER_FIELDS`` given, and its skills when given.

    Only whoever may add offers for the host (and, when the host changes, for the new
    host too) may. The round and the offer are locked; an offer changes only while its
    round is open for offers, otherwise it is a ``TransitionConflict`` (409). Values equal
    to the stored ones are no change: nothing is written and nothing refused. ``if_match``
    (versions from ``core.versions``) refuses the change with ``StaleVersion`` when the
    offer changed since the caller read it. One history row and one audit event."""
    actor = Actor.coerce(actor)
    if unknown := sorted(set(changes) - set(OFFER_FIELDS)):
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    round_, locked = _locked_offer(actor, offer, "update_offer")
    check_version(locked, if_match)
    if isinstance(changes.get("title"), str):
        changes["title"] = changes["title"].strip()
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    report: dict[str, Any] = {}
    for name, value in changes.items():
        field = PostingOffer._meta.get_field(name)
        before = getattr(locked, field.attname)
        after = getattr(value, "pk", value) if field.is_relation else value
        if before != after:
            report[name] = {"before": before, "after": after}
    new_skills = None
    if skills is not None:
        new_skills = sorted({s.pk for s in skills})
        old_skills = sorted(locked.skills.values_list("pk", flat=True))
        if new_skills != old_skills:
            report["skills"] = {"before": old_skills, "after": new_skills}
    if not report:
        return locked
    _require_open(round_, "update_offer")
    if "host_organisation" in report and not _may_offer_for(actor,
                                                            changes["host_organisation"]):
        raise PermissionDenied("You can move an offer only to a host you may offer for.")
    values = {name: getattr(locked, name) for name in OFFER_FIELDS} | changes
    if errors := _offer_errors(**{k: values[k] for k in (
            "host_organisation", "title", "location", "capacity", "clearance",
            "description")}):
        raise ValidationError(errors)
    for name in changes:
        setattr(locked, name, values[name])
    locked._change_reason = "Offer changed"
    _saved(locked, actor)
    if new_skills is not None and "skills" in report:
        locked.skills.set(new_skills)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=locked,
                 summary=f"Offer '{locked.title}' in {round_} changed",
                 data={"round": round_.pk, "changes": report})
    return locked


@transaction.atomic
def withdraw_offer(*, actor: Actor | Any, offer: PostingOffer,
                   if_match: Collection[str] | None = None) -> None:
    """Remove an offer from its round, while the round is open for offers (otherwise a
    ``TransitionConflict``, 409): whoever may add offers for its host. The round and the
    offer are locked; ``if_match`` refuses a stale read (``StaleVersion``). Audited, and
    the offer's history keeps a row for the removal."""
    actor = Actor.coerce(actor)
    round_, locked = _locked_offer(actor, offer, "withdraw_offer")
    check_version(locked, if_match)
    _require_open(round_, "withdraw_offer")
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=locked,
                 summary=(f"Offer '{locked.title}' from {locked.host_organisation.abbreviation} "
                          f"withdrawn from {round_}"),
                 data={"round": round_.pk, "title": locked.title,
                       "host_organisation": locked.host_organisation_id,
                       "capacity": locked.capacity})
    locked._history_user = history_user(actor)
    locked._change_reason = "Offer withdrawn"
    locked.delete()


def _ranked_ids(items: Sequence[Any], field: str) -> list[int]:
    ids = [getattr(item, "pk", item) for item in items]
    if len(ids) > MAX_PREFERENCES:
        raise ValidationError({field: f"Rank at most {MAX_PREFERENCES}."})
    if len(set(ids)) != len(ids):
        raise ValidationError({field: "Rank each one once."})
    return ids


@transaction.atomic
def set_preferences(*, actor: Actor | Any, round_: PostingRound, fast_streamer: FastStreamer,
                    offers: Sequence[PostingOffer | int]) -> list[Preference]:
    """Replace a fast streamer's ranking of the round's offers (best first)."""
    actor = Actor.coerce(actor)
    if not actor.trusted and not sel.may_rank_for(actor.user, fast_streamer):
        raise PermissionDenied("Only the fast streamer or the central team rank their offers.")
    round_ = PostingRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state != State.PREFERENCES:
        raise ValidationError({"round": "Preferences are taken only while the round is "
                               "taking preferences."})
    if fast_streamer.intake.scheme_id != round_.scheme_id:
        raise ValidationError({"fast_streamer": "This fast streamer is not on the round's "
                               "scheme."})
    ids = _ranked_ids(offers, "offers")
    known = set(round_.offers.filter(pk__in=ids).values_list("pk", flat=True))
    if unknown := [i for i in ids if i not in known]:
        raise ValidationError({"offers": f"Offer {unknown[0]} is not in this round."})
    Preference.objects.filter(round=round_, fast_streamer=fast_streamer).delete()
    saved = Preference.objects.bulk_create(
        Preference(round=round_, fast_streamer=fast_streamer, offer_id=offer_id, rank=rank)
        for rank, offer_id in enumerate(ids, start=1))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=fast_streamer,
                 summary=f"Preferences of {fast_streamer.person.staff_number} in {round_}",
                 data={"round": round_.pk, "offers": ids})
    return saved


@transaction.atomic
def set_host_preferences(*, actor: Actor | Any, offer: PostingOffer,
                         fast_streamers: Sequence[FastStreamer | int]) -> list[HostPreference]:
    """Replace the host's ranking of fast streamers for one offer (best first)."""
    actor = Actor.coerce(actor)
    if not actor.trusted and not sel.may_manage_offer(actor.user, offer):
        raise PermissionDenied("Only the host manager, the host's heads of profession or the "
                               "central team rank for this offer.")
    round_ = PostingRound.objects.select_for_update().get(pk=offer.round_id)
    if round_.state != State.PREFERENCES:
        raise ValidationError({"round": "Preferences are taken only while the round is "
                               "taking preferences."})
    ids = _ranked_ids(fast_streamers, "fast_streamers")
    known = set(sel.round_fast_streamers(round_).filter(pk__in=ids).values_list("pk", flat=True))
    if unknown := [i for i in ids if i not in known]:
        raise ValidationError({"fast_streamers": f"Fast streamer {unknown[0]} is not in this "
                               "round."})
    HostPreference.objects.filter(offer=offer).delete()
    saved = HostPreference.objects.bulk_create(
        HostPreference(offer=offer, fast_streamer_id=streamer_id, rank=rank)
        for rank, streamer_id in enumerate(ids, start=1))
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=offer,
                 summary=f"Host ranking for offer '{offer.title}' in {round_}",
                 data={"round": round_.pk, "fast_streamers": ids})
    return saved


@dataclass(frozen=True)
class AllocationRow:
    """One line of an allocation: a fast streamer and where they go (or not)."""

    fast_streamer: FastStreamer
    offer: PostingOffer | None
    preference_rank: int | None
    reason: str
    overridden: bool = False

    def as_record(self) -> dict[str, Any]:
        return {"staff_number": self.fast_streamer.person.staff_number,
                "home_organisation": self.fast_streamer.home_organisation.abbreviation,
                "posting": self.offer.title if self.offer else None,
                "host_organisation": (self.offer.host_organisation.abbreviation
                                      if self.offer else None),
                "preference_rank": self.preference_rank,
                "reason": self.reason}


def _problem(round_: PostingRound) -> tuple[list[FastStreamer], list[PostingOffer],
                                            list[alloc.Streamer], list[alloc.Offer]]:
    streamers = list(sel.round_fast_streamers(round_))
    offers = list(sel.round_offers(round_))
    hosts = sel.past_hosts(round_)
    prefs: dict[int, list[str]] = {}
    for streamer_id, offer_id in (Preference.objects.filter(round=round_)
                                  .order_by("fast_streamer_id", "rank")
                                  .values_list("fast_streamer_id", "offer_id")):
        prefs.setdefault(streamer_id, []).append(str(offer_id))
    host_prefs: dict[int, list[str]] = {}
    in_round = {s.pk for s in streamers}
    for offer_id, streamer_id in (HostPreference.objects.filter(offer__round=round_)
                                  .order_by("offer_id", "rank")
                                  .values_list("offer_id", "fast_streamer_id")):
        if streamer_id in in_round:
            host_prefs.setdefault(offer_id, []).append(str(streamer_id))
    plain_streamers = [alloc.Streamer(
        key=str(s.pk), home=str(s.home_organisation_id), clearance=s.clearance,
        past_hosts=tuple(str(h) for h in sorted(hosts.get(s.pk, ()))),
        locations=tuple(str(loc.pk) for loc in s.locations.all()),
        may_post_home=s.may_post_home,
        preferences=tuple(k for k in prefs.get(s.pk, ()))) for s in streamers]
    plain_offers = [alloc.Offer(
        key=str(o.pk), host=str(o.host_organisation_id), capacity=o.capacity,
        clearance=o.clearance, location=str(o.location_id or ""),
        preferences=tuple(host_prefs.get(o.pk, ()))) for o in offers]
    return streamers, offers, plain_streamers, plain_offers


def _rows(streamers: list[FastStreamer], offers: list[PostingOffer],
          result: alloc.Allocation) -> list[AllocationRow]:
    by_offer = {str(o.pk): o for o in offers}
    rows = []
    for streamer, explanation in zip(streamers, result.explanations, strict=True):
        offer = by_offer.get(explanation.offer) if explanation.offer else None
        reason = explanation.reason
        for o in offers:  # offer ids mean nothing to a reader: use titles
            reason = reason.replace(f"First choice {o.pk} ", f"First choice '{o.title}' ")
        rows.append(AllocationRow(fast_streamer=streamer, offer=offer,
                                  preference_rank=explanation.rank, reason=reason))
    return rows


def dry_run(*, actor: Actor | Any, round_: PostingRound) -> list[AllocationRow]:
    """The allocation the round would get now, with explanations; nothing is written."""
    actor = Actor.coerce(actor)
    _central(actor)
    streamers, offers, plain_streamers, plain_offers = _problem(round_)
    return _rows(streamers, offers, alloc.allocate(plain_streamers, plain_offers))


def allocation_rows(round_: PostingRound) -> list[AllocationRow]:
    """The round's saved postings, one row per fast streamer (unplaced ones too)."""
    postings = {p.fast_streamer_id: p for p in
                Posting.objects.filter(round=round_).select_related("offer__host_organisation")}
    rows = []
    for streamer in sel.round_fast_streamers(round_):
        posting = postings.get(streamer.pk)
        if posting is None:
            reason = round_.unplaced_reasons.get(str(streamer.pk), "Not placed in this round.")
            rows.append(AllocationRow(fast_streamer=streamer, offer=None, preference_rank=None,
                                      reason=reason))
        else:
            rows.append(AllocationRow(fast_streamer=streamer, offer=posting.offer,
                                      preference_rank=posting.preference_rank,
                                      reason=posting.reason, overridden=posting.overridden))
    return rows


def transition_round(*, actor: Actor | Any, round_id: int, action: str,
                     reason: str = "") -> PostingRound:
    """The posting round workflow, the only way a round changes state (central team only):

    - ``open_preferences``: the offers are in (at least one);
    - ``allocate``: run the allocation and write one posting per placed fast streamer;
    - ``reopen``: back to preferences, removing the allocated postings;
    - ``publish``: fast streamers and hosts see their postings.
    """
    actor = Actor.coerce(actor)
    if action not in ROUND_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(ROUND_ACTIONS)}."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    data: dict[str, Any] = {}

    def authorise(who: Actor, round_: PostingRound) -> bool:
        if who.trusted or sel.is_central(who.user):
            return True
        raise PermissionDenied(CENTRAL_ONLY)

    def work(round_: PostingRound) -> None:
        if action == "open_preferences" and not round_.offers.exists():
            raise ValidationError({"round": "Add at least one offer first."})
        if action == "allocate":
            streamers, offers, plain_streamers, plain_offers = _problem(round_)
            result = alloc.allocate(plain_streamers, plain_offers)
            Posting.objects.filter(round=round_).delete()
            rows = _rows(streamers, offers, result)
            postings = [Posting(round=round_, fast_streamer=row.fast_streamer, offer=row.offer,
                                preference_rank=row.preference_rank, reason=row.reason)
                        for row in rows if row.offer is not None]
            for posting in postings:
                _saved(posting, actor)
            round_.unplaced_reasons = {str(row.fast_streamer.pk): row.reason
                                       for row in rows if row.offer is None}
            data.update(placed=result.placed, unplaced=len(result.unplaced),
                        total_cost=result.total_cost)
        if action == "reopen":
            Posting.objects.filter(round=round_).delete()
            round_.unplaced_reasons = {}

    return run_transition(model=PostingRound, pk=round_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=work, data=data,
                          summary=f"Posting round {round_id}: {action.replace('_', ' ')}")


def allocate_round(*, actor: Actor | Any, round_: PostingRound) -> list[AllocationRow]:
    """Allocate the round (the ``allocate`` step) and return its rows."""
    round_ = transition_round(actor=actor, round_id=round_.pk, action="allocate")
    return allocation_rows(round_)


@transaction.atomic
def override_posting(*, actor: Actor | Any, posting: Posting, offer: PostingOffer | None,
                     reason: str) -> Posting:
    """The central team moves a fast streamer to another offer, with a reason. The new
    offer must have room; hard rules it breaks are kept in the audit event."""
    actor = Actor.coerce(actor)
    _central(actor)
    posting = Posting.objects.select_for_update().select_related(
        "round", "fast_streamer__person", "offer").get(pk=posting.pk)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Give the reason for the override."
    elif len(reason) > REASON_TEXT:
        errors["reason"] = f"Reason must be {REASON_TEXT} characters or fewer."
    if offer is None:
        errors["offer"] = "Choose the offer."
    elif offer.round_id != posting.round_id:
        errors["offer"] = "Choose an offer in the same round."
    elif offer.pk != posting.offer_id and offer.postings.count() >= offer.capacity:
        errors["offer"] = f"'{offer.title}' is full."
    if posting.round.state not in (State.ALLOCATED, State.PUBLISHED):
        errors["round"] = "Postings are overridden once the round is allocated."
    if errors:
        raise ValidationError(errors)
    streamer = posting.fast_streamer
    plain = alloc.Streamer(key="s", home=str(streamer.home_organisation_id),
                           clearance=streamer.clearance,
                           past_hosts=tuple(str(h) for h in sel.past_hosts(posting.round)
                                            .get(streamer.pk, ())),
                           locations=tuple(str(loc.pk) for loc in streamer.locations.all()),
                           may_post_home=streamer.may_post_home)
    broken = [rule.name for rule in alloc.RULES if rule.breaks(plain, alloc.Offer(
        key="o", host=str(offer.host_organisation_id), clearance=offer.clearance,
        location=str(offer.location_id or "")))]
    before = posting.offer_id
    rank = (Preference.objects.filter(fast_streamer=streamer, offer=offer)
            .values_list("rank", flat=True).first())
    posting.offer = offer
    posting.preference_rank = rank
    posting.overridden = True
    posting.override_reason = reason
    posting.overridden_by = actor.user
    posting.reason = f"Set by the central team: {reason}"
    posting._change_reason = reason[:100]
    _saved(posting, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=posting,
                 summary=f"Posting of {streamer.person.staff_number} overridden",
                 data={"from_offer": before, "to_offer": offer.pk, "reason": reason,
                       "rules_broken": broken})
    return posting


@transaction.atomic
def set_objectives(*, actor: Actor | Any, posting: Posting, objectives: str) -> Posting:
    """The posting's objectives: the host manager, the host's heads of profession or the
    central team."""
    actor = Actor.coerce(actor)
    posting = Posting.objects.select_for_update().select_related("offer").get(pk=posting.pk)
    if not actor.trusted and not sel.may_manage_offer(actor.user, posting.offer):
        raise PermissionDenied("Only the host manager, the host's heads of profession or the "
                               "central team set objectives.")
    posting.objectives = check_text((objectives or "").strip(), field="objectives",
                                    max_length=LONG_TEXT)
    _saved(posting, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=posting,
                 summary=f"Objectives of posting {posting.pk} set", data={})
    return posting


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def review_posting(*, actor: Actor | Any, posting: Posting, rating: int,
                   skills: Iterable[Skill] = (), comments: str = "",
                   today: dt.date | None = None) -> PostingReview:
    """Write or change the review of a published posting: its host manager or the central
    team. One review per posting; it can be written once the postings are published and
    changed until the posting ends."""
    actor = Actor.coerce(actor)
    posting = (Posting.objects.select_for_update().select_related("offer", "round")
               .get(pk=posting.pk))
    if not actor.trusted and not sel.is_central(actor.user) and (
            posting.offer.host_manager_id is None
            or posting.offer.host_manager_id != sel._person_id(actor.user)):
        raise PermissionDenied("Only the posting's host manager or the central team review it.")
    if posting.round.state != State.PUBLISHED:
        raise ValidationError({"posting": "A posting is reviewed once the postings are "
                               "published."})
    errors = {}
    if rating not in PostingReview.Rating.values:
        errors["rating"] = "Choose how far the objectives were met."
    skills = list(skills)
    if len(skills) > MAX_REVIEW_SKILLS:
        errors["skills"] = f"Choose at most {MAX_REVIEW_SKILLS} skills."
    if errors:
        raise ValidationError(errors)
    comments = check_text((comments or "").strip(), field="comments", max_length=LONG_TEXT)
    review = PostingReview.objects.filter(posting=posting).first()
    if review is not None and (today or _today()) >= posting.ends_on:
        raise ValidationError({"posting": f"The posting ended on {posting.ends_on:%-d %B %Y}; "
                               "its review can no longer be changed."})
    created = review is None
    review = review or PostingReview(posting=posting)
    review.rating, review.comments, review.reviewed_by = rating, comments, actor.user
    _saved(review, actor)
    review.skills.set(skills)
    record_event(actor=actor, action=(AuditEvent.Action.RECORD_CREATED if created
                                      else AuditEvent.Action.RECORD_UPDATED),
                 target=review,
                 summary=f"Review of posting {posting.pk} {'written' if created else 'changed'}",
                 data={"posting": posting.pk, "rating": rating,
                       "skills": [s.pk for s in skills]})
    return review


OUTCOMES = {"completed": "complete", "left": "leave", "promoted": "promote"}


def record_outcome(*, actor: Actor | Any, fast_streamer_id: int, outcome: str,
                   on: dt.date | None, reason: str = "", new_grade: Grade | None = None
                   ) -> FastStreamer:
    """A fast streamer's outcome (central team): completed, left (with a reason) or promoted
    (with the new grade), once. Locks the row; if another outcome was recorded first it is
    a ``TransitionConflict`` (409)."""
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": "Choose completed, left or promoted."})
    errors = {}
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    if on is None:
        errors["on"] = "Enter the date of the outcome."
    elif not (YEARS[0] <= on.year <= YEARS[1]):
        errors["on"] = f"Enter a date from {YEARS[0]} to {YEARS[1]}."
    if outcome == "left" and not reason:
        errors["reason"] = "Say why they left."
    if outcome == "promoted" and new_grade is None:
        errors["new_grade"] = "Choose the grade they were promoted to."
    if errors:
        raise ValidationError(errors)

    def authorise(who: Actor, streamer: FastStreamer) -> bool:
        if who.trusted or sel.is_central(who.user):
            return True
        raise PermissionDenied(CENTRAL_ONLY)

    def work(streamer: FastStreamer) -> None:
        streamer.outcome_on = on
        streamer.left_reason = reason if outcome == "left" else ""
        streamer.new_grade = new_grade if outcome == "promoted" else None

    return run_transition(
        model=FastStreamer, pk=fast_streamer_id, transition=OUTCOMES[outcome], actor=actor,
        authorise=authorise, work=work, reason=reason,
        data={"outcome": outcome, "on": str(on),
              "new_grade": new_grade.code if new_grade is not None else None},
        summary=f"Fast streamer {fast_streamer_id}: {outcome}")
