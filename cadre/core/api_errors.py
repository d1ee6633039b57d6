"""One error format for the whole API.

Every error response is ``{"detail": "...", "errors": [{"field": ..., "message": ...}]}``;
``field`` is null for errors that are not about one field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cadre.core.api_concurrency import precondition_failed
from cadre.core.versions import StaleVersion
from cadre.core.workflow import TransitionConflict


class Conflict(exceptions.APIException):
    """HTTP 409: a workflow step no longer possible from the record's current state."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record has changed; reload it and try again."
    default_code = "conflict"


def _flatten(data: Any, prefix: str | None = None) -> list[dict[str, str | None]]:
    """Field names as a client writes them: ``items[2].text``, ``locations[0]``."""
    if isinstance(data, dict):
        out: list[dict[str, str | None]] = []
        for key, value in data.items():
            if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
                name = f"{prefix or ''}[{key}]"  # a ListField's child error
            else:
                field = None if key in ("non_field_errors", "detail", "__all__") else key
                name = f"{prefix}.{field}" if prefix and field else (field or prefix)
            out.extend(_flatten(value, name))
        return out
    if isinstance(data, list):
        out = []
        nested = any(isinstance(item, dict) for item in data)  # a list of objects
        for index, item in enumerate(data):
            out.extend(_flatten(item, f"{prefix or ''}[{index}]" if nested else prefix))
        return out
    return [{"field": prefix, "message": str(data)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    headers: dict[str, str] = {}
    conflict = exc if isinstance(exc, TransitionConflict) else None
    if conflict is not None:
        exc = Conflict(conflict.message)
    if isinstance(exc, StaleVersion):
        exc, headers = precondition_failed(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = _flatten(response.data)
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        detail = "The request has errors."
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = str(response.data["detail"])
    else:
        detail = errors[0]["message"] if errors else "Error"
    response.data = {"detail": detail, "errors": errors}
    if conflict is not None:
        response.data["errors"] = [{"field": "state", "message": conflict.message}]
        response.data["current_state"] = conflict.current_state
    for name, value in headers.items():
        response[name] = value
    return response


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """The schema of every error response (for ``extend_schema(responses={400: …})``)."""

    detail = serializers.CharField()
    errors = ErrorItemSerializer(many=True)


class FileErrorItemSerializer(ErrorItemSerializer):
    row = serializers.IntegerField(allow_null=True, required=False,
                                   help_text="The row of a problem in the file")
    column = serializers.CharField(allow_null=True, required=False,
                                   help_text="The file's own column name")


class FileErrorSerializer(serializers.Serializer):
    """The schema of a 400 from an import: each error may name a row and a column."""

    detail = serializers.CharField()
    errors = FileErrorItemSerializer(many=True)


class ConflictSerializer(ErrorSerializer):
    """A 409: the workflow step is no longer possible; ``current_state`` is where it is now."""

    current_state = serializers.CharField()
