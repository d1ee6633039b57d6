"""Workforce record and extract saves bump their organisation's data stamp (ADR 27).

Bulk writes (the HR extract import, the demo government) call
:func:`workforce_changed` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from cadre.core import stamps


def workforce_changed(organisation_ids: Iterable[int | None]) -> None:
    """Call after a bulk write to these organisations' people, records or extracts (inside
    its transaction): the picture, coverage and the match matrix are worked out again."""
    stamps.bump(organisation_ids)


def connect() -> None:
    from cadre.assessments.cache_versions import organisation_of_person
    from cadre.workforce.models import Extract, WorkforceRecord

    stamps.watch(WorkforceRecord, lambda row: organisation_of_person(row.person_id))
    stamps.watch(Extract, lambda row: [row.organisation_id])
