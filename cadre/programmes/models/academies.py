"""The IT Academy (Grade 6/7) and the CIO Academy (senior civil service), issue 15 point 3.

An academy has a prospectus (modules, each mapped to framework skills at a level, run by a
provider), selection rounds, cadres of members and interventions with feedback.

A selection round moves nominations --open_applications--> applications --open_scoring-->
scoring --decide--> decided. Each candidate moves nominated --apply--> applied --score-->
scored --offer--> offered, or --decline--> declined (from any earlier state). Only
``services.academies.transition_round`` and ``transition_candidate`` call the transitions
(they lock the row, ADR 14).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, REASON_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_CADRE_SIZE = 100
SCORE_RANGE = (0, 4)        # a panel score against one criterion
FEEDBACK_RANGE = (1, 5)     # a participant's feedback on an intervention
MAX_COST = 10_000_000       # pounds, one intervention


class AcademyKind(models.TextChoices):
    IT = "it", "IT Academy"
    CIO = "cio", "CIO Academy"


class Academy(models.Model):
    """An academy; ``eligible_grades`` are the grades (or their Civil Service equivalents)
    that may be nominated, e.g. Grade 6 and 7 for the IT Academy, SCS for the CIO Academy."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=AcademyKind.choices)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    cadre_size = models.PositiveSmallIntegerField(
        default=25, validators=[MinValueValidator(1), MaxValueValidator(MAX_CADRE_SIZE)])
    membership_months = models.PositiveSmallIntegerField(default=24)
    eligible_grades = models.ManyToManyField("organisations.Grade", blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[eligible_grades])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "academies"

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """Who runs modules and interventions (a training firm, a university, a department)."""

    name = models.CharField(max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AcademyModule(models.Model):
    """A module of an academy's prospectus."""

    academy = models.ForeignKey(Academy, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="modules")
    history = HistoricalRecords()

    class Meta:
        ordering = ["academy", "title"]
        constraints = [models.UniqueConstraint(fields=["academy", "title"],
                                               name="programmes_module_title_per_academy")]

    def __str__(self) -> str:
        return self.title


class ModuleSkill(models.Model):
    """A framework skill a module builds, and the level it builds it to."""

    module = models.ForeignKey(AcademyModule, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("framework.SkillLevel", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["module", "skill__name"]
        constraints = [models.UniqueConstraint(fields=["module", "skill"],
                                               name="programmes_module_skill_once")]

    def __str__(self) -> str:
        return f"{self.module}: {self.skill} ({self.level})"


class Cadre(models.Model):
    """A group of members who go through the academy together (about 25 or 10)."""

    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="cadres")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    capacity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CADRE_SIZE)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["academy", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["academy", "name"],
                                               name="programmes_cadre_name_per_academy")]

    def __str__(self) -> str:
        return f"{self.academy}: {self.name}"


class Membership(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="academy_memberships")
    starts_on = models.DateField()
    ends_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["cadre", "person__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["cadre", "person"],
                                               name="programmes_member_once_per_cadre")]

    def __str__(self) -> str:
        return f"{self.person} in {self.cadre}"


class SelectionRound(models.Model):
    class State(models.TextChoices):
        NOMINATIONS = "nominations", "Taking nominations"
        APPLICATIONS = "applications", "Taking applications"
        SCORING = "scoring", "Panel scoring"
        DECIDED = "decided", "Decided"

    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    cadre = models.OneToOneField(Cadre, on_delete=models.PROTECT, related_name="round")
    state = FSMField(max_length=20, choices=State.choices, default=State.NOMINATIONS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["academy", "name"],
                                               name="programmes_selection_name_per_academy")]

    def __str__(self) -> str:
        return f"{self.academy}: {self.name}"

    @transition(field=state, source=State.NOMINATIONS, target=State.APPLICATIONS)
    def open_applications(self) -> None:
        """Nominations close; nominees write their applications."""

    @transition(field=state, source=State.APPLICATIONS, target=State.SCORING)
    def open_scoring(self) -> None:
        """Applications close; the panel scores them against the criteria."""

    @transition(field=state, source=State.SCORING, target=State.DECIDED)
    def decide(self) -> None:
        """Every candidate has a decision; the round is closed."""


class Criterion(models.Model):
    """A published selection criterion of a round, with its weight."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE,
                              related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)])

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "name"],
                                               name="programmes_criterion_once")]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class State(models.TextChoices):
        NOMINATED = "nominated", "Nominated"
        APPLIED = "applied", "Applied"
        SCORED = "scored", "Scored"
        OFFERED = "offered", "Offered a place"
        DECLINED = "declined", "Not offered a place"

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE,
                              related_name="candidates")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="academy_candidacies")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    nominated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    nomination_reason = models.TextField(blank=True, max_length=REASON_TEXT)
    statement = models.TextField(blank=True, max_length=LONG_TEXT)
    moderated_score = models.DecimalField(max_digits=5, decimal_places=2, null=True,
                                          blank=True)
    moderation_reason = models.TextField(blank=True, max_length=REASON_TEXT)
    feedback = models.TextField(blank=True, max_length=LONG_TEXT)
    state = FSMField(max_length=20, choices=State.choices, default=State.NOMINATED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "person__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "person"],
                                               name="programmes_candidate_once")]

    def __str__(self) -> str:
        return f"{self.person} in {self.round}"

    @transition(field=state, source=State.NOMINATED, target=State.APPLIED)
    def apply(self) -> None:
        """The nominee sends their statement."""

    @transition(field=state, source=State.APPLIED, target=State.SCORED)
    def score(self) -> None:
        """The panel's scores are in."""

    @transition(field=state, source=State.SCORED, target=State.OFFERED)
    def offer(self) -> None:
        """A place in the round's cadre (``services`` adds the membership)."""

    @transition(field=state, source=[State.NOMINATED, State.APPLIED, State.SCORED],
                target=State.DECLINED)
    def decline(self) -> None:
        """No place this time, with feedback."""


class Score(models.Model):
    """One assessor's score of one candidate against one criterion."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    assessor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_RANGE[0]), MaxValueValidator(SCORE_RANGE[1])])

    class Meta:
        ordering = ["candidate", "criterion", "assessor"]
        constraints = [models.UniqueConstraint(fields=["candidate", "criterion", "assessor"],
                                               name="programmes_score_once")]

    def __str__(self) -> str:
        return f"{self.value} for {self.criterion} (candidate {self.candidate_id})"


class InterventionKind(models.TextChoices):
    SESSION = "session", "Session"
    MASTERCLASS = "masterclass", "Masterclass"
    PLACEMENT = "placement", "Placement"


class Intervention(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="interventions")
    module = models.ForeignKey(AcademyModule, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="interventions")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="interventions")
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    cost = models.DecimalField(max_digits=10, decimal_places=2, default=0,
                               validators=[MinValueValidator(0), MaxValueValidator(MAX_COST)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["cadre", "held_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A member at an intervention, and their feedback on it (1 poor to 5 excellent)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE,
                                     related_name="attendances")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="academy_attendances")
    attended = models.BooleanField(default=True)
    feedback_score = models.PositiveSmallIntegerField(
        null=True, blank=True,
        validators=[MinValueValidator(FEEDBACK_RANGE[0]), MaxValueValidator(FEEDBACK_RANGE[1])])
    feedback_comment = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["intervention", "person__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["intervention", "person"],
                                               name="programmes_attend_once")]

    def __str__(self) -> str:
        return f"{self.person} at {self.intervention}"
