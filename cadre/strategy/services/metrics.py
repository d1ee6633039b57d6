"""Writes for strategy metrics (issue 19 point 3): definitions, entered and submitted
values, and computing values from Cadre's own data.

Who: the central team and administrators (``STRATEGY_EDITORS``) define and change metrics
and compute values; heads of profession enter values for their own organisations, the
central team and administrators for any organisation and for the whole of government
(``STRATEGY_CONTRIBUTORS``); the command line and the system act with the service's rights.

A value is never changed: a new one for the same definition, organisation and period
supersedes the current one, under the definition's row lock, so two writers cannot both
leave a current value. Values for a computed metric come only from computing; entered and
submitted values only go to metrics whose source is "entered".

Limits (docs/limits.md, "Strategy: metrics"): key up to 60 characters (lower-case letters
and digits, single hyphens or underscores), name up to 200, method up to 5,000, note up to
500; a value within its unit (``metrics_rules.check_value``); people a whole number from 0
to 10,000,000.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.access.rules import STRATEGY_CONTRIBUTORS, STRATEGY_EDITORS
from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, invalid
from cadre.core.versions import check_version
from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.models import (
    MAX_METRIC_KEY,
    MAX_METRIC_METHOD,
    MAX_METRIC_NAME,
    MAX_VALUE_NOTE,
    MetricDefinition,
    MetricValue,
)
from cadre.strategy.selectors import metric_sources
from cadre.strategy.selectors.metric_sources import Figure, Period

EDITORS_ONLY = "Only the central profession team and administrators define metrics."
MAX_PEOPLE = 10_000_000
_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
#: Fields a definition may not change once it has values (they would change their meaning).
FIXED_WITH_VALUES = ("unit", "frequency", "source", "source_key")

__all__ = [
    "ComputeResult",
    "compute_metrics",
    "create_definition",
    "may_contribute",
    "may_edit",
    "record_value",
    "update_definition",
]


def may_edit(actor: Actor) -> bool:
    return actor.trusted or (actor.is_user and STRATEGY_EDITORS.allows(actor.user))


def may_contribute(actor: Actor, organisation_id: int | None) -> bool:
    """Whether the actor may enter a value for the organisation (None: the whole of
    government, which only the central team, administrators and the command line may)."""
    if actor.trusted:
        return True
    if not (actor.is_user and STRATEGY_CONTRIBUTORS.allows(actor.user)):
        return False
    scope = scope_for(actor.user)
    if scope.government_wide:
        return True
    return organisation_id is not None and scope.manages(organisation_id)


def _require_editor(actor: Actor) -> None:
    if not may_edit(actor):
        raise PermissionDenied(EDITORS_ONLY)


# --------------------------------------------------------------------------- checks

def _text(value: Any, *, field: str, max_length: int, required: bool) -> str:
    text = str(value if value is not None else "").strip()
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character.")
    if required and not text:
        raise invalid(field, "Enter this.")
    return check_text(text, field=field, max_length=max_length)


def _choice(value: Any, *, field: str, choices: type) -> str:
    text = str(value if value is not None else "").strip()
    if text not in choices.values:
        words = ", ".join(f"{v} ({label})" for v, label in choices.choices)
        raise invalid(field, f"Choose one of: {words}.")
    return text


def _decimal(value: float | Decimal | int | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(round(float(value), rules.PLACES)))


def _number(value: Any, *, field: str, unit: str | None, required: bool = False
            ) -> Decimal | None:
    """A value checked against its unit (``unit`` None: any number at least 0)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(field, "Enter a number.")
        return None
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
            raise invalid(field, f"Give a number such as 12 or 12.5, not '{value[:40]}'.")
        number = float(text)
    elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raise invalid(field, "Give a number.")
    try:
        rules.check_value(number, unit or "ratio")
    except rules.ValueProblem as problem:
        raise invalid(field, str(problem)) from None
    return _decimal(number)


