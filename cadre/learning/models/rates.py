"""Learning supply: contractor rates (issue 17 point 6). Owned by the rates area.

The day rates themselves are the workforce data's (``workforce.WorkforceRecord.day_rate``
of current contractors, consultants and interims); the one record kept here is the pay
range of a grade, reference data the central team keeps, from which the cost of filling a
role with employed staff is worked out (``learning.rates.employed_cost``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

#: Limits shared by every channel (docs/limits.md).
MAX_ANNUAL_PAY = 500_000                   # pounds a year; above the Permanent Secretary cap
MAX_ON_COST_PERCENT = Decimal("100")       # employer NI, pension and the like, % of pay
MAX_PAY_RANGE_SOURCE = 200
EARLIEST_EFFECTIVE_FROM = dt.date(2000, 1, 1)
#: How far ahead a pay range may take effect (years), e.g. an agreed award for next year.
MAX_YEARS_AHEAD = 5


class PayRange(models.Model):
    """The annual pay range of a grade from a date, with the employer's on-costs.

    The range in force on a day is the one with the latest ``effective_from`` on or
    before it. A grade is named as people's grades are (``organisations.Grade.code``: "G7",
    "HEO", "NHS-8A"); role levels name the Civil Service grade they expect
    (``framework.RoleLevel.grade_from``/``grade_to``), so the Civil Service grades are the
    ones the cost comparison reads."""

    grade = models.ForeignKey("organisations.Grade", on_delete=models.PROTECT,
                              related_name="pay_ranges")
    minimum = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ANNUAL_PAY)],
        help_text="Lowest annual pay in whole pounds.")
    maximum = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ANNUAL_PAY)],
        help_text="Highest annual pay in whole pounds.")
    on_cost_percent = models.DecimalField(
        max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_ON_COST_PERCENT)],
        help_text="Employer on-costs (National Insurance, pension) as a percentage of pay.")
    effective_from = models.DateField()
    source = models.CharField(max_length=MAX_PAY_RANGE_SOURCE, blank=True,
                              help_text="Where the figures come from, e.g. a pay award.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["grade__scheme", "grade__rank", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["grade", "effective_from"],
                                    name="learning_pay_range_once_per_grade_and_date"),
            models.CheckConstraint(condition=models.Q(minimum__lte=models.F("maximum")),
                                   name="learning_pay_range_minimum_not_above_maximum"),
        ]

    def __str__(self) -> str:
        return (f"{self.grade.code}: £{self.minimum:,} to £{self.maximum:,} "
                f"from {self.effective_from}")

    @property
    def midpoint(self) -> float:
        return (self.minimum + self.maximum) / 2


__all__ = ["EARLIEST_EFFECTIVE_FROM", "MAX_ANNUAL_PAY", "MAX_ON_COST_PERCENT",
           "MAX_PAY_RANGE_SOURCE", "MAX_YEARS_AHEAD", "PayRange"]
