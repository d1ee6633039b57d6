"""Reads for contractor day rates (issue 17 point 6): benchmarks, variance, flags, costs
and the pay ranges they are compared with.

Who is counted: current people (``people.selectors.current_filter``) whose employment type
is contractor, consultant or interim (``people.models.CONTINGENT_TYPES``), with a day rate
and a role level in the workforce data. One query reads them as plain tuples
``(rate, family, level, organisation, supplier)``; the grouping is NumPy
(``learning.rates``). Every figure of a group of fewer than 5 people is hidden, for
everyone (ADR 8, 24): the count reads "fewer than 5", a count hidden only to protect a
small one reads ``[c]`` (and a cost worked out from it is hidden with it), and no rate of
such a group is shown. Named rates are read by :func:`flagged_people`, only for people the
account manages and may see by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from cadre.core import stamps
from cadre.core.suppression import (
    PROTECTED_LABEL,
    suppress_series,
    suppress_table,
    suppressed_label,
)
from cadre.framework.models import RoleFamily, RoleLevel
from cadre.learning import rates
from cadre.learning.models import PayRange
from cadre.organisations.models import Organisation
from cadre.people.models import CONTINGENT_TYPES
from cadre.people.selectors import current_filter, manageable_organisation_ids, visible_people
from cadre.workforce.models import WorkforceRecord

ALL_LEVELS = "All levels"
ALL_ORGANISATIONS = "All organisations"
NO_SUPPLIER = "Supplier not recorded"
BY_CHOICES = ("organisation", "supplier")
#: People named per query when reading the flagged people's names.
NAMED_BATCH = 5000
#: How long the rates read stay in the shared cache (the stamps end them sooner).
RATES_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class Loaded:
    """The rates read from the database, with the supplier names behind their codes."""

    data: rates.RateData
    suppliers: list[str]
    person_ids: np.ndarray | None = None


def contingent_records(*, organisation_id: int | None = None) -> QuerySet[WorkforceRecord]:
    """Workforce records of current contingent people with a day rate and a role level."""
    qs = WorkforceRecord.objects.filter(
        current_filter("person__"), person__employment_type__in=sorted(CONTINGENT_TYPES),
        day_rate__isnull=False, role_level__isnull=False)
    if organisation_id is not None:
        qs = qs.filter(person__organisation_id=organisation_id)
    return qs.order_by()


def supplier_key(name: str) -> str:
    """Suppliers written with other spacing or case are one supplier."""
    return " ".join(name.split()).casefold()


def load_rates(*, organisation_id: int | None = None, suppliers: bool = True,
               organisations: bool = True, with_people: bool = False,
               cached: bool = True) -> Loaded:
    """The rates as arrays, kept in the shared cache under every organisation's data stamp
    and today's date (ADR 27: saves of people and workforce records, imports and the
    framework bump the stamps, so a change is read at once; "current" depends on the day).
    Supplier names are read only when ``suppliers`` (else every supplier code is
    ``NO_SUPPLIER``), organisations only when ``organisations`` (else -1)."""
    options = {"organisation_id": organisation_id, "suppliers": suppliers,
               "organisations": organisations, "with_people": with_people}
    if not cached:
        return _read_rates(**options)
    key = stamps.key("learning-rates", stamps.overall_token(stamps.tokens()),
                     timezone.localdate().isoformat(), *options.values())
    loaded = cache.get(key)
    if loaded is None:
        loaded = _read_rates(**options)
        cache.set(key, loaded, RATES_CACHE_SECONDS)
    return loaded


def _read_rates(*, organisation_id: int | None, suppliers: bool, organisations: bool,
                with_people: bool) -> Loaded:
    """One query of plain tuples straight from the cursor (no model objects) and one of
    the role levels' families."""
    columns = ["rate", "role_level_id"]
    if organisations:
        columns.append("person__organisation_id")
    width = len(columns)
    if suppliers:
        columns.append("supplier")
    if with_people:
        columns.append("person_id")
    qs = (contingent_records(organisation_id=organisation_id)
          .annotate(rate=Cast("day_rate", FloatField())).values_list(*columns))
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    n = len(rows)
    if not n:
        return Loaded(rates.RateData.empty(), [], np.zeros(0, dtype=np.int64)
                      if with_people else None)
    values = (chain.from_iterable(rows) if width == len(columns)
              else chain.from_iterable(r[:width] for r in rows))
    numbers = np.fromiter(values, dtype=np.float64, count=width * n).reshape(n, width)
    level = numbers[:, 1].astype(np.int64)
    level_ids = np.unique(level)
    families = dict(RoleLevel.objects.filter(pk__in=level_ids.tolist())
                    .values_list("pk", "role__family_id"))
    family = np.array([families[int(x)] for x in level_ids], dtype=np.int64)[
        np.searchsorted(level_ids, level)]
    names: list[str] = []
    if suppliers:
        by_raw: dict[str, int] = {}
        by_key: dict[str, int] = {}
        supplier_codes = np.empty(n, dtype=np.int64)
        for i, row in enumerate(rows):
            raw = row[width] or ""
            code = by_raw.get(raw)
            if code is None:
                key = supplier_key(raw)
                code = by_key.get(key, rates.NO_SUPPLIER) if key else rates.NO_SUPPLIER
                if key and key not in by_key:
                    code = by_key[key] = len(names)
                    names.append(" ".join(raw.split()))
                by_raw[raw] = code
            supplier_codes[i] = code
    else:
        supplier_codes = np.full(n, rates.NO_SUPPLIER, dtype=np.int64)
    organisation = (numbers[:, 2].astype(np.int64) if organisations
                    else np.full(n, -1, dtype=np.int64))
    data = rates.RateData.from_columns(numbers[:, 0], family, level, organisation,
                                       supplier_codes)
    people = (np.fromiter((r[-1] for r in rows), dtype=np.int64, count=n)
              if with_people else None)
    return Loaded(data, names, people)


