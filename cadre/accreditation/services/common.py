"""Writes every accreditation area shares: the scheme-runner check and a save with its
history user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cadre.accreditation.selectors.common import runs_scheme
from cadre.core.actor import Actor, history_user

SCHEME_RUNNERS_ONLY = "Only the central profession team can do this."


def require_scheme_runner(actor: Actor) -> None:
    """Refuse anyone but the central team, administrators and the command line."""
    if not actor.trusted and not runs_scheme(actor.user):
        raise PermissionDenied(SCHEME_RUNNERS_ONLY)


def saved(instance: Any, actor: Actor) -> Any:
    """Save a record with the actor as its history entry's user."""
    instance._history_user = history_user(actor)
    instance.save()
    return instance
