"""The specialist bench: availability windows and deployment requests.

Tables keep the ``talent_`` names they had before the talent app was split (ADR 15).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import LONG_TEXT

USER = settings.AUTH_USER_MODEL


class BenchAvailability(models.Model):
    """A window in which a specialist can be deployed into a programme."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="bench_windows")
    available_from = models.DateField()
    available_to = models.DateField()
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    note = models.TextField(blank=True, max_length=LONG_TEXT)
    history = HistoricalRecords(table_name="talent_historicalbenchavailability",
                                m2m_fields=[skills])

    class Meta:
        db_table = "talent_benchavailability"
        ordering = ["available_from", "person"]
        constraints = [
            models.CheckConstraint(condition=models.Q(available_to__gte=models.F("available_from")),
                                   name="bench_window_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.available_from} to {self.available_to}"


class DeploymentRequest(models.Model):
    """A request to deploy a bench specialist into a programme.

    requested --accept--> accepted --complete--> completed; requested --decline--> declined;
    requested or accepted --cancel--> cancelled. Only ``services.transition_request``
    calls the transitions (it locks the row and checks who may act).
    """

    class State(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    requesting_organisation = models.ForeignKey("organisations.Organisation",
                                                on_delete=models.PROTECT,
                                                related_name="deployment_requests")
    programme = models.CharField(max_length=200)
    specialist = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                                   related_name="deployments")
    starts_on = models.DateField()
    ends_on = models.DateField()
    skills = models.ManyToManyField("framework.Skill", blank=True, related_name="+")
    state = FSMField(max_length=20, choices=State.choices, default=State.REQUESTED)
    outcome = models.TextField(blank=True, max_length=LONG_TEXT)
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="talent_historicaldeploymentrequest",
                                m2m_fields=[skills])

    class Meta:
        db_table = "talent_deploymentrequest"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="deployment_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.specialist} to {self.programme}"

    @transition(field=state, source=State.REQUESTED, target=State.ACCEPTED)
    def accept(self) -> None:
        """The specialist's head of profession (or the central team) agrees."""

    @transition(field=state, source=State.REQUESTED, target=State.DECLINED)
    def decline(self, *, reason: str) -> None:
        self.outcome = reason

    @transition(field=state, source=State.ACCEPTED, target=State.COMPLETED)
    def complete(self, *, outcome: str) -> None:
        self.outcome = outcome

    @transition(field=state, source=[State.REQUESTED, State.ACCEPTED], target=State.CANCELLED)
    def cancel(self, *, reason: str) -> None:
        self.outcome = reason