@dataclass
class Labels:
    families: dict[int, str] = field(default_factory=dict)
    levels: dict[int, RoleLevel] = field(default_factory=dict)
    organisations: dict[int, tuple[str, str]] = field(default_factory=dict)

    def organisation(self, pk: int) -> str:
        name, abbreviation = self.organisations.get(pk, ("Unknown organisation", ""))
        return f"{name} ({abbreviation})" if abbreviation and abbreviation != name else name


def _labels(data: rates.RateData, *, organisations: bool = False) -> Labels:
    level_ids = [int(x) for x in np.unique(data.level)]
    levels = {lv.pk: lv for lv in RoleLevel.objects.filter(pk__in=level_ids)
              .select_related("role").only("pk", "name", "order", "grade_from", "grade_to",
                                           "role__name", "role__family_id")}
    families = dict(RoleFamily.objects.filter(pk__in=[int(x) for x in np.unique(data.family)])
                    .values_list("pk", "name"))
    orgs = {}
    if organisations:
        orgs = {pk: (name, abbr) for pk, name, abbr in Organisation.objects.filter(
            pk__in=[int(x) for x in np.unique(data.organisation)])
            .values_list("pk", "name", "abbreviation")}
    return Labels(families, levels, orgs)


def _money(value: float) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), 2)


def _level_order(labels: Labels, level: int) -> tuple:
    if level == rates.WHOLE_FAMILY:
        return (0, "", 0)
    lv = labels.levels.get(level)
    return (1, lv.role.name if lv else "", lv.order if lv else 0)


def _level_name(labels: Labels, level: int) -> str:
    if level == rates.WHOLE_FAMILY:
        return ALL_LEVELS
    lv = labels.levels.get(level)
    return lv.name if lv else "Unknown role level"


def _shown_counts(counts: list[int], total: int) -> tuple[list[int | str], int | str]:
    """Counts of the parts of a total that is shown (partners hidden as ``[c]``)."""
    shown = suppress_series(counts, total_shown=total >= rates.THRESHOLD)
    total_shown: int | str = total if total >= rates.THRESHOLD else suppressed_label(
        rates.THRESHOLD)
    return shown, total_shown


# --------------------------------------------------------------------------- benchmarks

def benchmark_rows(*, organisation_id: int | None = None,
                   loaded: Loaded | None = None) -> list[dict[str, Any]]:
    """One row per family ("All levels") then each of its role levels: count, median,
    quartiles, suppressed. Rates of a group below 5 are None."""
    loaded = loaded or load_rates(organisation_id=organisation_id, suppliers=False,
                                  organisations=False)
    stats = rates.benchmarks(loaded.data)
    labels = _labels(loaded.data)
    by_family: dict[int, list[int]] = {}
    for i, (family, _level) in enumerate(stats.keys.tolist()):
        by_family.setdefault(family, []).append(i)
    out = []
    for family in sorted(by_family, key=lambda f: labels.families.get(f, "")):
        indexes = sorted(by_family[family],
                         key=lambda i: _level_order(labels, int(stats.keys[i, 1])))
        whole, parts = indexes[0], indexes[1:]
        shown, total = _shown_counts([int(stats.count[i]) for i in parts],
                                     int(stats.count[whole]))
        for i, count in zip([whole, *parts], [total, *shown], strict=True):
            level = int(stats.keys[i, 1])
            hidden = bool(stats.suppressed[i])
            out.append({
                "family": labels.families.get(family, "Unknown family"),
                "family_id": family,
                "role_level": _level_name(labels, level),
                "role_level_id": None if level == rates.WHOLE_FAMILY else level,
                "count": count,
                "median": None if hidden else _money(stats.median[i]),
                "lower_quartile": None if hidden else _money(stats.lower_quartile[i]),
                "upper_quartile": None if hidden else _money(stats.upper_quartile[i]),
                "suppressed": hidden,
            })
    return out


