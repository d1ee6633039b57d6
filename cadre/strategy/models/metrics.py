"""Strategy: metrics that compare (issue 19 point 3).

A ``MetricDefinition`` says what is measured (unit, which direction is better, how often,
baseline, target, owner, method) and where values come from: computed from Cadre's own
data by a source in ``selectors.metric_sources.SOURCES`` (``source_key``), or entered by
people (on a page, or submitted through the API). ``agreed`` marks the published set.

A ``MetricValue`` is one value of a definition for an organisation (or, with no
organisation, the whole of government) and a period. Values are never changed: a new value
for the same definition, organisation and period supersedes the current one, which stays
as history (``current`` false, ``superseded_at`` set). At most one value is current per
definition, organisation and period (two partial unique constraints, so that the whole of
government, whose organisation is null, is held to it too on every database).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md, "Strategy: metrics").
MAX_METRIC_KEY = 60
MAX_METRIC_NAME = 200
MAX_METRIC_METHOD = 5_000
MAX_PERIOD_LABEL = 20
MAX_VALUE_NOTE = 500
#: Digits of stored values: up to 10^12 with 4 places.
VALUE_DIGITS, VALUE_PLACES = 18, 4

__all__ = [
    "MAX_METRIC_KEY",
    "MAX_METRIC_METHOD",
    "MAX_METRIC_NAME",
    "MAX_PERIOD_LABEL",
    "MAX_VALUE_NOTE",
    "VALUE_DIGITS",
    "VALUE_PLACES",
    "MetricDefinition",
    "MetricValue",
]


def _number(**kwargs: object) -> models.DecimalField:
    return models.DecimalField(max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES,
                               **kwargs)  # type: ignore[arg-type]


class MetricDefinition(models.Model):
    """What a metric measures and where its values come from."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "Percentage"
        COUNT = "count", "Count"
        POUNDS = "pounds", "Pounds"
        DAYS = "days", "Days"
        RATIO = "ratio", "Ratio"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        YEARLY = "yearly", "Yearly (financial year)"

    class Source(models.TextChoices):
        COMPUTED = "computed", "Computed from Cadre's data"
        ENTERED = "entered", "Entered by departments"

    key = models.SlugField(max_length=MAX_METRIC_KEY, unique=True)
    name = models.CharField(max_length=MAX_METRIC_NAME, unique=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices,
                                 default=Frequency.YEARLY)
    baseline_value = _number(null=True, blank=True)
    baseline_period = models.CharField(max_length=MAX_PERIOD_LABEL, blank=True)
    target_value = _number(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    owner = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="owned_metrics")
    method = models.TextField(max_length=MAX_METRIC_METHOD, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    source_key = models.CharField(max_length=MAX_METRIC_KEY, blank=True,
                                  help_text="The computed source's key (computed only).")
    agreed = models.BooleanField(default=False,
                                 help_text="Part of the agreed set, which is published.")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(source="computed") & ~models.Q(source_key=""))
                | (models.Q(source="entered") & models.Q(source_key="")),
                name="strategy_metric_source_key_matches_source"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return self.source == self.Source.COMPUTED


class MetricValue(models.Model):
    """One value of a metric for an organisation (null: the whole of government) and a
    period; superseded values stay as history."""

    class Origin(models.TextChoices):
        COMPUTED = "computed", "Computed"
        ENTERED = "entered", "Entered"
        SUBMITTED = "submitted", "Submitted through the API"

    definition = models.ForeignKey(MetricDefinition, on_delete=models.CASCADE,
                                   related_name="values")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="metric_values")
    period_label = models.CharField(max_length=MAX_PERIOD_LABEL)
    period_start = models.DateField()
    period_end = models.DateField()
    value = _number(null=True, blank=True,
                    help_text="Empty when there was nothing to measure.")
    numerator = _number(null=True, blank=True)
    denominator = _number(null=True, blank=True)
    people = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="How many people the value rests on; 1 to 4 hides it.")
    note = models.CharField(max_length=MAX_VALUE_NOTE, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_by_label = models.CharField(max_length=254, blank=True,
                                         help_text="Who recorded it, as the audit names them.")
    recorded_at = models.DateTimeField(default=timezone.now)
    current = models.BooleanField(default=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["definition", "period_start", "organisation", "-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["definition", "period_label", "current"],
                         name="strategy_metricvalue_period"),
            models.Index(fields=["organisation", "current"], name="strategy_metricvalue_org"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "organisation", "period_label"],
                condition=models.Q(current=True, organisation__isnull=False),
                name="strategy_metric_one_current_value"),
            models.UniqueConstraint(
                fields=["definition", "period_label"],
                condition=models.Q(current=True, organisation__isnull=True),
                name="strategy_metric_one_current_government_value"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="strategy_metric_period_in_order"),
        ]

    def __str__(self) -> str:
        where = self.organisation.abbreviation if self.organisation_id else "Government"
        return f"{self.definition_id} {where} {self.period_label}: {self.value}"
