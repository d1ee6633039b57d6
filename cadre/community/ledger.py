"""The learning exchange's double-entry arithmetic and rules (issue 18 point 3). No Django.

Credits move between organisations' accounts in transactions. Each transaction is a list
of entries ``(account, amount)`` that sums to zero: a booking debits the booker (a
negative amount) and credits the offerer (a positive one). A cancellation or refund is a
new transaction with every entry of the booking negated; nothing is ever edited or
removed. So every account's balance is the sum of its entries and all balances together
sum to zero: the exchange is cost neutral by construction.

Each account has a credit limit ``L`` (a whole number of credits, at least 0): a debit
that would take its balance below ``-L`` is refused. An account already below ``-L`` (its
limit was lowered) cannot book until it earns credits by offering sessions.

``Ledger`` is an in-memory reference implementation of the same rules, used by the
property tests to check the database services against.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: The credit limit of an organisation nobody has set one for (docs/limits.md).
DEFAULT_CREDIT_LIMIT = 20
#: The highest credit limit the central team may set.
MAX_CREDIT_LIMIT = 10_000

OVER_LIMIT = "over its credit limit: offer sessions to earn credits"

Entry = tuple[Hashable, int]


class LedgerError(ValueError):
    """A transaction that breaks the ledger's rules (unbalanced, empty, zero amounts)."""


class OverLimit(LedgerError):
    """A debit that would take an account below minus its credit limit."""

    def __init__(self, account: Hashable, balance: int, limit: int, amount: int) -> None:
        self.account, self.balance, self.limit, self.amount = account, balance, limit, amount
        super().__init__(over_limit_message(str(account), balance=balance, limit=limit,
                                            amount=amount))


def over_limit_message(name: str, *, balance: int, limit: int, amount: int) -> str:
    """Why ``name`` may not spend ``amount`` credits, in words."""
    if balance < -limit:
        return (f"{name} is {OVER_LIMIT}. Its balance is {balance} credits and its limit "
                f"is {limit}.")
    return (f"{name} would go {OVER_LIMIT}. Spending {amount} credits would take its "
            f"balance from {balance} to {balance - amount}, below minus its limit of "
            f"{limit}.")


def transfer(*, payer: Hashable, payee: Hashable, amount: int) -> list[Entry]:
    """The two entries that move ``amount`` credits from ``payer`` to ``payee``."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise LedgerError("A transfer moves a positive whole number of credits.")
    if payer == payee:
        raise LedgerError("An organisation cannot pay itself.")
    return [(payer, -amount), (payee, amount)]


def reversal(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that undo ``entries`` (each amount negated)."""
    return [(account, -amount) for account, amount in entries]


def check_balanced(entries: Sequence[Entry]) -> None:
    """Raise ``LedgerError`` unless ``entries`` is a valid transaction."""
    if len(entries) < 2:
        raise LedgerError("A transaction has at least two entries.")
    if any(amount == 0 for _, amount in entries):
        raise LedgerError("An entry moves a non-zero number of credits.")
    if sum(amount for _, amount in entries) != 0:
        raise LedgerError("A transaction's entries sum to zero.")


def may_spend(*, balance: int, limit: int, amount: int) -> bool:
    """Whether an account with ``balance`` and ``limit`` may be debited ``amount``."""
    return balance - amount >= -limit


def check_debits(entries: Sequence[Entry], balances: Mapping[Hashable, int],
                 limits: Mapping[Hashable, int], *, names: Mapping[Hashable, str] | None = None
                 ) -> None:
    """Raise ``OverLimit`` if a debit in ``entries`` takes an account below minus its limit
    (credits are always allowed)."""
    moved: dict[Hashable, int] = {}
    for account, amount in entries:
        moved[account] = moved.get(account, 0) + amount
    for account, change in moved.items():
        if change < 0 and not may_spend(balance=balances[account], limit=limits[account],
                                        amount=-change):
            name = (names or {}).get(account, account)
            raise OverLimit(name, balances[account], limits[account], -change)


def apply(entries: Sequence[Entry], balances: Mapping[Hashable, int]) -> dict[Hashable, int]:
    """The balances after ``entries`` (a new dict)."""
    after = dict(balances)
    for account, amount in entries:
        after[account] = after.get(account, 0) + amount
    return after


def problems(transactions: Iterable[Sequence[Entry]], balances: Mapping[Hashable, int],
             limits: Mapping[Hashable, int] | None = None) -> list[str]:
    """Everything wrong with a ledger, in words (an empty list when it is sound): a
    transaction not summing to zero, a balance not the sum of its entries, balances not
    summing to zero, a balance below minus its limit."""
    found: list[str] = []
    sums: dict[Hashable, int] = {account: 0 for account in balances}
    for number, entries in enumerate(transactions, start=1):
        if sum(amount for _, amount in entries) != 0:
            found.append(f"Transaction {number} does not sum to zero.")
        for account, amount in entries:
            sums[account] = sums.get(account, 0) + amount
    for account, total in sums.items():
        if balances.get(account, 0) != total:
            found.append(f"{account}: balance {balances.get(account, 0)} is not the sum of "
                         f"its entries ({total}).")
    if sum(balances.values()) != 0:
        found.append(f"Balances sum to {sum(balances.values())}, not zero.")
    for account, limit in (limits or {}).items():
        if balances.get(account, 0) < -limit:
            found.append(f"{account}: balance {balances.get(account, 0)} is below minus its "
                         f"limit {limit}.")
    return found


@dataclass
class _Booking:
    booker: Hashable
    offerer: Hashable
    entries: list[Entry]
    open: bool = True


@dataclass
class Ledger:
    """The rules in memory: accounts with limits, bookings, cancellations and refunds."""

    limits: dict[Hashable, int] = field(default_factory=dict)
    balances: dict[Hashable, int] = field(default_factory=dict)
    transactions: list[list[Entry]] = field(default_factory=list)
    bookings: list[_Booking] = field(default_factory=list)

    def open_account(self, account: Hashable, limit: int = DEFAULT_CREDIT_LIMIT) -> None:
        self.limits.setdefault(account, limit)
        self.balances.setdefault(account, 0)

    def _post(self, entries: list[Entry]) -> None:
        check_balanced(entries)
        check_debits(entries, self.balances, self.limits)
        self.balances = apply(entries, self.balances)
        self.transactions.append(entries)

    def book(self, *, booker: Hashable, offerer: Hashable, credits: int) -> int:
        """Book ``credits`` worth of places; the booking's number. Raises ``OverLimit``."""
        entries = transfer(payer=booker, payee=offerer, amount=credits)
        self._post(entries)
        self.bookings.append(_Booking(booker, offerer, entries))
        return len(self.bookings) - 1

    def reverse(self, booking: int) -> None:
        """Cancel or refund a booking (the same entries, negated). Raises ``LedgerError``
        if it is reversed already and ``OverLimit`` if the offerer has spent the credits
        and the reversal would take it below minus its limit."""
        held = self.bookings[booking]
        if not held.open:
            raise LedgerError("This booking has been cancelled or refunded already.")
        self._post(reversal(held.entries))
        held.open = False

    def problems(self) -> list[str]:
        return problems(self.transactions, self.balances, self.limits)


__all__ = ["DEFAULT_CREDIT_LIMIT", "MAX_CREDIT_LIMIT", "OVER_LIMIT", "Entry", "Ledger",
           "LedgerError", "OverLimit", "apply", "check_balanced", "check_debits", "may_spend",
           "over_limit_message", "problems", "reversal", "transfer"]
