"""Reads every programme shares: who the account is, and whether it is the central team."""

from __future__ import annotations

from typing import Any

from cadre.access.roles import Role
from cadre.access.scope import scope_for


def person_id_of(user: Any) -> int | None:
    """The id of the account's person record; None without one (or signed out)."""
    try:
        person = user.person
    except Exception:  # noqa: BLE001 - no linked person (RelatedObjectDoesNotExist, anonymous)
        return None
    return person.pk if person is not None else None


def is_central(user: Any) -> bool:
    """The central team and administrators, who see and run every programme."""
    return scope_for(user).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
