"""Writes to accounts, role assignments and tokens. All audited."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.emails import normalise_email
from cadre.access.models import ApiToken, RoleAssignment, User, hash_token
from cadre.access.roles import ORGANISATION_SCOPED_ROLES, Role
from cadre.access.scope import forget_scope
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import history_user
from cadre.organisations.models import Organisation


@transaction.atomic
def get_or_create_account(
    *, email: str, actor: User | None, display_name: str = "", password: str | None = None
) -> tuple[User, bool]:
    """Return the account for ``email``, creating it (audited) if it does not exist."""
    email = normalise_email(email)
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing, False
    user = User(email=email, display_name=display_name)
    user.full_clean(exclude=["password"])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user._history_user = history_user(actor)  # type: ignore[attr-defined]
    user.save()
    record_event(
        actor=actor, action=AuditEvent.Action.ACCOUNT_CREATED,
        summary=f"Account {email} created", target=user,
    )
    return user, True


@transaction.atomic
def set_account_active(*, user: User, active: bool, actor: User | None) -> User:
    user.is_active = active
    user._history_user = history_user(actor)  # type: ignore[attr-defined]
    user.save(update_fields=["is_active"])
    record_event(
        actor=actor, action=AuditEvent.Action.ACCOUNT_UPDATED, target=user,
        summary=f"Account {user.email} {'reactivated' if active else 'deactivated'}",
    )
    return user


@transaction.atomic
def grant_role(
    *,
    user: User,
    role: str,
    actor: User | None,
    organisation: Organisation | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> RoleAssignment:
    """Grant a role; organisation-scoped roles must name their organisation."""
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Unknown role '{role}'. Choose one of: {', '.join(Role.values)}."}
        )
    if role in ORGANISATION_SCOPED_ROLES and organisation is None:
        raise ValidationError({"organisation": f"The role '{role}' needs an organisation."})
    if role not in ORGANISATION_SCOPED_ROLES and organisation is not None:
        raise ValidationError({"organisation": f"The role '{role}' is not organisation-scoped."})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date."})
    existing = RoleAssignment.objects.current().filter(
        user=user, role=role, organisation=organisation
    ).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(
        user=user, role=role, organisation=organisation, start_date=start_date, end_date=end_date
    )
    assignment._history_user = history_user(actor)  # type: ignore[attr-defined]
    assignment.save()
    forget_scope(user)
    record_event(
        actor=actor, action=AuditEvent.Action.ROLE_GRANTED, target=assignment,
        summary=f"{user.email} granted {assignment}",
        data={"role": role, "organisation": organisation.abbreviation if organisation else None},
    )
    return assignment


@transaction.atomic
def revoke_role(*, assignment: RoleAssignment, actor: User | None) -> None:
    """End a role assignment today (kept for the record, not deleted)."""
    today = timezone.localdate()
    assignment.end_date = today - dt.timedelta(days=1)
    if assignment.start_date and assignment.start_date > assignment.end_date:
        assignment.start_date = assignment.end_date
    assignment._history_user = history_user(actor)  # type: ignore[attr-defined]
    assignment.save(update_fields=["end_date", "start_date"])
    forget_scope(assignment.user)
    record_event(
        actor=actor, action=AuditEvent.Action.ROLE_REVOKED, target=assignment,
        summary=f"{assignment.user.email}: {assignment} revoked",
    )


@transaction.atomic
def create_token(*, user: User, actor: User | None, name: str = "cli") -> tuple[ApiToken, str]:
    """Create an API token; returns the record and the raw value, which is not stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, digest=hash_token(raw), prefix=raw[:8]
    )
    record_event(
        actor=actor, action=AuditEvent.Action.TOKEN_CREATED, target=token,
        summary=f"API token {token.prefix}… created for {user.email}",
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: User | None) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=actor, action=AuditEvent.Action.TOKEN_REVOKED, target=token,
        summary=f"API token {token.prefix}… revoked",
    )
