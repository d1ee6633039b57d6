# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""Races on PostgreSQL: two bookings for the last place, two bookings that together pass
the booker's credit limit, two cancellations of one booking, and a withdrawal racing a
booking. One succeeds, the other gets a conflict (409) or a clear refusal; never both."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.community.models import ExchangeAccount, ExchangeBooking, ExchangeEntry
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.community.services.exchange import ExchangeConflict
from cadre.community.tests.exchange_fixtures import CLI, exchange_world, make_offer  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _sound() -> None:
    assert sel.ledger_totals() == {"balances": 0, "entries": 0}
    for account in ExchangeAccount.objects.all():
        total = sum(ExchangeEntry.objects.filter(account=account).values_list("amount",
                                                                              flat=True))
        assert account.balance == total
        assert account.balance >= -account.credit_limit


def test_two_bookings_for_the_last_place(exchange_world) -> None:
    w = exchange_world
    offer = make_offer(w.org_a, places=1, title="One place")
    results = run_together([
        lambda: services.book_places(actor=CLI, offer_id=offer.pk, organisation=w.org_b),
        lambda: services.book_places(actor=CLI, offer_id=offer.pk, organisation=w.org_c),
    ])
    assert sum(isinstance(r, ExchangeBooking) for r in results) == 1, results
    assert sum(isinstance(r, ExchangeConflict) for r in results) == 1, results
    offer.refresh_from_db()
    assert offer.places_left == 0
    assert ExchangeBooking.objects.filter(offer=offer).count() == 1
    _sound()


def test_two_bookings_past_the_limit(exchange_world) -> None:
    w = exchange_world
    services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=5)
    first = make_offer(w.org_a, credits_per_place=4, title="From A")
    second = make_offer(w.org_c, credits_per_place=4, title="From C")
    results = run_together([
        lambda: services.book_places(actor=CLI, offer_id=first.pk, organisation=w.org_b),
        lambda: services.book_places(actor=CLI, offer_id=second.pk, organisation=w.org_b),
    ])
    assert sum(isinstance(r, ExchangeBooking) for r in results) == 1, results
    refused = next(r for r in results if isinstance(r, ValidationError))
    assert "over its credit limit" in refused.message_dict["organisation"][0]
    assert ExchangeAccount.objects.get(organisation=w.org_b).balance == -4
    _sound()


def test_two_cancellations_of_one_booking(exchange_world) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                   places=2)
    results = run_together([
        lambda: services.cancel_booking(actor=CLI, booking_id=booking.pk),
        lambda: services.cancel_booking(actor=CLI, booking_id=booking.pk),
    ])
    assert sum(isinstance(r, ExchangeConflict) for r in results) == 1, results
    assert booking.transactions.count() == 2
    w.offer.refresh_from_db()
    assert w.offer.places_left == 10
    _sound()


def test_a_withdrawal_racing_a_booking(exchange_world) -> None:
    w = exchange_world
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    results = run_together([
        lambda: services.withdraw_offer(actor=CLI, offer_id=w.offer.pk),
        lambda: services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c),
    ])
    assert not any(isinstance(r, Exception) and not isinstance(r, ExchangeConflict)
                   for r in results), results
    # Whichever went first, no booking is left open on a withdrawn offer.
    assert not ExchangeBooking.objects.filter(offer=w.offer, status="booked").exists()
    assert set(ExchangeAccount.objects.values_list("balance", flat=True)) == {0}
    _sound()
