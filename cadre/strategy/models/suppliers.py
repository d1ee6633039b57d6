"""Strategy: strategic suppliers, their assessment and their performance plans (issue 19
point 5). Owned by the suppliers area.

Why not ``learning.Provider``: a learning provider is a seller of courses in the learning
catalogue (learning leads keep it, spend lines are matched to it). A strategic supplier is
one of the few companies the government manages as a whole across departments (ICT
outsourcing, systems integration), assessed each period by every department that buys
from it. The two lists overlap only by accident, have different keepers and different
lives, so they are kept apart; the Companies House number check is shared.

- **Framework**: an :class:`AssessmentVersion` holds the criteria (name, description,
  weight, a 1..N scale with words for each score). A version is frozen once a period that
  uses it has a score; a change after that is a new version. Each :class:`AssessmentPeriod`
  pins the version its scores are given against, so a score stays tied to the criteria it
  was given under (through its criterion).
- **Scores**: one per supplier, period, buying organisation and criterion, with a comment.
  ``version`` goes up by one with every change; a change must name the version it was based
  on, so a stale change is refused (HTTP 409) instead of lost. History keeps every change.
- **Plan**: the supplier's performance plan is its actions, each owned by an organisation
  (optionally a named person), with a due date and a status moved by one transition
  service (open, in progress, done, dropped).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.learning.models.catalogue import COMPANY_NUMBER_PATTERN

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_ACTION_DESCRIPTION",
    "MAX_ACTION_TITLE",
    "MAX_CRITERIA",
    "MAX_CRITERION_DESCRIPTION",
    "MAX_CRITERION_NAME",
    "MAX_DESCRIPTOR",
    "MAX_PERIOD_LABEL",
    "MAX_SCALE",
    "MAX_SCORE_COMMENT",
    "MAX_SUPPLIER_DESCRIPTION",
    "MAX_SUPPLIER_NAME",
    "MAX_VERSION_LABEL",
    "MAX_WEIGHT",
    "MIN_SCALE",
    "ActionStatus",
    "AssessmentCriterion",
    "AssessmentPeriod",
    "AssessmentVersion",
    "PlanAction",
    "StrategicSupplier",
    "SupplierScore",
]

#: Limits of this area (docs/limits.md, "Strategy: strategic suppliers").
MAX_SUPPLIER_NAME = 200
MAX_SUPPLIER_DESCRIPTION = 5000
MAX_VERSION_LABEL = 100
MAX_CRITERION_NAME = 200
MAX_CRITERION_DESCRIPTION = 2000
MAX_DESCRIPTOR = 200
MAX_CRITERIA = 30           # criteria in one version
MAX_WEIGHT = 100
MIN_SCALE = 2
MAX_SCALE = 10
MAX_PERIOD_LABEL = 50
MAX_SCORE_COMMENT = 2000
MAX_ACTION_TITLE = 200
MAX_ACTION_DESCRIPTION = 5000

company_number_validator = RegexValidator(
    COMPANY_NUMBER_PATTERN,
    "A Companies House number is 8 digits, or 2 capital letters and 6 digits.")


class StrategicSupplier(models.Model):
    """A supplier the government manages across departments."""

    name = models.CharField(max_length=MAX_SUPPLIER_NAME, unique=True)
    company_number = models.CharField(max_length=8, blank=True,
                                      validators=[company_number_validator])
    description = models.TextField(max_length=MAX_SUPPLIER_DESCRIPTION, blank=True)
    #: What the performance plan is for, in a few sentences (the actions carry the rest).
    plan_summary = models.TextField(max_length=MAX_SUPPLIER_DESCRIPTION, blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company_number"],
                                    condition=~Q(company_number=""),
                                    name="strategy_supplier_unique_company_number"),
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentVersion(models.Model):
    """One version of the standard assessment framework: a set of criteria."""

    number = models.PositiveIntegerField(unique=True)
    label = models.CharField(max_length=MAX_VERSION_LABEL)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.label}"


class AssessmentCriterion(models.Model):
    """A criterion of one framework version, scored 1..``scale_max``; ``descriptors`` holds
    the words for each score, lowest first (exactly ``scale_max`` of them)."""

    version = models.ForeignKey(AssessmentVersion, on_delete=models.PROTECT,
                                related_name="criteria")
    name = models.CharField(max_length=MAX_CRITERION_NAME)
    description = models.TextField(max_length=MAX_CRITERION_DESCRIPTION, blank=True)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)])
    scale_max = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(MIN_SCALE), MaxValueValidator(MAX_SCALE)])
    descriptors = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"],
                                    name="strategy_supplier_criterion_unique_name_per_version"),
            models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=MAX_WEIGHT),
                                   name="strategy_supplier_criterion_weight_in_range"),
            models.CheckConstraint(
                condition=Q(scale_max__gte=MIN_SCALE) & Q(scale_max__lte=MAX_SCALE),
                name="strategy_supplier_criterion_scale_in_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def words_for(self, score: int) -> str:
        """The words for ``score`` (1-based), or empty when there are none."""
        if 1 <= score <= len(self.descriptors or []):
            return str(self.descriptors[score - 1])
        return ""


class AssessmentPeriod(models.Model):
    """A period suppliers are assessed over, pinned to one framework version."""

    label = models.CharField(max_length=MAX_PERIOD_LABEL, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    version = models.ForeignKey(AssessmentVersion, on_delete=models.PROTECT,
                                related_name="periods")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="strategy_supplier_period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.label


class SupplierScore(models.Model):
    """One buying organisation's score of a supplier on one criterion in one period."""

    supplier = models.ForeignKey(StrategicSupplier, on_delete=models.PROTECT,
                                 related_name="scores")
    period = models.ForeignKey(AssessmentPeriod, on_delete=models.PROTECT,
                               related_name="scores")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="strategic_supplier_scores")
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT,
                                  related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE)])
    comment = models.TextField(max_length=MAX_SCORE_COMMENT, blank=True)
    #: Goes up by one with every change; a change names the one it was based on.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier", "period", "organisation", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "period", "organisation", "criterion"],
                name="strategy_supplier_one_score_each"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=MAX_SCALE),
                                   name="strategy_supplier_score_in_range"),
        ]
        indexes = [models.Index(fields=["supplier", "period"])]

    def __str__(self) -> str:
        return f"{self.supplier} / {self.period} / {self.organisation_id}: {self.score}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class PlanAction(models.Model):
    """An action in a supplier's performance plan."""

    supplier = models.ForeignKey(StrategicSupplier, on_delete=models.PROTECT,
                                 related_name="plan_actions")
    title = models.CharField(max_length=MAX_ACTION_TITLE)
    description = models.TextField(max_length=MAX_ACTION_DESCRIPTION, blank=True)
    owner_organisation = models.ForeignKey("organisations.Organisation",
                                           on_delete=models.PROTECT,
                                           related_name="supplier_plan_actions")
    owner_person = models.ForeignKey("people.Person", null=True, blank=True,
                                     on_delete=models.SET_NULL,
                                     related_name="supplier_plan_actions")
    due_on = models.DateField()
    status = FSMField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier", "due_on", "pk"]
        verbose_name = "plan action"
        indexes = [models.Index(fields=["supplier", "status"])]

    def __str__(self) -> str:
        return self.title

    @transition(field=status, source=ActionStatus.OPEN, target=ActionStatus.IN_PROGRESS)
    def start(self) -> None:
        """Work on the action has begun."""

    @transition(field=status, source=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
                target=ActionStatus.DONE)
    def finish(self) -> None:
        """The action is done."""

    @transition(field=status, source=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
                target=ActionStatus.DROPPED)
    def drop(self) -> None:
        """The action will not be done."""

    @transition(field=status, source=[ActionStatus.DONE, ActionStatus.DROPPED],
                target=ActionStatus.OPEN)
    def reopen(self) -> None:
        """Open a finished or dropped action again."""
