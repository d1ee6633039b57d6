# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""The exchange services: offers, bookings as balanced transfers, cancellations and refunds
as new reversing transactions, credit limits, permissions, append-only ledger rows, and a
property test over random sequences against the plain ledger."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.community import ledger
from cadre.community.models import (
    ExchangeAccount,
    ExchangeAppendOnlyError,
    ExchangeBooking,
    ExchangeEntry,
    ExchangeOffer,
    ExchangeTransaction,
)
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.community.services.exchange import ExchangeConflict
from cadre.community.tests.exchange_fixtures import (  # noqa: F401
    CLI,
    exchange_world,
    make_offer,
    next_week,
    offer_values,
)

pytestmark = pytest.mark.django_db


def _balances() -> dict[str, int]:
    return {row["organisation"]: row["balance"] for row in sel.balance_rows()}


def _sound() -> None:
    """Every transaction sums to zero, the ledger sums to zero, each balance is the sum of
    its entries, none is below minus its limit (no limit was lowered in these tests)."""
    transactions = [[(e.account_id, e.amount) for e in t.entries.all()]
                    for t in ExchangeTransaction.objects.prefetch_related("entries")]
    accounts = list(ExchangeAccount.objects.all())
    assert ledger.problems(transactions, {a.pk: a.balance for a in accounts},
                           {a.pk: a.credit_limit for a in accounts}) == []
    assert sel.ledger_totals() == {"balances": 0, "entries": 0}


def _start_now(offer: ExchangeOffer) -> None:
    """The session has started (moved to the past as time would)."""
    ExchangeOffer.objects.filter(pk=offer.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1))


def test_a_booking_is_a_balanced_transfer(exchange_world) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                   places=3)
    assert booking.credits == 6 and booking.status == ExchangeBooking.Status.BOOKED
    entries = ExchangeEntry.objects.filter(transaction__booking=booking)
    assert {(e.account.organisation.name, e.amount) for e in entries} == {
        ("Department B", -6), ("Department A", 6)}
    w.offer.refresh_from_db()
    assert w.offer.places_left == 7
    assert _balances() == {"Department A": 6, "Department B": -6}
    assert AuditEvent.objects.filter(target_type="community.ExchangeBooking").count() == 1
    _sound()


def test_cancelling_is_a_new_reversing_transaction(exchange_world) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                   places=2)
    services.cancel_booking(actor=CLI, booking_id=booking.pk, memo="Not needed")
    kinds = list(booking.transactions.order_by("id").values_list("kind", flat=True))
    assert kinds == ["booking", "cancellation"]
    reversal = booking.transactions.get(kind="cancellation")
    assert reversal.reverses == booking.transactions.get(kind="booking")
    assert ExchangeEntry.objects.count() == 4
    assert _balances() == {"Department A": 0, "Department B": 0}
    w.offer.refresh_from_db()
    assert w.offer.places_left == 10
    with pytest.raises(ExchangeConflict):
        services.cancel_booking(actor=CLI, booking_id=booking.pk)
    _sound()


def test_a_started_session_is_refunded_not_cancelled(exchange_world) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    with pytest.raises(ExchangeConflict, match="cancel the booking instead"):
        services.refund_booking(actor=CLI, booking_id=booking.pk)
    _start_now(w.offer)
    with pytest.raises(ExchangeConflict, match="has started"):
        services.cancel_booking(actor=CLI, booking_id=booking.pk)
    with pytest.raises(ExchangeConflict, match="has started"):
        services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c)
    services.refund_booking(actor=CLI, booking_id=booking.pk, memo="The session did not run")
    booking.refresh_from_db()
    assert booking.status == ExchangeBooking.Status.REFUNDED
    assert _balances()["Department B"] == 0
    _sound()


def test_ledger_rows_are_append_only(exchange_world) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    entry = ExchangeEntry.objects.first()
    txn = booking.transactions.first()
    for action in (lambda: entry.save(), lambda: entry.delete(), lambda: txn.save(),
                   lambda: txn.delete(), lambda: ExchangeEntry.objects.update(amount=1),
                   lambda: ExchangeEntry.objects.all().delete(),
                   lambda: ExchangeTransaction.objects.update(memo="x")):
        with pytest.raises(ExchangeAppendOnlyError):
            action()
    assert ExchangeEntry.objects.count() == 2


