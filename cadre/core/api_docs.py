"""The API schema and its docs page, answering errors (such as 401 for a visitor who is
not signed in) as JSON in the API's error shape rather than as YAML or HTML."""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


class _JsonErrors:
    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)  # type: ignore[misc]
        self.request.accepted_renderer = JSONRenderer()  # type: ignore[attr-defined]
        self.request.accepted_media_type = "application/json"  # type: ignore[attr-defined]
        return response


class SchemaView(_JsonErrors, SpectacularAPIView):
    """The OpenAPI schema (signed-in users: ``SERVE_PERMISSIONS``)."""


class DocsView(_JsonErrors, SpectacularSwaggerSplitView):
    """Swagger UI over the schema (signed-in users)."""

