"""IT apprentices (issue 15, point 2).

Apprenticeship standards (imported from a file in the Skills England standards API
layout, each mapped to framework skills), places offered by organisations per year,
recruitment cohorts, industry partners, and apprentices (each linked to a person) with
their placements, KSB evidence log, end-point assessment attempts and where they went next.

An apprentice moves in training --to_gateway--> gateway --start_epa--> end-point
assessment --complete--> completed (needs a passing attempt); ``withdraw`` from any of the
first three. Only ``services.apprentices.transition_apprentice`` calls the transitions (it
locks the row, ADR 14).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

#: Limits shared by every channel (docs/limits.md).
STANDARD_REFERENCE = r"^ST\d{4}$"
STANDARD_LEVELS = (2, 7)
STANDARD_DURATION_MONTHS = (12, 72)
MAX_FUNDING = 30000
MAX_KSB_ITEMS = 200
MAX_KSB_TEXT = 2000
MAX_DUTIES = 100
MAX_STANDARDS_PER_FILE = 2000
MAX_STANDARDS_FILE_BYTES = 20 * 1024 * 1024
MAX_PLACES = 1000
MAX_EPA_ATTEMPTS = 3
APPRENTICE_YEARS = (2000, 2100)


class ApprenticeshipStandard(models.Model):
    """One version of an apprenticeship standard (``ST0505`` version ``1.1``)."""

    reference_number = models.CharField(max_length=6)
    version = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(STANDARD_LEVELS[0]), MaxValueValidator(STANDARD_LEVELS[1])])
    route = models.CharField(max_length=200)
    typical_duration = models.PositiveSmallIntegerField(help_text="Months")
    max_funding = models.PositiveIntegerField(help_text="Pounds")
    duties = models.JSONField(default=list, blank=True)
    knowledges = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    behaviours = models.JSONField(default=list, blank=True)
    framework_skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=[framework_skills])

    class Meta:
        ordering = ["reference_number", "version"]
        constraints = [models.UniqueConstraint(fields=["reference_number", "version"],
                                               name="programmes_standard_version_once")]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference_number} v{self.version}, level {self.level})"


class IndustryPartner(models.Model):
    """A company outside government that takes apprentices on placement."""

    name = models.CharField(max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApprenticePlaces(models.Model):
    """The apprentice places an organisation offers in a year."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="apprentice_places")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(APPRENTICE_YEARS[0]),
                    MaxValueValidator(APPRENTICE_YEARS[1])])
    places = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_PLACES)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "organisation__abbreviation"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"],
                                               name="programmes_places_once_a_year")]

    def __str__(self) -> str:
        return f"{self.organisation.abbreviation} {self.year}: {self.places} places"


class ApprenticeCohort(models.Model):
    """The apprentices recruited together on one standard (recruitment is run by a third
    party; ``recruiter`` names it)."""

    name = models.CharField(max_length=200, unique=True)
    standard = models.ForeignKey(ApprenticeshipStandard, on_delete=models.PROTECT,
                                 related_name="cohorts")
    starts_on = models.DateField()
    recruiter = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Apprentice(models.Model):
    class State(models.TextChoices):
        IN_TRAINING = "in_training", "In training"
        GATEWAY = "gateway", "At gateway"
        EPA = "epa", "In end-point assessment"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="apprentice")
    cohort = models.ForeignKey(ApprenticeCohort, on_delete=models.PROTECT,
                               related_name="apprentices")
    employer = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                 related_name="apprentices")
    training_provider = models.CharField(max_length=200)
    started_on = models.DateField()
    state = FSMField(max_length=20, choices=State.choices, default=State.IN_TRAINING)
    gateway_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    went_next = models.CharField(max_length=200, blank=True,
                                 help_text="Where they went after the apprenticeship.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self) -> str:
        return str(self.person)

    def has_passed(self) -> bool:
        """Record a passing end-point assessment first."""
        return self.epa_attempts.exclude(result=EpaResult.FAIL).exists()

    @transition(field=state, source=State.IN_TRAINING, target=State.GATEWAY)
    def to_gateway(self) -> None:
        """Employer and provider agree the apprentice is ready for assessment."""

    @transition(field=state, source=State.GATEWAY, target=State.EPA)
    def start_epa(self) -> None:
        """The end-point assessment begins (attempts are then recorded)."""

    @transition(field=state, source=State.EPA, target=State.COMPLETED, conditions=[has_passed])
    def complete(self) -> None:
        """Passed the end-point assessment."""

    @transition(field=state, source=[State.IN_TRAINING, State.GATEWAY, State.EPA],
                target=State.WITHDRAWN)
    def withdraw(self) -> None:
        """Left the apprenticeship before completing it."""


class ApprenticePlacement(models.Model):
    """About six months with a host organisation or an industry partner."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE,
                                   related_name="placements")
    host_organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                          on_delete=models.PROTECT,
                                          related_name="apprentice_placements")
    industry_partner = models.ForeignKey(IndustryPartner, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="placements")
    starts_on = models.DateField()
    ends_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["apprentice", "starts_on"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(host_organisation__isnull=False, industry_partner__isnull=True)
                       | models.Q(host_organisation__isnull=True,
                                  industry_partner__isnull=False)),
            name="programmes_placement_one_host")]

    def __str__(self) -> str:
        return f"{self.apprentice} with {self.host_name}"

    @property
    def host_name(self) -> str:
        return str(self.industry_partner or self.host_organisation)


class KsbEvidence(models.Model):
    """An entry in the apprentice's log: evidence of one knowledge, skill or behaviour of
    the standard (``ksb`` is its id, e.g. ``K3``)."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE,
                                   related_name="evidence")
    ksb = models.CharField(max_length=10)
    recorded_on = models.DateField()
    note = models.TextField(max_length=LONG_TEXT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["apprentice", "recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.ksb} for {self.apprentice}"


class EpaResult(models.TextChoices):
    FAIL = "fail", "Fail"
    PASS = "pass", "Pass"
    MERIT = "merit", "Merit"
    DISTINCTION = "distinction", "Distinction"


class EpaAttempt(models.Model):
    """One sitting of the end-point assessment; a fail may be followed by a resit."""

    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE,
                                   related_name="epa_attempts")
    attempt = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPA_ATTEMPTS)])
    taken_on = models.DateField()
    result = models.CharField(max_length=20, choices=EpaResult.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["apprentice", "attempt"]
        constraints = [models.UniqueConstraint(fields=["apprentice", "attempt"],
                                               name="programmes_epa_attempt_once")]

    def __str__(self) -> str:
        return f"{self.apprentice}: attempt {self.attempt}, {self.get_result_display()}"
