"""Mobility across government: preferences, the cross-government vacancy board and
managed moves.

- ``MobilityPreference``: a person's wish to move, and where to.
- ``MobilityPolicy``: how long vacancies stay inside government first.
- ``Vacancy`` with ``VacancySkill``: vacancies on the board.
- ``MoveRequest``: a managed move between organisations.

Tables keep the ``talent_`` names they had before the talent app was split (ADR 15).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


class MobilityPreference(models.Model):
    """A person's wish to move, and where to: only people who opt in are named to hirers."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE,
                                  related_name="mobility")
    open_to_opportunities = models.BooleanField(default=False)
    locations = models.ManyToManyField("organisations.Location", blank=True, related_name="+")
    grades = models.ManyToManyField("organisations.Grade", blank=True, related_name="+")
    role_families = models.ManyToManyField("framework.RoleFamily", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="talent_historicalmobilitypreference",
                                m2m_fields=[locations, grades, role_families])

    class Meta:
        db_table = "talent_mobilitypreference"

    def __str__(self) -> str:
        return f"Mobility of {self.person}"


class MobilityPolicy(models.Model):
    """Cross-government policy; one row. Vacancies stay internal this many days first."""

    internal_days = models.PositiveSmallIntegerField(default=28)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="talent_historicalmobilitypolicy")

    class Meta:
        db_table = "talent_mobilitypolicy"

    def __str__(self) -> str:
        return f"Internal first for {self.internal_days} days"


class SecurityClearance(models.TextChoices):
    NONE = "none", "None beyond baseline checks"
    BPSS = "bpss", "Baseline personnel security standard (BPSS)"
    CTC = "ctc", "Counter-terrorist check (CTC)"
    SC = "sc", "Security check (SC)"
    DV = "dv", "Developed vetting (DV)"


class Vacancy(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="vacancies")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="vacancies")
    grade = models.ForeignKey("organisations.Grade", on_delete=models.PROTECT,
                              related_name="vacancies")
    locations = models.ManyToManyField("organisations.Location", blank=True, related_name="+")
    hybrid = models.BooleanField(default=True)
    security_clearance = models.CharField(max_length=10, choices=SecurityClearance.choices,
                                          default=SecurityClearance.BPSS)
    closing_date = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    #: Set when the organisation decides to recruit outside government.
    external_decided_at = models.DateTimeField(null=True, blank=True)
    external_decided_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    external_reason = models.TextField(blank=True)
    filled_by = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="talent_historicalvacancy",
                                m2m_fields=[locations])

    class Meta:
        db_table = "talent_vacancy"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["state", "closing_date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.abbreviation})"


class VacancySkill(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("framework.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("framework.SkillLevel", on_delete=models.PROTECT, related_name="+")
    essential = models.BooleanField(default=True)
    history = HistoricalRecords(table_name="talent_historicalvacancyskill")

    class Meta:
        db_table = "talent_vacancyskill"
        ordering = ["vacancy", "-essential", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="unique_vacancy_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} at {self.level} ({'essential' if self.essential else 'desirable'})"


class MoveRequest(models.Model):
    """A managed move of one person from a releasing to a receiving organisation."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        RECEIVING_AGREED = "receiving_agreed", "Agreed by the receiving organisation"
        RELEASING_AGREED = "releasing_agreed", "Agreed by both organisations"
        LOGISTICS = "logistics", "Arranging logistics"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="moves")
    releasing = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                  related_name="moves_out")
    receiving = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                  related_name="moves_in")
    vacancy = models.ForeignKey(Vacancy, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="moves")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    receiving_agreed_at = models.DateTimeField(null=True, blank=True)
    releasing_agreed_at = models.DateTimeField(null=True, blank=True)
    # Logistics
    start_date = models.DateField(null=True, blank=True)
    clearance_transferred = models.BooleanField(default=False)
    pay_and_pension_agreed = models.BooleanField(default=False)
    equipment_ready = models.BooleanField(default=False)
    access_ready = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    history = HistoricalRecords(table_name="talent_historicalmoverequest")

    class Meta:
        db_table = "talent_moverequest"
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return (f"Move of {self.person} from {self.releasing.abbreviation} "
                f"to {self.receiving.abbreviation}")
