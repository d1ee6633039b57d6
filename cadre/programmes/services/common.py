"""Writes every programme shares: the central-team check and a save with its history user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cadre.core.actor import Actor, history_user
from cadre.programmes.selectors.common import is_central

CENTRAL_ONLY = "Only the central team can do this."


def require_central(actor: Actor) -> None:
    """Refuse anyone but the central team, administrators and the command line."""
    if not actor.trusted and not is_central(actor.user):
        raise PermissionDenied(CENTRAL_ONLY)


def saved(instance: Any, actor: Actor) -> Any:
    """Save a record with the actor as its history entry's user."""
    instance._history_user = history_user(actor)
    instance.save()
    return instance
