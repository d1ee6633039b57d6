"""Rounds and applications (issue 16 point 2).

An application moves draft --submit--> submitted --allocate--> assessing, then
--reconcile--> reconciliation (two assessors' scores more than one level apart) or straight
--to_panel--> panel; the panel --award-->s or --decline-->s; a declined applicant may
--appeal--> within the scheme's period, and the appeal panel --uphold-->s (awarded) or
--dismiss-->es (not awarded, final). ``withdraw`` is open until the panel sits; ``reopen``
takes a withdrawn application back to draft to resubmit. Only
``services.applications.transition_application`` calls the transitions (it locks the row,
ADR 14).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT, REASON_TEXT

USER = settings.AUTH_USER_MODEL

#: Limits shared by every channel (docs/limits.md).
MAX_STATEMENT = LONG_TEXT


class AccreditationRound(models.Model):
    """A round of a scheme: applications submitted while it is open are allocated together."""

    class State(models.TextChoices):
        OPEN = "open", "Open for applications"
        ALLOCATED = "allocated", "Assessors allocated"
        CLOSED = "closed", "Closed"

    scheme = models.ForeignKey("accreditation.Scheme", on_delete=models.PROTECT,
                               related_name="rounds")
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    state = FSMField(max_length=20, choices=State.choices, default=State.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="unique_accreditation_round"),
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="accreditation_round_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.name}"

    @transition(field=state, source=State.OPEN, target=State.ALLOCATED)
    def allocate(self) -> None:
        """Assessors were allocated to the round's submitted applications."""

    @transition(field=state, source=State.ALLOCATED, target=State.OPEN)
    def reopen(self) -> None:
        """Back to open, e.g. to allocate late applications."""

    @transition(field=state, source=[State.OPEN, State.ALLOCATED], target=State.CLOSED)
    def close(self) -> None:
        """No more allocation."""


class Application(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ASSESSING = "assessing", "With assessors"
        RECONCILIATION = "reconciliation", "Assessors reconciling scores"
        PANEL = "panel", "With the review panel"
        AWARDED = "awarded", "Awarded"
        NOT_AWARDED = "not_awarded", "Not awarded"
        APPEALED = "appealed", "Under appeal"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="accreditation_applications")
    level = models.ForeignKey("accreditation.SchemeLevel", on_delete=models.PROTECT,
                              related_name="applications")
    criteria = models.ForeignKey("accreditation.CriteriaVersion", on_delete=models.PROTECT,
                                 related_name="applications")
    round = models.ForeignKey(AccreditationRound, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="applications")
    supporter = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="supported_applications",
                                  help_text="A colleague who confirms the statements.")
    supporter_confirmed_at = models.DateTimeField(null=True, blank=True)
    supporter_comment = models.TextField(blank=True, max_length=REASON_TEXT)
    state = FSMField(max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "round"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.level}"

    def supporter_confirmed(self) -> bool:
        return self.supporter_id is not None and self.supporter_confirmed_at is not None

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED,
                conditions=[supporter_confirmed])
    def submit(self) -> None:
        """Eligibility is checked by the service before this runs."""

    @transition(field=state, source=State.WITHDRAWN, target=State.DRAFT)
    def reopen(self) -> None:
        """Back to draft to change and resubmit; the supporter confirms again."""

    @transition(field=state, source=State.SUBMITTED, target=State.ASSESSING)
    def allocate(self) -> None:
        """Two assessors were allocated."""

    @transition(field=state, source=State.ASSESSING, target=State.RECONCILIATION)
    def reconcile(self) -> None:
        """Both assessors submitted and some scores are more than one level apart."""

    @transition(field=state, source=[State.ASSESSING, State.RECONCILIATION], target=State.PANEL)
    def to_panel(self) -> None:
        """Both assessors submitted and agree within a level (or have reconciled)."""

    @transition(field=state, source=State.PANEL, target=State.AWARDED)
    def award(self) -> None:
        """The panel awards."""

    @transition(field=state, source=State.PANEL, target=State.NOT_AWARDED)
    def decline(self) -> None:
        """The panel does not award, with reasons."""

    @transition(field=state, source=State.NOT_AWARDED, target=State.APPEALED)
    def appeal(self) -> None:
        """The applicant appeals within the scheme's period (checked by the service)."""

    @transition(field=state, source=State.APPEALED, target=State.AWARDED)
    def uphold(self) -> None:
        """The appeal panel upholds the appeal and awards."""

    @transition(field=state, source=State.APPEALED, target=State.NOT_AWARDED)
    def dismiss(self) -> None:
        """The appeal panel dismisses the appeal; the decision stands."""

    @transition(field=state,
                source=[State.DRAFT, State.SUBMITTED, State.ASSESSING, State.RECONCILIATION],
                target=State.WITHDRAWN)
    def withdraw(self) -> None:
        """The applicant withdraws before the panel sits."""


class Statement(models.Model):
    """The applicant's statement against one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="statements")
    criterion = models.ForeignKey("accreditation.Criterion", on_delete=models.PROTECT,
                                  related_name="+")
    text = models.TextField(max_length=MAX_STATEMENT)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"],
                                    name="unique_statement_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"Statement on criterion {self.criterion_id} of application {self.application_id}"


class EvidenceLink(models.Model):
    """Evidence the applicant links to a criterion: an evidence file they uploaded with an
    assessment, or one of their skill assessments. Exactly one of the two is set."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="evidence")
    criterion = models.ForeignKey("accreditation.Criterion", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    evidence_file = models.ForeignKey("assessments.EvidenceFile", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    skill_assessment = models.ForeignKey("assessments.SkillAssessment", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    evidence_type = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True, max_length=REASON_TEXT)
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(evidence_file__isnull=False, skill_assessment__isnull=True)
                           | models.Q(evidence_file__isnull=True, skill_assessment__isnull=False)),
                name="evidence_link_one_target"),
        ]

    def __str__(self) -> str:
        return f"Evidence for application {self.application_id}"
