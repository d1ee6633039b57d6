"""Sign-in accounts, role assignments and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cadre.access.emails import normalise_email
from cadre.access.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:  # noqa: ANN003
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=normalise_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:  # noqa: ANN003
        user = self.create_user(email, password, is_superuser=True, **extra)
        RoleAssignment.objects.create(user=user, role=Role.ADMINISTRATOR)
        return user

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser):
    """A sign-in account. It may belong to a person, or serve a central role alone."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_superuser = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            # Emails are stored normalised (save() below); this guards against raw writes.
            models.UniqueConstraint(Lower("email"), name="access_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        """Store the email trimmed and case-folded, whoever wrote it."""
        email = normalise_email(self.email)
        if email != self.email:
            self.email = email
            fields = kwargs.get("update_fields")
            if fields is not None and "email" not in fields:
                kwargs["update_fields"] = [*fields, "email"]
        super().save(*args, **kwargs)

    @property
    def is_staff(self) -> bool:
        return False

    def has_perm(self, perm: str, obj: object = None) -> bool:
        """Django's permission flags are unused: the permission map decides access."""
        return False

    def has_module_perms(self, app_label: str) -> bool:
        return False


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on: object | None = None) -> RoleAssignmentQuerySet:
        day = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
            user__is_active=True,
        )


class RoleAssignment(models.Model):
    """A role held by an account, optionally scoped to an organisation, between dates."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    granted_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]

    def __str__(self) -> str:
        scope = f" for {self.organisation.abbreviation}" if self.organisation_id else ""
        return f"{self.get_role_display()}{scope}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token; only its SHA-256 digest is stored, the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="cli")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.email})"
