"""Demo metrics: a definition for every computed source Cadre has (agreed, yearly), two
entered metrics in our own words, the computed values for this financial year and the one
before, and a few entered values for three departments and the whole of government. Safe
to run twice: existing definitions and values are left alone, and recomputing stores only
what changed."""

from __future__ import annotations

import random
from typing import Any

from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.models import MetricDefinition, MetricValue
from cadre.strategy.selectors import metric_sources
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services import metrics as services

DIRECTIONS = {"up": "higher", "down": "lower", "higher": "higher", "lower": "lower"}
ENTERED = (
    {"key": "services-passing-assessment", "unit": "percent", "direction": "higher",
     "name": "Digital services passing their service assessment first time",
     "method": "Of the service assessments a department's services went through in the "
               "year, the share passed at the first attempt. Reported by each department.",
     "baseline_value": 55, "target_value": 75, "agreed": True, "range": (40, 90)},
    {"key": "spend-approval-days", "unit": "days", "direction": "lower",
     "name": "Working days to approve an ICT spend request",
     "method": "The median number of working days from a complete spend request to its "
               "decision, as each department's spend control team records it.",
     "baseline_value": 30, "target_value": 15, "agreed": False, "range": (8, 40)},
)


def _unit(unit: str) -> str:
    return unit if unit in MetricDefinition.Unit.values else "ratio"


def load(*, actor: Any, rng: random.Random) -> list[str]:
    lines: list[str] = []
    current = sel.current_financial_year()
    previous_spec = rules.financial_year(current.start.year - 1)
    previous = sel.as_period(previous_spec.label)
    existing = set(MetricDefinition.objects.values_list("key", flat=True))
    taken_sources = set(MetricDefinition.objects.exclude(source_key="")
                        .values_list("source_key", flat=True))
    made = 0
    for key, source in sorted(metric_sources.SOURCES.items()):
        if key in existing or key in taken_sources:
            continue
        services.create_definition(
            actor=actor, key=key, name=source.name[:200], unit=_unit(source.unit),
            direction=DIRECTIONS.get(source.direction, "higher"), frequency="yearly",
            method=source.method[:5000], source="computed", source_key=key, agreed=True)
        made += 1
    owner = Organisation.objects.order_by("name").first()
    for spec in ENTERED:
        if spec["key"] in existing:
            continue
        services.create_definition(
            actor=actor, key=spec["key"], name=spec["name"], unit=spec["unit"],
            direction=spec["direction"], method=spec["method"], owner=owner,
            baseline_value=spec["baseline_value"], baseline_period=previous.label,
            target_value=spec["target_value"],
            target_date=current.end.replace(year=current.end.year + 1),
            agreed=spec["agreed"])
        made += 1
    lines.append(f"Metrics: {made} definition(s) added.")
    stored = 0
    for period in (previous, current):
        stored += services.compute_metrics(actor=actor, period=period).stored
    lines.append(f"Metrics: {stored} computed value(s) stored for {previous.label} and "
                 f"{current.label}.")
    organisations = list(Organisation.objects.order_by("name")[:3])
    entered = 0
    for spec in ENTERED:
        definition = MetricDefinition.objects.get(key=spec["key"])
        low, high = spec["range"]
        for period in (previous, current):
            for organisation in [None, *organisations]:
                if MetricValue.objects.filter(definition=definition, organisation=organisation,
                                              period_label=period.label).exists():
                    continue
                services.record_value(
                    actor=actor, definition_id=definition.pk, organisation=organisation,
                    period=period.label, value=rng.randint(low, high),
                    note="Demo figure.")
                entered += 1
        # A revised figure, so the metric shows history.
        if organisations and MetricValue.objects.filter(
                definition=definition, organisation=organisations[0],
                period_label=current.label).count() == 1:
            services.record_value(
                actor=actor, definition_id=definition.pk, organisation=organisations[0],
                period=current.label, value=rng.randint(low, high),
                note="Demo figure, revised after the department checked it.")
            entered += 1
    lines.append(f"Metrics: {entered} entered value(s) added.")
    return lines