BENCHMARK_COLUMNS = ["family", "role_level", "count", "median", "lower_quartile",
                     "upper_quartile", "suppressed"]


# --------------------------------------------------------------------------- variance

def _family_only(data: rates.RateData, family_id: int | None) -> rates.RateData:
    """The rates of one family (every group lies inside one family, so its figures are
    the same as from everyone's rates)."""
    if family_id is None:
        return data
    mine = data.family == family_id
    return rates.RateData(data.rate[mine], data.family[mine], data.level[mine],
                          data.organisation[mine], data.supplier[mine])


def variance_rows(*, by: str, family_id: int | None = None,
                  loaded: Loaded | None = None) -> list[dict[str, Any]]:
    """Per group (family and its levels) and organisation (or supplier): the sub-group's
    median against the group's. Only groups that are not suppressed are listed; a
    sub-group of fewer than 5 shows its count's label and no rate."""
    loaded = loaded or load_rates(suppliers=by == "supplier")
    data = loaded.data
    data = _family_only(data, family_id)
    codes = data.organisation if by == "organisation" else data.supplier
    result = rates.variance(data, codes)
    labels = _labels(data, organisations=by == "organisation")
    st = result.stats
    keep = ~result.group_suppressed
    difference, ratio_all = result.difference, result.ratio
    grouped: dict[tuple[int, int], list[int]] = {}
    for i in np.flatnonzero(keep).tolist():
        grouped.setdefault((int(st.keys[i, 0]), int(st.keys[i, 1])), []).append(i)

    def name(code: int) -> str:
        if by == "organisation":
            return labels.organisation(code)
        return loaded.suppliers[code] if 0 <= code < len(loaded.suppliers) else NO_SUPPLIER

    out = []
    order = sorted(grouped, key=lambda k: (labels.families.get(k[0], ""),
                                           _level_order(labels, k[1])))
    for key in order:
        indexes = sorted(grouped[key], key=lambda i: name(int(st.keys[i, 2])))
        shown = suppress_series([int(st.count[i]) for i in indexes], total_shown=True)
        for i, count in zip(indexes, shown, strict=True):
            hidden = bool(st.suppressed[i])
            ratio = ratio_all[i]
            out.append({
                "family": labels.families.get(key[0], "Unknown family"),
                "role_level": _level_name(labels, key[1]),
                by: name(int(st.keys[i, 2])),
                "count": count,
                "median": None if hidden else _money(st.median[i]),
                "group_count": int(result.group_count[i]),
                "group_median": _money(result.group_median[i]),
                "difference": None if hidden else _money(difference[i]),
                "difference_percent": None if hidden or np.isnan(ratio)
                else round(float(ratio) * 100, 1),
                "suppressed": hidden,
            })
    return out


def variance_columns(by: str) -> list[str]:
    return ["family", "role_level", by, "count", "median", "group_count", "group_median",
            "difference", "difference_percent", "suppressed"]


def above_upper_quartile(*, by: str, loaded: Loaded | None = None) -> list[dict[str, Any]]:
    """Per organisation (or supplier): people with a rate, and how many are paid above
    their role level's 75th percentile; both suppressed as one table (ADR 8)."""
    loaded = loaded or load_rates(suppliers=by == "supplier")
    data = loaded.data
    flagged = rates.flags(data, rates.benchmarks(data))
    codes = data.organisation if by == "organisation" else data.supplier
    counts = rates.flag_counts(codes, flagged)
    if not len(counts.code):
        return []
    table = suppress_table(np.column_stack((counts.above, counts.rated - counts.above)))
    labels = _labels(data, organisations=by == "organisation")
    out = []
    for i, code in enumerate(counts.code.tolist()):
        above = table.display(i, 0)
        rated = table.display_row_total(i)
        share = (round(100 * int(counts.above[i]) / int(counts.rated[i]), 1)
                 if isinstance(above, int) and isinstance(rated, int) and rated else None)
        out.append({
            by: labels.organisation(code) if by == "organisation" else loaded.suppliers[code],
            "rated": rated, "above_upper_quartile": above, "share_percent": share})
    out.sort(key=lambda r: r[by])
    return out


