"""Reads of organisations, units and grades.

Organisations, their unit trees and the grade list are reference data: every
signed-in account may read them. Named people are scoped in ``people.selectors``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from cadre.organisations.models import (
    ROLL_UP_KINDS,
    Grade,
    Organisation,
    OrganisationChange,
    OrganisationName,
    Unit,
)
from cadre.organisations.name_matching import NameIndex


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


# Former names and machinery-of-government changes (issue 19) -------------------------


def organisation_name_index() -> NameIndex[int]:
    """Every organisation's current and former names and abbreviations (two queries)."""
    former: dict[int, list[tuple[str, str]]] = {}
    for org_id, name, abbreviation in OrganisationName.objects.values_list(
            "organisation_id", "name", "abbreviation"):
        former.setdefault(org_id, []).append((name, abbreviation))
    index: NameIndex[int] = NameIndex()
    for org_id, name, abbreviation in Organisation.objects.values_list(
            "pk", "name", "abbreviation"):
        names = former.get(org_id, [])
        index.add(org_id, name=name, abbreviation=abbreviation,
                  former_names=[n for n, _ in names],
                  former_abbreviations=[a for _, a in names if a])
    return index


def match_organisation_names(names: Iterable[str]) -> dict[str, Organisation | None]:
    """Each name to the one organisation it names, or None when none or several do.

    A name is compared after ``name_matching.normalise`` with current names, then former
    names, then abbreviations (current, then former); the first of those that knows the
    name decides, and it must point to exactly one organisation.
    """
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    index = organisation_name_index()
    ids = {name: index.match(name) for name in wanted}
    found = Organisation.objects.in_bulk({i for i in ids.values() if i is not None})
    return {name: (found.get(org_id) if org_id is not None else None)
            for name, org_id in ids.items()}


def current_successors(organisation_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each id, the open organisations its figures roll up into (ids, ascending).

    An open organisation (no ``active_to``) maps to itself. A closed one follows its
    renames, mergers and splits (``ROLL_UP_KINDS``; a transfer of functions does not move
    its figures) until it reaches open organisations; with none, it maps to ``[]``.
    An id that is not an organisation maps to ``[]``.
    """
    wanted = list(dict.fromkeys(organisation_ids))
    if not wanted:
        return {}
    closed = set(Organisation.objects.filter(active_to__isnull=False)
                 .values_list("pk", flat=True))
    exists = set(Organisation.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    onward: dict[int, set[int]] = {}
    for before, after in OrganisationChange.objects.filter(
            kind__in=ROLL_UP_KINDS, successor__isnull=False).values_list(
            "predecessor_id", "successor_id"):
        onward.setdefault(before, set()).add(after)
    result: dict[int, list[int]] = {}
    for start in wanted:
        if start not in exists:
            result[start] = []
            continue
        reached: set[int] = set()
        seen, queue = {start}, deque([start])
        while queue:
            current = queue.popleft()
            if current not in closed:
                reached.add(current)
                continue
            for nxt in onward.get(current, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        result[start] = sorted(reached)
    return result


def former_names(organisation: Organisation) -> QuerySet[OrganisationName]:
    return OrganisationName.objects.filter(organisation=organisation).select_related(
        "organisation").order_by(F("valid_from").asc(nulls_first=True), "name")


def organisation_changes(organisation: Organisation | None = None,
                         ) -> QuerySet[OrganisationChange]:
    """Changes (all, or those ``organisation`` took part in), oldest first."""
    qs = OrganisationChange.objects.select_related("predecessor", "successor")
    if organisation is not None:
        qs = qs.filter(Q(predecessor=organisation) | Q(successor=organisation))
    return qs.order_by("date", "predecessor__name", "successor__name", "pk")


def all_former_names() -> QuerySet[OrganisationName]:
    return OrganisationName.objects.select_related("organisation").order_by(
        "organisation__name", F("valid_from").asc(nulls_first=True), "name")
