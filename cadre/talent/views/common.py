"""Helpers shared by the talent pages: the actor, ids from the query string, downloads.

Forms (``cadre/talent/forms.py``) read and check what was typed; a refusal is shown on the
same page with the error summary, never as a message after a redirect."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from cadre.core.actor import Actor
from cadre.core.exports import ExportFile, ExportFormatError, export_response

PAGE_SIZE = 50


def actor(request: HttpRequest) -> Actor:
    """The signed-in account making the change."""
    return Actor.for_user(request.user)


def int_value(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def download(make: Callable[[], ExportFile]) -> HttpResponse:
    """The export as a download; a bad choice (say the format) is a 400 naming it."""
    try:
        return export_response(make())
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    except ExportFormatError as exc:
        return HttpResponseBadRequest(f"{exc.field}: {exc}")
