"""Reads for the workforce picture: who may see which organisation, and the aggregates.

The profession is read in one query of plain numbers straight into NumPy (one
entry per person), each extract's counts in one grouped query (cached, as an
extract is a snapshot), names in small look-ups; ``cadre.workforce.picture``
turns them into tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import chain

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core import stamps
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import CONTINGENT_TYPES, EmploymentType, Person
from cadre.people.selectors import current_filter
from cadre.workforce.models import Extract, ExtractRecord, WorkforceRecord
from cadre.workforce.picture import (
    NOT_RECORDED,
    ExtractPoint,
    Labels,
    Profession,
    Table,
    build_picture,
)
from cadre.workforce.selectors import managed_organisations


@dataclass(frozen=True)
class PictureAccess:
    organisation: Organisation
    #: True when the account sees exact counts (the organisation's heads of
    #: profession, the central team, administrators); False means suppressed.
    exact: bool


def picture_organisations(user: object) -> QuerySet[Organisation]:
    """Organisations whose picture the account may open (exactly or suppressed)."""
    if scope_for(user).has(Role.ANALYST):
        orgs = Organisation.objects.all()
    else:
        orgs = managed_organisations(user)
    # A closed organisation is listed only while it has people or extracts to picture.
    return orgs.open_or(Extract.objects.values("organisation_id"),
                        Person.objects.values("organisation_id"))


def picture_access(user: object, abbreviation: str) -> PictureAccess | None:
    """The organisation and how the account sees it, or None (a 404) when out of scope."""
    organisation = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
    if organisation is None:
        return None
    if scope_for(user).manages(organisation):  # the same scope as extracts and reviews
        return PictureAccess(organisation, exact=True)
    if scope_for(user).has(Role.ANALYST):
        return PictureAccess(organisation, exact=False)
    return None


def senior_access(user: object, abbreviation: str) -> Organisation | None:
    """The organisation whose named Senior Civil Service the account may see, else None."""
    access = picture_access(user, abbreviation)
    return access.organisation if access is not None and access.exact else None


_EMPLOYMENT_TYPES = list(EmploymentType.values)


def profession(organisation_id: int | None = None, *,
               comparable_grades: bool = False) -> Profession:
    """The current profession as columns, from one GROUP BY query (one entry per group of
    people sharing role level, grade, location, employment type and organisation).

    The database counts; every selected value is a number (missing ones as -1,
    employment types as their position in ``EmploymentType``), read with a plain cursor
    straight into NumPy. Each organisation's groups are kept in the shared cache under its
    data stamp (ADR 27), so only organisations whose data changed are grouped again.
    """
    data = _profession_groups(organisation_id)
    return _profession_from(data, organisation_id, comparable_grades)


#: Seconds an organisation's grouped profession stays in the shared cache; its key carries
#: the organisation's data stamp, so a change is seen at once (ADR 27).
PROFESSION_CACHE_SECONDS = 7 * 24 * 3600
#: Organisations grouped by one query when several are missing from the cache.
PROFESSION_BATCH = 400


def _profession_groups(organisation_id: int | None) -> np.ndarray:
    """The grouped profession (one row per group: level, grade, location, type, people,
    organisation, people with a day rate, their day rates' sum) of one organisation or all,
    each organisation's rows from the shared cache or, if its data changed, the database."""
    if organisation_id is None:
        organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    else:
        organisation_ids = [organisation_id]
    tokens = stamps.tokens()
    # Today is in the key: who is current changes at midnight as end dates pass.
    today = timezone.localdate().isoformat()
    keys = {org: stamps.key("workforce-profession", today,
                            stamps.organisation_token(tokens, org), org)
            for org in organisation_ids}
    found = cache.get_many(list(keys.values())) if keys else {}
    parts = {org: found[k] for org, k in keys.items() if k in found}
    missing = [org for org in organisation_ids if org not in parts]
    for start in range(0, len(missing), PROFESSION_BATCH):
        batch = missing[start:start + PROFESSION_BATCH]
        rows = _grouped_rows(batch)
        fresh = {org: rows[rows[:, 5] == org] for org in batch}
        cache.set_many({keys[org]: value for org, value in fresh.items()},
                       PROFESSION_CACHE_SECONDS)
        parts.update(fresh)
    chunks = [parts[org] for org in organisation_ids if parts[org].shape[0]]
    return np.concatenate(chunks) if chunks else np.zeros((0, 8), dtype=np.float64)


def _grouped_rows(organisation_ids: list[int]) -> np.ndarray:
    """One GROUP BY query over these organisations' current profession."""
    qs = WorkforceRecord.objects.filter(current_filter("person__"), in_profession=True,
                                        person__organisation_id__in=organisation_ids)
    missing = Value(-1)
    qs = qs.annotate(
        c_level=Coalesce("role_level_id", missing), c_grade=Coalesce("person__grade_id", missing),
        c_location=Coalesce("person__location_id", missing),
        c_type=Case(*(When(person__employment_type=t, then=Value(i))
                      for i, t in enumerate(_EMPLOYMENT_TYPES)), default=missing),
        c_org=F("person__organisation_id"),
    ).order_by().values("c_level", "c_grade", "c_location", "c_type", "c_org").annotate(
        n=Count("id"), n_rated=Count("day_rate"),
        rate_total=Coalesce(Sum(Cast("day_rate", FloatField())), Value(0.0)),
    ).values_list("c_level", "c_grade", "c_location", "c_type", "n", "c_org", "n_rated",
                  "rate_total")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return np.fromiter(chain.from_iterable(rows), dtype=np.float64,
                       count=8 * len(rows)).reshape(-1, 8)


def _profession_from(data: np.ndarray, organisation_id: int | None,
                     comparable_grades: bool) -> Profession:
    columns = {name: data[:, i].astype(np.int64) for i, name in
               enumerate(("level", "grade", "location", "employment_type"))}
    count = data[:, 4].astype(np.int64)
    rated = data[:, 6].astype(np.int64)
    level_ids = [int(c) for c in np.unique(columns["level"]) if c >= 0]
    levels = list(RoleLevel.objects.filter(pk__in=level_ids)
                  .values_list("pk", "role__name", "role__family__name"))
    location_ids = [int(c) for c in np.unique(columns["location"]) if c >= 0]
    codes = {"family": columns["level"], "role": columns["level"], "grade": columns["grade"],
             "location": columns["location"], "employment_type": columns["employment_type"]}
    labels = {"family": {pk: family for pk, _, family in levels},
              "role": {pk: role for pk, role, _ in levels},
              "grade": _grade_names(comparable_grades),
              "location": dict(Location.objects.filter(pk__in=location_ids)
                               .values_list("pk", "name")),
              "employment_type": dict(enumerate(_EMPLOYMENT_TYPES))}
    if organisation_id is None:
        codes["organisation"] = data[:, 5].astype(np.int64)
        # Names in words, with the abbreviation after (issue 12: not "DUNSHNHS" alone).
        labels["organisation"] = {
            pk: f"{name} ({abbreviation})" if abbreviation and abbreviation != name else name
            for pk, name, abbreviation in Organisation.objects.values_list(
                "pk", "name", "abbreviation")}
    else:
        codes["organisation"] = np.full(len(data), -1, dtype=np.int64)
        labels["organisation"] = {}
    return Profession(count=count, rated=rated, day_rate_total=data[:, 7].copy(), codes=codes,
                      labels=labels)


def _grade_names(comparable: bool) -> dict[int, str]:
    """Grade id to the name shown: its own, or its Civil Service equivalent's."""
    names = {}
    for pk, name, eq_name in Grade.objects.values_list("pk", "name",
                                                        "civil_service_equivalent__name"):
        names[pk] = (eq_name or name) if comparable else name
    return names


def grade_order(comparable: bool) -> list[str]:
    """Grade names from the most junior up (Civil Service ranks when ``comparable``)."""
    qs = Grade.objects.order_by("scheme", "rank")
    if comparable:
        qs = qs.filter(civil_service_equivalent__isnull=True, scheme="civil_service")
    return list(dict.fromkeys(qs.values_list("name", flat=True)))


#: Seconds an extract's profession counts are kept in the cache. An extract is a
#: snapshot, so its counts only change if its rows are reclassified afterwards.
EXTRACT_CACHE_SECONDS = 600


def _extract_key(pk: int, imported_at: dt.datetime, rows: int, token: str = "") -> str:
    return f"workforce-picture:extract:{pk}:{imported_at.timestamp()}:{rows}:{token}"


def extract_points(organisation_id: int | None = None) -> list[ExtractPoint]:
    """Each extract with the profession's headcount and contingent count in it.

    Counting an extract's rows is the slowest read of the picture, and an extract
    does not change once imported, so each extract's counts are cached for
    ``EXTRACT_CACHE_SECONDS``; only extracts not in the cache are counted.
    """
    extracts = Extract.objects.all()
    if organisation_id is not None:
        extracts = extracts.filter(organisation_id=organisation_id)
    meta = list(extracts.order_by("taken_on", "id").values_list(
        "pk", "organisation__abbreviation", "taken_on", "joiners", "leavers", "changed",
        "imported_at", "rows", "organisation_id"))
    if not meta:
        return []
    # The shared cache (ADR 27); the organisation's data stamp is in the key, so counts
    # changed by a later classification are counted again.
    tokens = stamps.tokens()
    keys = {m[0]: _extract_key(m[0], m[6], m[7], stamps.organisation_token(tokens, m[8]))
            for m in meta}
    cached = cache.get_many(list(keys.values()))
    totals: dict[int, list[int]] = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in totals]
    if missing:
        fresh = {pk: [0, 0] for pk in missing}
        grouped = (ExtractRecord.objects.filter(extract_id__in=missing, in_profession=True)
                   .values("extract_id", "employment_type").annotate(n=Count("id")).order_by()
                   .values_list("extract_id", "employment_type", "n"))
        for extract_id, employment_type, n in grouped:
            fresh[extract_id][0] += n
            if employment_type in CONTINGENT_TYPES:
                fresh[extract_id][1] += n
        cache.set_many({keys[pk]: value for pk, value in fresh.items()},
                       EXTRACT_CACHE_SECONDS)
        totals.update(fresh)
    return [ExtractPoint(organisation=org, taken_on=taken_on, headcount=totals[pk][0],
                         contingent=totals[pk][1], joiners=joiners, leavers=leavers,
                         changed=changed)
            for pk, org, taken_on, joiners, leavers, changed, _, _, _ in meta]


