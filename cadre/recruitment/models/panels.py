"""Sift and interview panels (issue 21 point 3). Owned by the panels area.

- :class:`PanelMember`: a person (from any organisation: the hub provides them) on a
  campaign's panel, as its chair (one per campaign) or a member, for the sift, the interview
  or both, with the most applications they take per stage (``capacity``).
- :class:`DeclaredConflict`: a member cannot assess an application (they know the
  candidate, say); the allocation never gives it to them.
- :class:`Assignment`: an application given to a member for a stage, written only by the
  allocation (``services.panels.allocate_stage``). ``submitted_at`` is when the member
  submitted their scores for it; until then they see no other member's scores.
- :class:`Score`: a member's score of one criterion (0 to 4, :data:`SCORE_MEANINGS`) with a
  comment; all of a member's scores for an application and stage are submitted together
  and never change afterwards.
- :class:`Moderation`: the chair's agreed score of one criterion for an application and
  stage, with a note.
- :class:`StageDecision`: the chair's decision at a stage (sifted in or out; appointable or
  not) with reasons; it moves the application through ``services.applications.transition``.
- :class:`Feedback`: what the candidate is told, released once.

Limits: docs/limits.md, "Recruitment: panels".
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "DEFAULT_PANEL_CAPACITY",
    "MAX_CONFLICT_REASON",
    "MAX_DECISION_REASONS",
    "MAX_FEEDBACK_TEXT",
    "MAX_MODERATION_NOTE",
    "MAX_PANEL_CAPACITY",
    "MAX_PANEL_MEMBERS",
    "MAX_SCORE",
    "MAX_SCORE_COMMENT",
    "MIN_SCORE",
    "SCORE_MEANINGS",
    "Assignment",
    "DeclaredConflict",
    "Feedback",
    "Moderation",
    "PanelMember",
    "PanelRole",
    "PanelStage",
    "PanelStages",
    "Score",
    "StageDecision",
    "StageOutcome",
]

#: Limits of this area (docs/limits.md, "Recruitment: panels").
MAX_PANEL_MEMBERS = 30
DEFAULT_PANEL_CAPACITY = 10
MAX_PANEL_CAPACITY = 200
MAX_CONFLICT_REASON = 500
MAX_SCORE_COMMENT = 2000
MAX_MODERATION_NOTE = 2000
MAX_DECISION_REASONS = 2000
MAX_FEEDBACK_TEXT = 5000
MIN_SCORE = 0
MAX_SCORE = 4

#: What each score means, shown as the hint of each choice on the score sheet.
SCORE_MEANINGS: dict[int, tuple[str, str]] = {
    0: ("0: no evidence", "Nothing in the application or the answers shows the criterion."),
    1: ("1: limited evidence", "Some evidence, but thin, or it shows gaps that matter."),
    2: ("2: moderate evidence", "Meets the criterion in part; some of it is convincing."),
    3: ("3: good evidence", "Meets the criterion with clear, relevant examples."),
    4: ("4: strong evidence", "Meets the criterion in full, with strong examples at or "
                              "above the level of the role."),
}


class PanelStage(models.TextChoices):
    """The stage an assignment, score, moderation or decision belongs to."""

    SIFT = "sift", "Sift"
    INTERVIEW = "interview", "Interview"


class PanelStages(models.TextChoices):
    """The stages a member sits on."""

    SIFT = "sift", "Sift only"
    INTERVIEW = "interview", "Interview only"
    BOTH = "both", "Sift and interview"


class PanelRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"


class StageOutcome(models.TextChoices):
    SIFTED_IN = "sifted_in", "Sifted in: invited to interview"
    SIFTED_OUT = "sifted_out", "Sifted out"
    APPOINTABLE = "appointable", "Appointable"
    NOT_APPOINTABLE = "not_appointable", "Not appointable"


class PanelMember(models.Model):
    """One person's seat on a campaign's panel."""

    campaign = models.ForeignKey("recruitment.Campaign", on_delete=models.CASCADE,
                                 related_name="panel_members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="recruitment_panel_seats")
    role = models.CharField(max_length=10, choices=PanelRole.choices, default=PanelRole.MEMBER)
    stages = models.CharField(max_length=10, choices=PanelStages.choices,
                              default=PanelStages.BOTH)
    #: The most applications the member takes at each stage.
    capacity = models.PositiveSmallIntegerField(
        default=DEFAULT_PANEL_CAPACITY,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PANEL_CAPACITY)])
    added_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"],
                                    name="recruitment_one_seat_per_person"),
            models.UniqueConstraint(fields=["campaign"], condition=Q(role="chair"),
                                    name="recruitment_one_chair_per_campaign"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_PANEL_CAPACITY),
                name="recruitment_panel_capacity_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on the panel of {self.campaign}"

    def sits_at(self, stage: str) -> bool:
        """Whether the member sits on the panel at ``stage`` (sift or interview)."""
        return self.stages in (stage, PanelStages.BOTH)


class DeclaredConflict(models.Model):
    """A member's conflict of interest with one application."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE,
                               related_name="declared_conflicts")
    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE,
                                    related_name="declared_conflicts")
    reason = models.TextField(max_length=MAX_CONFLICT_REASON)
    declared_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    declared_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member", "application"]
        constraints = [
            models.UniqueConstraint(fields=["member", "application"],
                                    name="recruitment_one_conflict_per_pair"),
        ]

    def __str__(self) -> str:
        return f"Conflict of member {self.member_id} with application {self.application_id}"