# --------------------------------------------------------------------------- pay and costs

def pay_ranges_in_force(on: dt.date | None = None) -> dict[str, PayRange]:
    """Grade code -> the pay range in force on ``on`` (default today)."""
    day = on or timezone.localdate()
    found: dict[str, PayRange] = {}
    for pay in (PayRange.objects.filter(effective_from__lte=day).select_related("grade")
                .order_by("grade__code", "-effective_from")):
        found.setdefault(pay.grade.code, pay)
    return found


def pay_range_words(pay: PayRange) -> str:
    return (f"{pay.grade.name}: £{pay.minimum:,} to £{pay.maximum:,} plus "
            f"{pay.on_cost_percent.normalize():f}% on-costs, from "
            f"{pay.effective_from.day} {pay.effective_from:%B %Y}")


def expected_pay(level: RoleLevel | None, in_force: dict[str, PayRange]
                 ) -> tuple[float | None, str, str]:
    """(employed cost per head, grade words, pay range words) for a role level.

    The level's expected grades are ``grade_from`` to ``grade_to``; the cost per head is
    the mean of the employed cost (midpoint x (1 + on-cost)) of the two ends (of the one
    grade when they are the same). Missing grades or pay ranges give None and say so."""
    if level is None or not (level.grade_from or level.grade_to):
        return None, "No expected grade", "No expected grade for this role level"
    grades = list(dict.fromkeys(g for g in (level.grade_from, level.grade_to) if g))
    words = " to ".join(grades)
    missing = [g for g in grades if g not in in_force]
    if missing:
        return None, words, f"No pay range held for {', '.join(missing)}"
    costs = [rates.employed_cost(minimum=in_force[g].minimum, maximum=in_force[g].maximum,
                                 on_cost_percent=float(in_force[g].on_cost_percent))
             for g in grades]
    return sum(costs) / len(costs), words, "; ".join(pay_range_words(in_force[g])
                                                     for g in grades)


