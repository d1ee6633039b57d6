"""Saves of assessments and profiles bump the person's organisation's data stamp (ADR 27)."""

from __future__ import annotations

from collections.abc import Iterable

from cadre.core import stamps


def organisation_of_person(person_id: int | None) -> list[int | None]:
    """The organisation of a person (by id) as a list, for ``stamps.watch``."""
    from cadre.people.models import Person

    if person_id is None:
        return []
    return list(Person.objects.filter(pk=person_id).values_list("organisation_id", flat=True))


def connect() -> None:
    from cadre.assessments.models import CapabilityProfile, SkillAssessment

    # Assessments are append-only and go only with their person (whose stamp is bumped).
    stamps.watch(SkillAssessment, lambda row: organisation_of_person(row.person_id),
                 deletes=False)
    stamps.watch(CapabilityProfile, lambda row: organisation_of_person(row.person_id))


def assessments_written(person_ids: Iterable[int]) -> None:
    """Bulk-written assessments of these people: bump their organisations (one query)."""
    from cadre.people.models import Person

    ids = sorted(set(person_ids))
    if ids:
        stamps.bump(Person.objects.filter(pk__in=ids).values_list("organisation_id", flat=True)
                    .distinct())
