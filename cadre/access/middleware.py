"""Enforces the permission map on every page request."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from rest_framework.views import APIView

from cadre.access.permission_map import rule_for


class PermissionMapMiddleware:
    """Refuse any URL missing from the map, and any request its rule does not allow.

    API views are checked by ``PermissionMapPermission`` instead, after DRF has
    authenticated the token; they still must have an entry in the map.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):  # noqa: ANN001, ANN201
        try:
            match = request.resolver_match or resolve(request.path_info)
        except Resolver404:
            return None
        view_class = getattr(view_func, "cls", None)
        if view_class is not None and issubclass(view_class, APIView):
            # DRF checks the map after authenticating, and answers a method the URL
            # does not take with its own JSON 405.
            return None
        rule = rule_for(match, request.method or "GET")
        if rule is None:
            raise PermissionDenied("This address is not in the permission map.")
        if rule.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("You do not have access to this page.")