class Assignment(models.Model):
    """An application given to a member for one stage (by the allocation)."""

    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE,
                                    related_name="assignments")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT,
                               related_name="assignments")
    stage = models.CharField(max_length=10, choices=PanelStage.choices)
    allocated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    allocated_at = models.DateTimeField(auto_now_add=True)
    #: When the member submitted their scores (None: not yet).
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "member", "stage"],
                                    name="recruitment_one_assignment_per_stage"),
        ]
        indexes = [models.Index(fields=["member", "stage"])]

    def __str__(self) -> str:
        return f"Application {self.application_id} to member {self.member_id} ({self.stage})"


class Score(models.Model):
    """One member's score of one criterion for an application at a stage."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("recruitment.Criterion", on_delete=models.PROTECT,
                                  related_name="panel_scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(max_length=MAX_SCORE_COMMENT, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["assignment", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"],
                                    name="recruitment_one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=MIN_SCORE) & Q(score__lte=MAX_SCORE),
                                   name="recruitment_score_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.score} on criterion {self.criterion_id}"


class Moderation(models.Model):
    """The chair's agreed score of one criterion for an application at a stage."""

    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE,
                                    related_name="moderations")
    stage = models.CharField(max_length=10, choices=PanelStage.choices)
    criterion = models.ForeignKey("recruitment.Criterion", on_delete=models.PROTECT,
                                  related_name="moderations")
    agreed_score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)])
    note = models.TextField(max_length=MAX_MODERATION_NOTE, blank=True)
    chair = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    moderated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "stage", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "stage", "criterion"],
                                    name="recruitment_one_moderation_per_criterion"),
            models.CheckConstraint(
                condition=Q(agreed_score__gte=MIN_SCORE) & Q(agreed_score__lte=MAX_SCORE),
                name="recruitment_agreed_score_in_range"),
        ]

    def __str__(self) -> str:
        return f"Agreed {self.agreed_score} on criterion {self.criterion_id}"


class StageDecision(models.Model):
    """The chair's decision on an application at one stage, with reasons."""

    application = models.ForeignKey("recruitment.Application", on_delete=models.CASCADE,
                                     related_name="stage_decisions")
    stage = models.CharField(max_length=10, choices=PanelStage.choices)
    outcome = models.CharField(max_length=20, choices=StageOutcome.choices)
    reasons = models.TextField(max_length=MAX_DECISION_REASONS)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"],
                                    name="recruitment_one_decision_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.stage}"


class Feedback(models.Model):
    """What the candidate is told about their application, released once."""

    application = models.OneToOneField("recruitment.Application", on_delete=models.CASCADE,
                                        related_name="feedback")
    text = models.TextField(max_length=MAX_FEEDBACK_TEXT, blank=True)
    written_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    #: When the candidate could first read it (None: a draft); it no longer changes then.
    released_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback on application {self.application_id}"
