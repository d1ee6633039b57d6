"""The exchange's plain arithmetic (cadre.community.ledger), with property tests: after any
sequence of bookings, cancellations and refunds, every transaction sums to zero, the
ledger sums to zero, each balance is the sum of its entries and none is below minus its
limit; and the ledger agrees with a plain reference that replays the accepted moves."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.community import ledger


def test_a_transfer_is_two_entries_summing_to_zero() -> None:
    entries = ledger.transfer(payer="B", payee="A", amount=5)
    assert entries == [("B", -5), ("A", 5)]
    ledger.check_balanced(entries)
    assert ledger.reversal(entries) == [("B", 5), ("A", -5)]


@pytest.mark.parametrize("amount", [0, -1, 1.5, True])
def test_a_transfer_moves_a_positive_whole_number(amount: object) -> None:
    with pytest.raises(ledger.LedgerError):
        ledger.transfer(payer="B", payee="A", amount=amount)  # type: ignore[arg-type]


def test_no_one_pays_themselves() -> None:
    with pytest.raises(ledger.LedgerError):
        ledger.transfer(payer="A", payee="A", amount=1)


@pytest.mark.parametrize("entries", [[("A", 1)], [("A", 1), ("B", -2)], [("A", 0), ("B", 0)]])
def test_unbalanced_transactions_are_refused(entries: list) -> None:
    with pytest.raises(ledger.LedgerError):
        ledger.check_balanced(entries)


def test_the_limit_is_how_far_below_zero_a_balance_may_go() -> None:
    assert ledger.may_spend(balance=0, limit=10, amount=10)
    assert not ledger.may_spend(balance=0, limit=10, amount=11)
    assert not ledger.may_spend(balance=-11, limit=10, amount=1)
    assert ledger.may_spend(balance=5, limit=0, amount=5)


def test_over_the_limit_message_says_what_to_do() -> None:
    book = ledger.Ledger()
    book.open_account("Home Office", limit=4)
    book.open_account("Kent County Council", limit=4)
    with pytest.raises(ledger.OverLimit) as caught:
        book.book(booker="Home Office", offerer="Kent County Council", credits=5)
    assert "over its credit limit: offer sessions to earn credits" in str(caught.value)
    assert book.problems() == [] and book.transactions == []


def test_an_organisation_over_its_limit_cannot_book_until_it_earns() -> None:
    book = ledger.Ledger()
    for name in "ABC":
        book.open_account(name, limit=10)
    book.book(booker="A", offerer="B", credits=8)
    book.limits["A"] = 5  # the central team lowers the limit
    with pytest.raises(ledger.OverLimit, match="is over its credit limit"):
        book.book(booker="A", offerer="C", credits=1)
    book.book(booker="C", offerer="A", credits=4)  # A earns by offering
    book.book(booker="A", offerer="C", credits=1)
    assert book.balances == {"A": -5, "B": 8, "C": -3}


def test_a_reversal_happens_once_and_never_takes_the_offerer_past_its_limit() -> None:
    book = ledger.Ledger()
    for name in "ABC":
        book.open_account(name, limit=3)
    first = book.book(booker="A", offerer="B", credits=3)
    book.reverse(first)
    with pytest.raises(ledger.LedgerError):
        book.reverse(first)
    second = book.book(booker="A", offerer="B", credits=3)
    book.book(booker="B", offerer="C", credits=6)  # B spends what it earned
    with pytest.raises(ledger.OverLimit):
        book.reverse(second)
    assert book.problems() == []


def test_problems_finds_each_kind_of_fault() -> None:
    found = ledger.problems([[("A", 2), ("B", -1)]], {"A": 2, "B": 0}, {"B": 0, "A": 0})
    assert any("does not sum to zero" in p for p in found)
    assert any("B: balance 0 is not the sum" in p for p in found)
    assert any("Balances sum to 2" in p for p in found)
    assert ledger.problems([[("A", -3), ("B", 3)]], {"A": -3, "B": 3}, {"A": 2, "B": 0}) == [
        "A: balance -3 is below minus its limit 2."]


# A move: (kind, booker, offerer, credits, which booking to reverse).
MOVES = st.lists(st.tuples(st.sampled_from(["book", "book", "reverse"]),
                           st.integers(0, 3), st.integers(0, 3), st.integers(1, 12),
                           st.integers(0, 50)), max_size=60)
LIMITS = st.lists(st.integers(0, 20), min_size=4, max_size=4)


def _reference(accepted: list[tuple[str, int, int, int]]) -> dict[int, int]:
    """Balances by replaying the accepted transfers (payer, payee, credits) the plain way."""
    balances = {n: 0 for n in range(4)}
    for payer, payee, credits in accepted:
        balances[payer] -= credits
        balances[payee] += credits
    return balances


def _play(moves: list, limits: list[int]) -> None:
    book = ledger.Ledger()
    for n in range(4):
        book.open_account(n, limit=limits[n])
    accepted: list[tuple[int, int, int]] = []
    made: list[tuple[int, int, int]] = []
    for kind, booker, offerer, credits, which in moves:
        if kind == "book":
            if booker == offerer:
                continue
            before = dict(book.balances)
            try:
                book.book(booker=booker, offerer=offerer, credits=credits)
            except ledger.OverLimit:
                assert before[booker] - credits < -limits[booker]
                assert book.balances == before
                continue
            accepted.append((booker, offerer, credits))
            made.append((booker, offerer, credits))
        elif book.bookings:
            index = which % len(book.bookings)
            held = book.bookings[index]
            try:
                book.reverse(index)
            except ledger.LedgerError:
                continue
            booker, offerer, credits = made[index]
            assert not held.open
            accepted.append((offerer, booker, credits))
        assert book.problems() == []
    assert book.balances == _reference(accepted)
    assert sum(book.balances.values()) == 0
    for entries in book.transactions:
        assert sum(amount for _, amount in entries) == 0


@settings(max_examples=300, deadline=None)
@given(moves=MOVES, limits=LIMITS)
def test_any_sequence_keeps_the_ledger_sound(moves: list, limits: list[int]) -> None:
    _play(moves, limits)


@pytest.mark.parametrize("seed", range(40))
def test_random_sequences_agree_with_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    moves = [(rng.choice(["book", "book", "reverse"]), rng.randrange(4), rng.randrange(4),
              rng.randint(1, 12), rng.randrange(100)) for _ in range(rng.randint(0, 120))]
    _play(moves, [rng.randint(0, 20) for _ in range(4)])
