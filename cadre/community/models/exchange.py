"""The learning exchange (issue 18 point 3). Owned by the exchange area.

Organisations offer sessions or places (``ExchangeOffer``); others book places
(``ExchangeBooking``). Every booking is a transfer of credits in a double-entry ledger:
an ``ExchangeTransaction`` whose ``ExchangeEntry`` rows sum to zero (the booker debited,
the offerer credited). Cancelling or refunding a booking is a new reversing transaction;
transactions and entries are append-only (never changed or removed). Each organisation
has one ``ExchangeAccount`` holding its credit limit and its balance, kept equal to the sum
of its entries; the account rows are what bookings lock (in id order) so that two bookings
cannot both pass a limit. The arithmetic and rules are in ``cadre.community.ledger``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.community.ledger import DEFAULT_CREDIT_LIMIT, MAX_CREDIT_LIMIT
from cadre.core import append_only as core_append_only

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md, "Learning exchange").
MAX_OFFER_TITLE = 200
MAX_OFFER_DESCRIPTION = 5_000
MAX_OFFER_SKILLS = 500
MAX_OFFER_LOCATION = 200
MAX_OFFER_PLACES = 500
MAX_CREDITS_PER_PLACE = 100
MIN_DURATION_MINUTES = 15
MAX_DURATION_MINUTES = 8 * 60
MAX_MEMO = 500
#: How far ahead a session may be offered (days).
MAX_DAYS_AHEAD = 2 * 365

__all__ = [
    "DEFAULT_CREDIT_LIMIT",
    "MAX_CREDITS_PER_PLACE",
    "MAX_CREDIT_LIMIT",
    "MAX_DAYS_AHEAD",
    "MAX_DURATION_MINUTES",
    "MAX_MEMO",
    "MAX_OFFER_DESCRIPTION",
    "MAX_OFFER_LOCATION",
    "MAX_OFFER_PLACES",
    "MAX_OFFER_SKILLS",
    "MAX_OFFER_TITLE",
    "MIN_DURATION_MINUTES",
    "ExchangeAccount",
    "ExchangeAppendOnlyError",
    "ExchangeBooking",
    "ExchangeEntry",
    "ExchangeOffer",
    "ExchangeTransaction",
]


class ExchangeAppendOnlyError(core_append_only.AppendOnlyError):
    """Raised when code tries to change or remove a ledger transaction or entry."""


class _AppendOnly(core_append_only.AppendOnlyModel):
    append_only_error = ExchangeAppendOnlyError
    append_only_words = "Ledger records"

    class Meta:
        abstract = True


class ExchangeAccount(models.Model):
    """An organisation's credits: its limit (set by the central team) and its balance (the
    sum of its entries, changed only by ``services.exchange`` under a row lock)."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.PROTECT,
                                        related_name="exchange_account")
    credit_limit = models.PositiveIntegerField(
        default=DEFAULT_CREDIT_LIMIT, validators=[MaxValueValidator(MAX_CREDIT_LIMIT)],
        help_text="How far below zero the balance may go, in credits.")
    balance = models.IntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["balance"])

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.balance} credits (limit {self.credit_limit})"

    @property
    def over_limit(self) -> bool:
        return self.balance < -self.credit_limit

    @property
    def available(self) -> int:
        """Credits it may still spend."""
        return max(0, self.balance + self.credit_limit)


class ExchangeOffer(models.Model):
    """A session (or places on one) an organisation offers to others for credits."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="exchange_offers")
    title = models.CharField(max_length=MAX_OFFER_TITLE)
    description = models.TextField(max_length=MAX_OFFER_DESCRIPTION, blank=True)
    skills = models.CharField(max_length=MAX_OFFER_SKILLS, blank=True,
                              help_text="The skills the session builds, separated by commas.")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(MIN_DURATION_MINUTES),
                    MaxValueValidator(MAX_DURATION_MINUTES)])
    format = models.CharField(max_length=20, choices=Format.choices)
    location = models.CharField(max_length=MAX_OFFER_LOCATION, blank=True)
    places = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OFFER_PLACES)])
    places_left = models.PositiveIntegerField()
    credits_per_place = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CREDITS_PER_PLACE)])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places_left__lte=models.F("places")),
                                   name="community_exchange_offer_places_left_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]


class ExchangeTransaction(_AppendOnly):
    """One movement of credits; its entries sum to zero. Never changed or removed."""

    class Kind(models.TextChoices):
        BOOKING = "booking", "Booking"
        CANCELLATION = "cancellation", "Cancellation"
        REFUND = "refund", "Refund"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    booking = models.ForeignKey("community.ExchangeBooking", on_delete=models.PROTECT,
                                related_name="transactions")
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by")
    memo = models.CharField(max_length=MAX_MEMO, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class ExchangeEntry(_AppendOnly):
    """One side of a transaction: credits into (positive) or out of (negative) an account."""

    transaction = models.ForeignKey(ExchangeTransaction, on_delete=models.PROTECT,
                                    related_name="entries")
    account = models.ForeignKey(ExchangeAccount, on_delete=models.PROTECT,
                                related_name="entries")
    amount = models.IntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0),
                                   name="community_exchange_entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.amount:+d} ({self.account_id})"


class ExchangeBooking(models.Model):
    """Places on an offer booked by an organisation (named by organisation, not person)."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.PROTECT, related_name="bookings")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="exchange_bookings")
    places = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OFFER_PLACES)])
    credits = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.places} on {self.offer.title}"
