"""DRF permission class applying the same permission map to API views."""

from __future__ import annotations

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import BasePermission

from cadre.access.permission_map import permission_map, rule_for


class PermissionMapPermission(BasePermission):
    """The map's rule for the URL and method; a method the map does not name for a
    mapped URL is 405 Method Not Allowed (JSON), like a method the view lacks."""

    message = "You do not have access to this endpoint."

    def has_permission(self, request, view) -> bool:  # noqa: ANN001
        match = request.resolver_match
        rule = rule_for(match, request.method)
        if rule is None:
            if match is not None and match.view_name in permission_map():
                raise MethodNotAllowed(request.method)
            return False
        if request.method.upper() not in getattr(view, "allowed_methods", [request.method]):
            return True  # the view answers 405 itself
        return rule.allows(request.user)