def cost_rows(*, organisation_id: int | None = None, family_id: int | None = None,
              loaded: Loaded | None = None, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Per role level (all organisations, then each organisation): the yearly cost of the
    contingent people at their day rates against employing as many at the expected grade's
    pay. Rows of fewer than 5 people, and partners hidden to protect them, show no cost."""
    loaded = loaded or load_rates(organisation_id=organisation_id, suppliers=False)
    data = _family_only(loaded.data, family_id)
    labels = _labels(data, organisations=True)
    in_force = pay_ranges_in_force(on)
    expected = {level: expected_pay(labels.levels.get(level), in_force)
                for level in labels.levels}
    per_head = {level: value[0] for level, value in expected.items() if value[0] is not None}
    result = rates.costs(data, per_head)
    grouped: dict[int, list[int]] = {}
    for i, (family, level, _org) in enumerate(result.keys.tolist()):
        if family_id is None or family == family_id:
            grouped.setdefault(level, []).append(i)
    out = []
    order = sorted(grouped, key=lambda lv: (labels.families.get(
        int(result.keys[grouped[lv][0], 0]), ""), _level_order(labels, lv)))
    for level in order:
        indexes = grouped[level]
        whole = next(i for i in indexes if result.keys[i, 2] == rates.ALL_ORGANISATIONS)
        parts = sorted((i for i in indexes if i != whole),
                       key=lambda i: labels.organisation(int(result.keys[i, 2])))
        shown, total = _shown_counts([int(result.count[i]) for i in parts],
                                     int(result.count[whole]))
        _, grade_words, pay_words = expected.get(level, (None, "", ""))
        for i, count in zip([whole, *parts], [total, *shown], strict=True):
            hidden = not isinstance(count, int)
            org = int(result.keys[i, 2])
            employed = None if hidden else _money(result.employed[i])
            contingent = None if hidden else _money(result.contingent[i])
            out.append({
                "family": labels.families.get(int(result.keys[i, 0]), "Unknown family"),
                "role_level": _level_name(labels, level),
                "organisation": (ALL_ORGANISATIONS if org == rates.ALL_ORGANISATIONS
                                 else labels.organisation(org)),
                "count": count,
                "contingent_yearly_cost": contingent,
                "employed_yearly_cost": employed,
                "difference": (None if employed is None or contingent is None
                               else round(contingent - employed, 2)),
                "expected_grade": grade_words,
                "pay_range": pay_words,
                "suppressed": hidden,
            })
    return out


COST_COLUMNS = ["family", "role_level", "organisation", "count", "contingent_yearly_cost",
                "employed_yearly_cost", "difference", "expected_grade", "pay_range",
                "suppressed"]


# --------------------------------------------------------------------------- named rates

def named_organisation_ids(user: Any) -> frozenset[int] | None:
    """Organisations whose contingent people the account may see named with their rates:
    those it manages (heads of profession theirs; None = all for the central team and
    administrators). Learning leads and analysts: none."""
    ids = manageable_organisation_ids(user)
    return ids


def flagged_people(user: Any, *, organisation_id: int | None = None) -> list[dict[str, Any]]:
    """People paid above their role level's 75th percentile (benchmarks across government),
    named, for the organisations the account manages and people it may see by name."""
    ids = named_organisation_ids(user)
    if ids is not None and not ids:
        return []
    if ids is not None and organisation_id is not None and organisation_id not in ids:
        return []
    loaded = load_rates(with_people=True)
    data = loaded.data
    groups = rates.benchmarks(data)
    flagged = rates.flags(data, groups)
    keep = flagged.copy()
    if organisation_id is not None:
        keep &= data.organisation == organisation_id
    elif ids is not None:
        keep &= np.isin(data.organisation, np.fromiter(ids, dtype=np.int64))
    if not keep.any():
        return []
    person_ids = loaded.person_ids[keep].tolist()
    scope = visible_people(user)
    if ids is not None:
        scope = scope.filter(organisation_id__in=ids)
    people: dict[int, tuple[str, str, str, str]] = {}
    for start in range(0, len(person_ids), NAMED_BATCH):  # SQLite's limit on parameters
        people.update((pk, rest) for pk, *rest in scope.filter(
            pk__in=person_ids[start:start + NAMED_BATCH]).order_by().values_list(
            "pk", "first_name", "last_name", "staff_number", "organisation__name"))
    where = groups.locate(np.column_stack((data.family, data.level)))
    labels = _labels(data)
    out = []
    for i in np.flatnonzero(keep).tolist():
        person = people.get(int(loaded.person_ids[i]))
        if person is None:
            continue
        first, last, staff_number, organisation = person
        g = where[i]
        supplier = int(data.supplier[i])
        out.append({
            "person_id": int(loaded.person_ids[i]),
            "name": f"{first} {last}",
            "staff_number": staff_number,
            "organisation": organisation,
            "supplier": loaded.suppliers[supplier] if supplier >= 0 else NO_SUPPLIER,
            "family": labels.families.get(int(data.family[i]), "Unknown family"),
            "role_level": _level_name(labels, int(data.level[i])),
            "day_rate": _money(data.rate[i]),
            "group_median": _money(groups.median[g]),
            "group_upper_quartile": _money(groups.upper_quartile[g]),
        })
    out.sort(key=lambda r: (r["organisation"], -r["day_rate"], r["name"]))
    return out


NAMED_COLUMNS = ["name", "staff_number", "organisation", "supplier", "family", "role_level",
                 "day_rate", "group_median", "group_upper_quartile"]


# --------------------------------------------------------------------------- pay ranges

def pay_ranges() -> QuerySet[PayRange]:
    """Every pay range, reference data: by grade, newest first."""
    return PayRange.objects.select_related("grade").order_by(
        "grade__scheme", "grade__rank", "grade__code", "-effective_from", "id")


def families_with_rates(loaded: Loaded) -> list[tuple[int, str]]:
    names = dict(RoleFamily.objects.filter(
        pk__in=[int(x) for x in np.unique(loaded.data.family)]).values_list("pk", "name"))
    return sorted(names.items(), key=lambda kv: kv[1])


__all__ = ["ALL_LEVELS", "BENCHMARK_COLUMNS", "BY_CHOICES", "COST_COLUMNS", "NAMED_COLUMNS",
           "PROTECTED_LABEL", "above_upper_quartile", "benchmark_rows", "contingent_records",
           "cost_rows", "expected_pay", "families_with_rates", "flagged_people", "load_rates",
           "named_organisation_ids", "pay_ranges", "pay_ranges_in_force", "variance_columns",
           "variance_rows"]
