"""Writes to workforce plans: the plan itself and its planned demand.

Keyword-only, atomic and audited. ``actor=None`` is the system (the command
line); any other actor must be a head of profession of the plan's organisation,
the central team or an administrator.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.tabular import CellError, TableError, read_table
from cadre.framework.models import RoleFamily, RoleLevel
from cadre.organisations.models import Organisation
from cadre.planning.models import PlannedDemand, WorkforcePlan
from cadre.planning.selectors import YEARS, family_levels, may_edit

DEMAND_COLUMNS = ("year", "role_level", "headcount")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 2000, 2100


def _allow(actor: Any, organisation_id: int) -> None:
    if actor is not None and not may_edit(actor, organisation_id):
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
def create_plan(*, actor: Any, organisation: Organisation, role_family: RoleFamily,
                first_year: Any, attrition_rate: Any) -> WorkforcePlan:
    _allow(actor, organisation.pk)
    year, rate = _year(first_year), _attrition(attrition_rate)
    if WorkforcePlan.objects.filter(organisation=organisation, role_family=role_family).exists():
        raise ValidationError({"role_family": f"{organisation.abbreviation} already has a "
                               f"plan for {role_family}."})
    plan = WorkforcePlan(organisation=organisation, role_family=role_family, first_year=year,
                         attrition_rate=rate,
                         created_by=actor if getattr(actor, "pk", None) else None)
    plan._history_user = actor
    plan.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=plan,
                 summary=f"Workforce plan created: {plan}",
                 data={"first_year": year, "attrition_rate": str(rate)})
    return plan


@transaction.atomic
def update_plan(*, actor: Any, plan: WorkforcePlan, first_year: Any = None,
                attrition_rate: Any = None) -> WorkforcePlan:
    """Change the first year or attrition; demand outside the new five years is removed."""
    _allow(actor, plan.organisation_id)
    before = {"first_year": plan.first_year, "attrition_rate": str(plan.attrition_rate)}
    year = _year(first_year) if first_year is not None else plan.first_year
    rate = _attrition(attrition_rate) if attrition_rate is not None else plan.attrition_rate
    plan.first_year, plan.attrition_rate = year, rate
    removed, _ = plan.demand.exclude(
        year__range=(plan.first_year, plan.first_year + YEARS - 1)).delete()
    plan._history_user = actor
    plan.save()
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=plan,
                 summary=f"Workforce plan updated: {plan}",
                 data={"before": before, "first_year": plan.first_year,
                       "attrition_rate": str(plan.attrition_rate),
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
def set_demand(*, actor: Any, plan: WorkforcePlan, cells: Mapping[tuple[int, int], Any],
               source: str = "form") -> int:
    """Set headcounts by (year, role level id); a blank value removes that cell.

    Every cell is checked before anything is written. Returns the cells changed.
    """
    _allow(actor, plan.organisation_id)
    clean = _check_cells(plan, cells)
    existing = {(d.year, d.role_level_id): d for d in plan.demand.all()}
    changed = 0
    for key, count in clean.items():
        row = existing.get(key)
        if count is None:
            if row is not None:
                row._history_user = actor
                row.delete()
                changed += 1
            continue
        if row is None:
            row = PlannedDemand(plan=plan, year=key[0], role_level_id=key[1], headcount=count)
        elif row.headcount == count:
            continue
        row.headcount = count
        row._history_user = actor
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
def import_demand(*, actor: Any, plan: WorkforcePlan, data: bytes, filename: str) -> int:
    """Import demand from CSV/XLSX: all rows are checked first; nothing is written on error.

    Cells in the file are set; cells not in the file are kept.
    """
    _allow(actor, plan.organisation_id)
    cells = plan_demand_import(plan, data, filename)
    changed = set_demand(actor=actor, plan=plan, cells=cells, source=f"import of {filename}")
    record_event(actor=actor, action=AuditEvent.Action.IMPORT, target=plan,
                 summary=f"Planned demand imported for {plan} from {filename}"[:500],
                 data={"rows": len(cells), "changed": changed})
    return changed


PLAN_COLUMNS = ["year", "role", "role_level", "current_supply", "demand", "joiners",
                "promoted_up", "projected_supply", "gap"]
TOTAL_COLUMNS = ["year", "demand", "supply", "gap", "joiners", "promoted"]


def export_plan(*, actor: Any, plan: WorkforcePlan, fmt: str, detail: bool,
                description: str) -> bytes:
    """The plan's projection as CSV or XLSX: every level, or totals only (analysts)."""
    from cadre.core.tabular import write_csv, write_xlsx
    from cadre.planning import selectors as selectors_plans

    data = selectors_plans.plan_data(plan)
    if detail:
        columns, rows = PLAN_COLUMNS, selectors_plans.plan_rows(data)
    else:
        columns, rows = TOTAL_COLUMNS, selectors_plans.plan_totals(data)["rows"]
    if fmt == "xlsx":
        content = write_xlsx(columns, rows, sheet_title=f"{plan.organisation.abbreviation} plan")
    elif fmt == "csv":
        content = write_csv(columns, rows).encode("utf-8")
    else:
        raise ValidationError({"format": "Choose csv or xlsx."})
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, target=plan,
                 summary=f"Workforce plan export ({fmt}): {plan}; {description}"[:500],
                 data={"format": fmt, "detail": detail, "rows": len(rows)})
    return content
