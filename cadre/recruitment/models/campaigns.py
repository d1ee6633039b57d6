"""Recruitment campaigns (issue 21 point 1). Owned by the campaigns area.

A :class:`Campaign` recruits for one senior or specialist role, either from a mobility
vacancy that went external (``external_decided_at`` set) or as a new senior role. It holds
the role level and grade, the pay range (whole pounds a year), the location, the closing
date, how the person is engaged, and how long applicants' personal data is kept after the
campaign closes (``retention_months``). Its assessment plan is its :class:`Criterion` rows:
what is assessed, at which stage (sift, interview or both) and how (the written
application, an interview, a test or a presentation).

The state moves draft -> open -> sift -> interview -> decided -> closed, or to cancelled
from any state but closed, only through ``services.campaigns.transition`` (under the row's
lock). ``version`` goes up with every change of the campaign or its criteria; a change names
the version it read, so a stale one is refused (409) instead of lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_CAMPAIGN_TITLE",
    "MAX_CANCEL_REASON",
    "MAX_CRITERIA",
    "MAX_CRITERION_TEXT",
    "MAX_LOCATION",
    "MAX_PAY",
    "MAX_RETENTION_MONTHS",
    "MIN_RETENTION_MONTHS",
    "Campaign",
    "CampaignState",
    "Criterion",
    "CriterionMethod",
    "CriterionStage",
    "Engagement",
]

#: Limits of this area (docs/limits.md, "Recruitment: campaigns").
MAX_CAMPAIGN_TITLE = 200
MAX_LOCATION = 200
MAX_CANCEL_REASON = 500
MAX_CRITERION_TEXT = 300
MAX_CRITERIA = 30
#: The highest pay a campaign may offer, in whole pounds a year.
MAX_PAY = 1_000_000
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 36


class CampaignState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    SIFT = "sift", "Sift"
    INTERVIEW = "interview", "Interviews"
    DECIDED = "decided", "Decided"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


class Engagement(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed term"
    INTERIM = "interim", "Interim"


class CriterionStage(models.TextChoices):
    SIFT = "sift", "Sift"
    INTERVIEW = "interview", "Interview"
    BOTH = "both", "Sift and interview"


class CriterionMethod(models.TextChoices):
    APPLICATION = "application", "Written application"
    INTERVIEW = "interview", "Interview"
    TEST = "test", "Test"
    PRESENTATION = "presentation", "Presentation"


#: Every state a campaign may be cancelled from.
CANCELLABLE = [CampaignState.DRAFT, CampaignState.OPEN, CampaignState.SIFT,
               CampaignState.INTERVIEW, CampaignState.DECIDED]


class Campaign(models.Model):
    """One recruitment campaign of an organisation."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="recruitment_campaigns")
    #: The vacancy that went external, when the campaign started from one.
    vacancy = models.ForeignKey("mobility.Vacancy", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="recruitment_campaigns")
    title = models.CharField(max_length=MAX_CAMPAIGN_TITLE)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="+")
    grade = models.ForeignKey("organisations.Grade", on_delete=models.PROTECT,
                              related_name="+")
    #: Whole pounds a year; both set before the campaign opens.
    pay_min = models.DecimalField(max_digits=7, decimal_places=0, null=True, blank=True)
    pay_max = models.DecimalField(max_digits=7, decimal_places=0, null=True, blank=True)
    location = models.CharField(max_length=MAX_LOCATION)
    closing_date = models.DateField()
    engagement = models.CharField(max_length=20, choices=Engagement.choices,
                                  default=Engagement.PERMANENT)
    #: Months applicants' personal data is kept after the campaign closes or is cancelled.
    retention_months = models.PositiveSmallIntegerField(default=12)
    state = FSMField(max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    sift_at = models.DateTimeField(null=True, blank=True)
    interview_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    #: The day the campaign closed or was cancelled: retention counts from it.
    closed_on = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(max_length=MAX_CANCEL_REASON, blank=True)
    #: Goes up by one with every change of the campaign or its criteria.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "closing_date"]),
                   models.Index(fields=["organisation", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True) | Q(pay_max__isnull=True)
                | Q(pay_min__lte=models.F("pay_max")),
                name="recruitment_campaign_pay_in_order"),
            models.CheckConstraint(
                condition=Q(retention_months__gte=MIN_RETENTION_MONTHS)
                & Q(retention_months__lte=MAX_RETENTION_MONTHS),
                name="recruitment_campaign_retention_in_range"),
            models.UniqueConstraint(
                fields=["vacancy"], condition=~Q(state="cancelled") & Q(vacancy__isnull=False),
                name="recruitment_one_live_campaign_per_vacancy"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """Details and criteria change only while the campaign is a draft or open."""
        return self.state in (CampaignState.DRAFT, CampaignState.OPEN)

    @transition(field=state, source=CampaignState.DRAFT, target=CampaignState.OPEN)
    def open(self) -> None:
        """Open the campaign for applications."""
        self.opened_at = timezone.now()

    @transition(field=state, source=CampaignState.OPEN, target=CampaignState.SIFT)
    def start_sift(self) -> None:
        """Stop taking applications and sift them."""
        self.sift_at = timezone.now()

    @transition(field=state, source=CampaignState.SIFT, target=CampaignState.INTERVIEW)
    def start_interviews(self) -> None:
        """Interview the candidates sifted in."""
        self.interview_at = timezone.now()

    @transition(field=state, source=CampaignState.INTERVIEW, target=CampaignState.DECIDED)
    def decide(self) -> None:
        """The panel's decisions are made."""
        self.decided_at = timezone.now()

    @transition(field=state, source=CampaignState.DECIDED, target=CampaignState.CLOSED)
    def close(self) -> None:
        """The campaign is over; retention of applicants' data counts from today."""
        self.closed_at = timezone.now()
        self.closed_on = timezone.localdate()

    @transition(field=state, source=CANCELLABLE, target=CampaignState.CANCELLED)
    def cancel(self, *, reason: str = "") -> None:
        """Stop the campaign; retention of applicants' data counts from today."""
        self.cancelled_at = timezone.now()
        self.closed_on = timezone.localdate()
        self.cancel_reason = reason


class Criterion(models.Model):
    """One line of a campaign's assessment plan."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(max_length=MAX_CRITERION_TEXT)
    #: The framework skill it assesses, when it is one.
    skill = models.ForeignKey("framework.Skill", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=CriterionStage.choices,
                             default=CriterionStage.BOTH)
    method = models.CharField(max_length=20, choices=CriterionMethod.choices,
                              default=CriterionMethod.APPLICATION)
    order = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "order", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.text

    @property
    def at_sift(self) -> bool:
        return self.stage in (CriterionStage.SIFT, CriterionStage.BOTH)

    @property
    def at_interview(self) -> bool:
        return self.stage in (CriterionStage.INTERVIEW, CriterionStage.BOTH)
