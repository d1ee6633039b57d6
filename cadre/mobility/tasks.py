"""Background tasks of mobility: telling opted-in people about a vacancy that fits them."""

from __future__ import annotations

from django_tasks import task

from cadre.mobility.services.notices import tell_matches


@task()
def tell_vacancy_matches(vacancy_id: int) -> int:
    """Rank the vacancy's candidates and message those it fits; how many were told."""
    return len(tell_matches(vacancy_id=vacancy_id))
