"""Reads of accounts and role assignments (lists for administrators; see the permission map)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from cadre.access.models import RoleAssignment, User
from cadre.access.roles import Role


def account_list(*, search: str = "") -> QuerySet[User]:
    qs = User.objects.prefetch_related(
        Prefetch("role_assignments",
                 queryset=RoleAssignment.objects.current().select_related("organisation"),
                 to_attr="current_roles")
    )
    if search:
        qs = qs.filter(Q(email__icontains=search) | Q(display_name__icontains=search))
    return qs


def account_detail(pk: int) -> User | None:
    return User.objects.filter(pk=pk).first()


def role_history(user: User) -> QuerySet[RoleAssignment]:
    return user.role_assignments.select_related("organisation").order_by("-granted_at")


def role_descriptions(user: object) -> list[str]:
    """The account's current roles in words, with the organisation a role is for.

    "Head of profession for Department for Work and Pensions"; a superuser without an
    administrator assignment is still described as an administrator.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    words: list[str] = []
    for assignment in (RoleAssignment.objects.current().filter(user=user)
                       .select_related("organisation").order_by("role", "organisation__name")):
        label = assignment.get_role_display()
        if assignment.organisation_id:
            label = f"{label} for {assignment.organisation.name}"
        if label not in words:
            words.append(label)
    if getattr(user, "is_superuser", False) and Role.ADMINISTRATOR.label not in words:
        words.append(Role.ADMINISTRATOR.label)
    return words


def expects_person(user: object) -> bool:
    """Whether the account's roles are ones a person record is needed for.

    Accounts with no role, or only the professional role, work through their own record;
    every other role (central team, analyst, head of profession, ...) has work without one.
    """
    roles = set(RoleAssignment.objects.current().filter(user=user)
                .values_list("role", flat=True))
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMINISTRATOR)
    return roles <= {Role.PROFESSIONAL}
