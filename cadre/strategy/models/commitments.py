"""Strategy: departmental commitments (issue 19, area 2).

A strategy's ``Action`` ("Action 4: support improved digital capability across
departments") gathers what each organisation committed to and then reported year by year:
one ``CommitmentEntry`` per action, organisation, kind (commitment, progress or plan) and
period ("2012-12", "2013"). An entry may be recorded as not applicable to the organisation;
its text is kept either way. Limits: docs/limits.md, "Strategy" / "Commitments".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.strategy.commitment_rows import MAX_PERIOD, MAX_TEXT, period_label
from cadre.strategy.models.workstreams import Strategy

MAX_ACTION_NAME = 300

__all__ = ["MAX_ACTION_NAME", "MAX_COMMITMENT_TEXT", "MAX_PERIOD", "Action", "CommitmentEntry"]

MAX_COMMITMENT_TEXT = MAX_TEXT


class Action(models.Model):
    """One action of a strategy that organisations commit to and report on."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="actions")
    name = models.CharField(max_length=MAX_ACTION_NAME)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"],
                                    name="strategy_action_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CommitmentEntry(models.Model):
    """What one organisation committed to, reported or planned under an action for a period."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", "Commitment"
        PROGRESS = "progress", "Progress"
        PLAN = "plan", "Plan"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="entries")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="strategy_commitments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period = models.CharField(max_length=MAX_PERIOD,
                              help_text="A year (2013) or a month (2012-12).")
    not_applicable = models.BooleanField(
        default=False, help_text="The action does not apply to the organisation.")
    text = models.TextField(max_length=MAX_TEXT, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text="The account that last entered it (none for "
                                             "an import from the command line).")
    entered_via = models.CharField(max_length=100, blank=True,
                                   help_text="Who entered it when not an account "
                                             "(cli:<user>, system).")
    entered_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "organisation__name", "period", "kind"]
        verbose_name_plural = "commitment entries"
        constraints = [
            models.UniqueConstraint(fields=["action", "organisation", "kind", "period"],
                                    name="strategy_commitment_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} {self.period_label}"

    @property
    def period_label(self) -> str:
        """The period in words ("December 2012", "2013")."""
        return period_label(self.period)
