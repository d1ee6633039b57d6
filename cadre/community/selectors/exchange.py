"""Reads for the learning exchange. Balances, limits, offers and bookings are published to
every member (the issue: balances are public to members); bookings name organisations,
never people. What an account may change is ``services.exchange.may_trade_for``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.community import ledger
from cadre.community.models import (
    ExchangeAccount,
    ExchangeBooking,
    ExchangeEntry,
    ExchangeOffer,
)
from cadre.core.actor import Actor
from cadre.organisations.models import Organisation

BALANCE_COLUMNS = ("organisation", "balance", "limit")
OFFER_COLUMNS = ("id", "organisation", "title", "skills", "starts_at", "duration_minutes",
                 "format", "location", "places", "places_left", "credits_per_place", "status")
BOOKING_COLUMNS = ("id", "offer_id", "offer", "offered_by", "organisation", "places",
                   "credits", "status", "booked_at")
STATEMENT_COLUMNS = ("transaction_id", "date", "kind", "amount", "balance_after",
                     "counterparty", "offer", "booking_id")


def default_credit_limit() -> int:
    """The limit of an organisation nobody has set one for (setting
    ``CADRE_EXCHANGE_CREDIT_LIMIT``, else ``ledger.DEFAULT_CREDIT_LIMIT``)."""
    return int(getattr(settings, "CADRE_EXCHANGE_CREDIT_LIMIT", ledger.DEFAULT_CREDIT_LIMIT))


def trading_organisation_ids(actor: Actor | Any) -> frozenset[int] | None:
    """The organisations ``actor`` (an Actor or an account) may offer and book for: a
    learning lead's or head of profession's own; None means every organisation (the
    central team, administrators, the command line)."""
    actor = Actor.coerce(actor)
    if actor.trusted:
        return None
    if not actor.is_user:
        return frozenset()
    scope = scope_for(actor.user)
    if scope.government_wide:
        return None
    return scope.organisations_for(Role.LEARNING_LEAD) | scope.profession_organisations


def accounts() -> QuerySet[ExchangeAccount]:
    return ExchangeAccount.objects.select_related("organisation").order_by(
        "organisation__name")


def balance_rows() -> list[dict[str, Any]]:
    """One row per organisation with an account: ``{organisation, balance, limit}``."""
    return [{"organisation": a.organisation.name, "balance": a.balance,
             "limit": a.credit_limit} for a in accounts()]


def ledger_totals() -> dict[str, int]:
    """The sum of all balances and of all entries (both zero in a sound ledger)."""
    return {"balances": accounts().aggregate(t=Sum("balance"))["t"] or 0,
            "entries": ExchangeEntry.objects.aggregate(t=Sum("amount"))["t"] or 0}


def offers(*, organisation_id: int | None = None, include_withdrawn: bool = False
           ) -> QuerySet[ExchangeOffer]:
    rows = ExchangeOffer.objects.select_related("organisation")
    if not include_withdrawn:
        rows = rows.filter(status=ExchangeOffer.Status.OPEN)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    return rows.order_by("starts_at", "id")


def offer_row(offer: ExchangeOffer) -> dict[str, Any]:
    return {"id": offer.pk, "organisation": offer.organisation.name, "title": offer.title,
            "skills": offer.skills, "starts_at": offer.starts_at.isoformat(),
            "duration_minutes": offer.duration_minutes, "format": offer.format,
            "location": offer.location, "places": offer.places,
            "places_left": offer.places_left, "credits_per_place": offer.credits_per_place,
            "status": offer.status}


def bookings(*, organisation_id: int | None = None, offer_id: int | None = None
             ) -> QuerySet[ExchangeBooking]:
    """Bookings made by (or for offers of) an organisation; every one without a filter."""
    rows = ExchangeBooking.objects.select_related("offer__organisation", "organisation")
    if organisation_id is not None:
        rows = rows.filter(Q(organisation_id=organisation_id)
                           | Q(offer__organisation_id=organisation_id))
    if offer_id is not None:
        rows = rows.filter(offer_id=offer_id)
    return rows.order_by("-created_at", "-id")


def booking_row(booking: ExchangeBooking) -> dict[str, Any]:
    return {"id": booking.pk, "offer_id": booking.offer_id, "offer": booking.offer.title,
            "offered_by": booking.offer.organisation.name,
            "organisation": booking.organisation.name, "places": booking.places,
            "credits": booking.credits, "status": booking.status,
            "booked_at": booking.created_at.isoformat()}


def statement(organisation: Organisation) -> list[dict[str, Any]]:
    """The organisation's entries, oldest first, with the balance after each."""
    account = ExchangeAccount.objects.filter(organisation=organisation).first()
    if account is None:
        return []
    entries = (ExchangeEntry.objects.filter(account=account)
               .select_related("transaction__booking__offer__organisation",
                               "transaction__booking__organisation")
               .order_by("created_at", "id"))
    rows, running = [], 0
    for entry in entries:
        running += entry.amount
        booking = entry.transaction.booking
        other = (booking.offer.organisation if booking.organisation_id == organisation.pk
                 else booking.organisation)
        rows.append({"transaction_id": entry.transaction_id,
                     "date": entry.created_at.isoformat(),
                     "kind": entry.transaction.kind, "amount": entry.amount,
                     "balance_after": running, "counterparty": other.name,
                     "offer": booking.offer.title, "booking_id": booking.pk})
    return rows


def limit_rows() -> list[dict[str, Any]]:
    """Each organisation with an account: its limit, balance, and what it may still spend."""
    return [{"organisation": a.organisation.name, "organisation_id": a.organisation_id,
             "limit": a.credit_limit, "balance": a.balance, "available": a.available,
             "over_limit": a.over_limit, "closed": a.organisation.is_closed()}
            for a in accounts()]


def trading_organisations(user: Any) -> QuerySet[Organisation]:
    """The open organisations the account may offer and book for."""
    ids = trading_organisation_ids(user)
    rows = Organisation.objects.open().order_by("name")
    return rows if ids is None else rows.filter(pk__in=ids)


__all__ = ["BALANCE_COLUMNS", "BOOKING_COLUMNS", "OFFER_COLUMNS", "STATEMENT_COLUMNS",
           "accounts", "balance_rows", "booking_row", "bookings", "default_credit_limit",
           "ledger_totals", "limit_rows", "offer_row", "offers", "statement",
           "trading_organisation_ids", "trading_organisations"]
