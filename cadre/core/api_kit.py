"""Small helpers shared by the talent API modules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_pagination import CadrePagination


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    """The validated input, or a 400 listing every field's error."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def paginated(request: Request, qs: QuerySet,
              serializer_class: type[serializers.BaseSerializer]) -> Response:
    """One page of ``qs`` serialised, with the usual count/next/previous."""
    paginator = CadrePagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)
