"""Aggregate headcounts of current staff (``people.selectors.current_filter``: no leaving
date, or one still to come) for analysts, with small cells suppressed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count

from cadre.core.suppression import SuppressedTable, suppress_table
from cadre.organisations.models import Grade, OrganisationType
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


def _crosstab(caption: str, row_field: str, row_keys: list, row_labels: list[str]) -> CrossTab:
    columns = list(EmploymentType.values)
    index = {k: i for i, k in enumerate(row_keys)}
    counts = np.zeros((len(row_keys), len(columns)), dtype=np.int64)
    grouped = (
        Person.objects.filter(current_filter())
        .values(row_field, "employment_type")
        .annotate(n=Count("id"))
    )
    for item in grouped:
        i = index.get(item[row_field])
        if i is not None and item["employment_type"] in columns:
            counts[i, columns.index(item["employment_type"])] += item["n"]
    return CrossTab(
        caption=caption, row_labels=row_labels,
        column_labels=[label for _, label in EmploymentType.choices],
        table=suppress_table(counts),
    )


def headcount_tables() -> list[CrossTab]:
    """Headcount of current staff by organisation type and by grade, by employment type."""
    grades = list(Grade.objects.order_by("scheme", "rank"))
    return [
        _crosstab(
            "Headcount by organisation type and employment type", "organisation__type",
            list(OrganisationType.values), [label for _, label in OrganisationType.choices],
        ),
        _crosstab(
            "Headcount by grade and employment type", "grade_id",
            [g.pk for g in grades], [g.name for g in grades],
        ),
    ]
