"""Writes to workforce plans: the plan itself and its planned demand.

Keyword-only, atomic and audited. Every write takes an ``Actor`` and checks inside it
that the actor is a head of profession of the plan's organisation, the central team or
an administrator (the command line and the system may do anything). Writes lock the
plan's row, so concurrent changes queue rather than overwrite each other, and an update
writes only the fields that changed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.exports import ExportFile
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.updates import apply_changes
from cadre.core.versions import check_version
from cadre.framework.models import RoleFamily, RoleLevel
from cadre.organisations.models import Organisation
from cadre.planning.models import PlannedDemand, WorkforcePlan
from cadre.planning.selectors import YEARS, family_levels, may_edit, plan_table, sees_detail

DEMAND_COLUMNS = ("year", "role_level", "headcount")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 2000, 2100


def _allow(actor: Actor, organisation_id: int) -> None:
    if not actor.trusted and not may_edit(actor.user, organisation_id):
        raise PermissionDenied("Only the organisation's heads of profession or the central "
                               "team can change its workforce plans.")


def _attrition(value: Any) -> Decimal:
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"attrition_rate": "Enter the attrition rate as a number from "
                               "0 to 1, for example 0.1 for 10%."}) from None
    if not rate.is_finite() or rate < 0 or rate > 1:
        raise ValidationError({"attrition_rate": "The attrition rate must be from 0 to 1, "
                               "for example 0.1 for 10%."})
    return rate.quantize(Decimal("0.0001"))


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"first_year": "Enter the first year, for example 2027."}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"first_year": f"The first year must be from {MIN_YEAR} to "
                               f"{MAX_YEAR}."})
    return year


@transaction.atomic
def create_plan(*, actor: Actor | Any, organisation: Organisation, role_family: RoleFamily,
                first_year: Any, attrition_rate: Any) -> WorkforcePlan:
    actor = Actor.coerce(actor)
    _allow(actor, organisation.pk)
    year, rate = _year(first_year), _attrition(attrition_rate)
    if WorkforcePlan.objects.filter(organisation=organisation, role_family=role_family).exists():
        raise ValidationError({"role_family": f"{organisation.abbreviation} already has a "
                               f"plan for {role_family}."})
    plan = WorkforcePlan(organisation=organisation, role_family=role_family, first_year=year,
                         attrition_rate=rate,
                         created_by=actor.user)
    plan._history_user = history_user(actor)
    plan.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=plan,
                 summary=f"Workforce plan created: {plan}",
                 data={"first_year": year, "attrition_rate": str(rate)})
    return plan


def _locked_plan(plan: WorkforcePlan | int) -> WorkforcePlan:
    """The plan's row under ``SELECT … FOR UPDATE`` (call inside a transaction)."""
    pk = getattr(plan, "pk", plan)
    found = (WorkforcePlan.objects.select_for_update(of=("self",))
             .select_related("organisation", "role_family").filter(pk=pk).first())
    if found is None:
        raise WorkforcePlan.DoesNotExist(f"No workforce plan {pk}.")
    return found


@transaction.atomic
def update_plan(*, actor: Actor | Any, plan: WorkforcePlan | int, first_year: Any = None,
                attrition_rate: Any = None,
                if_match: Collection[str] | None = None) -> WorkforcePlan:
    """Change the first year or attrition (None leaves a value as it is); demand outside
    the new five years is removed.

    The row is locked and only changed fields are written, so two updates of different
    fields both survive. ``if_match`` (the versions the caller read) refuses a change
    based on a stale read with ``StaleVersion`` (HTTP 412).
    """
    actor = Actor.coerce(actor)
    plan = _locked_plan(plan)
    _allow(actor, plan.organisation_id)
    check_version(plan, if_match)
    wanted: dict[str, Any] = {}
    if first_year is not None:
        wanted["first_year"] = _year(first_year)
    if attrition_rate is not None:
        wanted["attrition_rate"] = _attrition(attrition_rate)
    changes = apply_changes(plan, wanted)
    if not changes:
        return plan
    removed = 0
    if "first_year" in changes:
        removed, _ = plan.demand.exclude(
            year__range=(plan.first_year, plan.first_year + YEARS - 1)).delete()
    plan._history_user = history_user(actor)
    plan.save(update_fields=[*changes, "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=plan,
                 summary=f"Workforce plan updated: {plan}",
                 data={"changes": {name: {"before": str(before), "after": str(after)}
                                   for name, (before, after) in changes.items()},
                       "demand_rows_removed": removed})
    return plan


def _check_cells(plan: WorkforcePlan, cells: Mapping[tuple[int, int], Any]) -> dict:
    levels = {level.pk for level in family_levels(plan.role_family)}
    years = range(plan.first_year, plan.first_year + YEARS)
    errors: dict[str, list[str]] = {}
    clean: dict[tuple[int, int], int | None] = {}
    for (year, level_id), value in cells.items():
        if year not in years:
            errors.setdefault("year", []).append(
                f"{year} is not one of the plan's years ({years[0]} to {years[-1]}).")
        if level_id not in levels:
            errors.setdefault("role_level", []).append(
                f"Role level {level_id} is not in the {plan.role_family} family.")
        if value is None or value == "":
            clean[(year, level_id)] = None
            continue
        try:
            count = int(str(value).strip())
        except ValueError:
            count = -1
        if count < 0:
            errors.setdefault("headcount", []).append(
                f"Headcount '{value}' is not a whole number of 0 or more.")
        clean[(year, level_id)] = count
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def set_demand(*, actor: Actor | Any, plan: WorkforcePlan,
               cells: Mapping[tuple[int, int], Any], source: str = "form") -> int:
    """Set headcounts by (year, role level id); a blank value removes that cell.

    Every cell is checked before anything is written (against the plan as locked, so a
    concurrent change of its years is seen). Returns the cells changed.
    """
    actor = Actor.coerce(actor)
    plan = _locked_plan(plan)
    _allow(actor, plan.organisation_id)
    clean = _check_cells(plan, cells)
    existing = {(d.year, d.role_level_id): d for d in plan.demand.all()}
    changed = 0
    for key, count in clean.items():
        row = existing.get(key)
        if count is None:
            if row is not None:
                row._history_user = history_user(actor)
                row.delete()
                changed += 1
            continue
        if row is None:
            row = PlannedDemand(plan=plan, year=key[0], role_level_id=key[1], headcount=count)
        elif row.headcount == count:
            continue
        row.headcount = count
        row._history_user = history_user(actor)
        row.save()
        changed += 1
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=plan,
                 summary=f"Planned demand set for {plan} ({source}): {changed} cell(s) changed",
                 data={"source": source, "cells": len(clean), "changed": changed})
    return changed


