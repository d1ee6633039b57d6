"""Reads every accreditation area shares: who the account is and what they run."""

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


def runs_scheme(user: Any) -> bool:
    """The central team and administrators run the schemes, rounds, allocation and panels."""
    return scope_for(user).has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def allocated_assessor_ids(application_id: int) -> set[int]:
    """Person ids of the assessors allocated to an application."""
    from cadre.accreditation.models import Allocation

    return set(Allocation.objects.filter(application_id=application_id)
               .values_list("assessor__person_id", flat=True))
