"""Ids in API input: ASCII digits from 1 to the largest key, nothing else."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from cadre.core.api_fields import IdField, id_list
from cadre.core.inputs import MAX_ID


class _Input(serializers.Serializer):
    person = IdField()
    skills = id_list(required=False)


@pytest.mark.parametrize("value", [1, "1", " 42 ", MAX_ID, str(MAX_ID)])
def test_whole_numbers_in_range_are_ids(value) -> None:  # noqa: ANN001
    checked = _Input(data={"person": value})
    assert checked.is_valid(), checked.errors
    assert checked.validated_data["person"] == int(str(value).strip())


@pytest.mark.parametrize("value", ["١", "１", "²", "٣٤", "1.0", "-1", 0, MAX_ID + 1, "", "x",
                                   "1\x00"])
def test_anything_else_is_refused_naming_the_field(value) -> None:  # noqa: ANN001
    checked = _Input(data={"person": value})
    assert not checked.is_valid()
    assert set(checked.errors) == {"person"}


def test_list_items_are_checked_the_same_way() -> None:
    checked = _Input(data={"person": 1, "skills": [1, "１"]})
    assert not checked.is_valid()
    assert set(checked.errors) == {"skills"}
