"""Scores, interviews, panel decisions and appeals (issue 16 point 4)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, REASON_TEXT

USER = settings.AUTH_USER_MODEL

#: A criterion is scored on the framework's skill level scale (1 to 7 at most); scores
#: more than ``RECONCILE_GAP`` apart between the two assessors are reconciled.
SCORE_RANGE = (0, 7)
RECONCILE_GAP = 1


class CriterionScore(models.Model):
    """One assessor's score of one criterion. Hidden from the other assessor until both
    allocations are submitted."""

    allocation = models.ForeignKey("accreditation.Allocation", on_delete=models.CASCADE,
                                   related_name="scores")
    criterion = models.ForeignKey("accreditation.Criterion", on_delete=models.PROTECT,
                                  related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_RANGE[0]), MaxValueValidator(SCORE_RANGE[1])])
    comment = models.TextField(blank=True, max_length=LONG_TEXT)
    reconciled = models.BooleanField(default=False,
                                     help_text="Changed during reconciliation.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["allocation", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "criterion"], name="unique_score"),
        ]

    def __str__(self) -> str:
        return f"Score {self.score} on criterion {self.criterion_id}"


class Interview(models.Model):
    application = models.ForeignKey("accreditation.Application", on_delete=models.CASCADE,
                                    related_name="interviews")
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True, max_length=LONG_TEXT)
    scheduled_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"Interview for application {self.application_id} at {self.starts_at}"


class Outcome(models.TextChoices):
    AWARDED = "awarded", "Awarded"
    NOT_AWARDED = "not_awarded", "Not awarded"


class PanelDecision(models.Model):
    """The review panel's decision, with reasons and who sat on it."""

    application = models.ForeignKey("accreditation.Application", on_delete=models.CASCADE,
                                    related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.TextField(max_length=LONG_TEXT)
    members = models.ManyToManyField("people.Person", related_name="+")
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    on_appeal = models.BooleanField(default=False)

    class Meta:
        ordering = ["application", "decided_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} for application {self.application_id}"


class Appeal(models.Model):
    application = models.OneToOneField("accreditation.Application", on_delete=models.CASCADE,
                                       related_name="appeal_record")
    grounds = models.TextField(max_length=LONG_TEXT)
    lodged_at = models.DateTimeField(auto_now_add=True)
    panel = models.ManyToManyField("people.Person", blank=True, related_name="+",
                                   help_text="No one involved before: assessors, panel, supporter.")
    outcome = models.CharField(max_length=20, blank=True,
                               choices=[("upheld", "Upheld"), ("dismissed", "Dismissed")])
    reasons = models.TextField(blank=True, max_length=REASON_TEXT)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Appeal on application {self.application_id}"
