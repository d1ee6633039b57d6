"""The reserve list (issue 21 point 5). Owned by the reserve area.

A candidate found appointable in one campaign but not appointed there, who agreed to it
(``Application.reserve_consent``), may be put on the reserve list: a :class:`ReserveEntry`
for their application, kept for ``RESERVE_MONTHS`` from the day the panel found them
appointable. While it lasts, another organisation recruiting for a similar role may offer
them its campaign, or a vacancy on the mobility board, without assessing them again: a
:class:`ReserveOffer`.

An entry moves active -> offered (an offer is out) -> active again (declined or withdrawn)
or placed (accepted); active or offered -> expired (after ``RESERVE_MONTHS``) or withdrawn
(by the candidate or the hub). An offer moves offered -> accepted | declined | withdrawn.
Only ``services.reserve`` calls the transition methods, under the rows' locks (the entry
first, then the offer); ``version`` goes up with every change. At most one offer per entry
is out at a time (a partial unique constraint backs the entry's lock).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "LIVE_ENTRY_STATES",
    "MAX_OFFER_NOTE",
    "MAX_RESERVE_REASON",
    "RESERVE_MONTHS",
    "ReserveEntry",
    "ReserveEntryState",
    "ReserveOffer",
    "ReserveOfferState",
]

#: How long a candidate stays on the reserve list after being found appointable.
RESERVE_MONTHS = 12
#: Limits of this area (docs/limits.md, "Recruitment: reserve list").
MAX_OFFER_NOTE = 1000
MAX_RESERVE_REASON = 500


class ReserveEntryState(models.TextChoices):
    ACTIVE = "active", "On the reserve list"
    OFFERED = "offered", "Offered a role"
    PLACED = "placed", "Placed"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReserveOfferState(models.TextChoices):
    OFFERED = "offered", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The states in which an entry is still on the list.
LIVE_ENTRY_STATES = (ReserveEntryState.ACTIVE, ReserveEntryState.OFFERED)


class ReserveEntry(models.Model):
    """One appointable candidate on the reserve list."""

    application = models.OneToOneField("recruitment.Application", on_delete=models.PROTECT,
                                       related_name="reserve_entry")
    #: The role level the candidate was found appointable at (the campaign's).
    role_level = models.ForeignKey("framework.RoleLevel", on_delete=models.PROTECT,
                                   related_name="+")
    #: The day the panel found the candidate appointable.
    decided_on = models.DateField()
    #: The last day the entry may be offered: ``decided_on`` + ``RESERVE_MONTHS``.
    expires_on = models.DateField()
    state = FSMField(max_length=20, choices=ReserveEntryState.choices,
                     default=ReserveEntryState.ACTIVE)
    added_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    placed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(max_length=MAX_RESERVE_REASON, blank=True)
    #: Goes up by one with every change.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expires_on", "pk"]
        verbose_name = "reserve list entry"
        verbose_name_plural = "reserve list entries"
        indexes = [models.Index(fields=["state", "expires_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("decided_on")),
                                   name="recruitment_reserve_expires_after_decision"),
        ]

    def __str__(self) -> str:
        return f"Reserve list entry {self.pk}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_ENTRY_STATES

    @transition(field=state, source=ReserveEntryState.ACTIVE, target=ReserveEntryState.OFFERED)
    def offer(self) -> None:
        """An organisation offers the candidate a role."""

    @transition(field=state, source=ReserveEntryState.OFFERED, target=ReserveEntryState.ACTIVE)
    def release(self) -> None:
        """The offer out was declined or withdrawn: the entry may be offered again."""

    @transition(field=state, source=ReserveEntryState.OFFERED, target=ReserveEntryState.PLACED)
    def place(self) -> None:
        """The candidate accepted an offer."""
        self.placed_at = timezone.now()

    @transition(field=state, source=list(LIVE_ENTRY_STATES), target=ReserveEntryState.EXPIRED)
    def expire(self) -> None:
        """The reserve period is over."""
        self.ended_at = timezone.now()

    @transition(field=state, source=list(LIVE_ENTRY_STATES),
                target=ReserveEntryState.WITHDRAWN)
    def withdraw(self, *, reason: str = "") -> None:
        """The candidate (or the hub) takes the entry off the list."""
        self.ended_at = timezone.now()
        self.end_reason = reason


class ReserveOffer(models.Model):
    """An offer of a campaign's role, or of a vacancy, to a candidate on the reserve list."""

    entry = models.ForeignKey(ReserveEntry, on_delete=models.PROTECT, related_name="offers")
    campaign = models.ForeignKey("recruitment.Campaign", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reserve_offers")
    vacancy = models.ForeignKey("mobility.Vacancy", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    #: A note to the candidate about the role.
    note = models.TextField(max_length=MAX_OFFER_NOTE, blank=True)
    state = FSMField(max_length=20, choices=ReserveOfferState.choices,
                     default=ReserveOfferState.OFFERED)
    offered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    offered_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    #: Why the offer was declined or withdrawn (optional).
    reason = models.TextField(max_length=MAX_RESERVE_REASON, blank=True)
    #: The application made in the target campaign when the offer was accepted.
    placed_application = models.OneToOneField("recruitment.Application", null=True,
                                              blank=True, on_delete=models.PROTECT,
                                              related_name="reserve_offer")
    #: Goes up by one with every change.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_at", "-pk"]
        verbose_name = "reserve list offer"
        constraints = [
            models.CheckConstraint(
                condition=(Q(campaign__isnull=False) & Q(vacancy__isnull=True))
                | (Q(campaign__isnull=True) & Q(vacancy__isnull=False)),
                name="recruitment_reserve_offer_one_target"),
            models.UniqueConstraint(fields=["entry"], condition=Q(state="offered"),
                                    name="recruitment_reserve_one_live_offer"),
        ]

    def __str__(self) -> str:
        return f"Reserve list offer {self.pk}"

    @property
    def target(self) -> object:
        return self.campaign if self.campaign_id is not None else self.vacancy

    @property
    def target_organisation_id(self) -> int:
        return (self.campaign.organisation_id if self.campaign_id is not None
                else self.vacancy.organisation_id)

    @transition(field=state, source=ReserveOfferState.OFFERED,
                target=ReserveOfferState.ACCEPTED)
    def accept(self) -> None:
        """The candidate takes the role."""
        self.responded_at = timezone.now()

    @transition(field=state, source=ReserveOfferState.OFFERED,
                target=ReserveOfferState.DECLINED)
    def decline(self, *, reason: str = "") -> None:
        """The candidate does not take the role."""
        self.responded_at = timezone.now()
        self.reason = reason

    @transition(field=state, source=ReserveOfferState.OFFERED,
                target=ReserveOfferState.WITHDRAWN)
    def withdraw(self, *, reason: str = "") -> None:
        """The offering organisation (or the hub) takes the offer back."""
        self.responded_at = timezone.now()
        self.reason = reason