def plan_demand_import(plan: WorkforcePlan, data: bytes,
                       filename: str) -> dict[tuple[int, int], int]:
    """Read ``year,role_level,headcount`` rows; raise ``TableError`` with every problem.

    ``role_level`` is the level's name (any case) or its id, within the plan's family.
    """
    table = read_table(data, filename=filename, required=DEMAND_COLUMNS,
                       max_bytes=MAX_UPLOAD_BYTES)
    levels = family_levels(plan.role_family)
    by_name: dict[str, list[RoleLevel]] = {}
    for level in levels:
        by_name.setdefault(level.name.strip().lower(), []).append(level)
    by_id = {str(level.pk): level for level in levels}
    years = range(plan.first_year, plan.first_year + YEARS)
    errors: list[CellError] = []
    cells: dict[tuple[int, int], int] = {}
    seen: dict[tuple[int, int], int] = {}
    for row in table.rows:
        v = row.values
        year = level = count = None
        text = v.get("year", "").strip()
        if not text.isdigit() or int(text) not in years:
            errors.append(CellError(row.number, "year", f"'{text}' is not one of the plan's "
                                    f"years ({years[0]} to {years[-1]})."))
        else:
            year = int(text)
        name = v.get("role_level", "").strip()
        found = by_name.get(name.lower()) or ([by_id[name]] if name in by_id else [])
        if len(found) == 1:
            level = found[0]
        elif not found:
            errors.append(CellError(row.number, "role_level", f"'{name}' is not a role level "
                                    f"of the {plan.role_family} family."))
        else:
            errors.append(CellError(row.number, "role_level", f"'{name}' names several role "
                                    "levels; use the role level's id instead."))
        text = v.get("headcount", "").strip().replace(",", "")
        if not text.isdigit():
            errors.append(CellError(row.number, "headcount",
                                    f"'{text}' is not a whole number of 0 or more."))
        else:
            count = int(text)
        if year is not None and level is not None and count is not None:
            key = (year, level.pk)
            if key in seen:
                errors.append(CellError(row.number, None, f"{level.name} in {year} is also "
                                        f"on row {seen[key]}."))
            seen[key] = row.number
            cells[key] = count
    if errors:
        raise TableError(errors)
    if not cells:
        raise TableError([CellError(None, None, f"{filename} has no demand rows.")])
    return cells


@transaction.atomic
def import_demand(*, actor: Actor | Any, plan: WorkforcePlan, data: bytes,
                  filename: str) -> int:
    """Import demand from CSV/XLSX: all rows are checked first; nothing is written on error.

    Cells in the file are set; cells not in the file are kept.
    """
    actor = Actor.coerce(actor)
    plan = _locked_plan(plan)
    _allow(actor, plan.organisation_id)
    cells = plan_demand_import(plan, data, filename)
    changed = set_demand(actor=actor, plan=plan, cells=cells, source=f"import of {filename}")
    record_event(actor=actor, action=AuditEvent.Action.IMPORT, target=plan,
                 summary=f"Planned demand imported for {plan} from {filename}"[:500],
                 data={"rows": len(cells), "changed": changed})
    return changed


EXPORT_FORMATS = ("csv", "xlsx", "ods")


def export_plan(*, actor: Actor | Any, plan: WorkforcePlan, fmt: str,
                channel: str = "web") -> ExportFile:
    """The plan's projection as CSV, XLSX or ODS, as one audited export: every level for people
    managers and the command line, the suppressed yearly totals for analysts."""
    actor = Actor.coerce(actor)
    if fmt not in EXPORT_FORMATS:
        raise ValidationError({"format": "Choose csv, xlsx or ods."})
    detail = actor.trusted or sees_detail(actor.user, plan)
    columns, rows = plan_table(plan, detail=detail)
    name = f"plan-{plan.organisation.abbreviation}-{plan.role_family.name}".replace(" ", "-")
    return export_table(actor=actor, what="workforce-plan", columns=columns, rows=rows,
                        fmt=fmt, summary=f"Workforce plan export ({fmt}, {channel}): {plan}",
                        filename=name.lower(),
                        sheet_title=f"{plan.organisation.abbreviation} plan", target=plan,
                        extra={"detail": detail, "channel": channel})
