"""Versions for shared caches (ADR 27): data stamps bumped by writes, read by caches.

Writes call :func:`bump` (an organisation's data changed) or :func:`bump_all`
(reference data every aggregate depends on changed) inside their transaction, so the
new token commits with the data. Saves through the ORM of the models listed in
:func:`watch` bump on their own (signals); bulk writes, raw SQL and queryset updates
must call :func:`bump` themselves.

Readers take the tokens (:func:`tokens`, one small query) and put them in cache keys
(:func:`key`). A reader that reads the tokens and then the data may store data newer
than its key says, never older, so nothing stale is ever read from the cache.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from cadre.core.models import DataStamp

ALL = "all"


def org_name(organisation_id: int) -> str:
    return f"org:{int(organisation_id)}"


def _bump_names(names: Iterable[str]) -> None:
    wanted = sorted(set(names))  # one order everywhere: no deadlock between two bumps
    if not wanted:
        return
    token = uuid.uuid4().hex
    updated = DataStamp.objects.filter(name__in=wanted).update(token=token)
    if updated < len(wanted):
        have = set(DataStamp.objects.filter(name__in=wanted).values_list("name", flat=True))
        DataStamp.objects.bulk_create(
            [DataStamp(name=n, token=token) for n in wanted if n not in have],
            ignore_conflicts=True)
        DataStamp.objects.filter(name__in=wanted).exclude(token=token).update(token=token)


def bump(organisation_ids: Iterable[int | None]) -> None:
    """The data of these organisations changed (people, capability, workforce, mobility)."""
    _bump_names(org_name(pk) for pk in organisation_ids if pk is not None)


def bump_all() -> None:
    """Data every organisation's aggregates depend on changed (framework, grades, bulk loads)."""
    _bump_names([ALL])


def tokens() -> dict[str, str]:
    """Every stamp's token by name (one query)."""
    return dict(DataStamp.objects.values_list("name", "token"))


def organisation_token(stamps: dict[str, str], organisation_id: int) -> str:
    """What an organisation's cached aggregates depend on: its own stamp and ``all``."""
    return f"{stamps.get(ALL, '0')}.{stamps.get(org_name(organisation_id), '0')}"


def overall_token(stamps: dict[str, str]) -> str:
    """One token for everything (any stamp changed, this changes)."""
    digest = hashlib.sha256()
    for name in sorted(stamps):
        digest.update(f"{name}={stamps[name]};".encode())
    return digest.hexdigest()[:24]


def key(*parts: object) -> str:
    """A cache key from parts (tokens, ids, names)."""
    return ":".join(str(p) for p in parts)


def watch(model: type[models.Model], organisation_of: Callable[[Any], Iterable[int | None]],
          *, field: str | None = None, deletes: bool = True) -> None:
    """Bump the organisations ``organisation_of(instance)`` names whenever an instance is
    saved or deleted through the ORM. With ``field`` (the organisation's attribute of the
    model itself), the organisation the row had before the save is bumped too. Without
    ``deletes`` (append-only rows that go only with their person), deletions are left to
    the person's own stamp, so a cascade can still delete without loading each row."""
    from django.db.models.signals import post_delete, post_save, pre_save

    def before(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw") or instance.pk is None:
            return
        instance._stamp_previous = model._default_manager.filter(pk=instance.pk).values_list(
            field, flat=True).first()

    def changed(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        bump([*organisation_of(instance), getattr(instance, "_stamp_previous", None)])

    uid = f"cadre-stamp-{model._meta.label}"
    if field is not None:
        pre_save.connect(before, sender=model, weak=False, dispatch_uid=uid + "-before")
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    if deletes:
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-delete")


def watch_all(model: type[models.Model]) -> None:
    """Bump ``all`` whenever an instance of ``model`` is saved or deleted through the ORM."""
    from django.db.models.signals import post_delete, post_save

    def changed(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            bump_all()

    uid = f"cadre-stamp-all-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-delete")
