"""Mentoring schemes, sign-ups, matches, check-ins and end reviews (issue 18 point 2).

A scheme holds its matching rules as data (target grade gap with a tolerance, weights for
skill fit, grade gap and same location, and the optional disqualifications); the
line-management chain is always a disqualification. People sign up as mentor or mentee
(both is two sign-ups); grade, unit and location are read from their person record when
matching. A run of the matcher proposes matches; each party accepts or declines; a match
both accepted is active until an end review closes it. A declined match frees both sign-ups
for a later run (the same pair is not proposed again).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cadre.community.mentoring_match import (
    MAX_CAPACITY,
    MAX_GRADE_GAP,
    MAX_TOLERANCE,
    MAX_WEIGHT,
)

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_MENTORING_CAPACITY",
    "MAX_MENTORING_NOTES",
    "MAX_MENTORING_SKILLS",
    "MentoringCheckIn",
    "MentoringMatch",
    "MentoringMatchStatus",
    "MentoringResponse",
    "MentoringRole",
    "MentoringRun",
    "MentoringScheme",
    "MentoringSchemeStatus",
    "MentoringSignup",
    "MentoringSignupStatus",
]

MAX_MENTORING_CAPACITY = MAX_CAPACITY
MAX_MENTORING_NOTES = 5000
MAX_MENTORING_SKILLS = 10


class MentoringSchemeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for sign-up"
    CLOSED = "closed", "Closed"


class MentoringScheme(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(max_length=MAX_MENTORING_NOTES, blank=True)
    signup_opens = models.DateField()
    signup_closes = models.DateField()
    status = models.CharField(max_length=20, choices=MentoringSchemeStatus.choices,
                              default=MentoringSchemeStatus.DRAFT)
    organisers = models.ManyToManyField(USER, related_name="mentoring_schemes", blank=True)
    # matching rules, held as data
    grade_gap = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(MAX_GRADE_GAP)],
        help_text="Mentor this many grades above the mentee.")
    grade_tolerance = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(MAX_TOLERANCE)])
    skill_weight = models.PositiveSmallIntegerField(
        default=6, validators=[MaxValueValidator(MAX_WEIGHT)])
    grade_weight = models.PositiveSmallIntegerField(
        default=3, validators=[MaxValueValidator(MAX_WEIGHT)])
    location_weight = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(MAX_WEIGHT)])
    exclude_same_unit = models.BooleanField(default=True)
    exclude_same_organisation = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signup_opens", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(signup_closes__gte=models.F("signup_opens")),
                                   name="mentoring_window_in_order"),
        ]

    def __str__(self) -> str:
        return self.name


class MentoringRole(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"


class MentoringSignupStatus(models.TextChoices):
    ACTIVE = "active", "Signed up"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MentoringSignup(models.Model):
    scheme = models.ForeignKey(MentoringScheme, on_delete=models.CASCADE,
                               related_name="signups")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="mentoring_signups")
    role = models.CharField(max_length=10, choices=MentoringRole.choices)
    skills = models.ManyToManyField("framework.Skill", related_name="mentoring_signups",
                                    blank=True)
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)])
    goals = models.TextField(max_length=MAX_MENTORING_NOTES, blank=True)
    status = models.CharField(max_length=20, choices=MentoringSignupStatus.choices,
                              default=MentoringSignupStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheme", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "person", "role"],
                                    name="one_mentoring_signup_per_role"),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                                   name="mentoring_capacity_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.scheme})"


class MentoringRun(models.Model):
    """One confirmed run of the matcher on a scheme, with the mentees left unmatched."""

    scheme = models.ForeignKey(MentoringScheme, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    run_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    matched = models.PositiveIntegerField(default=0)
    #: [{"signup": id, "reason": words}, ...]
    unmatched = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["scheme", "-number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"],
                                               name="unique_mentoring_run_number")]

    def __str__(self) -> str:
        return f"Run {self.number} of {self.scheme}"


class MentoringMatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Accepted by both"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class MentoringResponse(models.TextChoices):
    PENDING = "pending", "Not answered yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


#: Matches that hold a mentee and use one of a mentor's places.
LIVE = (MentoringMatchStatus.PROPOSED, MentoringMatchStatus.ACTIVE)


class MentoringMatch(models.Model):
    scheme = models.ForeignKey(MentoringScheme, on_delete=models.CASCADE,
                               related_name="matches")
    run = models.ForeignKey(MentoringRun, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="matches")
    mentee = models.ForeignKey(MentoringSignup, on_delete=models.CASCADE,
                               related_name="matches_as_mentee")
    mentor = models.ForeignKey(MentoringSignup, on_delete=models.CASCADE,
                               related_name="matches_as_mentor")
    status = models.CharField(max_length=20, choices=MentoringMatchStatus.choices,
                              default=MentoringMatchStatus.PROPOSED)
    mentee_response = models.CharField(max_length=20, choices=MentoringResponse.choices,
                                       default=MentoringResponse.PENDING)
    mentor_response = models.CharField(max_length=20, choices=MentoringResponse.choices,
                                       default=MentoringResponse.PENDING)
    score = models.DecimalField(max_digits=6, decimal_places=3)
    explanation = models.TextField(max_length=MAX_MENTORING_NOTES)
    proposed_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    what_changed = models.TextField(max_length=MAX_MENTORING_NOTES, blank=True)
    reviewed_by = models.ForeignKey("people.Person", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["scheme", "-proposed_at", "id"]
        verbose_name = "mentoring match"
        verbose_name_plural = "mentoring matches"
        constraints = [
            models.UniqueConstraint(fields=["mentee"], condition=Q(status__in=LIVE),
                                    name="one_live_match_per_mentee"),
            models.CheckConstraint(condition=Q(rating__isnull=True)
                                   | Q(rating__gte=1, rating__lte=5),
                                   name="mentoring_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} mentoring {self.mentee.person}"


class MentoringCheckIn(models.Model):
    match = models.ForeignKey(MentoringMatch, on_delete=models.CASCADE,
                              related_name="check_ins")
    met_on = models.DateField()
    notes = models.TextField(max_length=MAX_MENTORING_NOTES, blank=True)
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["match", "-met_on", "-id"]

    def __str__(self) -> str:
        return f"Check-in on {self.met_on:%-d %B %Y}"
