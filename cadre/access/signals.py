"""Sign-in and sign-out events go to the audit trail."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from cadre.access.federation import SIGN_IN_PROVIDER
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event


def _ip(request: object) -> str | None:
    meta = getattr(request, "META", None) or {}
    return meta.get("REMOTE_ADDR")


def _provider(request: object) -> str:
    """The identity provider the sign-in went through (ADR 29), or "password"."""
    provider = getattr(request, SIGN_IN_PROVIDER, "")
    if not provider:
        session = getattr(request, "session", None)
        provider = session.get(SIGN_IN_PROVIDER, "") if session is not None else ""
    return provider or "password"


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    provider = _provider(request)
    record_event(
        actor=user, action=AuditEvent.Action.SIGN_IN, summary=f"{user.email} signed in",
        ip_address=_ip(request), data={"provider": provider},
    )


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    if user is not None:
        record_event(
            actor=user, action=AuditEvent.Action.SIGN_OUT, summary=f"{user.email} signed out",
            ip_address=_ip(request), data={"provider": _provider(request)},
        )


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:  # noqa: ANN001, ANN003
    username = str(credentials.get("username", ""))[:200]
    record_event(
        actor=None, action=AuditEvent.Action.SIGN_IN_FAILED,
        summary=f"Failed sign-in for {username}", ip_address=_ip(request),
    )
