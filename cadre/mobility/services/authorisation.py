"""Who may change mobility records: one rule, ``Scope.manages``, for every service.

The command line and the system act with the service's own rights; an account manages
an organisation when ``access.scope`` says so (administrators, the central team, the
organisation's heads of profession).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor


def manages(actor: Actor, organisation_id: int | None) -> bool:
    """Whether the actor may manage the organisation's vacancies and moves."""
    return actor.trusted or scope_for(actor.user).manages(organisation_id)


def require_manager(actor: Actor, organisation_id: int | None, what: str) -> None:
    """``PermissionDenied`` unless the actor manages the organisation."""
    if not manages(actor, organisation_id):
        raise PermissionDenied(f"Only the organisation's heads of profession or the central "
                               f"team can {what}.")


def is_central(actor: Actor) -> bool:
    """The central team, administrators, the command line and the system."""
    return actor.trusted or scope_for(actor.user).government_wide


def audit(actor: Actor, obj: Any, summary: str, created: bool = False, **data: Any) -> None:
    """One record-created or record-updated event for a write that is not a transition."""
    record_event(actor=actor, target=obj, summary=summary, data=data,
                 action=AuditEvent.Action.RECORD_CREATED if created
                 else AuditEvent.Action.RECORD_UPDATED)


def save(actor: Actor, obj: Any, **kwargs: Any) -> None:
    """Save with the actor's account as the history user."""
    obj._history_user = actor.user
    obj.save(**kwargs)
