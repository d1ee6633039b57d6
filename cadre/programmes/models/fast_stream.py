"""Programmes that grow the profession. First, the graduate Fast Stream (issue 15):

schemes with a posting pattern, intakes by year, fast streamers (each linked to a person,
with a home organisation and a clearance level), posting rounds with offers from host
organisations, preferences from both sides, and the postings the allocation makes.

A round moves open for offers --open_preferences--> preferences --allocate--> allocated
--publish--> published (and allocated --reopen--> preferences). Only
``services.transition_round`` calls the transitions (it locks the row, ADR 14).
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, REASON_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_CAPACITY = 50
MAX_PREFERENCES = 20
MAX_PATTERN_POSTINGS = 12
MAX_REVIEW_SKILLS = 20
PATTERN_MONTHS = (1, 36)
YEARS = (2000, 2100)


class Clearance(models.IntegerChoices):
    """National security vetting levels, lowest first."""

    NONE = 0, "None"
    BPSS = 1, "Baseline (BPSS)"
    CTC = 2, "Counter-terrorist check (CTC)"
    SC = 3, "Security check (SC)"
    DV = 4, "Developed vetting (DV)"


class Scheme(models.Model):
    """A Fast Stream scheme (Digital and Technology, Data ...) and its posting pattern:
    the length in months of each posting in order, e.g. [6, 6, 6, 6, 12, 12]."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    posting_pattern = models.JSONField(default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def pattern_words(self) -> str:
        return ", ".join(f"{months} months" for months in self.posting_pattern) or "not set"


class Intake(models.Model):
    """The fast streamers of one scheme who started in one year."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="intakes")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(YEARS[0]), MaxValueValidator(YEARS[1])])
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["scheme", "year"],
                                               name="programmes_one_intake_a_year")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.year}"


class FastStreamer(models.Model):
    """A person on the Fast Stream. Their outcome (completed, left with a reason, or
    promoted to a new grade) is one step of ``status``, taken once through
    ``services.record_outcome`` (it locks the row; a second outcome is a conflict)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "On the scheme"
        COMPLETED = "completed", "Completed"
        LEFT = "left", "Left"
        PROMOTED = "promoted", "Promoted"

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="fast_streamer")
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="fast_streamers")
    home_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                          related_name="home_fast_streamers")
    clearance = models.PositiveSmallIntegerField(choices=Clearance.choices,
                                                 default=Clearance.BPSS)
    may_post_home = models.BooleanField(
        default=False, help_text="A posting in the home organisation is allowed.")
    locations = models.ManyToManyField(
        "organisations.Location", blank=True, related_name="+",
        help_text="Where they can work; none means anywhere.")
    status = FSMField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    #: The outcome: its date, why they left (left), their new grade (promoted).
    outcome_on = models.DateField(null=True, blank=True)
    left_reason = models.TextField(blank=True, max_length=REASON_TEXT)
    new_grade = models.ForeignKey("organisations.Grade", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(m2m_fields=[locations])

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self) -> str:
        return str(self.person)

    @transition(field=status, source=Status.ACTIVE, target=Status.COMPLETED)
    def complete(self) -> None:
        """They finished the scheme."""

    @transition(field=status, source=Status.ACTIVE, target=Status.LEFT)
    def leave(self) -> None:
        """They left the scheme before the end (``left_reason`` says why)."""

    @transition(field=status, source=Status.ACTIVE, target=Status.PROMOTED)
    def promote(self) -> None:
        """They were promoted out of the scheme (``new_grade``)."""


class PostingRound(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open for offers"
        PREFERENCES = "preferences", "Taking preferences"
        ALLOCATED = "allocated", "Allocated"
        PUBLISHED = "published", "Published"

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    posting_months = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(PATTERN_MONTHS[0]),
                               MaxValueValidator(PATTERN_MONTHS[1])])
    state = FSMField(max_length=20, choices=State.choices, default=State.OPEN)
    #: Why each fast streamer left unplaced by the allocation was not placed (id -> reason).
    unplaced_reasons = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"],
                                               name="programmes_round_name_per_scheme")]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.name}"

    @transition(field=state, source=State.OPEN, target=State.PREFERENCES)
    def open_preferences(self) -> None:
        """Offers are in; fast streamers and hosts say what they prefer."""

    @transition(field=state, source=State.PREFERENCES, target=State.ALLOCATED)
    def allocate(self) -> None:
        """The postings are worked out (``services.allocate_round`` writes them)."""

    @transition(field=state, source=State.ALLOCATED, target=State.PREFERENCES)
    def reopen(self) -> None:
        """Back to preferences; the allocated postings are removed."""

    @transition(field=state, source=State.ALLOCATED, target=State.PUBLISHED)
    def publish(self) -> None:
        """Fast streamers and hosts see their postings."""


