"""Validating API input with a serializer, shared by the API modules."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


def validated(serializer_class: type[serializers.Serializer], data: Any, *,
              partial: bool = False) -> dict:
    """The validated input, or a 400 listing every field's error. ``partial`` (PATCH) makes
    every field optional: the result holds only the fields that were sent."""
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
