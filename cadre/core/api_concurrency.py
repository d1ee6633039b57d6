"""``ETag`` and ``If-Match`` for API records (optimistic concurrency).

A detail ``GET`` sends the record's version (``core.versions.record_version``) as
a strong ``ETag``. A ``PATCH`` may send it back in ``If-Match``; the adapter passes
:func:`if_match` to the service, which compares it with the locked row
(``core.versions.check_version``). A stale version raises ``StaleVersion``, which
the API error handler turns into 412 Precondition Failed in the usual error shape,
with the current ``ETag`` in the headers. A ``PATCH`` without ``If-Match`` is
accepted as before.

For a viewset: add :class:`ETagMixin` (``GET`` detail gets the header) and, in
``update``, pass ``if_match=if_match(request)`` to the service and return
``with_etag(Response(...), record)``.
"""

from __future__ import annotations

from django.db import models
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.versions import (
    HISTORY_VERSION,
    StaleVersion,
    record_version,
    with_history_version,
)


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it; read it again and retry."
    default_code = "precondition_failed"


def etag(version: str) -> str:
    """A version as a strong entity tag (quoted)."""
    return f'"{version}"'


def if_match(request: Request) -> tuple[str, ...] | None:
    """The versions in the request's ``If-Match`` header, or None when there is none.

    Weak tags (``W/"…"``) never match (RFC 9110 compares ``If-Match`` strongly), so
    they are kept with their prefix and fail the check.
    """
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        return None
    tags = []
    for part in header.split(","):
        tag = part.strip()
        if tag == "*":
            tags.append("*")
        elif len(tag) >= 2 and tag[0] == tag[-1] == '"':
            tags.append(tag[1:-1])
        else:
            tags.append(tag)  # malformed or weak: never equal to a version
    return tuple(tags)


def with_etag(response: Response, instance: models.Model) -> Response:
    """Set the ``ETag`` header of ``response`` to the version of ``instance`` as stored.

    An instance read through ``core.versions.with_history_version`` carries its latest
    history id, so no further query is needed."""
    if HISTORY_VERSION in instance.__dict__:
        version = record_version(instance, latest_history=instance.__dict__[HISTORY_VERSION])
    else:
        version = record_version(instance)
    response["ETag"] = etag(version)
    return response


def precondition_failed(exc: StaleVersion) -> tuple[PreconditionFailed, dict[str, str]]:
    """The API exception and headers for a stale ``If-Match``."""
    return PreconditionFailed(str(exc)), {"ETag": etag(exc.current)}


class ETagMixin:
    """For a viewset with ``retrieve``: the detail response carries the record's ``ETag``.

    With ``core.objects.VisibleObjectMixin`` the record and its latest history id are
    read in one query."""

    def object_queryset(self) -> models.QuerySet:
        queryset = super().object_queryset()  # type: ignore[misc]
        if getattr(self, "action", None) == "retrieve":
            return with_history_version(queryset)
        return queryset

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        serializer = self.get_serializer(instance)  # type: ignore[attr-defined]
        return with_etag(Response(serializer.data), instance)
