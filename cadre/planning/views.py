"""Pages of workforce plans: the list, a plan's projection, its demand, downloads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from cadre.core.actor import Actor
from cadre.core.exports import export_response
from cadre.core.forms import GovukFormMixin, add_validation_errors
from cadre.core.objects import parse_id
from cadre.core.tabular import TableError
from cadre.framework.models import RoleFamily
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.planning import selectors as sel
from cadre.planning import services
from cadre.planning.models import WorkforcePlan
from cadre.planning.projection import ROUNDING_METHOD, whole_people
from cadre.workforce.charts import line_chart


class PlanForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    role_family = forms.ModelChoiceField(queryset=RoleFamily.objects.none(),
                                         label="Role family")
    first_year = forms.IntegerField(label="First planned year")
    attrition_rate = forms.DecimalField(label="Attrition rate", max_digits=5, decimal_places=4,
                                        help_text="Share of people lost each year, from 0 to "
                                        "1: 0.1 is 10%.")

    def __init__(self, *args, user: object, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = sel.plan_organisations(user)
        framework = default_framework()
        self.fields["role_family"].queryset = (
            RoleFamily.objects.filter(framework=framework) if framework
            else RoleFamily.objects.none())


class SettingsForm(GovukFormMixin, forms.Form):
    first_year = forms.IntegerField(label="First planned year")
    attrition_rate = forms.DecimalField(label="Attrition rate", max_digits=5, decimal_places=4,
                                        help_text="From 0 to 1: 0.1 is 10%.")


def plans(request: HttpRequest) -> HttpResponse:
    """Plans in scope by organisation; people managers create new ones."""
    form = PlanForm(request.POST or None, user=request.user)
    can_create = form.fields["organisation"].queryset.exists()
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.create_plan(actor=Actor.for_user(request.user),
                                        organisation=d["organisation"],
                                        role_family=d["role_family"],
                                        first_year=d["first_year"],
                                        attrition_rate=d["attrition_rate"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Plan created. Now set its planned demand.")
            return redirect("planning:plan-demand", pk=plan.pk)
    chosen = parse_id(request.GET.get("organisation", ""))
    qs = sel.visible_plans(request.user)
    organisations = Organisation.objects.filter(
        pk__in=qs.values("organisation_id")).order_by("name")
    if chosen is not None:
        qs = qs.filter(organisation_id=chosen)
    plans = list(qs.order_by("organisation__name", "role_family__name"))
    for p in plans:
        p.attrition_percent = _percent(p.attrition_rate)
    return render(request, "planning/list.html", {
        "plans": plans, "form": form, "organisations": organisations,
        "chosen": chosen,
        "can_create": can_create,
    })


def _percent(rate) -> str:  # noqa: ANN001
    """0.1250 -> '12.5%'."""
    return f"{float(rate) * 100:.2f}".rstrip("0").rstrip(".") + "%"


def _plan(request: HttpRequest, pk: int) -> WorkforcePlan:
    plan = sel.plan_detail(user=request.user, plan_id=pk)
    if plan is None:
        raise Http404("No such plan, or not one you can see.")
    return plan


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Projected supply against demand per year: a chart with a table beside it."""
    plan = _plan(request, pk)
    detail = sel.sees_detail(request.user, plan)
    form = SettingsForm(request.POST or None, initial={
        "first_year": plan.first_year, "attrition_rate": plan.attrition_rate})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.update_plan(actor=Actor.for_user(request.user), plan=plan,
                                        first_year=form.cleaned_data["first_year"],
                                        attrition_rate=form.cleaned_data["attrition_rate"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Plan updated.")
            return redirect("planning:plan", pk=plan.pk)
    data = sel.plan_data(plan)
    if detail:
        totals = sel.year_totals(data)
        current = data.current_total
    else:
        summary = sel.plan_totals(data)
        totals, current = summary["rows"], summary["current_supply"]
    chart = line_chart(
        f"plan-{plan.pk}-chart", f"Projected supply and planned demand, {plan.role_family}",
        [str(r["year"]) for r in totals],
        {"Planned demand": [r["demand"] for r in totals],
         "Projected supply": [r["supply"] if not isinstance(r["supply"], str) else None
                              for r in totals]})
    levels = []
    if detail:
        p = data.projection
        for i, level in enumerate(data.levels):
            if data.supply[i] == 0 and not p.demand[:, i].any() and not data.joiners[:, i].any():
                continue
            levels.append({"level": level, "current": int(data.supply[i]), "cells": [
                {"demand": int(p.demand[k, i]), "supply": whole_people(p.supply[k, i]),
                 "gap": int(p.demand[k, i]) - whole_people(p.supply[k, i])}
                for k in range(len(data.years))]})
    return render(request, "planning/detail.html", {
        "plan": plan, "detail": detail, "totals": totals, "current": current,
        "attrition_percent": _percent(plan.attrition_rate),
        "chart": mark_safe(chart),  # noqa: S308 - built by charts.py, every text escaped
        "years": data.years, "levels": levels, "form": form, "rounding": ROUNDING_METHOD,
    }, status=400 if form.errors else 200)


def demand(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the demand grid (years across, role levels down), or import it from a file."""
    plan = _plan(request, pk)
    if not sel.sees_detail(request.user, plan):
        raise PermissionDenied("Only people managers change plans.")
    levels = sel.family_levels(plan.role_family)
    years = [plan.first_year + k for k in range(sel.YEARS)]
    current = {(d.year, d.role_level_id): d.headcount for d in plan.demand.all()}
    errors: list[str] = []
    if request.method == "POST":
        try:
            if request.FILES.get("file"):
                upload = request.FILES["file"]
                if upload.size > services.MAX_UPLOAD_BYTES:
                    raise ValidationError({"file": "The file is larger than 2 MB."})
                changed = services.import_demand(actor=Actor.for_user(request.user), plan=plan,
                                                 data=upload.read(), filename=upload.name)
            else:
                cells = {(y, level.pk): request.POST.get(f"d-{y}-{level.pk}", "").strip()
                         or None for y in years for level in levels}
                changed = services.set_demand(actor=Actor.for_user(request.user), plan=plan,
                                              cells=cells)
        except TableError as exc:
            errors = [str(e) for e in exc.errors]
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"Planned demand saved: {changed} cell(s) changed.")
            return redirect("planning:plan", pk=plan.pk)
        current = {k: request.POST.get(f"d-{k[0]}-{k[1]}", "") for k in
                   ((y, level.pk) for y in years for level in levels)} if not request.FILES \
            else current
    rows = [{"level": level, "cells": [{"year": y, "name": f"d-{y}-{level.pk}",
                                        "value": current.get((y, level.pk), "")}
                                       for y in years]} for level in levels]
    return render(request, "planning/demand.html", {
        "plan": plan, "years": years, "rows": rows, "errors": errors,
    }, status=400 if errors else 200)


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The projection as CSV or XLSX; analysts get the suppressed totals only."""
    plan = _plan(request, pk)
    try:
        export = services.export_plan(actor=Actor.for_user(request.user), plan=plan,
                                      fmt=request.GET.get("format", "csv"), channel="web")
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return export_response(export)
