"""Continuing professional development records (issue 16 point 6)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, SHORT_TEXT

USER = settings.AUTH_USER_MODEL

MAX_CPD_HOURS = 500        # one record
MAX_CPD_RECORD_CREDITS = 100


class CpdCategory(models.TextChoices):
    FORMAL = "formal", "Formal learning"
    WORK = "work", "Work-based learning"
    PROFESSIONAL = "professional", "Professional activity"
    SELF_DIRECTED = "self_directed", "Self-directed learning"
    OTHER = "other", "Other"


class CpdRecord(models.Model):
    """An activity that counts towards renewal; ``source`` says where it came from (typed
    in, a learning record, a community event)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="cpd_records")
    activity = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=CpdCategory.choices)
    completed_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(MAX_CPD_HOURS)])
    credits = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(MAX_CPD_RECORD_CREDITS)])
    evidence = models.TextField(blank=True, max_length=LONG_TEXT)
    link = models.URLField(blank=True, max_length=SHORT_TEXT)
    source = models.CharField(max_length=30, default="typed")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-completed_on", "-id"]
        indexes = [models.Index(fields=["person", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.activity} ({self.completed_on})"


#: Days before expiry at which the holder is reminded (each once per award and expiry).
REMINDER_DAYS = (90, 30)


class RenewalReminder(models.Model):
    """A reminder sent to an award's holder before it expires (once per threshold)."""

    award = models.ForeignKey("accreditation.Award", on_delete=models.CASCADE,
                              related_name="reminders")
    expires_on = models.DateField(help_text="The expiry the reminder was about.")
    days_before = models.PositiveSmallIntegerField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["award", "expires_on", "days_before"],
                                    name="unique_renewal_reminder"),
        ]

    def __str__(self) -> str:
        return f"Reminder {self.days_before} days before {self.expires_on}"


class Lapse(models.Model):
    """An award suspended at expiry for want of CPD; ``reinstated_on`` is set when the
    holder later meets the requirement and the award is reinstated."""

    award = models.ForeignKey("accreditation.Award", on_delete=models.CASCADE,
                              related_name="lapses")
    lapsed_on = models.DateField()
    credits = models.PositiveIntegerField()
    needed = models.PositiveIntegerField()
    reinstated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-lapsed_on"]

    def __str__(self) -> str:
        return f"Lapsed {self.lapsed_on}: {self.credits} of {self.needed} credits"
