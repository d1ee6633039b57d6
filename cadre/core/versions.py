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
from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery

#: The attribute :func:`with_history_version` annotates each row with.
HISTORY_VERSION = "_cadre_latest_history_id"
#: ``record_version``'s default: read the latest history id with a query of its own.
_READ = object()


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


def with_history_version(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with each row's latest history id read in the same query (as the
    attribute ``HISTORY_VERSION``), so its version costs no second query. Pass it to
    :func:`record_version` as ``latest_history``, straight after the read."""
    model = queryset.model
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    if not attribute:
        return queryset
    history = getattr(model, attribute).model
    key = history._meta.pk.attname
    latest = (history._default_manager.filter(**{model._meta.pk.attname: OuterRef("pk")})
              .order_by(f"-{key}").values(key)[:1])
    return queryset.annotate(**{HISTORY_VERSION: Subquery(latest)})


def record_version(instance: models.Model, *, latest_history: Any = _READ) -> str:
    """The record's current version, as stored (read the row fresh before calling).

    ``latest_history``: the latest history id when the row was read with
    :func:`with_history_version` (None: no history yet); by default it is read here."""
    values = [(f.attname, getattr(instance, f.attname)) for f in instance._meta.concrete_fields]
    if latest_history is _READ:
        latest_history = _latest_history_id(instance)
    payload = json.dumps([instance._meta.label, values, latest_history],
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
