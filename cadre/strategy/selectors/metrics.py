"""Reads for strategy metrics (issue 19 point 3): definitions, values by organisation and
period with their history, the comparison across organisations for a period, an
organisation's trend, and the published agreed set.

Every value leaves here through ``Shown``, which applies ``metrics_rules.hidden_marks`` to
the current values of one metric and period across every organisation (a value resting on
1 to 4 people is hidden, and with a lone one the next smallest while the whole-of-government
value is shown), so a page, chart, download, API answer or command shows the same values
hidden for the same reasons whichever slice it asks for. A superseded value is hidden when
it rests on 1 to 4 people itself or when the current value of its cell is hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.models import MetricDefinition, MetricValue
from cadre.strategy.selectors.metric_sources import Period

GOVERNMENT = "Whole of government"

#: Columns of the value rows (command line, API list, downloads of one metric).
VALUE_COLUMNS = ("metric", "metric_name", "unit", "organisation", "organisation_name",
                 "period", "period_start", "period_end", "value", "numerator", "denominator",
                 "people", "suppressed", "note", "origin", "recorded_by", "recorded_at",
                 "current")
#: Columns of the published agreed set (no names of who recorded values).
PUBLISHED_COLUMNS = ("metric", "metric_name", "unit", "direction", "baseline_value",
                     "baseline_period", "target_value", "target_date", "organisation",
                     "organisation_name", "period", "period_start", "period_end", "value",
                     "suppressed", "note", "origin", "recorded_at")

__all__ = [
    "GOVERNMENT",
    "PUBLISHED_COLUMNS",
    "VALUE_COLUMNS",
    "Shown",
    "as_period",
    "comparison",
    "current_financial_year",
    "definition",
    "definitions",
    "history",
    "period_labels",
    "published_definitions",
    "published_rows",
    "shown_values",
    "trend",
    "value_rows",
]


def as_period(text: object, frequency: str | None = None) -> Period:
    """The ``Period`` a label names (``metrics_rules.PeriodError`` if none)."""
    spec = rules.parse_period(text, frequency)
    return Period(spec.label, spec.start, spec.end)


def current_financial_year(today: dt.date | None = None) -> Period:
    """The financial year running on ``today`` (default: today)."""
    today = today or timezone.localdate()
    spec = rules.financial_year(today.year if today.month >= 4 else today.year - 1)
    return Period(spec.label, spec.start, spec.end)


def definitions(*, agreed: bool | None = None) -> list[MetricDefinition]:
    qs = MetricDefinition.objects.select_related("owner").order_by("name")
    if agreed is not None:
        qs = qs.filter(agreed=agreed)
    return list(qs)


def definition(pk: int | str) -> MetricDefinition | None:
    """A definition by id or key."""
    qs = MetricDefinition.objects.select_related("owner")
    if isinstance(pk, int):
        return qs.filter(pk=pk).first()
    return qs.filter(key=str(pk)).first()


def published_definitions() -> list[MetricDefinition]:
    return definitions(agreed=True)


@dataclass(frozen=True)
class Shown:
    """One stored value as it may be shown: ``mark`` is None (shown), ``small`` or
    ``protected`` (hidden)."""

    row: MetricValue
    mark: str | None

    @property
    def hidden(self) -> bool:
        return self.mark is not None

    @property
    def value(self) -> Decimal | None:
        return None if self.hidden else self.row.value

    @property
    def numerator(self) -> Decimal | None:
        return None if self.hidden else self.row.numerator

    @property
    def denominator(self) -> Decimal | None:
        return None if self.hidden else self.row.denominator

    @property
    def people(self) -> int | None:
        return None if self.hidden else self.row.people

    @property
    def note(self) -> str:
        return rules.note_for(self.mark) or self.row.note

    @property
    def label(self) -> str:
        """The value as text (with its hiding reason in place of a hidden one)."""
        if self.hidden:
            return "fewer than 5 people" if self.mark == rules.SMALL else "[c]"
        return format_value(self.row.value, self.row.definition.unit)

    @property
    def organisation_name(self) -> str:
        return self.row.organisation.name if self.row.organisation_id else GOVERNMENT

    @property
    def organisation_abbreviation(self) -> str:
        return self.row.organisation.abbreviation if self.row.organisation_id else ""


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "No value"
    number = float(value)
    if unit == "percent":
        return f"{number:.1f}%"
    if unit == "pounds":
        return f"£{number:,.0f}" if number >= 100 else f"£{number:,.2f}"
    if unit == "count":
        return f"{number:,.0f}"
    if unit == "days":
        return f"{number:,.1f} days"
    return f"{number:,.2f}"


def _marks(groups: Iterable[tuple[int, str]]) -> dict[tuple[int, str, int | None], str]:
    """Marks of the current values in each (definition, period) group, over every
    organisation of the group: one query whatever the number of groups."""
    groups = set(groups)
    if not groups:
        return {}
    condition = Q()
    by_definition: dict[int, set[str]] = defaultdict(set)
    for definition_id, label in groups:
        by_definition[definition_id].add(label)
    for definition_id, labels in by_definition.items():
        condition |= Q(definition_id=definition_id, period_label__in=labels)
    people: dict[tuple[int, str], dict[int | None, int | None]] = defaultdict(dict)
    for d, label, org, n in MetricValue.objects.filter(condition, current=True).values_list(
            "definition_id", "period_label", "organisation_id", "people"):
        people[(d, label)][org] = n
    marks: dict[tuple[int, str, int | None], str] = {}
    for (d, label), cells in people.items():
        total = cells.pop(None, "missing")
        total_shown = total != "missing" and not (total is not None
                                                  and 0 < total < rules.THRESHOLD)
        if total != "missing" and not total_shown:
            marks[(d, label, None)] = rules.SMALL
        for org, mark in rules.hidden_marks(cells, total_shown=total_shown).items():
            marks[(d, label, org)] = mark
    return marks


def shown_values(rows: Iterable[MetricValue]) -> list[Shown]:
    """Each row with its mark; superseded rows hidden as set out in the module."""
    rows = list(rows)
    marks = _marks((r.definition_id, r.period_label) for r in rows)
    out = []
    for r in rows:
        mark = marks.get((r.definition_id, r.period_label, r.organisation_id))
        if not r.current and r.people is not None and 0 < r.people < rules.THRESHOLD:
            mark = rules.SMALL
        elif not r.current and mark is not None:
            # Hidden for the current value's sake, not its own size: [c], not "fewer".
            mark = rules.PROTECTED
        out.append(Shown(r, mark))
    return out


def _values() -> QuerySet[MetricValue]:
    return MetricValue.objects.select_related("definition", "organisation", "recorded_by")


def _order(shown: list[Shown]) -> list[Shown]:
    return sorted(shown, key=lambda s: (s.row.period_start, s.row.organisation_id is not None,
                                        s.organisation_name.casefold(),
                                        not s.row.current, -s.row.recorded_at.timestamp()))


def period_labels(definition: MetricDefinition) -> list[str]:
    """The periods the metric has values for, oldest first."""
    seen = (MetricValue.objects.filter(definition=definition, current=True)
            .values_list("period_label", "period_start").distinct().order_by("period_start"))
    out: list[str] = []
    for label, _start in seen:
        if label not in out:
            out.append(label)
    return out


def comparison(definition: MetricDefinition, period_label: str) -> list[Shown]:
    """The current values of every organisation for a period, the whole of government
    first, then organisations by name."""
    return _order(shown_values(_values().filter(definition=definition,
                                                period_label=period_label, current=True)))


def trend(definition: MetricDefinition, organisation: Organisation | None) -> list[Shown]:
    """The current values of one organisation (None: the whole of government) over the
    periods, oldest first."""
    return _order(shown_values(_values().filter(definition=definition, current=True,
                                                organisation=organisation)))


def history(definition: MetricDefinition, period_label: str) -> list[Shown]:
    """Every value of the period, superseded ones after the current one of their cell."""
    return _order(shown_values(_values().filter(definition=definition,
                                                period_label=period_label)))


def value_rows(*, definition: MetricDefinition | None = None,
               organisation: Organisation | None | str = "any", period: str | None = None,
               include_history: bool = False) -> list[dict[str, Any]]:
    """Rows of ``VALUE_COLUMNS``: one per definition, organisation and period (current
    values; with ``include_history`` superseded ones too). ``organisation`` "any" for all,
    None for the whole of government only."""
    qs = _values()
    if not include_history:
        qs = qs.filter(current=True)
    if definition is not None:
        qs = qs.filter(definition=definition)
    if organisation != "any":
        qs = qs.filter(organisation=organisation)
    if period is not None:
        qs = qs.filter(period_label=period)
    shown = sorted(shown_values(qs), key=lambda s: (
        s.row.definition.name.casefold(), s.row.period_start,
        s.row.organisation_id is not None, s.organisation_name.casefold(),
        not s.row.current, -s.row.recorded_at.timestamp()))
    return [_row(s) for s in shown]


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _row(s: Shown) -> dict[str, Any]:
    r = s.row
    return {
        "metric": r.definition.key, "metric_name": r.definition.name,
        "unit": r.definition.unit, "organisation": s.organisation_abbreviation,
        "organisation_name": s.organisation_name, "period": r.period_label,
        "period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat(),
        "value": _number(s.value), "numerator": _number(s.numerator),
        "denominator": _number(s.denominator), "people": s.people,
        "suppressed": s.hidden, "note": s.note, "origin": r.origin,
        "recorded_by": r.recorded_by_label, "recorded_at": r.recorded_at.isoformat(),
        "current": r.current,
    }


def published_rows(*, period: str | None = None) -> list[dict[str, Any]]:
    """The agreed set: current values only, hidden as everywhere, without who recorded."""
    qs = _values().filter(current=True, definition__agreed=True)
    if period is not None:
        qs = qs.filter(period_label=period)
    shown = sorted(shown_values(qs), key=lambda s: (
        s.row.definition.name.casefold(), s.row.period_start,
        s.row.organisation_id is not None, s.organisation_name.casefold()))
    out = []
    for s in shown:
        d, r = s.row.definition, s.row
        out.append({
            "metric": d.key, "metric_name": d.name, "unit": d.unit,
            "direction": d.direction, "baseline_value": _number(d.baseline_value),
            "baseline_period": d.baseline_period,
            "target_value": _number(d.target_value),
            "target_date": d.target_date.isoformat() if d.target_date else None,
            "organisation": s.organisation_abbreviation,
            "organisation_name": s.organisation_name, "period": r.period_label,
            "period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat(),
            "value": _number(s.value), "suppressed": s.hidden, "note": s.note,
            "origin": r.origin, "recorded_at": r.recorded_at.isoformat()})
    return out
