"""DRF permission class applying the same permission map to API views."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from cadre.access.permission_map import rule_for


class PermissionMapPermission(BasePermission):
    message = "You do not have access to this endpoint."

    def has_permission(self, request, view) -> bool:  # noqa: ANN001
        rule = rule_for(request.resolver_match, request.method)
        return rule is not None and rule.allows(request.user)
