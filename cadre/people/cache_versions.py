"""Saves of people bump their organisations' data stamps (``cadre.core.stamps``, ADR 27)."""

from __future__ import annotations

from cadre.core import stamps


def connect() -> None:
    from cadre.people.models import Person

    # A move changes the organisation: both the old and the new one are bumped.
    stamps.watch(Person, lambda p: [p.organisation_id], field="organisation_id")
