"""The API's OpenAPI schema: drf-spectacular's ``AutoSchema`` plus the error responses
that every endpoint can give, so the schema documents every status the API answers with.

Every operation may answer 401 (no valid credentials) and 403 (the permission map or the
service refuses). A write (its service's rules), or a read with query parameters other
than the page ones, may answer 400; one with a body 415 when the body is in a media type
it does not read; one with path parameters, or a ``page`` beyond the last, 404. All carry
the error shape of ``cadre.core.api_errors``. An endpoint that can also answer 409 or 412
says so itself with ``@extend_schema(responses={409: ConflictSerializer, ...})``; an error
response it declares itself is never replaced. ``tests/test_api_schema_conformance.py``
checks the result against what the API really returns (ADR 18).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cadre.core.api_errors import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": "The request has errors; each is named by its field.",
    "401": "No valid credentials (a session or an API token).",
    "403": "The account may not do this.",
    "404": "No such record, or none the account may see.",
    "415": "The body is not in a media type the endpoint reads.",
}
PAGE_PARAMETERS = frozenset({"page", "page_size"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CadreAutoSchema(AutoSchema):
    """``AutoSchema`` that adds the shared error responses to every operation."""

    def error_codes(self, operation: dict[str, Any]) -> list[str]:
        """The shared error statuses ``operation`` can answer with."""
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        codes = ["401", "403"]
        if self.method in WRITE_METHODS or "requestBody" in operation or query - PAGE_PARAMETERS:
            codes.append("400")
        if any(p["in"] == "path" for p in parameters) or "page" in query:
            codes.append("404")
        if "requestBody" in operation:
            codes.append("415")
        return codes

    def get_operation(self, path: str, path_regex: str, path_prefix: str, method: str,
                      registry: Any) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = {"application/json": {"schema": self.resolve_serializer(
            ErrorSerializer, "response").ref}}
        responses = operation["responses"]
        for code in self.error_codes(operation):
            responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code],
                                        "content": error})
        operation["responses"] = dict(sorted(responses.items()))
        return operation


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}],
                      "description": "A count, or a label in its place: \"fewer than 5\" "
                                     "when it counts 1 to 4 people, \"[c]\" when it is "
                                     "hidden only so that it cannot reveal such a count."})
class CountOrLabelField(serializers.Field):
    """Read only: a number from ``core.suppression``, or the label shown instead of it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return value
