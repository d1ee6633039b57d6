"""Aggregate headcounts of current staff (``people.selectors.current_filter``: no leaving
date, or one still to come) for analysts, with small cells suppressed.

Each organisation's counts are kept in the shared cache under its data stamp (ADR 27), so
a request counts only the organisations whose people changed since, not all 50,000 people
twice (two GROUP BYs took about 140 ms of CPU at that size on SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from cadre.core import stamps
from cadre.core.suppression import SuppressedTable, suppress_table
from cadre.organisations.models import Grade, Organisation, OrganisationType
from cadre.people.models import EmploymentType, Person
from cadre.people.selectors import current_filter


@dataclass
class CrossTab:
    caption: str
    row_labels: list[str]
    column_labels: list[str]
    table: SuppressedTable

    def rows(self) -> list[tuple[str, list[object], object]]:
        return [
            (label, [self.table.display(i, j) for j in range(len(self.column_labels))],
             self.table.display_row_total(i))
            for i, label in enumerate(self.row_labels)
        ]

    def column_totals(self) -> list[object]:
        return [self.table.display_col_total(j) for j in range(len(self.column_labels))]


#: How long an organisation's counts stay in the cache (its stamp changes with its data).
HEADCOUNT_CACHE_SECONDS = 24 * 60 * 60


def _headcounts(organisations: dict[int, str]) -> dict[int, list[tuple[int | None, str, int]]]:
    """Per organisation: (grade id, employment type, current people), from the cache where
    the organisation's stamp has not changed, else counted in one GROUP BY."""
    tokens = stamps.tokens()
    today = timezone.localdate()
    keys = {org: stamps.key("headcount", today, stamps.organisation_token(tokens, org), org)
            for org in organisations}
    found = cache.get_many(list(keys.values())) if keys else {}
    parts = {org: found[k] for org, k in keys.items() if k in found}
    missing = [org for org in organisations if org not in parts]
    if missing:
        fresh: dict[int, list[tuple[int | None, str, int]]] = {org: [] for org in missing}
        current = Person.objects.filter(current_filter())
        if len(missing) <= len(organisations) // 2:
            current = current.filter(organisation_id__in=missing)
        grouped = (current.values_list("organisation_id", "grade_id", "employment_type")
                   .annotate(n=Count("id")).order_by())
        for org, grade, employment, n in grouped:
            if org in fresh:
                fresh[org].append((grade, employment, n))
        cache.set_many({keys[org]: rows for org, rows in fresh.items()},
                       HEADCOUNT_CACHE_SECONDS)
        parts.update(fresh)
    return parts


def _crosstab(caption: str, counts: np.ndarray, row_labels: list[str]) -> CrossTab:
    return CrossTab(
        caption=caption, row_labels=row_labels,
        column_labels=[label for _, label in EmploymentType.choices],
        table=suppress_table(counts),
    )


def headcount_tables() -> list[CrossTab]:
    """Headcount of current staff by organisation type and by grade, by employment type."""
    grades = list(Grade.objects.order_by("scheme", "rank"))
    organisations = dict(Organisation.objects.values_list("pk", "type"))
    columns = {k: j for j, k in enumerate(EmploymentType.values)}
    types = {k: i for i, k in enumerate(OrganisationType.values)}
    grade_rows = {g.pk: i for i, g in enumerate(grades)}
    by_type = np.zeros((len(types), len(columns)), dtype=np.int64)
    by_grade = np.zeros((len(grades), len(columns)), dtype=np.int64)
    for org, rows in _headcounts(organisations).items():
        t = types.get(organisations[org])
        for grade, employment, n in rows:
            j = columns.get(employment)
            if j is None:
                continue
            if t is not None:
                by_type[t, j] += n
            if grade in grade_rows:
                by_grade[grade_rows[grade], j] += n
    return [
        _crosstab("Headcount by organisation type and employment type", by_type,
                  [label for _, label in OrganisationType.choices]),
        _crosstab("Headcount by grade and employment type", by_grade,
                  [g.name for g in grades]),
    ]