class PostingOffer(models.Model):
    """A posting a host organisation offers in a round, for ``capacity`` fast streamers."""

    round = models.ForeignKey(PostingRound, on_delete=models.CASCADE, related_name="offers")
    host_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                          related_name="posting_offers")
    title = models.CharField(max_length=200)
    role_level = models.ForeignKey("framework.RoleLevel", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey("organisations.Location", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)])
    clearance = models.PositiveSmallIntegerField(choices=Clearance.choices,
                                                 default=Clearance.BPSS)
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    host_manager = models.ForeignKey("people.Person", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="hosted_offers")
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        ordering = ["host_organisation__abbreviation", "title", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.host_organisation.abbreviation})"


class Preference(models.Model):
    """A fast streamer's ranking of an offer in a round (1 is their first choice)."""

    round = models.ForeignKey(PostingRound, on_delete=models.CASCADE, related_name="preferences")
    fast_streamer = models.ForeignKey(FastStreamer, on_delete=models.CASCADE,
                                      related_name="preferences")
    offer = models.ForeignKey(PostingOffer, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PREFERENCES)])

    class Meta:
        ordering = ["fast_streamer", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["fast_streamer", "offer"],
                                    name="programmes_rank_offer_once"),
            models.UniqueConstraint(fields=["round", "fast_streamer", "rank"],
                                    name="programmes_one_offer_per_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.fast_streamer} ranks {self.offer_id} at {self.rank}"


class HostPreference(models.Model):
    """A host's ranking of a fast streamer for one of its offers (1 is first)."""

    offer = models.ForeignKey(PostingOffer, on_delete=models.CASCADE,
                              related_name="host_preferences")
    fast_streamer = models.ForeignKey(FastStreamer, on_delete=models.CASCADE,
                                      related_name="host_preferences")
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PREFERENCES)])

    class Meta:
        ordering = ["offer", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "fast_streamer"],
                                    name="programmes_host_ranks_once"),
            models.UniqueConstraint(fields=["offer", "rank"],
                                    name="programmes_host_one_per_rank"),
        ]

    def __str__(self) -> str:
        return f"Offer {self.offer_id} ranks {self.fast_streamer} at {self.rank}"


class Posting(models.Model):
    """Where the allocation (or the central team's override) puts a fast streamer."""

    round = models.ForeignKey(PostingRound, on_delete=models.CASCADE, related_name="postings")
    fast_streamer = models.ForeignKey(FastStreamer, on_delete=models.PROTECT,
                                      related_name="postings")
    offer = models.ForeignKey(PostingOffer, on_delete=models.PROTECT, related_name="postings")
    preference_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True, max_length=LONG_TEXT)
    objectives = models.TextField(blank=True, max_length=LONG_TEXT)
    overridden = models.BooleanField(default=False)
    override_reason = models.TextField(blank=True, max_length=REASON_TEXT)
    overridden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "fast_streamer"]
        constraints = [models.UniqueConstraint(fields=["round", "fast_streamer"],
                                               name="programmes_one_posting_per_round")]

    def __str__(self) -> str:
        return f"{self.fast_streamer} at {self.offer}"

    @property
    def ends_on(self) -> dt.date:
        """The day after the posting's last day: the round's start plus its months."""
        start = self.round.starts_on
        month = start.month - 1 + self.round.posting_months
        year, month = start.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


class PostingReview(models.Model):
    """The review of a posting by its host manager (or the central team): progress
    against the objectives, the framework skills it built, and comments. One per
    posting; it can be changed until the posting ends."""

    class Rating(models.IntegerChoices):
        NOT_MET = 1, "Objectives not met"
        PARTLY_MET = 2, "Objectives partly met"
        MET = 3, "Objectives met"
        EXCEEDED = 4, "Objectives exceeded"

    posting = models.OneToOneField(Posting, on_delete=models.CASCADE, related_name="review")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    comments = models.TextField(blank=True, max_length=LONG_TEXT)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Review of posting {self.posting_id}"