def _people(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"[0-9]+", text):
        raise invalid("people", "Give the number of people as a whole number.")
    number = int(text)
    if number > MAX_PEOPLE:
        raise invalid("people", f"Give at most {MAX_PEOPLE:,} people.")
    return number


def _organisation(value: Any, *, field: str = "organisation") -> Organisation | None:
    if value is None or value == "":
        return None
    if isinstance(value, Organisation):
        return value
    found = Organisation.objects.filter(pk=value).first() if isinstance(value, int) else None
    if found is None:
        raise invalid(field, f"No organisation {str(value)[:40]}.")
    return found


def _collect(errors: dict[str, list[str]], check: Any) -> Any:
    try:
        return check()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    return None


def _definition_values(data: dict[str, Any], *, creating: bool,
                       instance: MetricDefinition | None = None) -> dict[str, Any]:
    """Every field checked; one ValidationError naming every bad field."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}

    def check(name: str, fn: Any) -> None:
        if name in data:
            result = _collect(errors, fn)
            if name not in errors:
                out[name] = result

    if creating:
        def key() -> str:
            text = _text(data.get("key"), field="key", max_length=MAX_METRIC_KEY,
                         required=True)
            if not _KEY.fullmatch(text):
                raise invalid("key", "Use lower-case letters and digits, words joined by "
                                     "single hyphens or underscores, such as "
                                     "'contingent-labour-share'.")
            if MetricDefinition.objects.filter(key=text).exists():
                raise invalid("key", f"A metric with the key '{text}' exists already.")
            return text
        data = {"key": None, **data}
        check("key", key)

    def name() -> str:
        text = _text(data.get("name"), field="name", max_length=MAX_METRIC_NAME,
                     required=True)
        clash = MetricDefinition.objects.filter(name__iexact=text)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise invalid("name", "Another metric has this name.")
        return text

    check("name", name)
    check("unit", lambda: _choice(data.get("unit"), field="unit",
                                  choices=MetricDefinition.Unit))
    check("direction", lambda: _choice(data.get("direction"), field="direction",
                                       choices=MetricDefinition.Direction))
    check("frequency", lambda: _choice(data.get("frequency"), field="frequency",
                                       choices=MetricDefinition.Frequency))
    check("source", lambda: _choice(data.get("source"), field="source",
                                    choices=MetricDefinition.Source))
    check("method", lambda: _text(data.get("method"), field="method",
                                  max_length=MAX_METRIC_METHOD, required=False))
    check("source_key", lambda: _text(data.get("source_key"), field="source_key",
                                      max_length=MAX_METRIC_KEY, required=False))
    check("owner", lambda: _organisation(data.get("owner"), field="owner"))
    check("agreed", lambda: bool(data.get("agreed")))
    check("target_date", lambda: data.get("target_date"))
    unit = out.get("unit", getattr(instance, "unit", None))
    frequency = out.get("frequency", getattr(instance, "frequency", None))
    for name_ in ("baseline_value", "target_value"):
        check(name_, lambda n=name_: _number(data.get(n), field=n, unit=unit))

    def baseline_period() -> str:
        text = _text(data.get("baseline_period"), field="baseline_period", max_length=20,
                     required=False)
        if not text:
            return ""
        try:
            return rules.parse_period(text, frequency).label
        except rules.PeriodError as problem:
            raise invalid("baseline_period", str(problem)) from None

    check("baseline_period", baseline_period)
    target_date = out.get("target_date")
    if target_date is not None and not isinstance(target_date, dt.date):
        errors.setdefault("target_date", []).append("Give a date.")
    source = out.get("source", getattr(instance, "source", None))
    source_key = out.get("source_key", getattr(instance, "source_key", ""))
    if "source" in errors or "source_key" in errors:
        pass
    elif source == MetricDefinition.Source.COMPUTED:
        if source_key not in metric_sources.SOURCES:
            known = ", ".join(sorted(metric_sources.SOURCES)) or "none yet"
            errors.setdefault("source_key", []).append(
                f"A computed metric names one of Cadre's sources ({known}).")
        else:
            clash = MetricDefinition.objects.filter(source_key=source_key)
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors.setdefault("source_key", []).append(
                    f"The metric '{clash.first().name}' is computed from this source already.")
    elif source == MetricDefinition.Source.ENTERED and source_key:
        errors.setdefault("source_key", []).append(
            "An entered metric has no source; leave this empty.")
    if errors:
        raise ValidationError(errors)
    return out


DEFINITION_FIELDS = ("key", "name", "unit", "direction", "frequency", "baseline_value",
                     "baseline_period", "target_value", "target_date", "owner", "method",
                     "source", "source_key", "agreed")


@transaction.atomic
def create_definition(*, actor: Actor | Any, key: str, name: str, unit: str, direction: str,
                      frequency: str = MetricDefinition.Frequency.YEARLY,
                      baseline_value: Any = None, baseline_period: str = "",
                      target_value: Any = None, target_date: dt.date | None = None,
                      owner: Organisation | int | None = None, method: str = "",
                      source: str = MetricDefinition.Source.ENTERED, source_key: str = "",
                      agreed: bool = False) -> MetricDefinition:
    """A new metric definition (central team, administrators, command line)."""
    who = Actor.coerce(actor)
    _require_editor(who)
    values = _definition_values({
        "key": key, "name": name, "unit": unit, "direction": direction,
        "frequency": frequency, "baseline_value": baseline_value,
        "baseline_period": baseline_period, "target_value": target_value,
        "target_date": target_date, "owner": owner, "method": method, "source": source,
        "source_key": source_key or "", "agreed": agreed}, creating=True)
    definition = MetricDefinition(created_by=who.user, **values)
    definition._history_user = history_user(who)  # type: ignore[attr-defined]
    definition.save()
    record_event(actor=who, action=AuditEvent.Action.RECORD_CREATED, target=definition,
                 summary=f"Metric '{definition.key}' defined",
                 data={"key": definition.key, "source": definition.source,
                       "agreed": definition.agreed})
    return definition


@transaction.atomic
def update_definition(*, actor: Actor | Any, definition_id: int,
                      if_match: Collection[str] | None = None,
                      **changes: Any) -> MetricDefinition:
    """Change a definition's fields named in ``changes`` (not its key). The unit,
    frequency and source are fixed once the metric has values."""
    who = Actor.coerce(actor)
    _require_editor(who)
    unknown = sorted(set(changes) - set(DEFINITION_FIELDS) - {"key"})
    if unknown:
        raise invalid(unknown[0], "Not a field of a metric definition.")
    definition = MetricDefinition.objects.select_for_update().filter(pk=definition_id).first()
    if definition is None:
        raise MetricDefinition.DoesNotExist(f"No metric {definition_id}.")
    check_version(definition, if_match)
    if "key" in changes and changes.pop("key") != definition.key:
        raise invalid("key", "A metric's key never changes (other systems use it).")
    if "source_key" in changes and changes["source_key"] is None:
        changes["source_key"] = ""
    values = _definition_values(changes, creating=False, instance=definition)
    changed = {name: value for name, value in values.items()
               if getattr(definition, name) != value}
    if not changed:
        return definition
    fixed = [name for name in FIXED_WITH_VALUES if name in changed]
    if fixed and definition.values.exists():
        raise ValidationError({name: ["This metric has values; its unit, frequency and "
                                      "source cannot change. Define a new metric instead."]
                               for name in fixed})
    for name, value in changed.items():
        setattr(definition, name, value)
    definition._history_user = history_user(who)  # type: ignore[attr-defined]
    definition.save(update_fields=list(changed))
    record_event(actor=who, action=AuditEvent.Action.RECORD_UPDATED, target=definition,
                 summary=f"Metric '{definition.key}' changed",
                 data={"fields": sorted(changed)})
    return definition


# --------------------------------------------------------------------------- values

def _label(who: Actor) -> str:
    return who.label[:254]


@transaction.atomic
def record_value(*, actor: Actor | Any, definition_id: int,
                 organisation: Organisation | int | None, period: str, value: Any,
                 numerator: Any = None, denominator: Any = None, people: Any = None,
                 note: str = "", origin: str = MetricValue.Origin.ENTERED) -> MetricValue:
    """Enter (page, command line) or submit (API, ``origin="submitted"``) a value of an
    entered metric for an organisation (None: the whole of government) and a period. The
    current value for the same organisation and period, if any, becomes history."""
    who = Actor.coerce(actor)
    if origin not in (MetricValue.Origin.ENTERED, MetricValue.Origin.SUBMITTED):
        raise invalid("origin", "A value is entered or submitted; computed values come "
                                "from computing.")
    if not (who.trusted or (who.is_user and STRATEGY_CONTRIBUTORS.allows(who.user))):
        raise PermissionDenied("Only heads of profession, the central team and "
                               "administrators enter metric values.")
    definition = MetricDefinition.objects.select_for_update().filter(pk=definition_id).first()
    if definition is None:
        raise MetricDefinition.DoesNotExist(f"No metric {definition_id}.")
    errors: dict[str, list[str]] = {}
    org = _collect(errors, lambda: _organisation(organisation))
    if "organisation" not in errors and not may_contribute(who, getattr(org, "pk", None)):
        raise PermissionDenied(
            "You enter values only for the organisations you lead the profession in."
            if org is not None else
            "Only the central team and administrators enter whole-of-government values.")
    if definition.computed:
        raise invalid("definition", f"'{definition.name}' is computed from Cadre's data; "
                                    "its values cannot be entered.")

    def read_period() -> rules.PeriodSpec:
        try:
            return rules.parse_period(period, definition.frequency)
        except rules.PeriodError as problem:
            raise invalid("period", str(problem)) from None

    spec = _collect(errors, read_period)
    number = _collect(errors, lambda: _number(value, field="value", unit=definition.unit,
                                              required=True))
    top = _collect(errors, lambda: _number(numerator, field="numerator", unit=None))
    bottom = _collect(errors, lambda: _number(denominator, field="denominator", unit=None))
    count = _collect(errors, lambda: _people(people))
    text = _collect(errors, lambda: _text(note, field="note", max_length=MAX_VALUE_NOTE,
                                          required=False))
    if top is not None and bottom is not None and top > bottom:
        errors.setdefault("numerator", []).append("The numerator is more than the "
                                                  "denominator.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    previous = MetricValue.objects.filter(definition=definition, organisation=org,
                                          period_label=spec.label, current=True)
    superseded = list(previous.values_list("pk", flat=True))
    previous.update(current=False, superseded_at=now)
    row = MetricValue.objects.create(
        definition=definition, organisation=org, period_label=spec.label,
        period_start=spec.start, period_end=spec.end, value=number, numerator=top,
        denominator=bottom, people=count, note=text or "", origin=origin,
        recorded_by=who.user, recorded_by_label=_label(who), recorded_at=now)
    where = org.abbreviation if org is not None else "the whole of government"
    record_event(actor=who, action=AuditEvent.Action.RECORD_CREATED, target=row,
                 summary=f"Metric '{definition.key}' value for {where}, {spec.label} "
                         f"({origin})",
                 data={"definition": definition.key, "organisation": getattr(org, "pk", None),
                       "period": spec.label, "origin": origin, "superseded": superseded})
    return row


@dataclass
class ComputeResult:
    """What one run of ``compute_metrics`` did."""

    period: str
    definitions: list[str] = field(default_factory=list)
    stored: int = 0
    unchanged: int = 0
    superseded: int = 0
    skipped: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, "definitions": self.definitions, "stored": self.stored,
                "unchanged": self.unchanged, "superseded": self.superseded,
                "skipped": self.skipped}


def _same(row: dict[str, Any], figure: tuple) -> bool:
    return (row["value"], row["numerator"], row["denominator"], row["people"]) == figure


def _figure(figure: Figure) -> tuple:
    return (_decimal(figure.value), _decimal(figure.numerator), _decimal(figure.denominator),
            max(0, int(figure.people)))


def compute_metrics(*, actor: Actor | Any, period: Period,
                    keys: Iterable[str] | None = None) -> ComputeResult:
    """Run each computed definition's source for ``period`` and store the values, in one
    transaction: a value that differs from the current one supersedes it, an unchanged one
    is left alone. Definitions of another frequency than the period's are skipped (and
    named), as are those whose source Cadre no longer has. Three writes whatever the
    number of organisations: one read of the current values, one update marking the
    superseded ones, one bulk insert."""
    who = Actor.coerce(actor)
    _require_editor(who)
    try:
        spec = rules.parse_period(period.label)
    except rules.PeriodError:
        spec = None
    result = ComputeResult(period=period.label)
    wanted = None if keys is None else set(keys)
    with transaction.atomic():
        definitions = list(MetricDefinition.objects.select_for_update().filter(
            source=MetricDefinition.Source.COMPUTED).order_by("pk"))
        if wanted is not None:
            missing = wanted - {d.key for d in definitions}
            if missing:
                raise invalid("keys", "No computed metric with the key(s): "
                                      f"{', '.join(sorted(missing))}.")
            definitions = [d for d in definitions if d.key in wanted]
        figures: dict[int, dict[int | None, Figure]] = {}
        for definition in definitions:
            source = metric_sources.SOURCES.get(definition.source_key)
            if source is None:
                result.skipped[definition.key] = (f"Cadre has no source '{definition.source_key}'"
                                                  " any more.")
                continue
            if spec is not None and spec.frequency != definition.frequency:
                result.skipped[definition.key] = (f"The metric is {definition.frequency}; "
                                                  f"{period.label} is {spec.frequency}.")
                continue
            figures[definition.pk] = source.compute(period)
            result.definitions.append(definition.key)
        known_orgs = set(Organisation.objects.filter(
            pk__in={o for f in figures.values() for o in f if o is not None}
        ).values_list("pk", flat=True))
        current = {(row["definition_id"], row["organisation_id"]): row
                   for row in MetricValue.objects.filter(
                       definition_id__in=figures, period_label=period.label, current=True
                   ).values("pk", "definition_id", "organisation_id", "value", "numerator",
                            "denominator", "people", "origin")}
        now = timezone.now()
        new_rows, old_ids = [], []
        for definition_id, by_org in figures.items():
            for org_id, figure in by_org.items():
                if org_id is not None and org_id not in known_orgs:
                    continue
                values = _figure(figure)
                old = current.get((definition_id, org_id))
                if old is not None and old["origin"] == "computed" and _same(old, values):
                    result.unchanged += 1
                    continue
                if old is not None:
                    old_ids.append(old["pk"])
                new_rows.append(MetricValue(
                    definition_id=definition_id, organisation_id=org_id,
                    period_label=period.label, period_start=period.start,
                    period_end=period.end, value=values[0], numerator=values[1],
                    denominator=values[2], people=values[3],
                    origin=MetricValue.Origin.COMPUTED, recorded_by=who.user,
                    recorded_by_label=_label(who), recorded_at=now))
        if old_ids:
            MetricValue.objects.filter(pk__in=old_ids).update(current=False, superseded_at=now)
        MetricValue.objects.bulk_create(new_rows, batch_size=1000)
        result.stored, result.superseded = len(new_rows), len(old_ids)
        record_event(actor=who, action=AuditEvent.Action.RECORD_CREATED,
                     summary=f"Metrics computed for {period.label}: {result.stored} value(s) "
                             f"stored, {result.unchanged} unchanged",
                     data=result.as_dict())
    return result
