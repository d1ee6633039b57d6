"""Record versions: a short token that changes whenever a record is written.

The version is a hash of the record's stored column values and, for models with
simple-history, the id of its latest history row. Any write changes it: one that
changes a value changes the hash, and one that writes the same values again still
adds a history row. The API sends it as the ``ETag``; a client sends it back in
``If-Match`` and the service compares it with :func:`check_version` after locking
the row, so a change based on a stale read is refused instead of lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection

from django.db import models


class StaleVersion(Exception):
    """The record changed after the caller read it (HTTP 412 in the API)."""

    def __init__(self, current: str) -> None:
        super().__init__("The record has changed since you read it; read it again and retry.")
        self.current = current


def _latest_history_id(instance: models.Model) -> int | None:
    attribute = getattr(instance._meta, "simple_history_manager_attribute", None)
    if not attribute or instance.pk is None:
        return None
    history = getattr(instance, attribute)
    key = history.model._meta.pk.attname
    return history.order_by(f"-{key}").values_list(key, flat=True).first()


def record_version(instance: models.Model) -> str:
    """The record's current version, as stored (read the row fresh before calling)."""
    values = [(f.attname, getattr(instance, f.attname)) for f in instance._meta.concrete_fields]
    payload = json.dumps([instance._meta.label, values, _latest_history_id(instance)],
                         default=str, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def check_version(instance: models.Model, expected: Collection[str] | None) -> None:
    """Raise :class:`StaleVersion` unless ``expected`` is None, holds ``*`` or the version.

    Call it on the row locked with ``select_for_update`` inside the write's transaction.
    """
    if expected is None:
        return
    current = record_version(instance)
    if "*" not in expected and current not in expected:
        raise StaleVersion(current)
