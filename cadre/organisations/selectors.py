"""Reads of organisations, units and grades.

Organisations, their unit trees and the grade list are reference data: every
signed-in account may read them. Named people are scoped in ``people.selectors``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cadre.organisations.models import Grade, Organisation, Unit


def organisation_list(*, search: str = "", type: str = "") -> QuerySet[Organisation]:  # noqa: A002
    qs = Organisation.objects.select_related("parent")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(abbreviation__icontains=search))
    if type:
        qs = qs.filter(type=type)
    return qs


def organisation_by_abbreviation(abbreviation: str) -> Organisation | None:
    return Organisation.objects.filter(abbreviation__iexact=abbreviation.strip()).first()


def unit_tree(organisation: Organisation) -> list[tuple[Unit, int]]:
    """Units in path order with their depth, for an indented list."""
    units = Unit.objects.filter(organisation=organisation).order_by("path")
    return [(u, min(u.path.count("/"), 4)) for u in units]


def grade_list() -> QuerySet[Grade]:
    return Grade.objects.select_related("civil_service_equivalent")


def grades_by_code() -> dict[str, Grade]:
    """Grades keyed by upper-cased code and name, for imports."""
    found: dict[str, Grade] = {}
    for grade in Grade.objects.all():
        found[grade.code.upper()] = grade
        found.setdefault(grade.name.upper(), grade)
    return found