def test_the_credit_limit_refuses_a_booking_with_a_clear_message(exchange_world) -> None:
    w = exchange_world
    services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=5)
    with pytest.raises(ValidationError) as caught:
        services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=3)
    message = caught.value.message_dict["organisation"][0]
    assert "over its credit limit: offer sessions to earn credits" in message
    assert ExchangeBooking.objects.count() == 0 and ExchangeEntry.objects.count() == 0
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=2)
    _sound()


def test_over_its_limit_it_cannot_book_until_it_offers(exchange_world) -> None:
    w = exchange_world
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=5)
    services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=4)  # owes 10
    other = make_offer(w.org_c, credits_per_place=1)
    with pytest.raises(ValidationError, match="is over its credit limit"):
        services.book_places(actor=CLI, offer_id=other.pk, organisation=w.org_b)
    own = make_offer(w.org_b, credits_per_place=7)
    services.book_places(actor=CLI, offer_id=own.pk, organisation=w.org_c)  # B earns 7
    services.book_places(actor=CLI, offer_id=other.pk, organisation=w.org_b)
    assert _balances()["Department B"] == -4


def test_withdrawing_an_offer_refunds_its_bookings(exchange_world) -> None:
    w = exchange_world
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=2)
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c, places=1)
    result = services.withdraw_offer(actor=CLI, offer_id=w.offer.pk)
    assert result.reversed == 2
    assert set(ExchangeBooking.objects.values_list("status", flat=True)) == {"cancelled"}
    assert set(_balances().values()) == {0}
    with pytest.raises(ExchangeConflict):
        services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    with pytest.raises(ExchangeConflict):
        services.update_offer(actor=CLI, offer_id=w.offer.pk, title="New")
    _sound()


def test_a_refund_the_offerer_cannot_afford_is_refused(exchange_world) -> None:
    w = exchange_world
    services.set_credit_limit(actor=CLI, organisation=w.org_a, credit_limit=0)
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                   places=2)  # A earns 4
    spend = make_offer(w.org_c, credits_per_place=4)
    services.book_places(actor=CLI, offer_id=spend.pk, organisation=w.org_a)  # A spends 4
    with pytest.raises(ValidationError, match="has spent the credits"):
        services.cancel_booking(actor=CLI, booking_id=booking.pk)
    with pytest.raises(ValidationError):
        services.withdraw_offer(actor=CLI, offer_id=w.offer.pk)
    booking.refresh_from_db()
    assert booking.status == "booked"
    _sound()


def test_places_and_own_offers(exchange_world) -> None:
    w = exchange_world
    with pytest.raises(ValidationError, match="its own offer"):
        services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_a)
    services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=100)
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=9)
    with pytest.raises(ExchangeConflict, match="Only 1 place is left"):
        services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c, places=2)
    with pytest.raises(ValidationError) as caught:
        services.update_offer(actor=CLI, offer_id=w.offer.pk, places=8)
    assert "places" in caught.value.message_dict
    offer = services.update_offer(actor=CLI, offer_id=w.offer.pk, places=12, title="Longer")
    assert offer.places_left == 3 and offer.title == "Longer"


@pytest.mark.parametrize(("field", "value"), [
    ("title", ""), ("title", "x" * 201), ("description", "x" * 5001), ("skills", "x" * 501),
    ("location", "x" * 201), ("places", 0), ("places", 501), ("places", "many"),
    ("credits_per_place", 0), ("credits_per_place", 101), ("duration_minutes", 14),
    ("duration_minutes", 481), ("format", "carrier pigeon"), ("starts_at", "tomorrow"),
    ("starts_at", "2000-01-01T10:00"), ("starts_at", "2999-01-01T10:00"),
])
def test_bad_offers_name_the_field(exchange_world, field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        make_offer(exchange_world.org_b, **{field: value})
    assert field in caught.value.message_dict


def test_bad_limits_and_places(exchange_world) -> None:
    w = exchange_world
    for value in (-1, 10_001, "lots"):
        with pytest.raises(ValidationError) as caught:
            services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=value)
        assert "credit_limit" in caught.value.message_dict
    for value in (0, 501, "x"):
        with pytest.raises(ValidationError) as caught:
            services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                 places=value)
        assert "places" in caught.value.message_dict


