"""Writes for the learning exchange (issue 18 point 3): offers, bookings, cancellations,
refunds and credit limits. The ledger's rules are ``cadre.community.ledger``'s.

Who may act: a learning lead or head of profession for their own organisations; the
central team, administrators and the command line for any. Credit limits: the central
team and administrators (and the command line).

Locking: every write that moves credits locks the accounts involved in id order, then the
offer, then the booking (one fixed order, so two writes never wait on each other in a
circle). Every booking locks the offerer's account, so a withdrawal holding it sees every
booking. A lost race is a 409 (``TransitionConflict``) or a clear refusal, never a double.

Limits (docs/limits.md, "Learning exchange"): title 1 to 200 characters, description up to
5,000, skills up to 500, location up to 200; a start from now to two years ahead; 15 to 480
minutes; 1 to 500 places; 1 to 100 credits a place; a credit limit from 0 to 10,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community import ledger
from cadre.community.models import (
    MAX_CREDITS_PER_PLACE,
    MAX_DAYS_AHEAD,
    MAX_DURATION_MINUTES,
    MAX_MEMO,
    MAX_OFFER_DESCRIPTION,
    MAX_OFFER_LOCATION,
    MAX_OFFER_PLACES,
    MAX_OFFER_SKILLS,
    MAX_OFFER_TITLE,
    MIN_DURATION_MINUTES,
    ExchangeAccount,
    ExchangeBooking,
    ExchangeEntry,
    ExchangeOffer,
    ExchangeTransaction,
)
from cadre.community.selectors.exchange import default_credit_limit, trading_organisation_ids
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_choice, parse_int
from cadre.core.versions import check_version
from cadre.core.workflow import TransitionConflict
from cadre.organisations.models import Organisation

OFFER_FIELDS = ("title", "description", "skills", "starts_at", "duration_minutes", "format",
                "location", "places", "credits_per_place")
NOT_YOURS = ("You may offer and book exchange sessions only for the organisations you are "
             "a learning lead or head of profession in.")
CENTRAL_ONLY = "Only the central profession team and administrators set credit limits."


class ExchangeConflict(TransitionConflict):
    """A booking, cancellation or change no longer possible (HTTP 409 on pages and in the
    API, like a workflow conflict): the offer was withdrawn, is full or has started, or the
    booking was closed by someone else first."""

    def __init__(self, *, instance: Any, transition: str, current_state: str,
                 message: str | None = None, label: str = "") -> None:
        self.model = instance._meta.label
        self.pk = instance.pk
        self.transition = transition
        self.current_state = current_state
        self.current_state_label = label or current_state.replace("_", " ").capitalize()
        self.message = message or (
            f"This {instance._meta.verbose_name} is now "
            f"'{self.current_state_label.lower()}', so '{transition}' is no longer "
            "possible. Reload it to see what changed.")
        Exception.__init__(self, self.message)


def may_trade_for(actor: Actor | Any, organisation: Organisation | int) -> bool:
    ids = trading_organisation_ids(actor)
    return ids is None or getattr(organisation, "pk", organisation) in ids


def _require_trader(actor: Actor, organisation: Organisation | int) -> None:
    if not may_trade_for(actor, organisation):
        raise PermissionDenied(NOT_YOURS)


def _require_central(actor: Actor) -> None:
    if actor.trusted:
        return
    if not actor.is_user or not scope_for(actor.user).government_wide:
        raise PermissionDenied(CENTRAL_ONLY)


def ensure_account(organisation: Organisation) -> ExchangeAccount:
    """The organisation's account, opened with the default limit if it has none."""
    account, _ = ExchangeAccount.objects.get_or_create(
        organisation=organisation, defaults={"credit_limit": default_credit_limit()})
    return account


def _lock_accounts(*organisations: Organisation) -> dict[int, ExchangeAccount]:
    """The organisations' accounts, locked in id order; by organisation id."""
    ids = sorted({ensure_account(org).pk for org in organisations})
    locked = list(ExchangeAccount.objects.select_for_update().filter(pk__in=ids)
                  .order_by("pk").select_related("organisation"))
    return {account.organisation_id: account for account in locked}


# Offers ---------------------------------------------------------------------------------

