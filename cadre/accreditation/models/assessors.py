"""Assessors, their capacity and conflicts, and the allocation of two assessors per
application (issue 16 point 3). ``allocation.py`` does the arithmetic; every exclusion of an
assessor from an application is kept with its reason, and selectors never show an assessor
an application they are excluded from."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import REASON_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_ASSESSOR_CAPACITY = 50   # applications one assessor takes in one round
ASSESSORS_PER_APPLICATION = 2
RECENT_ASSESSMENT_YEARS = 3


class Assessor(models.Model):
    """A trained assessor, accredited to assess applications in some role families."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="assessor")
    families = models.ManyToManyField("framework.RoleFamily", blank=True, related_name="+")
    trained_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    default_capacity = models.PositiveSmallIntegerField(
        default=5, validators=[MaxValueValidator(MAX_ASSESSOR_CAPACITY)])
    history = HistoricalRecords(m2m_fields=[families])

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]

    def __str__(self) -> str:
        return str(self.person)


class AssessorCapacity(models.Model):
    """How many applications an assessor takes in one round (else ``default_capacity``)."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="capacities")
    round = models.ForeignKey("accreditation.AccreditationRound", on_delete=models.CASCADE,
                              related_name="capacities")
    capacity = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(MAX_ASSESSOR_CAPACITY)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessor", "round"], name="unique_assessor_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor}: {self.capacity} in round {self.round_id}"


class DeclaredConflict(models.Model):
    """An assessor's declared conflict of interest with a person."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(max_length=REASON_TEXT)
    declared_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessor", "person"], name="unique_declared_conflict"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} declared a conflict with {self.person}"


class ExclusionReason(models.TextChoices):
    SELF = "self", "The assessor is the applicant"
    LINE_CHAIN = "line_chain", "Same line-management chain"
    SAME_ORGANISATION = "same_organisation", "Same organisation"
    RECENT = "recent", "Assessed this person in the last three years"
    DECLARED = "declared", "Declared conflict of interest"
    SUPPORTER = "supporter", "The applicant's supporter"


class Exclusion(models.Model):
    """An assessor who may not assess an application, and why (one row per reason)."""

    application = models.ForeignKey("accreditation.Application", on_delete=models.CASCADE,
                                    related_name="exclusions")
    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="exclusions")
    reason = models.CharField(max_length=20, choices=ExclusionReason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor", "reason"],
                                    name="unique_exclusion"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} excluded from application {self.application_id}: {self.reason}"


class Allocation(models.Model):
    """An assessor allocated to an application; ``submitted_at`` is set when they submit
    their scores, after which the other assessor's scores may be seen."""

    application = models.ForeignKey("accreditation.Application", on_delete=models.CASCADE,
                                    related_name="allocations")
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="allocations")
    cost = models.FloatField(default=0.0)
    allocated_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    allocated_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"],
                                    name="unique_allocation"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} assesses application {self.application_id}"
