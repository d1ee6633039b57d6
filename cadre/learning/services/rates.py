"""Writes for contractor rates: the pay ranges of grades (reference data the central team
keeps), one at a time or a whole file at once (issue 17 point 6).

Limits (docs/limits.md, ``learning.models.rates``): a grade code of an existing grade;
minimum and maximum whole pounds from 1 to 500,000, minimum not above maximum; on-costs
0 to 100 per cent with at most two decimals; effective from 1 January 2000 to five years
ahead; one range per grade and date; source up to 200 characters. A file with any problem
writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_date
from cadre.core.tabular import CellError, Table, TableError
from cadre.core.tabular import parse_date as parse_file_date
from cadre.learning.models import (
    EARLIEST_EFFECTIVE_FROM,
    MAX_ANNUAL_PAY,
    MAX_ON_COST_PERCENT,
    MAX_PAY_RANGE_SOURCE,
    MAX_YEARS_AHEAD,
    PayRange,
)
from cadre.organisations.models import Grade

CENTRAL_ONLY = "Only the central profession team and administrators keep pay ranges."
FIELDS = ("grade", "minimum", "maximum", "on_cost_percent", "effective_from", "source")
IMPORT_COLUMNS = ("grade", "minimum", "maximum", "on_cost_percent", "effective_from")
IMPORT_OPTIONAL = ("source",)


def _require_central(actor: Actor) -> None:
    if actor.trusted:
        return
    if not actor.is_user or not scope_for(actor.user).government_wide:
        raise PermissionDenied(CENTRAL_ONLY)


def _pounds(value: Any, field: str) -> int:
    text = str(value if value is not None else "").strip().replace(",", "").lstrip("£")
    if not text:
        raise invalid(field, "Give an amount in whole pounds.")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise invalid(field, f"Give an amount in whole pounds, not '{str(value)[:40]}'.") \
            from None
    if not number.is_finite() or number != number.to_integral_value():
        raise invalid(field, "Give an amount in whole pounds.")
    if number < 1 or number > MAX_ANNUAL_PAY:
        raise invalid(field, f"Give an amount from £1 to £{MAX_ANNUAL_PAY:,}.")
    return int(number)


def _percent(value: Any) -> Decimal:
    text = str(value if value is not None else "").strip().rstrip("%").strip()
    if not text:
        raise invalid("on_cost_percent", "Give the employer on-costs as a percentage.")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise invalid("on_cost_percent",
                      f"Give a percentage such as 27.5, not '{str(value)[:40]}'.") from None
    if not number.is_finite() or number < 0 or number > MAX_ON_COST_PERCENT:
        raise invalid("on_cost_percent", f"Give a percentage from 0 to {MAX_ON_COST_PERCENT}.")
    if number != number.quantize(Decimal("0.01")):
        raise invalid("on_cost_percent", "Give the percentage to two decimal places at most.")
    return number


def _effective_from(value: Any) -> dt.date:
    if isinstance(value, str) and value.strip():
        try:
            day = parse_file_date(value)
        except ValueError:
            raise invalid("effective_from", f"Give a date as YYYY-MM-DD or DD/MM/YYYY, not "
                                            f"'{value.strip()[:40]}'.") from None
    else:
        day = parse_date(value, field="effective_from")
    today = timezone.localdate()
    latest = today.replace(year=today.year + MAX_YEARS_AHEAD) if not (
        today.month == 2 and today.day == 29) else dt.date(today.year + MAX_YEARS_AHEAD, 2, 28)
    if day < EARLIEST_EFFECTIVE_FROM or day > latest:
        raise invalid("effective_from", f"Give a date from 1 January 2000 to "
                                        f"{latest.day} {latest:%B %Y}.")
    return day


def _grade(value: Any, grades: dict[str, Grade] | None = None) -> Grade:
    code = str(value if value is not None else "").strip()
    if not code:
        raise invalid("grade", "Choose a grade.")
    grade = (grades.get(code.upper()) if grades is not None
             else Grade.objects.filter(code__iexact=code).first())
    if grade is None:
        raise invalid("grade", f"'{code[:40]}' is not a grade code Cadre knows.")
    return grade


def check_pay_range(values: dict[str, Any], *, grades: dict[str, Grade] | None = None
                    ) -> dict[str, Any]:
    """Every field checked at once: a ``ValidationError`` naming each bad field."""
    checked = collect({
        "grade": lambda: values["grade"] if isinstance(values.get("grade"), Grade)
        else _grade(values.get("grade"), grades),
        "minimum": lambda: _pounds(values.get("minimum"), "minimum"),
        "maximum": lambda: _pounds(values.get("maximum"), "maximum"),
        "on_cost_percent": lambda: _percent(values.get("on_cost_percent")),
        "effective_from": lambda: _effective_from(values.get("effective_from")),
        "source": lambda: check_text(str(values.get("source") or "").strip(), field="source",
                                     max_length=MAX_PAY_RANGE_SOURCE),
    })
    if checked["minimum"] > checked["maximum"]:
        raise invalid("maximum", "The maximum must be at least the minimum.")
    return checked


def _clash(values: dict[str, Any], exclude: int | None = None) -> None:
    clash = PayRange.objects.filter(grade=values["grade"],
                                    effective_from=values["effective_from"])
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise invalid("effective_from", f"{values['grade'].code} already has a pay range "
                                        f"from {values['effective_from'].day} "
                                        f"{values['effective_from']:%B %Y}.")


def _saved(pay: PayRange, actor: Actor) -> PayRange:
    pay._history_user = history_user(actor)
    pay.save()
    return pay


@transaction.atomic
def create_pay_range(*, actor: Actor | Any, grade: Grade | str, minimum: Any, maximum: Any,
                     on_cost_percent: Any, effective_from: dt.date | str,
                     source: str = "") -> PayRange:
    """Add the pay range of a grade from a date (central team and administrators)."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    values = check_pay_range({"grade": grade, "minimum": minimum, "maximum": maximum,
                              "on_cost_percent": on_cost_percent,
                              "effective_from": effective_from, "source": source})
    _clash(values)
    pay = _saved(PayRange(**values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=pay,
                 summary=f"Pay range added: {pay}",
                 data={"grade": pay.grade.code, "effective_from": str(pay.effective_from)})
    return pay


@transaction.atomic
def update_pay_range(*, actor: Actor | Any, pay_range_id: int, **changes: Any) -> PayRange:
    """Change the fields given of a pay range; the row is locked while it changes."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    pay = PayRange.objects.select_for_update().select_related("grade").get(pk=pay_range_id)
    current = {name: getattr(pay, name) for name in FIELDS}
    values = check_pay_range({**current, **changes})
    _clash(values, exclude=pay.pk)
    changed = sorted(k for k, v in values.items() if getattr(pay, k) != v)
    for name in changed:
        setattr(pay, name, values[name])
    if changed:
        _saved(pay, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=pay,
                     summary=f"Pay range {pay.pk} changed ({pay.grade.code})",
                     data={"fields": changed})
    return pay


def plan_pay_range_import(table: Table) -> list[dict[str, Any]]:
    """Every row checked, every problem collected with its row and column; raises
    ``TableError`` listing them all, or returns the rows' values."""
    grades = {g.code.upper(): g for g in Grade.objects.all()}
    errors: list[CellError] = []
    planned: list[dict[str, Any]] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for row in table.rows:
        try:
            values = check_pay_range(row.values, grades=grades)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.extend(CellError(row.number, column, m) for m in messages)
            continue
        key = (values["grade"].pk, values["effective_from"])
        if key in seen:
            errors.append(CellError(row.number, "effective_from",
                                    f"repeats the grade and date of row {seen[key]}"))
            continue
        seen[key] = row.number
        planned.append({**values, "_row": row.number})
    if errors:
        raise TableError(errors)
    return planned


@transaction.atomic
def import_pay_ranges(*, actor: Actor | Any, table: Table) -> dict[str, int]:
    """Add or replace (same grade and date) every pay range in a file, all or nothing."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    planned = plan_pay_range_import(table)
    created = updated = 0
    for values in planned:
        values = dict(values)
        values.pop("_row")
        pay = (PayRange.objects.select_for_update()
               .filter(grade=values["grade"], effective_from=values["effective_from"]).first())
        if pay is None:
            _saved(PayRange(**values), actor)
            created += 1
            continue
        changed = [k for k, v in values.items() if getattr(pay, k) != v]
        if changed:
            for name in changed:
                setattr(pay, name, values[name])
            _saved(pay, actor)
            updated += 1
    record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                 summary=f"Pay ranges imported: {created} added, {updated} changed",
                 data={"what": "learning_pay_ranges", "rows": len(planned),
                       "created": created, "updated": updated})
    return {"rows": len(planned), "created": created, "updated": updated,
            "unchanged": len(planned) - created - updated}

