"""Individual capability: profiles, assessments of skills, and assessment rounds.

Assessments are never overwritten: each is a new row with its source (the person,
their line manager, or a validation), who made it and when, so a person's
capability on any past date can be shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

MAX_TARGETS = 3


class CapabilityProfile(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="capability")
    current_role_level = models.ForeignKey(
        "framework.RoleLevel", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="current_holders")
    targets = models.ManyToManyField("framework.RoleLevel", blank=True,
                                     related_name="aspiring_people")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[targets])

    def __str__(self) -> str:
        return f"Capability of {self.person}"


class Source(models.TextChoices):
    SELF = "self", "Self-assessed"
    MANAGER = "manager", "Agreed with line manager"
    VALIDATED = "validated", "Validated"


#: Which source counts when several exist: validated, then manager, then self.
SOURCE_PRECEDENCE = {Source.VALIDATED: 3, Source.MANAGER: 2, Source.SELF: 1}


class SkillAssessment(models.Model):
    """One assessment of one skill of one person. Append-only."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="skill_assessments")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("framework.SkillLevel", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text="Empty means assessed as not held.")
    source = models.CharField(max_length=20, choices=Source.choices)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assessed_on = models.DateField(default=timezone.localdate)
    evidence = models.TextField(blank=True, max_length=LONG_TEXT)
    comment = models.TextField(blank=True, max_length=LONG_TEXT)
    round = models.ForeignKey("AssessmentRound", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="assessments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "skill", "-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["person", "skill", "assessed_on"]),
            # Covers the levels that count for many people and a few skills (talent matching:
            # assessments.selectors.held_levels_matrix) without reading the table itself.
            models.Index(fields=["skill", "person", "source", "assessed_on", "level"],
                         name="assessment_skill_cover_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.skill} at {self.level} ({self.source})"


class AssessmentRound(models.Model):
    """A person assesses themselves against a role level; their manager agrees it.

    draft --submit--> submitted --agree--> completed; submitted --send_back--> draft.
    Only ``services.transition_round`` calls the transitions (it locks the row).
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for the line manager"
        COMPLETED = "completed", "Completed"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="assessment_rounds")
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="+")
    state = FSMField(max_length=20, choices=State.choices, default=State.DRAFT)
    manager = models.ForeignKey("people.Person", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="rounds_to_review")
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.person} against {self.role_level} ({self.get_state_display()})"

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED)
    def submit(self) -> None:
        self.submitted_at = timezone.now()

    @transition(field=state, source=State.SUBMITTED, target=State.COMPLETED)
    def agree(self) -> None:
        self.completed_at = timezone.now()

    @transition(field=state, source=State.SUBMITTED, target=State.DRAFT)
    def send_back(self) -> None:
        self.submitted_at = None


class RoundItem(models.Model):
    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="items")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    required_level = models.ForeignKey("framework.SkillLevel", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    self_level = models.ForeignKey("framework.SkillLevel", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    answered = models.BooleanField(default=False, help_text="Self level chosen (or not held).")
    evidence = models.TextField(blank=True, max_length=LONG_TEXT)
    manager_level = models.ForeignKey("framework.SkillLevel", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    manager_comment = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "skill"], name="unique_round_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.skill}"


def _has_objectives(plan: DevelopmentPlan) -> bool:
    """Add at least one objective before agreeing the plan."""
    return plan.objectives.exists()


class DevelopmentPlan(models.Model):
    """A person's development plan, agreed and reviewed with their line manager.

    draft --agree--> agreed --review--> agreed; agreed --reopen--> draft (a changed plan
    needs agreeing again). Only ``services.transition_plan`` calls the transitions.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Not agreed yet"
        AGREED = "agreed", "Agreed"

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="development_plan")
    state = FSMField(max_length=20, choices=State.choices, default=State.DRAFT)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    agreed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Development plan of {self.person}"

    @transition(field=state, source=State.DRAFT, target=State.AGREED,
                conditions=[_has_objectives])
    def agree(self, *, by: object, note: str = "") -> None:
        now = timezone.now()
        self.agreed_at, self.agreed_by, self.reviewed_at = now, by, now
        self.review_note = note  # checked by assessments.services.transition_plan

    @transition(field=state, source=State.AGREED, target=State.AGREED)
    def review(self, *, note: str = "") -> None:
        self.reviewed_at = timezone.now()
        self.review_note = note  # checked by assessments.services.transition_plan

    @transition(field=state, source=State.AGREED, target=State.DRAFT)
    def reopen(self) -> None:
        self.agreed_at = None
        self.agreed_by = None


class Objective(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE,
                             related_name="objectives")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    target_level = models.ForeignKey("framework.SkillLevel", on_delete=models.PROTECT,
                                     related_name="+")
    target_date = models.DateField()
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target_date", "id"]

    def __str__(self) -> str:
        return f"{self.skill} to {self.target_level} by {self.target_date}"


class Activity(models.Model):
    class Kind(models.TextChoices):
        ON_THE_JOB = "on_the_job", "On the job"
        FROM_OTHERS = "from_others", "Learning from others (mentoring, networks)"
        FORMAL = "formal", "Formal learning"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE,
                                  related_name="activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=500)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.description


class AssessmentCycle(models.Model):
    """An organisation's assessment window for a set of people."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="assessment_cycles")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    people = models.ManyToManyField("people.Person", related_name="assessment_cycles")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.abbreviation})"


class EvidenceFile(models.Model):
    """A file a person attaches as evidence to one skill of an assessment."""

    item = models.ForeignKey(RoundItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.name
