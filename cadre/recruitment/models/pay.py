"""Pay records of the recruitment hub (issue 21, area 4): market pay figures.

The pay of employed people and contractors' day rates are the workforce data's
(``workforce.WorkforceRecord.annual_pay`` and ``day_rate``); what the hub adds is the
market: a low, median and high annual pay for a role level (and grade), with where the
figures come from. A figure is withdrawn, not deleted, so what a campaign was compared
with stays on record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

__all__ = ["MAX_MARKET_PAY", "MAX_MARKET_SOURCE", "MarketFigure"]

#: Market figures are whole pounds a year from 0 to this (docs/limits.md).
MAX_MARKET_PAY = 1_000_000
#: The longest source text of a market figure.
MAX_MARKET_SOURCE = 300

_POUNDS = [MinValueValidator(0), MaxValueValidator(MAX_MARKET_PAY)]


class MarketFigure(models.Model):
    """What the market pays a role level (and grade), as the hub found it."""

    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="market_figures")
    grade = models.ForeignKey("organisations.Grade", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="market_figures",
                              help_text="Empty when the figure is for the role level at "
                                        "any grade.")
    low = models.PositiveIntegerField(validators=_POUNDS, help_text="Whole pounds a year.")
    median = models.PositiveIntegerField(validators=_POUNDS, help_text="Whole pounds a year.")
    high = models.PositiveIntegerField(validators=_POUNDS, help_text="Whole pounds a year.")
    source = models.CharField(max_length=MAX_MARKET_SOURCE,
                              help_text="Where the figures come from, e.g. a salary survey.")
    source_date = models.DateField(help_text="When the source says the figures applied.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role_level", "grade", "-source_date", "-id"]
        indexes = [models.Index(fields=["role_level", "withdrawn_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(low__lte=models.F("median"))
                                   & models.Q(median__lte=models.F("high")),
                                   name="recruitment_market_figure_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.role_level}: £{self.median:,} ({self.source})"