def test_traders_act_only_for_their_own_organisations(exchange_world, make_account) -> None:
    w = exchange_world
    lead_b = make_account("learning_lead", w.org_b)
    head_c = make_account("head_of_profession", w.org_c)
    central = make_account("central_team")
    services.book_places(actor=lead_b, offer_id=w.offer.pk, organisation=w.org_b)
    with pytest.raises(PermissionDenied):
        services.book_places(actor=lead_b, offer_id=w.offer.pk, organisation=w.org_c)
    with pytest.raises(PermissionDenied):
        make_offer_as(lead_b, w.org_a)
    with pytest.raises(PermissionDenied):
        services.update_offer(actor=lead_b, offer_id=w.offer.pk, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.withdraw_offer(actor=head_c, offer_id=w.offer.pk)
    with pytest.raises(PermissionDenied):
        services.set_credit_limit(actor=lead_b, organisation=w.org_b, credit_limit=1000)
    services.book_places(actor=head_c, offer_id=w.offer.pk, organisation=w.org_c)
    services.set_credit_limit(actor=central, organisation=w.org_b, credit_limit=50)
    make_offer_as(central, w.org_b)


def make_offer_as(actor, organisation):  # noqa: ANN001, ANN201
    return services.create_offer(actor=actor, organisation=organisation, **offer_values())


@pytest.mark.parametrize("seed", range(15))
def test_random_sequences_keep_the_ledger_sound(exchange_world, seed: int) -> None:
    """Bookings, cancellations, refunds and withdrawals in a random order: after every step
    the database ledger is sound and agrees with the plain ledger given the same moves."""
    rng = random.Random(seed)
    w = exchange_world
    orgs = [w.org_a, w.org_b, w.org_c]
    limits = [rng.randint(0, 12) for _ in orgs]
    book = ledger.Ledger()
    for org, limit in zip(orgs, limits, strict=True):
        services.set_credit_limit(actor=CLI, organisation=org, credit_limit=limit)
        book.open_account(org.pk, limit=limit)
    offers = [make_offer(rng.choice(orgs), places=rng.randint(1, 4),
                         credits_per_place=rng.randint(1, 5)) for _ in range(5)]
    plain_index: dict[int, int] = {}
    for _ in range(30):
        move = rng.choice(["book", "book", "book", "cancel", "refund", "withdraw"])
        if move == "book":
            offer = rng.choice(offers)
            offer.refresh_from_db()
            org = rng.choice([o for o in orgs if o.pk != offer.organisation_id])
            places = rng.randint(1, 2)
            try:
                booking = services.book_places(actor=CLI, offer_id=offer.pk,
                                               organisation=org, places=places)
            except (ValidationError, ExchangeConflict):
                continue
            plain_index[booking.pk] = book.book(booker=org.pk, offerer=offer.organisation_id,
                                                credits=booking.credits)
        elif move == "withdraw":
            offer = rng.choice(offers)
            open_ids = list(ExchangeBooking.objects.filter(offer=offer, status="booked")
                            .order_by("pk").values_list("pk", flat=True))
            try:
                services.withdraw_offer(actor=CLI, offer_id=offer.pk)
            except (ValidationError, ExchangeConflict):
                continue
            for booking_id in open_ids:
                book.reverse(plain_index[booking_id])
        else:
            open_bookings = list(ExchangeBooking.objects.filter(status="booked"))
            if not open_bookings:
                continue
            booking = rng.choice(open_bookings)
            if move == "refund":
                _start_now(booking.offer)
            call = services.cancel_booking if move == "cancel" else services.refund_booking
            try:
                call(actor=CLI, booking_id=booking.pk)
            except (ValidationError, ExchangeConflict):
                continue
            book.reverse(plain_index[booking.pk])
        _sound()
        assert {a.organisation_id: a.balance
                for a in ExchangeAccount.objects.all()} == book.balances
    assert book.problems() == []
    assert ExchangeEntry.objects.aggregate(t=Sum("amount"))["t"] in (0, None)
