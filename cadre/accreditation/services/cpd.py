"""Writes of CPD records (issue 16 point 6): the person records their own activities; the
scheme runners may correct any. Records fed by learning records or events carry their
``source`` and can be changed only by the runners."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from cadre.accreditation.models import (
    MAX_CPD_HOURS,
    MAX_CPD_RECORD_CREDITS,
    CpdCategory,
    CpdRecord,
)
from cadre.accreditation.selectors import cpd as sel
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.accreditation.services.common import saved
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.inputs import (
    LONG_TEXT,
    SHORT_TEXT,
    check_text,
    collect,
    invalid,
    parse_choice,
    parse_date,
    parse_int,
)
from cadre.people.models import Person

#: How far back an activity may be dated (docs/limits.md).
MAX_AGE_YEARS = 10
SOURCES = ("typed", "learning_record", "event")


def _hours(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise invalid("hours", f"Give a number of hours, not '{str(value)[:40]}'.") from None
    if not hours.is_finite() or hours < 0 or hours > MAX_CPD_HOURS:
        raise invalid("hours", f"Give between 0 and {MAX_CPD_HOURS} hours.")
    if hours != hours.quantize(Decimal("0.1")):
        raise invalid("hours", "Give hours to one decimal place at most.")
    return hours


def _completed_on(value: Any) -> dt.date:
    day = parse_date(value, field="completed_on")
    today = timezone.localdate()
    if day > today:
        raise invalid("completed_on", "The activity must be completed by today.")
    if day < today.replace(year=today.year - MAX_AGE_YEARS):
        raise invalid("completed_on", f"Record activities from the last {MAX_AGE_YEARS} "
                                      "years only.")
    return day


def _link(value: str) -> str:
    link = check_text((value or "").strip(), field="link", max_length=SHORT_TEXT)
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise invalid("link", "Give a web address starting http:// or https://.") from None
    return link


def _activity(value: Any) -> str:
    activity = (value or "").strip()
    if not activity:
        raise invalid("activity", "Say what the activity was.")
    return check_text(activity, field="activity", max_length=200)


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return collect({
        "activity": lambda: _activity(data.get("activity")),
        "category": lambda: parse_choice(data.get("category"), field="category",
                                         choices=CpdCategory.values),
        "completed_on": lambda: _completed_on(data.get("completed_on")),
        "hours": lambda: _hours(data.get("hours")),
        "credits": lambda: parse_int(data.get("credits"), field="credits", minimum=0,
                                     maximum=MAX_CPD_RECORD_CREDITS, default=0),
        "evidence": lambda: check_text((data.get("evidence") or "").strip(), field="evidence",
                                       max_length=LONG_TEXT),
        "link": lambda: _link(data.get("link") or ""),
    })


@transaction.atomic
def record_cpd(*, actor: Actor | Any, person: Person, activity: str, category: str,
               completed_on: dt.date | str, credits: int | str = 0,
               hours: Decimal | str | None = None, evidence: str = "", link: str = "",
               source: str = "typed") -> CpdRecord:
    """Add a CPD record for ``person``: by the person (typed) or a runner; other sources
    (learning records, events) only from the command line or the system."""
    actor = Actor.coerce(actor)
    source = parse_choice(source, field="source", choices=SOURCES)
    if source != "typed" and not actor.trusted:
        raise PermissionDenied("Only Cadre itself records CPD from learning records or events.")
    if not actor.trusted and person_id_of(actor.user) != person.pk \
            and not runs_scheme(actor.user):
        raise PermissionDenied("You can record CPD for yourself only.")
    values = _fields({"activity": activity, "category": category,
                      "completed_on": completed_on, "credits": credits, "hours": hours,
                      "evidence": evidence, "link": link})
    record = CpdRecord(person=person, source=source,
                       recorded_by=actor.user if actor.is_user else None, **values)
    saved(record, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=record,
                 summary=f"CPD recorded for {person.staff_number}: {record.activity}",
                 data={"credits": record.credits, "source": source})
    return record


@transaction.atomic
def update_cpd(*, actor: Actor | Any, record_id: int, **changes: Any) -> CpdRecord:
    """Change a CPD record (only the fields given); the row is locked while it changes."""
    actor = Actor.coerce(actor)
    record = CpdRecord.objects.select_for_update().get(pk=record_id)
    if not actor.trusted and not sel.may_change(actor.user, record):
        raise PermissionDenied("You can change your own typed CPD records only.")
    unknown = sorted(set(changes) - {"activity", "category", "completed_on", "credits",
                                     "hours", "evidence", "link"})
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(record, name) for name in
               ("activity", "category", "completed_on", "credits", "hours", "evidence",
                "link")}
    values = _fields({**current, **changes})
    changed = {k: v for k, v in values.items() if getattr(record, k) != v}
    for name, value in changed.items():
        setattr(record, name, value)
    if changed:
        saved(record, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=record,
                     summary=f"CPD record {record.pk} changed",
                     data={"fields": sorted(changed)})
    return record


@transaction.atomic
def delete_cpd(*, actor: Actor | Any, record_id: int) -> None:
    """Remove a CPD record (the person's own typed records, or a runner)."""
    actor = Actor.coerce(actor)
    record = CpdRecord.objects.select_for_update().get(pk=record_id)
    if not actor.trusted and not sel.may_change(actor.user, record):
        raise PermissionDenied("You can remove your own typed CPD records only.")
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=record,
                 summary=f"CPD record {record.pk} removed ({record.activity})",
                 data={"credits": record.credits, "person": record.person_id})
    record.delete()
