"""Learning supply contracts (issue 17 point 2).

A supply framework (a commercial agreement several organisations buy under) has lots; a
call-off contract is one supplier's contract with one or more buying organisations,
under a framework lot or on its own, with dates, a ceiling value and a rate card of
contracted prices per product. What a contract covers in framework terms is the skills
and levels of the products on its rate card, and of the lot's skills.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_CEILING_VALUE = Decimal("10000000000")   # ten billion pounds
MAX_CONTRACTED_PRICE = Decimal("1000000")
MAX_LOTS = 50
MAX_CONTRACT_YEARS = 10
MAX_BUYERS = 100                 # organisations on one contract
MAX_LOT_SKILLS = 100             # framework skills one lot names
MAX_RATE_CARD_ENTRIES = 2000     # products on one contract's rate card


class SupplyFramework(models.Model):
    """A commercial framework agreement that organisations call off contracts under."""

    name = models.CharField(max_length=200, unique=True)
    reference = models.CharField(max_length=50, blank=True,
                                 help_text="The commercial reference, e.g. RM6145.")
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="learning_framework_dates_in_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Lot(models.Model):
    """A part of a framework for one kind of learning; its skills say what it covers."""

    framework = models.ForeignKey(SupplyFramework, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LOTS)])
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"],
                                    name="learning_unique_lot_number"),
        ]

    def __str__(self) -> str:
        return f"{self.framework} lot {self.number}: {self.title}"


class Contract(models.Model):
    """A call-off contract between a supplier and one or more buying organisations."""

    reference = models.CharField(max_length=50, unique=True)
    title = models.CharField(max_length=200)
    supplier = models.ForeignKey("learning.Provider", on_delete=models.PROTECT,
                                 related_name="contracts")
    framework = models.ForeignKey(SupplyFramework, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.PROTECT,
                            related_name="contracts")
    buyers = models.ManyToManyField("organisations.Organisation", related_name="+",
                                    help_text="The organisations that buy under it.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    ceiling_value = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_CEILING_VALUE)],
        help_text="The most that may be spent under it, in pounds.")
    notes = models.TextField(blank=True, max_length=LONG_TEXT)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["ends_on", "reference"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="learning_contract_dates_in_order"),
        ]
        indexes = [models.Index(fields=["ends_on"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class RateCardEntry(models.Model):
    """The contracted price per place of one product under one contract."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="rates")
    product = models.ForeignKey("learning.Product", on_delete=models.PROTECT,
                                related_name="contracted_rates")
    unit_price = models.DecimalField(
        max_digits=10, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_CONTRACTED_PRICE)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "product"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "product"],
                                    name="learning_unique_rate_per_contract"),
        ]

    def __str__(self) -> str:
        return f"{self.product.title} at {self.unit_price} under {self.contract.reference}"


__all__ = ["MAX_BUYERS", "MAX_CEILING_VALUE", "MAX_CONTRACTED_PRICE", "MAX_CONTRACT_YEARS",
           "MAX_LOTS", "MAX_LOT_SKILLS", "MAX_RATE_CARD_ENTRIES",
           "Contract", "Lot", "RateCardEntry", "SupplyFramework"]
