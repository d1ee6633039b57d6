"""Page-number pagination with a caller-chosen page size (at most 500), for every list.

Viewsets get it from ``DEFAULT_PAGINATION_CLASS``. Function views return
``paginated_response(request, queryset, Serializer)`` and are decorated with
``@paginated_list`` above ``@extend_schema(responses=Serializer(many=True))``, so
the schema shows the page envelope (``count``, ``next``, ``previous``,
``results``) they really return.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response


class CadrePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def paginated_response(request: Request, items: Iterable[Any],
                       serializer_class: type[serializers.BaseSerializer],
                       context: dict[str, Any] | None = None) -> Response:
    """One page of ``items`` (a queryset or list) in the API's page envelope."""
    paginator = CadrePagination()
    page = paginator.paginate_queryset(items, request)
    data = serializer_class(page, many=True, context={"request": request, **(context or {})}).data
    return paginator.get_paginated_response(data)


def paginated_list(view: Any) -> Any:
    """Mark an ``@api_view`` function as a paginated list, so the schema shows the page
    envelope around its ``responses=Serializer(many=True)``. Put it above ``@api_view``."""
    view.cls.pagination_class = CadrePagination
    return view
