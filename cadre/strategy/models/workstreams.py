"""Strategy: strategies, workstreams and milestones, delivery confidence (issue 19, area 1).

``Strategy`` is the lead's: every area hangs its records on one.

A workstream belongs to a strategy and is led by an organisation, with participants; a
departmental implementation plan (the retained ICT function area) is a workstream of the
kind ``departmental_plan`` belonging to one organisation. A milestone keeps its published
date text as written and what Cadre read from it (a due date, a range, "from" a date,
ongoing, or unread: ``milestone_dates``), then a forecast, an actual date, a status and
evidence. ``version`` goes up with every change so a stale form is refused.

Delivery confidence is rated per reporting period by the owner and by the central team
separately, on the scale the period is pinned to. Each level of a scale has a position
(1 is the most confident) and a common score from 0 to 1, so ratings on different scales
compare; pages show the scale's own words.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_DATE_TEXT",
    "MAX_DESCRIPTION",
    "MAX_EVIDENCE",
    "MAX_LEVELS",
    "MAX_MILESTONE_TITLE",
    "MAX_WORKSTREAM_NAME",
    "BaselineKind",
    "ConfidenceLevel",
    "ConfidenceRating",
    "ConfidenceScale",
    "Milestone",
    "MilestoneStatus",
    "RaterKind",
    "ReportingPeriod",
    "Strategy",
    "Workstream",
    "WorkstreamKind",
]

MAX_WORKSTREAM_NAME = 300
MAX_MILESTONE_TITLE = 500
MAX_DATE_TEXT = 200
MAX_DESCRIPTION = 4000
MAX_EVIDENCE = 4000
MAX_LEVELS = 10


class Strategy(models.Model):
    """A published strategy tracked in Cadre ("Government ICT Capability Strategy")."""

    name = models.CharField(max_length=200, unique=True)
    published = models.DateField(null=True, blank=True,
                                 help_text="When the strategy was published, if known.")
    description = models.TextField(blank=True, max_length=4000)
    source_url = models.URLField(blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkstreamKind(models.TextChoices):
    STRATEGY = "strategy", "Strategy workstream"
    DEPARTMENTAL_PLAN = "departmental_plan", "Departmental implementation plan"


class Workstream(models.Model):
    """A strategy's workstream, led by one organisation with others taking part; or a
    department's implementation plan (``organisation`` is the department)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="workstreams")
    name = models.CharField(max_length=MAX_WORKSTREAM_NAME)
    kind = models.CharField(max_length=30, choices=WorkstreamKind.choices,
                            default=WorkstreamKind.STRATEGY)
    lead_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                          related_name="strategy_workstreams_led")
    #: The department a departmental implementation plan belongs to (else empty).
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT,
                                     related_name="strategy_implementation_plans")
    participants = models.ManyToManyField("organisations.Organisation", blank=True,
                                          related_name="strategy_workstreams_joined")
    description = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["strategy", "name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"],
                                    name="strategy_workstream_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind="strategy", organisation__isnull=True)
                | models.Q(kind="departmental_plan", organisation__isnull=False),
                name="strategy_workstream_plan_has_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class BaselineKind(models.TextChoices):
    DUE = "due", "Due by"
    RANGE = "range", "Date range"
    FROM = "from", "From"
    ONGOING = "ongoing", "Ongoing"
    UNREAD = "unread", "Not read"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    LATE = "late", "Late"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Milestone(models.Model):
    """A dated milestone of a workstream: the baseline as published and as read, forecast,
    actual date, status and evidence, owned by an organisation (the lead when empty)."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE,
                                   related_name="milestones")
    title = models.CharField(max_length=MAX_MILESTONE_TITLE)
    #: The baseline date as published ("by March 2012", "late 2011").
    date_text = models.CharField(max_length=MAX_DATE_TEXT, blank=True)
    baseline_kind = models.CharField(max_length=10, choices=BaselineKind.choices,
                                     default=BaselineKind.UNREAD)
    baseline_start = models.DateField(null=True, blank=True)
    baseline_end = models.DateField(null=True, blank=True)
    forecast_date = models.DateField(null=True, blank=True)
    actual_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=MilestoneStatus.choices,
                              default=MilestoneStatus.NOT_STARTED)
    evidence = models.TextField(max_length=MAX_EVIDENCE, blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    owner_organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                           on_delete=models.PROTECT,
                                           related_name="strategy_milestones_owned")
    position = models.PositiveIntegerField(default=0)
    #: One more with every change; a form or API call naming an older one is refused.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["workstream", "position", "pk"]
        indexes = [models.Index(fields=["workstream", "position"])]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):  # noqa: ANN201 - an Organisation
        """The owning organisation: the milestone's own, else the workstream's lead."""
        return self.owner_organisation or self.workstream.lead_organisation


class ConfidenceScale(models.Model):
    """An ordered scale of delivery confidence ("Five-point RAG")."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConfidenceLevel(models.Model):
    """One level of a scale: its position (1 = most confident), its words and its common
    score (1 = most confident, 0 = least) that makes scales comparable."""

    scale = models.ForeignKey(ConfidenceScale, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVELS)])
    label = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=3,
                                validators=[MinValueValidator(0), MaxValueValidator(1)])

    class Meta:
        ordering = ["scale", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "position"],
                                    name="strategy_level_unique_position"),
            models.UniqueConstraint(fields=["scale", "label"], name="strategy_level_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label


class ReportingPeriod(models.Model):
    """A period ratings are given for, pinned to one scale (fixed once rated)."""

    label = models.CharField(max_length=60, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    scale = models.ForeignKey(ConfidenceScale, on_delete=models.PROTECT, related_name="periods")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "label"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="strategy_period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.label


class RaterKind(models.TextChoices):
    OWNER = "owner", "Owner"
    CENTRAL = "central", "Central team"


class ConfidenceRating(models.Model):
    """The owner's or the central team's delivery confidence in a milestone for a period;
    one of each per milestone and period, changes kept in its history."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="ratings")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="ratings")
    rater_kind = models.CharField(max_length=10, choices=RaterKind.choices)
    level = models.ForeignKey(ConfidenceLevel, on_delete=models.PROTECT, related_name="ratings")
    comment = models.TextField(max_length=2000, blank=True)
    rated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    rated_by_label = models.CharField(max_length=254, blank=True)
    rated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["milestone", "-period__starts_on", "rater_kind"]
        constraints = [
            models.UniqueConstraint(fields=["milestone", "period", "rater_kind"],
                                    name="strategy_one_rating_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} {self.period}: {self.level}"
