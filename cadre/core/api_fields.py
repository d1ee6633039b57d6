"""Serializer fields for ids and bounded lists, so every API input has a range.

A database key column holds at most 2**63 - 1; an id outside 1..that is refused
with a 400 naming the field instead of reaching the database.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import serializers

from cadre.core.inputs import MAX_ID

#: The most ids one list input may carry.
MAX_IDS = 500


_ASCII_DIGITS = re.compile(r"[0-9]+")


class IdField(serializers.IntegerField):
    """A record id: a whole number from 1 to the largest key the database holds."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        # int() reads other scripts' digits ("١", "１") as numbers: an id is ASCII digits.
        if isinstance(data, str) and not _ASCII_DIGITS.fullmatch(data.strip()):
            self.fail("invalid")
        return super().to_internal_value(data)


def id_list(**kwargs: Any) -> serializers.ListField:
    """A list of ids (at most :data:`MAX_IDS`)."""
    kwargs.setdefault("max_length", MAX_IDS)
    return serializers.ListField(child=IdField(), **kwargs)
