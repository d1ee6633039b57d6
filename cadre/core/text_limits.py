"""The last line of defence for text limits: no record is saved with text too long.

Every text field of the service's models has a maximum length (``max_length``; for
TextFields :data:`cadre.core.inputs.LONG_TEXT`). Forms, serializers and importers check
them first and name the input; this ``pre_save`` check refuses anything that got past
them with a ``ValidationError`` naming the field, instead of storing it unchecked (SQLite)
or failing in the database (PostgreSQL). Bulk writes skip signals and check their rows
themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


def check_text_lengths(sender: type[models.Model], instance: models.Model,
                       **kwargs: Any) -> None:
    """Raise ``ValidationError`` for any text value longer than its field allows."""
    errors: dict[str, list[str]] = {}
    update_fields = kwargs.get("update_fields")
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and len(value) > field.max_length:
            errors[field.name] = [f"Use at most {field.max_length:,} characters (this has "
                                  f"{len(value):,})."]
    if errors:
        raise ValidationError(errors)


def connect() -> None:
    """Check every model of the service's own apps (``cadre.*``)."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    for model in apps.get_models():
        if model.__module__.startswith("cadre."):
            pre_save.connect(check_text_lengths, sender=model,
                             dispatch_uid=f"text-limits-{model._meta.label}")