def _labels(comparable: bool) -> Labels:
    return Labels(employment_types=dict(EmploymentType.choices),
                  grade_order=grade_order(comparable))


def organisation_picture(access: PictureAccess) -> list[Table]:
    """An organisation's picture, exact or suppressed as the access says."""
    org_id = access.organisation.pk
    return build_picture(profession(org_id), extract_points(org_id), _labels(False),
                         suppress=not access.exact)


def government_picture() -> list[Table]:
    """The picture across government: comparable grades, always suppressed."""
    return build_picture(profession(None, comparable_grades=True), extract_points(None),
                         _labels(True), suppress=True, by_organisation=True)


def senior_people(organisation: Organisation) -> list[Person]:
    """The organisation's current Senior Civil Service (or equivalent grades) in the profession."""
    scs = (Q(grade__is_senior_civil_service=True)
           | Q(grade__civil_service_equivalent__is_senior_civil_service=True))
    return list(Person.objects.filter(scs, current_filter(), organisation=organisation,
                                      workforce__in_profession=True)
                .select_related("grade", "grade__civil_service_equivalent", "unit",
                                "line_manager", "workforce__role_level__role__family")
                .order_by("-grade__rank", "last_name", "first_name", "id"))


@dataclass
class ChartNode:
    person: Person
    reports: list[ChartNode]


