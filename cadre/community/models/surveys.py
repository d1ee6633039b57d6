"""Perception surveys of the profession (issue 18 point 5). Owned by the surveys area.

A **baseline** survey and **repeat** surveys that name their baseline. Items are Likert
statements (1 strongly disagree .. 5 strongly agree) and free-text questions; a repeat
starts with a copy of its baseline's statements (``SurveyItem.baseline_item``) so each can
be compared. A survey is a draft (items can change), then open (people answer), then
closed (``services.surveys.open_survey`` / ``close_survey``, one transition service).

**Anonymity by construction.** A ``SurveyResponse`` holds the answers and three facts
copied from the person record when it was given (organisation, role family, grade band),
and nothing else: a random UUID key (no sequence to line up with anything), no
timestamp, no account or person, no history table (django-simple-history is not on it),
and the audit trail records only that the account took part in the survey.
``SurveyParticipation`` (survey, person) stops a second response and holds no link to
the response (no timestamp either). Closing a survey rewrites its responses in a random
order (``services.surveys.close_survey``), so the database's own bookkeeping (PostgreSQL's
``xmin``, row order) no longer pairs them with participation rows. The residual risks are
stated in docs/limits.md.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_SURVEY_DESCRIPTION",
    "MAX_SURVEY_ITEMS",
    "MAX_SURVEY_ITEM_TEXT",
    "MAX_SURVEY_TEXT_ANSWER",
    "MAX_SURVEY_TITLE",
    "GradeBand",
    "ItemKind",
    "Survey",
    "SurveyItem",
    "SurveyParticipation",
    "SurveyResponse",
    "SurveyState",
]

MAX_SURVEY_TITLE = 200
MAX_SURVEY_DESCRIPTION = 2000
MAX_SURVEY_ITEM_TEXT = 300
MAX_SURVEY_TEXT_ANSWER = 2000
MAX_SURVEY_ITEMS = 40


class SurveyState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    """A perception survey: a baseline (``baseline`` empty) or a repeat of one."""

    title = models.CharField(max_length=MAX_SURVEY_TITLE)
    description = models.TextField(max_length=MAX_SURVEY_DESCRIPTION, blank=True)
    baseline = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="repeats")
    state = FSMField(max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(opens_on__isnull=True) | models.Q(closes_on__isnull=True)
                           | models.Q(closes_on__gte=models.F("opens_on"))),
                name="community_survey_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_repeat(self) -> bool:
        return self.baseline_id is not None

    def has_items(self) -> bool:
        """The survey needs at least one statement or question before it opens."""
        return self.items.exists()

    @transition(field=state, source=SurveyState.DRAFT, target=SurveyState.OPEN,
                conditions=[has_items])
    def open(self) -> None:
        """Draft to open."""

    @transition(field=state, source=SurveyState.OPEN, target=SurveyState.CLOSED)
    def close(self) -> None:
        """Open to closed."""


class ItemKind(models.TextChoices):
    STATEMENT = "statement", "Statement (strongly disagree to strongly agree)"
    FREE_TEXT = "free_text", "Question answered in words"


class SurveyItem(models.Model):
    """One statement or free-text question of a survey, in ``position`` order."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    text = models.CharField(max_length=MAX_SURVEY_ITEM_TEXT)
    #: On a repeat: the baseline's statement this one repeats (compared with it).
    baseline_item = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="repeated_as")
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"],
                                    name="community_survey_item_position_once"),
        ]

    def __str__(self) -> str:
        return self.text


class GradeBand(models.TextChoices):
    SENIOR = "senior", "Senior Civil Service or equivalent"
    G6_G7 = "g6_g7", "Grades 6 and 7 or equivalent"
    SEO_HEO = "seo_heo", "SEO and HEO or equivalent"
    EO_BELOW = "eo_below", "EO and below or equivalent"
    UNKNOWN = "", "Not recorded"


class SurveyResponse(models.Model):
    """One anonymous response: the answers and the respondent's organisation, role family
    and grade band at submission. No account, no person, no time, no history."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    role_family = models.ForeignKey("framework.RoleFamily", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    grade_band = models.CharField(max_length=10, choices=GradeBand.choices, blank=True)
    #: {"<item id>": 1..5} for the statements (every statement answered).
    scores = models.JSONField(default=dict)
    #: {"<item id>": "text"} for the free-text questions answered (may be left empty).
    comments = models.JSONField(default=dict)

    class Meta:
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"A response to {self.survey}"


class SurveyParticipation(models.Model):
    """That a person has answered a survey: stops a second response. Holds no link to the
    response and no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="survey_participations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"],
                                    name="community_one_response_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} took part in {self.survey}"
