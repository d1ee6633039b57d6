"""Awards, their credentials and the status list (issue 16 point 5).

Every award has a fixed ``status_index`` in the service's Bitstring Status List; suspending
or revoking an award sets its bit, reinstating clears it. Only
``services.credentials.transition_award`` changes ``status`` (it locks the row)."""

from __future__ import annotations

import uuid

from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from cadre.core.inputs import REASON_TEXT

#: Bits in the status list: the W3C minimum of 131,072 (16 KB), for herd privacy.
STATUS_LIST_SIZE = 131_072


class Award(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        REVOKED = "revoked", "Revoked"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField("accreditation.Application", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="issued_award")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="accreditation_awards")
    level = models.ForeignKey("accreditation.SchemeLevel", on_delete=models.PROTECT,
                              related_name="awards")
    awarded_on = models.DateField()
    expires_on = models.DateField()
    status = FSMField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(blank=True, max_length=REASON_TEXT)
    status_index = models.PositiveIntegerField(unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.level} ({self.awarded_on})"

    @transition(field=status, source=Status.ACTIVE, target=Status.SUSPENDED)
    def suspend(self) -> None:
        """E.g. lapsed CPD at renewal."""

    @transition(field=status, source=Status.SUSPENDED, target=Status.ACTIVE)
    def reinstate(self) -> None:
        """The requirement is met again."""

    @transition(field=status, source=[Status.ACTIVE, Status.SUSPENDED], target=Status.REVOKED)
    def revoke(self) -> None:
        """Final."""

    @transition(field=status, source=Status.ACTIVE, target=Status.ACTIVE)
    def renew(self) -> None:
        """A new expiry date after renewal (set by the service)."""


class SigningKey(models.Model):
    """The service's Ed25519 key that signs credentials; the private part is kept encrypted
    or read from the environment (see ``services.credentials``). Retired keys stay so old
    credentials still verify."""

    kid = models.CharField(max_length=100, unique=True)
    public_jwk = models.JSONField()
    private_pem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.kid
