"""Talent identification and succession.

- Appraisal cycles with nine-box ratings and their calibration (``AppraisalCycle``,
  ``TalentRating``).
- Talent pools (``TalentPool``, ``PoolMembership``, ``DevelopmentAction``).
- Succession: critical posts and their successors (``CriticalPost``, ``Successor``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.assessments.models import Activity
from cadre.core.inputs import LONG_TEXT
from cadre.talent.ninebox import rating_words

USER = settings.AUTH_USER_MODEL

#: Planned, in progress, done: the same status as a development plan's activity
#: (``assessments.Activity.Status``), so both apps share one enum (same values, no data
#: change).
ActivityStatus = Activity.Status


class AppraisalCycle(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="appraisal_cycles")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-opens_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.abbreviation})"


class Rating(models.IntegerChoices):
    LOW = 1, "Low"
    MEDIUM = 2, "Moderate"
    HIGH = 3, "High"


class TalentRating(models.Model):
    """A line manager's nine-box rating of one person in a cycle, and its calibration."""

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="talent_ratings")
    performance = models.PositiveSmallIntegerField(choices=Rating.choices)
    potential = models.PositiveSmallIntegerField(choices=Rating.choices)
    rated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)
    calibrated_performance = models.PositiveSmallIntegerField(choices=Rating.choices,
                                                              null=True, blank=True)
    calibrated_potential = models.PositiveSmallIntegerField(choices=Rating.choices,
                                                            null=True, blank=True)
    calibration_reason = models.TextField(blank=True, max_length=LONG_TEXT)
    calibrated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    calibrated_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "person"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="one_rating_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.cycle}"

    @property
    def final_performance(self) -> int:
        return self.calibrated_performance or self.performance

    @property
    def final_potential(self) -> int:
        return self.calibrated_potential or self.potential

    @property
    def words(self) -> str:
        """The line manager's rating in words ("High performance, moderate potential")."""
        return rating_words(self.performance, self.potential)

    @property
    def final_words(self) -> str:
        """The rating that counts (calibrated where there is one), in words."""
        return rating_words(self.final_performance, self.final_potential)

    @property
    def calibrated_words(self) -> str:
        """The calibrated rating in words, or "" before calibration."""
        if not (self.calibrated_performance and self.calibrated_potential):
            return ""
        return rating_words(self.calibrated_performance, self.calibrated_potential)


class TalentPool(models.Model):
    """A named pool (for example 'G6/G7 ready for SCS'); organisation blank = cross-government."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="talent_pools")
    review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PoolMembership(models.Model):
    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="pool_memberships")
    added_on = models.DateField(auto_now_add=True)
    review_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pool", "person"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="unique_pool_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.pool}"


class DevelopmentAction(models.Model):
    """A development action for a pool member (like a development plan's activity)."""

    Status = ActivityStatus

    membership = models.ForeignKey(PoolMembership, on_delete=models.CASCADE,
                                   related_name="actions")
    description = models.CharField(max_length=500)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "due_on", "id"]

    def __str__(self) -> str:
        return self.description


# --- Succession ---------------------------------------------------------------------------

class CriticalPost(models.Model):
    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="critical_posts")
    title = models.CharField(max_length=200)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="critical_posts")
    incumbent = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="critical_posts")
    risk_of_loss = models.CharField(max_length=10, choices=Risk.choices, default=Risk.MEDIUM)
    risk_reason = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.abbreviation})"


class Readiness(models.TextChoices):
    NOW = "now", "Ready now"
    ONE_TO_TWO = "1_2_years", "Ready in 1 to 2 years"
    THREE_PLUS = "3_plus_years", "Ready in 3 or more years"


class Successor(models.Model):
    post = models.ForeignKey(CriticalPost, on_delete=models.CASCADE, related_name="successors")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="succession_for")
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    note = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "readiness", "person"]
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="unique_successor"),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.post} ({self.get_readiness_display()})"
