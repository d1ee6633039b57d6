"""Reads of workforce plans, and the inputs of their projection.

Who sees a plan: the organisation's heads of profession, the central team and
administrators, in full (every role level, named inputs never shown, only
counts). Analysts see every plan's yearly totals only, with counts of people
under 5 hidden (see ``plan_totals``).

What feeds the projection (see ``cadre.planning.projection`` for the arithmetic):
- supply: workforce records in the profession whose role level is in the plan's
  family, for people of the organisation who are current (no end date, or one in
  the future) and are not apprentices or fast streamers;
- pipeline joiners: the programmes' participants of the organisation due to finish
  in a planned year (``programmes.selectors.pipeline``: fast streamers by the end of
  their intake, at the role level of their latest posting), and, estimated from the
  workforce data for people on no programme record, apprentices and fast streamers
  whose workforce role level is in the family and whose end date falls in a planned
  year; they join that year at their role's entry level (the apprenticeship or
  graduate entry route, else the role's first level). People on a programme are not
  counted in today's supply;
- promotions: talent pool members of the organisation in that supply; each moves
  up one level of their role in the year of the membership's review date (else
  the pool's), or in the first planned year when there is no date or it is
  earlier; a date after the last planned year leaves them where they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.suppression import PROTECTED_LABEL, suppress_series
from cadre.framework.models import EntryRoute, RoleFamily, RoleLevel
from cadre.organisations.models import Organisation
from cadre.people.models import EmploymentType
from cadre.people.selectors import current_filter
from cadre.planning.models import WorkforcePlan
from cadre.planning.projection import Projection, project, whole_people
from cadre.programmes.selectors.pipeline import joining_participants, pipeline
from cadre.talent.models import PoolMembership
from cadre.workforce.models import WorkforceRecord

YEARS = 5
PIPELINE_TYPES = (EmploymentType.APPRENTICE, EmploymentType.FAST_STREAMER)


def visible_plans(user: object) -> QuerySet[WorkforcePlan]:
    """Plans the account may open: full for people managers, totals for analysts."""
    scope = scope_for(user)
    base = WorkforcePlan.objects.select_related("organisation", "role_family")
    if not scope.authenticated:
        return base.none()
    managed = scope.managed_organisation_ids
    if managed is None or scope.has(Role.ANALYST):
        return base
    return base.filter(organisation_id__in=managed)


def sees_detail(user: object, plan: WorkforcePlan) -> bool:
    """Every role level (people managers in scope), rather than totals only (analysts)."""
    return scope_for(user).manages(plan.organisation_id)


def may_edit(user: object, organisation_id: int) -> bool:
    """The organisation's heads of profession, the central team and administrators."""
    return scope_for(user).manages(organisation_id)


def plan_detail(*, user: object, plan_id: int) -> WorkforcePlan | None:
    return visible_plans(user).filter(pk=plan_id).first()


def family_levels(family: RoleFamily) -> list[RoleLevel]:
    """The family's role levels, role by role and junior first."""
    return list(RoleLevel.objects.filter(role__family=family).select_related("role")
                .order_by("role__name", "order", "id"))


@dataclass
class PlanData:
    plan: WorkforcePlan
    levels: list[RoleLevel]
    years: list[int]
    supply: np.ndarray          # (L,) today
    demand: np.ndarray          # (Y, L)
    joiners: np.ndarray         # (Y, L)
    promotions: np.ndarray      # (Y, L)
    next_level: np.ndarray      # (L,)
    projection: Projection

    @property
    def current_total(self) -> int:
        return int(self.supply.sum())


def plan_data(plan: WorkforcePlan, today: dt.date | None = None) -> PlanData:
    """Supply, demand and pipeline of a plan, and its projection."""
    today = today or timezone.localdate()
    levels = family_levels(plan.role_family)
    index = {level.pk: i for i, level in enumerate(levels)}
    years = [plan.first_year + k for k in range(YEARS)]
    year_index = {y: k for k, y in enumerate(years)}
    n = len(levels)

    next_level = np.full(n, -1, dtype=int)
    first_of_role: dict[int, int] = {}
    for i, level in enumerate(levels):
        first_of_role.setdefault(level.role_id, i)
        if i + 1 < n and levels[i + 1].role_id == level.role_id:
            next_level[i] = i + 1

    records = WorkforceRecord.objects.filter(
        current_filter("person__", on=today), in_profession=True, role_level_id__in=index,
        person__organisation_id=plan.organisation_id)
    on_programme = joining_participants()
    supply = np.zeros(n)
    for level_id, in_pipeline, person_id in records.values_list(
            "role_level_id", "person__employment_type", "person_id"):
        if in_pipeline not in PIPELINE_TYPES and person_id not in on_programme:
            supply[index[level_id]] += 1

    joiners = np.zeros((YEARS, n))
    entry = _entry_levels(levels, index, first_of_role)
    for level_id, kind, end in records.filter(
            person__employment_type__in=PIPELINE_TYPES, person__end_date__isnull=False,
            person__end_date__year__in=years).exclude(person_id__in=on_programme).values_list(
            "role_level_id", "person__employment_type", "person__end_date"):
        role_id = levels[index[level_id]].role_id
        joiners[year_index[end.year], entry.get((role_id, kind), first_of_role[role_id])] += 1
    # the plan's readers are checked by its callers; only its organisation is counted
    for due in pipeline(None, years, organisations=[plan.organisation_id]):
        if due.joins_as not in PIPELINE_TYPES or due.role_level_id not in index:
            continue
        role_id = levels[index[due.role_level_id]].role_id
        joiners[year_index[due.year],
                entry.get((role_id, due.joins_as), first_of_role[role_id])] += due.count

    promotions = np.zeros((YEARS, n))
    members = PoolMembership.objects.filter(
        person__organisation_id=plan.organisation_id,
        person__workforce__in=records.exclude(person__employment_type__in=PIPELINE_TYPES),
    ).values_list("person__workforce__role_level_id", "review_on", "pool__review_on",
                  "person_id")
    seen: set[int] = set()
    for level_id, own_review, pool_review, person_id in members:
        if person_id in seen:  # in several pools: moves up once
            continue
        seen.add(person_id)
        due = own_review or pool_review
        year = years[0] if due is None or due.year < years[0] else due.year
        if year in year_index:
            promotions[year_index[year], index[level_id]] += 1

    demand = np.zeros((YEARS, n))
    for year, level_id, headcount in plan.demand.values_list("year", "role_level_id",
                                                             "headcount"):
        if year in year_index and level_id in index:
            demand[year_index[year], index[level_id]] = headcount

    projection = project(supply=supply, demand=demand, joiners=joiners,
                         promotions=promotions, next_level=next_level,
                         attrition_rate=float(plan.attrition_rate))
    return PlanData(plan, levels, years, supply, demand, joiners, promotions, next_level,
                    projection)


