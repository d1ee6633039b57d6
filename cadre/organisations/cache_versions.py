"""Grade and organisation changes bump the ``all`` data stamp (ADR 27)."""

from __future__ import annotations

from cadre.core import stamps


def connect() -> None:
    from cadre.organisations.models import Grade, Location, Organisation

    for model in (Grade, Location, Organisation):
        stamps.watch_all(model)