def senior_chart(people: list[Person]) -> list[ChartNode]:
    """The senior people as a tree by line management; anyone whose manager is not in
    the list is at the top."""
    nodes = {p.pk: ChartNode(p, []) for p in people}

    def in_loop(pk: int) -> bool:  # bad data: A manages B who manages A
        seen, current = set(), pk
        while current in nodes and current not in seen:
            seen.add(current)
            current = nodes[current].person.line_manager_id
        return current == pk

    roots = []
    for p in people:
        parent = nodes.get(p.line_manager_id)
        if parent is None or in_loop(p.pk):
            roots.append(nodes[p.pk])
        else:
            parent.reports.append(nodes[p.pk])
    return roots


def senior_row(person: Person) -> dict[str, object]:
    """One senior person as a plain row (download and API)."""
    record = getattr(person, "workforce", None)
    level = record.role_level if record is not None else None
    return {
        "staff_number": person.staff_number, "name": person.full_name,
        "grade": person.grade.name if person.grade else "",
        "job_title": person.job_title,
        "role": level.role.name if level else NOT_RECORDED,
        "role_level": level.name if level else "",
        "role_family": level.role.family.name if level else "",
        "unit": person.unit.path if person.unit else "",
        "line_manager": person.line_manager.full_name if person.line_manager else "",
        "line_manager_staff_number": person.line_manager.staff_number
        if person.line_manager else "",
    }
