"""What each account chose to receive, kind by kind."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.notifications.kinds import MessageKind, all_kinds
from cadre.notifications.models import Preference
from cadre.notifications.selectors import preferences_for


def _choice_problem(kind: MessageKind, choice: object) -> str | None:
    """Why ``choice`` cannot be stored for ``kind``, or None when it can."""
    if choice not in Preference.Choice.values:
        return (f"Choose one of {', '.join(Preference.Choice.values)} for {kind.title}, "
                f"not {str(choice)[:40]!r}.")
    if kind.mandatory and choice != Preference.Choice.AT_ONCE:
        return (f"{kind.title} is required: it is always sent at once and cannot be "
                f"changed to {Preference.Choice(choice).label.lower()}.")
    if getattr(kind, "digest_only", False) and choice == Preference.Choice.AT_ONCE:
        return (f"{kind.title} only comes in the weekly digest: choose weekly digest "
                "or never.")
    return None


@transaction.atomic
def set_preferences(*, actor: Actor | Any, choices: dict[str, str],
                    user: Any | None = None) -> dict[str, str]:
    """Store how an account wants each kind of message; every kind's choice afterwards.

    ``choices`` maps kind keys to ``at_once``, ``weekly`` or ``never``; kinds left out keep
    their choice. An account changes only its own choices; the command line and the system
    change anyone's (``user``). An unknown kind, an unknown choice, a mandatory kind set to
    anything but "at once", or a digest-only kind set to "at once" is refused by kind and
    nothing is stored.
    """
    actor = Actor.coerce(actor)
    if actor.is_user:
        if user is not None and getattr(user, "pk", None) != actor.user.pk:
            raise PermissionDenied("You can change only your own messages.")
        user = actor.user
    elif not actor.trusted:
        raise PermissionDenied("Sign in to choose which messages you get.")
    if user is None or getattr(user, "pk", None) is None:
        raise ValidationError({"user": "Name the account whose choices to change."})
    kinds = all_kinds()
    errors: dict[str, list[str]] = {}
    for key, choice in choices.items():
        kind = kinds.get(key)
        problem = (f"No message kind {str(key)[:40]!r}; known: {', '.join(sorted(kinds))}."
                   if kind is None else _choice_problem(kind, choice))
        if problem:
            errors.setdefault(str(key), []).append(problem)
    if errors:
        raise ValidationError(errors)
    before = dict(Preference.objects.select_for_update().filter(user=user)
                  .values_list("kind", "choice"))
    changed = {}
    for key, choice in choices.items():
        if before.get(key, Preference.Choice.AT_ONCE) == choice and (
                key in before or choice == Preference.Choice.AT_ONCE):
            continue
        Preference.objects.update_or_create(user=user, kind=key, defaults={"choice": choice})
        changed[key] = choice
    if changed:
        record_event(actor=actor, action=AuditEvent.Action.ACCOUNT_UPDATED, target=user,
                     summary=f"Message choices of {user.email} changed: " + ", ".join(
                         f"{key} {choice}" for key, choice in sorted(changed.items())),
                     data={"changed": changed})
    return {k.key: k.choice for k in preferences_for(user)}
