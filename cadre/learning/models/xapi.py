"""Learning records over xAPI (issue 17 point 7). Owned by the xapi area.

A provider sends statements with a ``ProviderCredential`` (HTTP Basic: the key id and a
secret kept only as a password hash). Every accepted statement is a ``StoredStatement``,
written once and never changed or removed (a statement is voided when a voiding
statement from the same provider names it). What a statement did to Cadre (a plan
activity marked done, a CPD record added or removed) is kept in ``StatementEffect``,
also append-only. ``ActivityProduct`` ties a development-plan activity to the catalogue
product whose completion completes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cadre.core import append_only as core_append_only

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_CREDENTIAL_LABEL",
    "ActivityProduct",
    "AppendOnlyError",
    "ProviderCredential",
    "StatementEffect",
    "StoredStatement",
]

MAX_CREDENTIAL_LABEL = 100


class AppendOnlyError(core_append_only.AppendOnlyError):
    """Raised when code tries to change or remove a learning record."""


class _AppendOnly(core_append_only.AppendOnlyModel):
    append_only_error = AppendOnlyError
    append_only_words = "Learning records"

    class Meta:
        abstract = True


class ProviderCredential(models.Model):
    """A key a provider's learning record system signs in with (HTTP Basic).

    ``key`` is the public user name; the secret is shown once and kept only as a Django
    password hash. A revoked credential never works again.
    """

    provider = models.ForeignKey("learning.Provider", on_delete=models.PROTECT,
                                 related_name="xapi_credentials")
    key = models.CharField(max_length=40, unique=True)
    secret_hash = models.CharField(max_length=256)
    label = models.CharField(max_length=MAX_CREDENTIAL_LABEL)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["secret_hash"])

    class Meta:
        ordering = ["provider", "-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.key})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class StoredStatement(_AppendOnly):
    """One accepted xAPI statement, as stored (with ``stored``, ``authority`` and
    ``version`` filled in). Never updated or deleted."""

    statement_id = models.UUIDField(unique=True)
    provider = models.ForeignKey("learning.Provider", on_delete=models.PROTECT,
                                 related_name="xapi_statements")
    credential = models.ForeignKey(ProviderCredential, on_delete=models.PROTECT,
                                   related_name="statements")
    body = models.JSONField()
    #: The actor's email (from ``mbox``, lower case), or "" for other identifiers.
    actor_email = models.CharField(max_length=254, blank=True, db_index=True)
    #: The actor's identifier as one string (``mbox:mailto:...``, ``account:home|name``,
    #: ...), for the ``agent`` filter. Not indexed: an IRI of 2,000 characters can be longer
    #: than a PostgreSQL index entry may be; queries go through (provider, stored_at).
    actor_key = models.CharField(max_length=2300)
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="learning_statements")
    verb_id = models.CharField(max_length=2000)
    #: An Activity's or StatementRef's id, or an Agent's or Group's identifier string.
    object_id = models.CharField(max_length=2300, blank=True)
    #: For a voiding statement, the id of the statement it voids.
    voids = models.UUIDField(null=True, blank=True, db_index=True)
    stored_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-stored_at", "-id"]
        indexes = [models.Index(fields=["provider", "stored_at"])]

    def __str__(self) -> str:
        return str(self.statement_id)


class StatementEffect(_AppendOnly):
    """What a statement did: a plan activity marked done, a CPD record added, or (for a
    voiding statement) a CPD record removed. ``cpd_record_id`` is a plain number because
    the record may later be removed."""

    class Kind(models.TextChoices):
        ACTIVITY_DONE = "activity_done", "Plan activity marked done"
        CPD_ADDED = "cpd_added", "CPD recorded"
        CPD_REMOVED = "cpd_removed", "CPD record removed"

    statement = models.ForeignKey(StoredStatement, on_delete=models.PROTECT,
                                  related_name="effects")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    activity = models.ForeignKey("assessments.Activity", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    cpd_record_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.statement_id})"


class ActivityProduct(models.Model):
    """A development-plan activity done by taking a catalogue product: a statement that
    the person completed or passed the product completes the activity."""

    activity = models.OneToOneField("assessments.Activity", on_delete=models.CASCADE,
                                    related_name="learning_product")
    product = models.ForeignKey("learning.Product", on_delete=models.PROTECT,
                                related_name="plan_activities")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.activity} by {self.product}"
