"""Mobility across government: preferences, the cross-government vacancy board and
managed moves.

- ``MobilityPreference``: a person's wish to move, and where to.
- ``MobilityPolicy``: how long vacancies stay inside government first.
- ``Vacancy`` with ``VacancySkill``: vacancies on the board.
- ``MoveRequest``: a managed move between organisations.

Tables keep the ``talent_`` names they had before the talent app was split (ADR 15).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

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


def _has_essential_skill(vacancy: Vacancy) -> bool:
    """Add at least one essential skill before opening."""
    return vacancy.skills.filter(essential=True).exists()


def _closes_in_future(vacancy: Vacancy) -> bool:
    """Move the closing date to today or later before opening."""
    return vacancy.closing_date is not None and vacancy.closing_date >= timezone.localdate()


class Vacancy(models.Model):
    """A vacancy on the cross-government board.

    draft --open--> open --close--> closed --open--> open; draft/open/closed --withdraw-->
    withdrawn; open/closed --fill--> filled; open/closed --go_external--> the same state
    with the decision recorded. Only ``services.transition_vacancy`` calls the transitions.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="vacancies")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=LONG_TEXT)
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="vacancies")
    grade = models.ForeignKey("organisations.Grade", on_delete=models.PROTECT,
                              related_name="vacancies")
    locations = models.ManyToManyField("organisations.Location", blank=True, related_name="+")
    hybrid = models.BooleanField(default=True)
    security_clearance = models.CharField(max_length=10, choices=SecurityClearance.choices,
                                          default=SecurityClearance.BPSS)
    closing_date = models.DateField()
    state = FSMField(max_length=20, choices=State.choices, default=State.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    #: Set when the organisation decides to recruit outside government.
    external_decided_at = models.DateTimeField(null=True, blank=True)
    external_decided_by = models.ForeignKey(USER, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    external_reason = models.TextField(blank=True, max_length=LONG_TEXT)
    filled_by = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set on every write, so a change of locations or skills changes the record's version.
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="talent_historicalvacancy",
                                m2m_fields=[locations])

    class Meta:
        db_table = "talent_vacancy"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["state", "closing_date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.abbreviation})"

    @transition(field=state, source=[State.DRAFT, State.CLOSED], target=State.OPEN,
                conditions=[_has_essential_skill, _closes_in_future])
    def open(self) -> None:
        if self.opened_on is None:
            self.opened_on = timezone.localdate()

    @transition(field=state, source=State.OPEN, target=State.CLOSED)
    def close(self) -> None:
        """Stop taking applications."""

    @transition(field=state, source=[State.DRAFT, State.OPEN, State.CLOSED],
                target=State.WITHDRAWN)
    def withdraw(self) -> None:
        """Take the vacancy off the board for good."""

    @transition(field=state, source=[State.OPEN, State.CLOSED], target=State.FILLED)
    def fill(self, *, person: object) -> None:
        self.filled_by = person

    @transition(field=state, source=[State.OPEN, State.CLOSED], target=None)
    def go_external(self, *, by: object, reason: str) -> None:
        """Record the decision to recruit outside government (the state stays)."""
        self.external_decided_at = timezone.now()
        self.external_decided_by = by
        self.external_reason = reason

    def external_allowed_on(self, internal_days: int) -> dt.date | None:
        """The first day the organisation may recruit outside government."""
        if self.opened_on is None:
            return None
        return self.opened_on + dt.timedelta(days=internal_days)


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


LOGISTICS_FIELDS = ("start_date", "clearance_transferred", "pay_and_pension_agreed",
                    "equipment_ready", "access_ready")
LOGISTICS_LABELS = {"start_date": "start date",
                    "clearance_transferred": "security clearance transfer",
                    "pay_and_pension_agreed": "pay and pension", "equipment_ready": "equipment",
                    "access_ready": "access"}


class MoveRequest(models.Model):
    """A managed move of one person from a releasing to a receiving organisation.

    proposed --agree_receiving--> receiving_agreed --agree_releasing--> releasing_agreed
    --arrange_logistics--> logistics (again as often as needed) --complete--> completed;
    any active state --cancel--> cancelled. Only ``services.transition_move`` calls the
    transitions (it locks the row).
    """

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
    state = FSMField(max_length=20, choices=State.choices, default=State.PROPOSED)
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
    cancel_reason = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords(table_name="talent_historicalmoverequest")

    class Meta:
        db_table = "talent_moverequest"
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return (f"Move of {self.person} from {self.releasing.abbreviation} "
                f"to {self.receiving.abbreviation}")

    def logistics_missing(self) -> list[str]:
        """Labels of the logistics still to do before the move can complete."""
        return [label for name, label in LOGISTICS_LABELS.items() if not getattr(self, name)]

    @transition(field=state, source=State.PROPOSED, target=State.RECEIVING_AGREED)
    def agree_receiving(self) -> None:
        self.receiving_agreed_at = timezone.now()

    @transition(field=state, source=State.RECEIVING_AGREED, target=State.RELEASING_AGREED)
    def agree_releasing(self) -> None:
        self.releasing_agreed_at = timezone.now()

    @transition(field=state, source=[State.RELEASING_AGREED, State.LOGISTICS],
                target=State.LOGISTICS)
    def arrange_logistics(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value if name == "start_date" else bool(value))

    @transition(field=state, source=State.LOGISTICS, target=State.COMPLETED)
    def complete(self) -> None:
        self.completed_at = timezone.now()

    @transition(field=state, source=[State.PROPOSED, State.RECEIVING_AGREED,
                                     State.RELEASING_AGREED, State.LOGISTICS],
                target=State.CANCELLED)
    def cancel(self, *, reason: str) -> None:
        self.cancelled_at = timezone.now()
        self.cancel_reason = reason
