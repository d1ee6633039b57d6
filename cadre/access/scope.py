"""What a signed-in account may see, worked out once per request.

Selectors in every app take the ``Scope`` and filter their querysets by it, so
lists, detail pages, API results and exports are all limited the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre.access.models import RoleAssignment
from cadre.access.roles import GOVERNMENT_WIDE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    authenticated: bool
    roles: frozenset[str] = frozenset()
    #: Organisations in which the account holds each organisation-scoped role.
    role_organisations: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def government_wide(self) -> bool:
        return bool(self.roles & GOVERNMENT_WIDE_ROLES)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def organisations_for(self, role: str) -> frozenset[int]:
        return self.role_organisations.get(role, frozenset())

    @property
    def profession_organisations(self) -> frozenset[int]:
        """Organisations whose people this account manages as head of profession."""
        return self.organisations_for(Role.HEAD_OF_PROFESSION)

    @property
    def managed_organisation_ids(self) -> frozenset[int] | None:
        """The organisations this account manages; None means every organisation."""
        if self.government_wide:
            return None
        return self.profession_organisations

    def manages(self, organisation: Any) -> bool:
        """Whether the account manages ``organisation`` (an Organisation or its id).

        The one rule: administrators (superusers count as administrators) and the central
        team manage every organisation; a head of profession manages their organisations.
        """
        if not self.authenticated:
            return False
        if self.government_wide:
            return True
        organisation_id = getattr(organisation, "pk", organisation)
        return organisation_id is not None and organisation_id in self.profession_organisations


ANONYMOUS = Scope(authenticated=False)


def scope_for(user: object) -> Scope:
    """Return (and cache on the user object) the account's current roles and scopes."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_cadre_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    orgs: dict[str, set[int]] = {}
    for role, organisation_id in RoleAssignment.objects.current().filter(user=user).values_list(
        "role", "organisation_id"
    ):
        roles.add(role)
        if organisation_id is not None:
            orgs.setdefault(role, set()).add(organisation_id)
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMINISTRATOR)
    scope = Scope(
        authenticated=True,
        roles=frozenset(roles),
        role_organisations={k: frozenset(v) for k, v in orgs.items()},
    )
    user._cadre_scope = scope  # type: ignore[attr-defined]
    return scope


def forget_scope(user: object) -> None:
    """Drop the cached scope after the account's roles change."""
    if hasattr(user, "_cadre_scope"):
        del user._cadre_scope  # type: ignore[attr-defined]
