"""Strategy metric pages (issue 19 point 3): the list of definitions, one metric with a
chart and its table (by organisation for a period, and over periods), its history and
downloads, entering a value, defining and changing metrics, queueing a computation, and
the published agreed set with its downloads. Same selectors and services as the API and
the command line, so every channel hides the same values."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.access.rules import STRATEGY_CONTRIBUTORS, STRATEGY_EDITORS
from cadre.access.scope import scope_for
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor
from cadre.core.downloads import download_name
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.versions import StaleVersion, record_version
from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.forms.metrics import ComputeForm, DefinitionForm, ValueForm
from cadre.strategy.models import MetricDefinition
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services import metrics as services
from cadre.workforce.charts import bar_chart, line_chart

CHART_UNITS = {"percent": "%", "pounds": "£"}


def _definition(pk: int) -> MetricDefinition:
    found = sel.definition(pk)
    if found is None:
        raise Http404("No such metric.")
    return found


def _format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    if fmt is None:
        return None
    if fmt not in SPREADSHEETS:
        raise ValidationError({"format": ["Choose csv, xlsx or ods."]})
    return fmt


def _described(svg: str, description: str) -> str:
    """The house chart with our own description (its default speaks of counts)."""
    return re.sub(r"(<desc [^>]*>).*?(</desc>)", lambda m: m.group(1) + description
                  .replace("&", "&amp;").replace("<", "&lt;") + m.group(2), svg, count=1,
                  flags=re.S)


def _may_enter(request: HttpRequest) -> bool:
    """Whether the account enters values for some organisation (page links only; the
    service decides each value)."""
    scope = scope_for(request.user)
    return STRATEGY_CONTRIBUTORS.allows(request.user) and (
        scope.government_wide or bool(scope.profession_organisations))


def metric_list(request: HttpRequest) -> HttpResponse:
    editor = STRATEGY_EDITORS.allows(request.user)
    return render(request, "strategy/metrics/list.html", {
        "definitions": sel.definitions(), "editor": editor, "may_enter": _may_enter(request),
        "compute_form": ComputeForm(initial={"period": sel.current_financial_year().label})
        if editor else None})


def _chart_items(rows: list[sel.Shown]) -> list[tuple[str, float | str]]:
    items: list[tuple[str, float | str]] = []
    for s in rows:
        if s.hidden:
            items.append((s.organisation_name, s.label))
        elif s.row.value is not None:
            items.append((s.organisation_name, float(s.row.value)))
    return items


def _over_periods(definition: MetricDefinition, labels: list[str]
                  ) -> list[tuple[str, list[sel.Shown | None]]]:
    """Rows (organisation, a shown value or None per period), the whole of government
    first: the table beside the trend chart."""
    cells: dict[str, dict[str, sel.Shown]] = {}
    names: dict[str, tuple[bool, str]] = {}
    for s in sel.shown_values(definition.values.filter(current=True).select_related(
            "organisation", "definition")):
        key = s.organisation_name
        names[key] = (s.row.organisation_id is not None, key.casefold())
        cells.setdefault(key, {})[s.row.period_label] = s
    order = sorted(names, key=lambda k: names[k])
    return [(name, [cells[name].get(label) for label in labels]) for name in order]


def metric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    try:
        fmt = _format(request)
    except ValidationError:
        return HttpResponse("Choose csv, xlsx or ods.", status=400)
    if fmt:
        rows = sel.value_rows(definition=definition, include_history=True)
        return export_response(export_table(
            actor=Actor.for_user(request.user), what="strategy_metric_values",
            columns=sel.VALUE_COLUMNS, rows=rows, fmt=fmt,
            filename=download_name(definition.name, "values"), sheet_title="Values",
            target=definition, summary=f"Metric '{definition.key}' values downloaded ({fmt})"))
    labels = sel.period_labels(definition)
    period = request.GET.get("period") or (labels[-1] if labels else None)
    if period is not None and period not in labels:
        if "\x00" in period:
            return HttpResponse("The period holds a NUL character.", status=400)
        raise Http404("This metric has no values for that period.")
    comparison = sel.comparison(definition, period) if period else []
    history = [s for s in sel.history(definition, period) if not s.row.current] if period else []
    unit = CHART_UNITS.get(definition.unit, "")
    bar = line = ""
    if comparison:
        hidden = sum(1 for s in comparison if s.hidden)
        bar = _described(
            bar_chart("metric-comparison", f"{definition.name}, {period}, by organisation",
                      _chart_items(comparison), unit=unit),
            f"{len(comparison)} values for {period}; the table below the chart gives every "
            "value." + (f" {hidden} hidden: a value based on fewer than 5 people reads "
                        "'fewer than 5 people', and one hidden so that such a value cannot "
                        "be worked out reads [c]." if hidden else ""))
    over = _over_periods(definition, labels)
    government = next((cells for name, cells in over if name == sel.GOVERNMENT), None)
    if government and len(labels) > 1:
        series = [None if c is None or c.hidden or c.row.value is None else float(c.row.value)
                  for c in government]
        line = line_chart("metric-trend", f"{definition.name} for the whole of government",
                          labels, {sel.GOVERNMENT: series}, unit=unit)
    return render(request, "strategy/metrics/detail.html", {
        "definition": definition, "period": period, "labels": labels,
        "comparison": comparison, "history": history, "over": over,
        "bar_chart": bar, "line_chart": line, "formats": SPREADSHEETS,
        "editor": STRATEGY_EDITORS.allows(request.user),
        "may_enter": not definition.computed and _may_enter(request),
        "legend": rules.note_for(rules.SMALL) + ". " + rules.note_for(rules.PROTECTED) + "."})


def _definition_form_page(request: HttpRequest, definition: MetricDefinition | None
                          ) -> HttpResponse:
    initial: dict[str, Any] = {"frequency": "yearly", "source": "entered"}
    if definition is not None:
        initial = {name: getattr(definition, name) for name in services.DEFINITION_FIELDS
                   if name != "key"}
        initial["owner"] = definition.owner
        initial["version"] = record_version(definition)
    form = DefinitionForm(request.POST if request.method == "POST" else None,
                          initial=initial, editing=definition is not None)
    status = None
    if request.method == "POST" and form.is_valid():
        actor = Actor.for_user(request.user)
        read = form.cleaned_data.get("version") or ""
        try:
            if definition is None:
                saved = services.create_definition(actor=actor, **form.values())
            else:
                saved = services.update_definition(actor=actor, definition_id=definition.pk,
                                                   if_match=(read,) if read else None,
                                                   **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except StaleVersion:
            form.add_error(None, "Someone changed this metric since you opened the form; "
                                 "nothing was saved. Open it again and make your change.")
            status = 409
        else:
            messages.success(request, f"Metric '{saved.name}' saved.")
            return redirect("strategy:metric", pk=saved.pk)
    return render(request, "strategy/metrics/definition_form.html",
                  {"form": form, "definition": definition}, status=status or status_for(form))


def definition_create(request: HttpRequest) -> HttpResponse:
    return _definition_form_page(request, None)


def definition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _definition_form_page(request, _definition(pk))


def value_add(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    if definition.computed:
        raise Http404("Values of a computed metric are not entered.")
    scope = scope_for(request.user)
    organisations = Organisation.objects.order_by("name")
    if not scope.government_wide:
        organisations = organisations.filter(pk__in=scope.profession_organisations)
    organisations = list(organisations)
    if not organisations and not scope.government_wide:
        raise PermissionDenied("You lead the profession in no organisation.")
    form = ValueForm(request.POST if request.method == "POST" else None,
                     organisations=organisations, government=scope.government_wide)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_value(
                actor=Actor.for_user(request.user), definition_id=definition.pk,
                organisation=form.chosen_organisation(), period=data["period"], value=data["value"],
                numerator=data["numerator"], denominator=data["denominator"],
                people=data["people"], note=data["note"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Value saved.")
            return redirect("strategy:metric", pk=definition.pk)
    return render(request, "strategy/metrics/value_form.html",
                  {"form": form, "definition": definition}, status=status_for(form))


@require_POST
def metrics_compute(request: HttpRequest) -> HttpResponse:
    """Queue the computation of every computed metric for a period (a background task)."""
    from cadre.strategy.tasks import compute_strategy_metrics

    form = ComputeForm(request.POST)
    if form.is_valid():
        try:
            period = sel.as_period(form.cleaned_data["period"])
        except rules.PeriodError as problem:
            form.add_error("period", str(problem))
        else:
            record_event(actor=Actor.for_user(request.user),
                         action=AuditEvent.Action.RECORD_UPDATED,
                         summary=f"Metrics computation queued for {period.label}",
                         data={"period": period.label})
            compute_strategy_metrics.enqueue(period.label)
            messages.success(request, f"Computing the metrics for {period.label}. The "
                                      "values appear when it has finished.")
            return redirect("strategy:metrics")
    return render(request, "strategy/metrics/list.html", {
        "definitions": sel.definitions(), "editor": True, "may_enter": _may_enter(request),
        "compute_form": form},
        status=status_for(form))


def published(request: HttpRequest) -> HttpResponse:
    try:
        fmt = _format(request)
    except ValidationError:
        return HttpResponse("Choose csv, xlsx or ods.", status=400)
    period = request.GET.get("period") or None
    if period is not None:
        try:
            period = rules.period_label(period)
        except rules.PeriodError as problem:
            return HttpResponse(f"period: {problem}", status=400, content_type="text/plain")
    rows = sel.published_rows(period=period)
    if fmt:
        return export_response(export_table(
            actor=Actor.for_user(request.user), what="strategy_metrics_published",
            columns=sel.PUBLISHED_COLUMNS, rows=rows, fmt=fmt,
            filename=download_name("strategy metrics", period or "all periods"),
            sheet_title="Agreed metrics", summary=f"Published metrics downloaded ({fmt})"))
    by_metric: dict[str, list[dict]] = {}
    units = {d.key: d.unit for d in sel.published_definitions()}
    for row in rows:
        shown = row["note"] if row["suppressed"] else sel.format_value(
            None if row["value"] is None else Decimal(str(row["value"])), units[row["metric"]])
        by_metric.setdefault(row["metric"], []).append({**row, "shown": shown})
    definitions = sel.published_definitions()
    return render(request, "strategy/metrics/published.html", {
        "definitions": [(d, by_metric.get(d.key, [])) for d in definitions],
        "period": period, "formats": SPREADSHEETS,
        "legend": rules.note_for(rules.SMALL) + ". " + rules.note_for(rules.PROTECTED) + "."})
