"""Helpers shared by the talent pages: reading form values, reporting refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect

from cadre.core.actor import Actor
from cadre.core.exports import ExportFile, ExportFormatError, export_response
from cadre.core.tabular import parse_date

PAGE_SIZE = 50


def actor(request: HttpRequest) -> Actor:
    """The signed-in account making the change."""
    return Actor.for_user(request.user)


def date_value(value: str | None, field: str) -> dt.date | None:
    """A date typed on a form (dd/mm/yyyy or ISO); blank is None."""
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError({field: str(exc)}) from exc


def int_value(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def chosen(organisations: QuerySet, value: str | None) -> Any:
    """The organisation picked on a form, if the account manages it."""
    organisation = organisations.filter(pk=int_value(value) or 0).first()
    if organisation is None:
        raise ValidationError({"organisation": "Choose an organisation you manage."})
    return organisation


def error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def change(request: HttpRequest, action: Callable[[HttpRequest, Model], None], record: Model,
           url_name: str) -> HttpResponse:
    """Apply a POSTed ``action(request, record)`` (the service refuses what the account may
    not do: 403), report any validation error, and go back to the record's page."""
    try:
        action(request, record)
    except ValidationError as exc:
        error(request, exc)
    return redirect(url_name, pk=record.pk)


def download(make: Callable[[], ExportFile]) -> HttpResponse:
    """The export as a download; a bad choice (say the format) is a 400 naming it."""
    try:
        return export_response(make())
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    except ExportFormatError as exc:
        return HttpResponseBadRequest(f"{exc.field}: {exc}")
