"""Partial updates that write only what changed, on a locked row.

A service that updates a record reads it again with ``lock_row`` inside its
transaction, applies the caller's values with ``apply_changes`` and saves with
``update_fields`` set to the fields that really changed; two concurrent updates of
different fields then both survive.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock_row(instance: M) -> M:
    """The row of ``instance`` read again under ``SELECT … FOR UPDATE`` (inside a transaction)."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _stored(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def _incoming(instance: models.Model, name: str, value: Any) -> Any:
    field = instance._meta.get_field(name)
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def apply_changes(instance: models.Model, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the values that differ from the stored ones; return ``{field: (before, after)}``.

    Related records compare by primary key, so no related row is loaded.
    """
    changed: dict[str, tuple[Any, Any]] = {}
    for name, value in changes.items():
        before = _stored(instance, name)
        if before == _incoming(instance, name, value):
            continue
        before_shown = getattr(instance, name) if instance._meta.get_field(name).is_relation \
            else before
        setattr(instance, name, value)
        changed[name] = (before_shown, value)
    return changed
