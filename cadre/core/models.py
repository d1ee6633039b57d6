"""Core tables: only the data stamps that version shared caches (ADR 27)."""

from __future__ import annotations

from django.db import models


class DataStamp(models.Model):
    """A token that changes whenever the data it names changes.

    ``name`` is ``all`` (data every aggregate depends on: the framework, grades) or
    ``org:<id>`` (one organisation's people, capability, workforce and preferences).
    The token is a fresh random value on every change, never a counter, so a change
    rolled back can never give a later change the same token. Shared caches
    (``cadre.core.stamps``) put tokens in their keys: a changed token is a new key, so a
    stale entry is never read.
    """

    name = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"
