"""Pages answer a lost workflow race with a 409 page instead of a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from cadre.core.workflow import TransitionConflict


class TransitionConflictMiddleware:
    """Render ``TransitionConflict`` raised by a page view as HTTP 409 with the current state.

    The API answers the same exception through ``core.api_errors`` (DRF handles it first).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception
                          ) -> HttpResponse | None:
        if not isinstance(exception, TransitionConflict):
            return None
        back = request.path
        referer = request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            back = referer
        return render(request, "core/conflict.html", {"conflict": exception, "back": back},
                      status=409)