def _starts_at(value: Any, *, now: dt.datetime, current: dt.datetime | None) -> dt.datetime:
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise invalid("starts_at", "Give the date and time as YYYY-MM-DDTHH:MM, not "
                                       f"'{text[:40]}'.") from None
    if not isinstance(value, dt.datetime):
        raise invalid("starts_at", "Give the date and time the session starts.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value == current:
        return value
    if value < now:
        raise invalid("starts_at", "Give a date and time in the future.")
    if value > now + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise invalid("starts_at", "Give a date no more than two years ahead.")
    return value


def _title(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        raise invalid("title", "Give the session a title.")
    return check_text(text, field="title", max_length=MAX_OFFER_TITLE)


def _skills(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    names = [s.strip() for s in str(value or "").split(",") if s.strip()]
    return check_text(", ".join(names), field="skills", max_length=MAX_OFFER_SKILLS)


def check_offer(values: dict[str, Any], *, current: ExchangeOffer | None = None
                ) -> dict[str, Any]:
    """Every field of an offer checked at once: a ``ValidationError`` naming each bad one."""
    now = timezone.now()
    return collect({
        "title": lambda: _title(values.get("title")),
        "description": lambda: check_text(str(values.get("description") or "").strip(),
                                          field="description",
                                          max_length=MAX_OFFER_DESCRIPTION),
        "skills": lambda: _skills(values.get("skills")),
        "starts_at": lambda: _starts_at(values.get("starts_at"), now=now,
                                        current=getattr(current, "starts_at", None)),
        "duration_minutes": lambda: parse_int(values.get("duration_minutes"),
                                              field="duration_minutes",
                                              minimum=MIN_DURATION_MINUTES,
                                              maximum=MAX_DURATION_MINUTES),
        "format": lambda: parse_choice(values.get("format"), field="format",
                                       choices=ExchangeOffer.Format.values),
        "location": lambda: check_text(str(values.get("location") or "").strip(),
                                       field="location", max_length=MAX_OFFER_LOCATION),
        "places": lambda: parse_int(values.get("places"), field="places", minimum=1,
                                    maximum=MAX_OFFER_PLACES),
        "credits_per_place": lambda: parse_int(values.get("credits_per_place"),
                                               field="credits_per_place", minimum=1,
                                               maximum=MAX_CREDITS_PER_PLACE),
    })


@transaction.atomic
def create_offer(*, actor: Actor | Any, organisation: Organisation, **values: Any
                 ) -> ExchangeOffer:
    """Offer a session (or places on one) for credits, for ``organisation``."""
    actor = Actor.coerce(actor)
    _require_trader(actor, organisation)
    unknown = sorted(set(values) - set(OFFER_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This is not a field of an offer.")
    checked = check_offer(values)
    ensure_account(organisation)
    offer = ExchangeOffer(organisation=organisation, places_left=checked["places"],
                          created_by=actor.user, **checked)
    offer._history_user = history_user(actor)
    offer.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=offer,
                 summary=f"Exchange offer made: {offer.title} ({organisation})",
                 data={"places": offer.places, "credits_per_place": offer.credits_per_place})
    return offer


def _withdrawn(offer: ExchangeOffer, transition: str) -> ExchangeConflict:
    return ExchangeConflict(instance=offer, transition=transition,
                              current_state=offer.status,
                              message="This offer has been withdrawn.")


@transaction.atomic
def update_offer(*, actor: Actor | Any, offer_id: int,
                 expected_version: tuple[str, ...] | None = None, **changes: Any
                 ) -> ExchangeOffer:
    """Change the fields given; places may not go below the places booked. A new price
    applies to later bookings only (each booking keeps the credits it moved)."""
    actor = Actor.coerce(actor)
    unknown = sorted(set(changes) - set(OFFER_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    offer = ExchangeOffer.objects.select_for_update().get(pk=offer_id)
    _require_trader(actor, offer.organisation_id)
    check_version(offer, expected_version)
    if offer.status != ExchangeOffer.Status.OPEN:
        raise _withdrawn(offer, "change")
    current = {name: getattr(offer, name) for name in OFFER_FIELDS}
    checked = check_offer({**current, **changes}, current=offer)
    booked = offer.places - offer.places_left
    if checked["places"] < booked:
        raise invalid("places", f"{booked} places are booked already; offer at least "
                                f"{booked}.")
    changed = sorted(k for k, v in checked.items() if getattr(offer, k) != v)
    if changed:
        for name in changed:
            setattr(offer, name, checked[name])
        offer.places_left = checked["places"] - booked
        offer._history_user = history_user(actor)
        offer.save()
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=offer,
                     summary=f"Exchange offer changed: {offer.title}", data={"fields": changed})
    return offer


@dataclass(frozen=True)
class Withdrawal:
    offer: ExchangeOffer
    reversed: int


class _BookersChanged(Exception):
    """A booking by an organisation whose account was not locked came in between the first
    read and the locks: roll back and try again."""


#: How many times a withdrawal reads the bookers again when bookings keep arriving.
WITHDRAW_ATTEMPTS = 5


def withdraw_offer(*, actor: Actor | Any, offer_id: int) -> Withdrawal:
    """Withdraw an offer; every open booking on it is cancelled (before the session) or
    refunded (after it) by a reversing transaction. All or nothing.

    The bookers' accounts are locked in id order with the offerer's, so the bookers are
    read before the locks; if a booking by another organisation came in meanwhile, the
    attempt is rolled back and made again (locks are only ever taken in one order)."""
    actor = Actor.coerce(actor)
    peek = ExchangeOffer.objects.select_related("organisation").get(pk=offer_id)
    _require_trader(actor, peek.organisation_id)
    for _ in range(WITHDRAW_ATTEMPTS):
        try:
            return _withdraw(actor=actor, offer_id=offer_id)
        except _BookersChanged:
            continue
    raise ExchangeConflict(instance=peek, transition="withdraw", current_state="busy",
                           message="Bookings kept arriving while the offer was withdrawn; "
                                   "try again.")


def _open_bookers(offer_id: int) -> set[int]:
    return set(ExchangeBooking.objects.filter(
        offer_id=offer_id, status=ExchangeBooking.Status.BOOKED)
        .values_list("organisation_id", flat=True))


@transaction.atomic
def _withdraw(*, actor: Actor, offer_id: int) -> Withdrawal:
    peek = ExchangeOffer.objects.select_related("organisation").get(pk=offer_id)
    booker_ids = _open_bookers(offer_id)
    accounts = _lock_accounts(peek.organisation,
                              *Organisation.objects.filter(pk__in=booker_ids))
    offer = ExchangeOffer.objects.select_for_update().get(pk=offer_id)
    if offer.status != ExchangeOffer.Status.OPEN:
        raise _withdrawn(offer, "withdraw")
    # Every booking locks the offerer's account, which is held now: no booking can be
    # added or closed until this commits; one committed before the lock may be new.
    if not _open_bookers(offer_id) <= set(accounts):
        raise _BookersChanged
    bookings = list(ExchangeBooking.objects.select_for_update().filter(
        offer=offer, status=ExchangeBooking.Status.BOOKED).order_by("pk"))
    kind = (ExchangeTransaction.Kind.CANCELLATION if offer.starts_at > timezone.now()
            else ExchangeTransaction.Kind.REFUND)
    for booking in bookings:
        _reverse(actor=actor, booking=booking, offer=offer, accounts=accounts, kind=kind,
                 memo="The offer was withdrawn.")
    offer.status = ExchangeOffer.Status.WITHDRAWN
    offer.withdrawn_at = timezone.now()
    offer.places_left = offer.places
    offer._history_user = history_user(actor)
    offer.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=offer,
                 summary=f"Exchange offer withdrawn: {offer.title}",
                 data={"reversed_bookings": len(bookings)})
    return Withdrawal(offer=offer, reversed=len(bookings))


# Ledger postings -------------------------------------------------------------------------

def _post(*, actor: Actor, kind: str, booking: ExchangeBooking,
          entries: list[tuple[ExchangeAccount, int]], memo: str = "",
          reverses: ExchangeTransaction | None = None) -> ExchangeTransaction:
    """Write one balanced transaction and move the (locked) accounts' balances."""
    ledger.check_balanced([(account.pk, amount) for account, amount in entries])
    names = {account.pk: account.organisation.name for account, _ in entries}
    ledger.check_debits([(account.pk, amount) for account, amount in entries],
                        {account.pk: account.balance for account, _ in entries},
                        {account.pk: account.credit_limit for account, _ in entries},
                        names=names)
    txn = ExchangeTransaction.objects.create(kind=kind, booking=booking, reverses=reverses,
                                             memo=memo, created_by=actor.user)
    ExchangeEntry.objects.bulk_create(
        [ExchangeEntry(transaction=txn, account=account, amount=amount)
         for account, amount in entries])
    for account, amount in entries:
        ExchangeAccount.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
        account.balance += amount
    return txn


def _reverse(*, actor: Actor, booking: ExchangeBooking, offer: ExchangeOffer,
             accounts: dict[int, ExchangeAccount], kind: str, memo: str) -> None:
    original = booking.transactions.get(kind=ExchangeTransaction.Kind.BOOKING)
    entries = [(accounts[entry.account.organisation_id], -entry.amount)
               for entry in original.entries.select_related("account")]
    try:
        _post(actor=actor, kind=kind, booking=booking, entries=entries, memo=memo,
              reverses=original)
    except ledger.OverLimit as exc:
        raise invalid("booking", f"{offer.organisation} has spent the credits from "
                                 f"{booking.organisation}'s booking and cannot give them "
                                 f"back without going past its credit limit ({exc}).") \
            from None
    booking.status = (ExchangeBooking.Status.CANCELLED
                      if kind == ExchangeTransaction.Kind.CANCELLATION
                      else ExchangeBooking.Status.REFUNDED)
    booking.closed_at = timezone.now()
    booking._history_user = history_user(actor)
    booking.save()
    if offer.status == ExchangeOffer.Status.OPEN:
        ExchangeOffer.objects.filter(pk=offer.pk).update(
            places_left=F("places_left") + booking.places)
        offer.refresh_from_db(fields=["places_left"])
    record_event(actor=actor, action=AuditEvent.Action.TRANSITION, target=booking,
                 summary=f"Exchange booking {booking.get_status_display().lower()}: "
                         f"{booking.organisation} on {offer.title}",
                 data={"credits": booking.credits, "kind": kind})


# Bookings --------------------------------------------------------------------------------

@transaction.atomic
def book_places(*, actor: Actor | Any, offer_id: int, organisation: Organisation,
                places: Any = 1) -> ExchangeBooking:
    """Book places on an offer for ``organisation``: its account is debited the places
    times the offer's credits a place and the offerer's credited, in one transaction."""
    actor = Actor.coerce(actor)
    _require_trader(actor, organisation)
    count = parse_int(places, field="places", minimum=1, maximum=MAX_OFFER_PLACES)
    peek = ExchangeOffer.objects.select_related("organisation").get(pk=offer_id)
    if peek.organisation_id == organisation.pk:
        raise invalid("organisation", "An organisation cannot book its own offer.")
    accounts = _lock_accounts(organisation, peek.organisation)
    offer = ExchangeOffer.objects.select_for_update().select_related("organisation").get(
        pk=offer_id)
    if offer.status != ExchangeOffer.Status.OPEN:
        raise _withdrawn(offer, "book")
    if offer.starts_at <= timezone.now():
        raise ExchangeConflict(instance=offer, transition="book", current_state="started",
                                 message="This session has started; it can no longer be "
                                         "booked.")
    if offer.places_left < count:
        raise ExchangeConflict(
            instance=offer, transition="book", current_state="full",
            message=("There are no places left on this session." if offer.places_left == 0
                     else f"Only {offer.places_left} place"
                          f"{'s are' if offer.places_left != 1 else ' is'} left."))
    booker, offerer = accounts[organisation.pk], accounts[offer.organisation_id]
    credits = count * offer.credits_per_place
    if not ledger.may_spend(balance=booker.balance, limit=booker.credit_limit, amount=credits):
        raise invalid("organisation", ledger.over_limit_message(
            organisation.name, balance=booker.balance, limit=booker.credit_limit,
            amount=credits))
    booking = ExchangeBooking(offer=offer, organisation=organisation, places=count,
                              credits=credits, booked_by=actor.user)
    booking._history_user = history_user(actor)
    booking.save()
    _post(actor=actor, kind=ExchangeTransaction.Kind.BOOKING, booking=booking,
          entries=[(booker, -credits), (offerer, credits)])
    updated = ExchangeOffer.objects.filter(pk=offer.pk, places_left__gte=count).update(
        places_left=F("places_left") - count)
    if updated != 1:  # cannot happen under the lock; never book more places than there are
        raise ExchangeConflict(instance=offer, transition="book", current_state="full",
                                 message="There are no places left on this session.")
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=booking,
                 summary=f"Exchange booking: {organisation} booked {count} place(s) on "
                         f"{offer.title} ({offer.organisation})",
                 data={"places": count, "credits": credits})
    return booking


def _closing(*, actor: Actor, booking_id: int, kind: str, memo: str) -> ExchangeBooking:
    peek = ExchangeBooking.objects.select_related("offer__organisation", "organisation").get(
        pk=booking_id)
    if kind == ExchangeTransaction.Kind.CANCELLATION:
        if not (may_trade_for(actor, peek.organisation_id)
                or may_trade_for(actor, peek.offer.organisation_id)):
            raise PermissionDenied(NOT_YOURS)
    elif not may_trade_for(actor, peek.offer.organisation_id):
        raise PermissionDenied("Only the organisation that offered the session (or the "
                               "central team) refunds a booking.")
    memo = check_text(str(memo or "").strip(), field="memo", max_length=MAX_MEMO)
    accounts = _lock_accounts(peek.organisation, peek.offer.organisation)
    offer = ExchangeOffer.objects.select_for_update().select_related("organisation").get(
        pk=peek.offer_id)
    booking = ExchangeBooking.objects.select_for_update().select_related("organisation").get(
        pk=booking_id)
    if booking.status != ExchangeBooking.Status.BOOKED:
        raise ExchangeConflict(instance=booking, transition=kind,
                                 current_state=booking.status)
    started = offer.starts_at <= timezone.now()
    if kind == ExchangeTransaction.Kind.CANCELLATION and started:
        raise ExchangeConflict(
            instance=booking, transition="cancel", current_state="started",
            message="The session has started, so the booking can no longer be cancelled; "
                    "the offering organisation can refund it if the session did not happen.")
    if kind == ExchangeTransaction.Kind.REFUND and not started:
        raise ExchangeConflict(
            instance=booking, transition="refund", current_state="not_started",
            message="The session has not started yet: cancel the booking instead.")
    _reverse(actor=actor, booking=booking, offer=offer, accounts=accounts, kind=kind,
             memo=memo)
    return booking


@transaction.atomic
def cancel_booking(*, actor: Actor | Any, booking_id: int, memo: str = "") -> ExchangeBooking:
    """Cancel a booking before the session starts (the booker or the offerer): a new
    transaction gives the credits back."""
    return _closing(actor=Actor.coerce(actor), booking_id=booking_id,
                    kind=ExchangeTransaction.Kind.CANCELLATION, memo=memo)


@transaction.atomic
def refund_booking(*, actor: Actor | Any, booking_id: int, memo: str = "") -> ExchangeBooking:
    """Refund a booking after the session's start (for example, it did not happen): the
    offerer or the central team; a new transaction gives the credits back."""
    return _closing(actor=Actor.coerce(actor), booking_id=booking_id,
                    kind=ExchangeTransaction.Kind.REFUND, memo=memo)


# Limits ----------------------------------------------------------------------------------

@transaction.atomic
def set_credit_limit(*, actor: Actor | Any, organisation: Organisation, credit_limit: Any
                     ) -> ExchangeAccount:
    """Set how far below zero an organisation's balance may go (central team). A limit
    below what it owes already leaves it over its limit: it cannot book until it earns."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    limit = parse_int(credit_limit, field="credit_limit", minimum=0,
                      maximum=ledger.MAX_CREDIT_LIMIT)
    account = _lock_accounts(organisation)[organisation.pk]
    if account.credit_limit != limit:
        before = account.credit_limit
        account.credit_limit = limit
        account._history_user = history_user(actor)
        account.save(update_fields=["credit_limit"])
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=account,
                     summary=f"Exchange credit limit of {organisation} set to {limit}",
                     data={"from": before, "to": limit})
    return account


__all__ = ["ExchangeConflict", "Withdrawal", "book_places", "cancel_booking", "check_offer",
           "create_offer", "default_credit_limit", "ensure_account", "may_trade_for",
           "refund_booking", "set_credit_limit", "trading_organisation_ids", "update_offer",
           "withdraw_offer"]