def _entry_levels(levels: list[RoleLevel], index: dict[int, int],
                  first_of_role: dict[int, int]) -> dict[tuple[int, str], int]:
    """(role, employment type) -> level index where that pipeline joins."""
    kinds = {EntryRoute.Kind.APPRENTICESHIP: EmploymentType.APPRENTICE,
             EntryRoute.Kind.GRADUATE: EmploymentType.FAST_STREAMER}
    found: dict[tuple[int, str], int] = {}
    for role_id, kind, level_id in EntryRoute.objects.filter(
            role_id__in=first_of_role, kind__in=kinds, entry_level__isnull=False
    ).values_list("role_id", "kind", "entry_level_id"):
        if level_id in index:
            found[(role_id, kinds[kind])] = index[level_id]
    return found


def plan_totals(data: PlanData) -> dict:
    """What analysts see: per year totals, with counts of people under 5 hidden.

    Current supply and each year's pipeline are counts of people, so they are
    suppressed; when today's supply is hidden, the projected supply and gap are
    hidden too (they would give it away). Planned demand is a plan, not people,
    and is always shown.
    """
    p = data.projection
    current = suppress_series([data.current_total], total_shown=False)[0]
    hidden = isinstance(current, str)
    # Projected supply and gap are not small themselves: hidden only to protect today's count.
    joiners = suppress_series([int(v) for v in data.joiners.sum(axis=1)], total_shown=False)
    promoted = suppress_series([int(v) for v in data.promotions.sum(axis=1)],
                               total_shown=False)
    rows = []
    for k, year in enumerate(data.years):
        rows.append({
            "year": year, "demand": int(p.demand_total[k]),
            "supply": PROTECTED_LABEL if hidden else whole_people(p.supply_total[k]),
            "gap": PROTECTED_LABEL if hidden else int(p.demand_total[k])
            - whole_people(p.supply_total[k]),
            "joiners": joiners[k], "promoted": promoted[k],
        })
    return {"current_supply": current, "rows": rows}


def plan_rows(data: PlanData) -> list[dict]:
    """Every (year, level) cell, for people managers and their downloads."""
    p = data.projection
    rows = []
    for k, year in enumerate(data.years):
        for i, level in enumerate(data.levels):
            rows.append({
                "year": year, "role": level.role.name, "role_level": level.name,
                "current_supply": int(data.supply[i]), "demand": int(p.demand[k, i]),
                "joiners": int(data.joiners[k, i]), "promoted_up": int(p.promoted[k, i]),
                "projected_supply": whole_people(p.supply[k, i]),
                "gap": int(p.demand[k, i]) - whole_people(p.supply[k, i]),
            })
    return rows


def year_totals(data: PlanData) -> list[dict]:
    p = data.projection
    return [{"year": year, "demand": int(p.demand_total[k]),
             "supply": whole_people(p.supply_total[k]),
             "gap": int(p.demand_total[k]) - whole_people(p.supply_total[k]),
             "joiners": int(data.joiners[k].sum()), "promoted": int(data.promotions[k].sum())}
            for k, year in enumerate(data.years)]


def plan_organisations(user: object) -> QuerySet[Organisation]:
    """Organisations the account may create plans for: open ones only (a closed
    organisation's existing plans stay listed)."""
    managed = scope_for(user).managed_organisation_ids
    if managed is None:
        return Organisation.objects.open()
    return Organisation.objects.open().filter(pk__in=managed)


PLAN_COLUMNS = ["year", "role", "role_level", "current_supply", "demand", "joiners",
                "promoted_up", "projected_supply", "gap"]
TOTAL_COLUMNS = ["year", "demand", "supply", "gap", "joiners", "promoted"]


def plan_table(plan: WorkforcePlan, *, detail: bool) -> tuple[list[str], list[dict]]:
    """The projection as export columns and rows: every level, or the suppressed totals."""
    data = plan_data(plan)
    if detail:
        return PLAN_COLUMNS, plan_rows(data)
    return TOTAL_COLUMNS, plan_totals(data)["rows"]
