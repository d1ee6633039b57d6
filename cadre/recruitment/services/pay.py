"""Writes for pay benchmarks (issue 21, area 4): the recruitment hub adds and withdraws
market pay figures. Only the hub (``RECRUITMENT_HUB``: the central team and
administrators) and the command line write; every write is one transaction and audited.
A bad value is refused with an error naming its field, never cut or rounded to fit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.rules import RECRUITMENT_HUB
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import MAX_ID, check_text, invalid
from cadre.framework.models import RoleLevel
from cadre.organisations.models import Grade
from cadre.recruitment.models.pay import MAX_MARKET_PAY, MAX_MARKET_SOURCE, MarketFigure

__all__ = [
    "HUB_ONLY",
    "MAX_WITHDRAW_REASON",
    "add_market_figure",
    "may_enter",
    "withdraw_market_figure",
]

HUB_ONLY = "Only the recruitment hub (the central team and administrators) enters market pay."
MAX_WITHDRAW_REASON = 500
#: The earliest source date accepted (older figures say nothing about today's market).
EARLIEST_SOURCE = dt.date(2000, 1, 1)
_WHOLE = re.compile(r"[0-9]{1,9}")
_NAMES = {"low": "the low figure", "median": "the median", "high": "the high figure"}


def may_enter(actor: Actor | Any) -> bool:
    """Whether the actor adds and withdraws market figures."""
    actor = Actor.coerce(actor)
    return actor.trusted or (actor.is_user and RECRUITMENT_HUB.allows(actor.user))


def _require(actor: Actor) -> None:
    if not may_enter(actor):
        raise PermissionDenied(HUB_ONLY)


def _pounds(value: Any, field: str, errors: dict[str, list[str]]) -> int | None:
    what = _NAMES[field]
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    text = text.replace(",", "").removeprefix("£")
    if not text:
        errors[field] = [f"Give {what} in whole pounds a year."]
        return None
    if not _WHOLE.fullmatch(text):
        errors[field] = [f"Give {what} in whole pounds a year from 0 to "
                         f"{MAX_MARKET_PAY:,}, not '{str(value)[:20]}'."]
        return None
    number = int(text)
    if number > MAX_MARKET_PAY:
        errors[field] = [f"Give {what} from 0 to {MAX_MARKET_PAY:,} pounds a year."]
        return None
    return number


def _by_id(model: type, value: Any, field: str, what: str,
           errors: dict[str, list[str]]) -> Any:
    text = "" if value is None else str(value).strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text or 0) <= MAX_ID:
        errors[field] = [f"Choose {what} from the list."]
        return None
    found = model.objects.filter(pk=int(text)).first()
    if found is None:
        errors[field] = [f"Choose {what} from the list."]
    return found


def _source_date(value: Any, errors: dict[str, list[str]]) -> dt.date | None:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            errors["source_date"] = ["Give the date of the source as YYYY-MM-DD."]
            return None
    if day > timezone.localdate():
        errors["source_date"] = ["The date of the source cannot be in the future."]
    elif day < EARLIEST_SOURCE:
        errors["source_date"] = [f"Give a source dated {EARLIEST_SOURCE.year} or later."]
    return day


def add_market_figure(*, actor: Actor | Any, role_level_id: Any, grade_id: Any = None,
                      low: Any, median: Any, high: Any, source: Any,
                      source_date: Any) -> MarketFigure:
    """Add a market pay figure for a role level (and grade, or any grade when None).

    Every problem is reported at once, each naming its field: an unknown role level or
    grade, a figure that is not whole pounds from 0 to 1,000,000, low above median or
    median above high, no source or one over 300 characters, a source date in the future.
    """
    actor = Actor.coerce(actor)
    _require(actor)
    errors: dict[str, list[str]] = {}
    level = _by_id(RoleLevel, role_level_id, "role_level", "a role level", errors)
    grade = None
    if grade_id not in (None, ""):
        grade = _by_id(Grade, grade_id, "grade", "a grade", errors)
    figures = {name: _pounds(value, name, errors)
               for name, value in (("low", low), ("median", median), ("high", high))}
    if figures["low"] is not None and figures["median"] is not None \
            and figures["low"] > figures["median"]:
        errors.setdefault("median", []).append(
            "The median cannot be below the low figure.")
    if figures["median"] is not None and figures["high"] is not None \
            and figures["median"] > figures["high"]:
        errors.setdefault("high", []).append("The high figure cannot be below the median.")
    text = " ".join(str(source or "").split())
    if "\x00" in text:
        errors["source"] = ["Remove the NUL character."]
    elif not text:
        errors["source"] = ["Say where the figures come from (a survey, a report, "
                            "adverts), so others can weigh them."]
    else:
        try:
            check_text(text, field="source", max_length=MAX_MARKET_SOURCE)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    day = _source_date(source_date, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        figure = MarketFigure(role_level=level, grade=grade, source=text, source_date=day,
                              entered_by=history_user(actor), **figures)
        figure._history_user = history_user(actor)
        figure.save()
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=figure,
                     summary=f"Market pay figure added for {level}"
                             f"{f' ({grade.name})' if grade else ''}: {text}",
                     data={"role_level": level.pk, "grade": grade.pk if grade else None,
                           **figures, "source": text, "source_date": day.isoformat()})
    return figure


def withdraw_market_figure(*, actor: Actor | Any, figure_id: Any,
                           reason: str = "") -> MarketFigure:
    """Withdraw a market figure (it stays on record, no longer used); once only."""
    actor = Actor.coerce(actor)
    _require(actor)
    text = " ".join(str(reason or "").split())
    if "\x00" in text:
        raise invalid("reason", "Remove the NUL character.")
    check_text(text, field="reason", max_length=MAX_WITHDRAW_REASON)
    key = str(figure_id or "").strip()
    if not key.isascii() or not key.isdigit() or not 0 < int(key) <= MAX_ID:
        raise invalid("figure", "There is no such market figure.")
    with transaction.atomic():
        figure = (MarketFigure.objects.select_for_update(of=("self",))
                  .filter(pk=int(key)).order_by().first())
        if figure is None:
            raise invalid("figure", "There is no such market figure.")
        if figure.withdrawn_at is not None:
            raise invalid("figure", "This market figure was withdrawn already.")
        figure.withdrawn_at = timezone.now()
        figure.withdrawn_reason = text
        figure._history_user = history_user(actor)
        figure.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=figure,
                     summary=f"Market pay figure withdrawn: {figure.source}",
                     data={"reason": text})
    return figure
