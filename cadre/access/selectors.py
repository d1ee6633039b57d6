"""Reads of accounts and role assignments (administrators only; see the permission map)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from cadre.access.models import RoleAssignment, User


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
