"""Which provider identity belongs to which account, and which organisations still allow
local passwords (ADR 29)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProviderIdentity(models.Model):
    """An account's identity at one provider: the issuer and its subject identifier.

    Bound at the first sign-in through that provider; later sign-ins are matched by
    subject, so an email address handed to someone else at the provider does not open
    the first holder's account.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="provider_identities")
    provider = models.CharField(max_length=60, help_text="The provider's configured key.")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "issuer"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"],
                                    name="identity_one_account_per_subject"),
            models.UniqueConstraint(fields=["user", "issuer"],
                                    name="identity_one_subject_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.subject}"


class OrganisationSignIn(models.Model):
    """An organisation's sign-in rule. No row means local passwords are allowed."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="sign_in_rule")
    local_passwords = models.BooleanField(
        default=True, help_text="Whether the organisation's people may sign in with a "
        "password held by Cadre. Administrators always may (break-glass accounts).")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation"]

    def __str__(self) -> str:
        state = "allowed" if self.local_passwords else "off"
        return f"{self.organisation}: local passwords {state}"
