"""Workforce plans: demand by year and role level for an organisation's role family.

Tables keep the ``talent_`` names they had before the talent app was split (ADR 15).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


class WorkforcePlan(models.Model):
    """Supply against planned demand for an organisation's role family over five years."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="workforce_plans")
    role_family = models.ForeignKey("framework.RoleFamily", on_delete=models.PROTECT,
                                    related_name="+")
    first_year = models.PositiveSmallIntegerField(help_text="The first planned year, e.g. 2027.")
    attrition_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0.10,
                                         help_text="Share of supply lost each year, 0 to 1.")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="talent_historicalworkforceplan")

    class Meta:
        db_table = "talent_workforceplan"
        ordering = ["organisation", "role_family"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role_family"],
                                    name="one_plan_per_family"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation} plan for {self.role_family}"


class PlannedDemand(models.Model):
    plan = models.ForeignKey(WorkforcePlan, on_delete=models.CASCADE, related_name="demand")
    year = models.PositiveSmallIntegerField()
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="+")
    headcount = models.PositiveIntegerField()
    history = HistoricalRecords(table_name="talent_historicalplanneddemand")

    class Meta:
        db_table = "talent_planneddemand"
        ordering = ["plan", "year", "role_level"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "role_level"],
                                    name="unique_planned_demand"),
        ]

    def __str__(self) -> str:
        return f"{self.headcount} x {self.role_level} in {self.year}"
