"""Standards as data: schemes, their levels and versioned criteria (issue 16 point 1).

A criterion is a rule over the framework that ``eligibility.py`` evaluates against a
person's agreed or validated assessments, or a free-text statement the applicant answers
(professional conduct). A published criteria version is never edited: a change is a new
version, and an application keeps the version it was made against.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

#: Limits shared by every channel (docs/limits.md).
MAX_RULE_COUNT = 50          # skills a rule can ask for
MAX_EXPERIENCE_YEARS = 50
MAX_RENEWAL_MONTHS = 120
MAX_CPD_CREDITS = 1000
MAX_APPEAL_DAYS = 365


class Scheme(models.Model):
    """An accreditation scheme, e.g. "Digital, data and technology professional"."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    renewal_months = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(MAX_RENEWAL_MONTHS)],
        help_text="How long an award lasts before it must be renewed.")
    cpd_credits = models.PositiveSmallIntegerField(
        default=20, validators=[MaxValueValidator(MAX_CPD_CREDITS)],
        help_text="CPD credits needed within each renewal period.")
    appeal_days = models.PositiveSmallIntegerField(
        default=28, validators=[MinValueValidator(1), MaxValueValidator(MAX_APPEAL_DAYS)],
        help_text="Days after a decision within which an applicant may appeal.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchemeLevel(models.Model):
    """A level of a scheme (practitioner, senior practitioner, leader), lowest ordinal first."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=100)
    ordinal = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "ordinal"],
                                    name="unique_scheme_level_ordinal"),
            models.UniqueConstraint(fields=["scheme", "name"], name="unique_scheme_level_name"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.name}"


class CriteriaVersion(models.Model):
    """One version of a level's criteria; ``published_on`` empty means still a draft."""

    level = models.ForeignKey(SchemeLevel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=LONG_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["level", "number"], name="unique_criteria_version"),
        ]

    def __str__(self) -> str:
        return f"{self.level} (version {self.number})"


class CriterionKind(models.TextChoices):
    SKILLS_AT_LEVEL = "skills_at_level", "Skills at or above a level"
    BREADTH = "breadth", "Breadth of skills"
    EXPERIENCE = "experience", "Years of experience"
    EVIDENCE = "evidence", "Required evidence"
    CONDUCT = "conduct", "Professional conduct"


class Criterion(models.Model):
    """One criterion of a criteria version.

    - ``skills_at_level``: at least ``count`` skills at or above ``min_level`` (an ordinal of
      the framework's skill level scale), within ``families`` when any are given (a skill is
      in a family when a role of the family requires it).
    - ``breadth``: at least ``count`` different skills at or above ``min_level``, any family.
    - ``experience``: at least ``years`` in the profession.
    - ``evidence``: at least ``count`` evidence items of ``evidence_type``.
    - ``conduct``: a statement the applicant writes against ``text``; assessors judge it.
    Every criterion has ``text`` (what is asked, in words) and takes a statement.
    """

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE,
                                related_name="criteria")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, choices=CriterionKind.choices)
    text = models.TextField(max_length=LONG_TEXT)
    count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_RULE_COUNT)])
    min_level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text="Ordinal on the framework's skill level scale.")
    families = models.ManyToManyField("framework.RoleFamily", blank=True, related_name="+")
    years = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_EXPERIENCE_YEARS)])
    evidence_type = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords(m2m_fields=[families])

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"
