"""Coverage pages: an organisation's skills against what its people's roles need,
and the cross-government view with small cells suppressed."""

from __future__ import annotations

import numpy as np
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.assessments import selectors
from cadre.assessments.coverage import Coverage
from cadre.assessments.models import CapabilityProfile
from cadre.core.suppression import suppress_table
from cadre.framework.selectors import default_framework, level_scale
from cadre.people.models import Person

GROUPINGS = {"family": ("families", "Role family"), "grade": ("grades", "Grade")}


def _framework():  # noqa: ANN202
    framework = default_framework()
    if framework is None:
        raise Http404("No framework is loaded.")
    return framework


def organisation_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.coverage_organisations(request.user).filter(pk=pk).first()
    if organisation is None:
        raise Http404("No such organisation, or not one whose capability you can see.")
    framework = _framework()
    by = request.GET.get("by", "family") if request.GET.get("by") in GROUPINGS else "family"
    # Counts from the organisation's aggregate (shared cache, ADR 27), not people's rows.
    data = selectors.coverage_summary(framework, [organisation.pk])
    _, needed, met = data.grouped(None)
    overall = Coverage(needed, met)
    groups, needed, met = data.grouped(by)
    grouped = Coverage(needed, met)
    order = np.argsort(-overall.short[0], kind="stable")
    rows = []
    for j in order:
        if overall.needed[0, j] == 0:
            continue
        skill_id, name = data.skills[j]
        rows.append({
            "skill_id": skill_id, "skill": name, "needed": int(overall.needed[0, j]),
            "met": int(overall.met[0, j]), "short": int(overall.short[0, j]),
            "cells": [_cell(grouped, g, j) for g in range(len(groups))],
        })
    return render(request, "assessments/organisation_coverage.html", {
        "organisation": organisation, "rows": rows, "groups": groups, "by": by,
        "by_label": GROUPINGS[by][1], "people": data.people,
    })


def _cell(result, g: int, j: int) -> dict:  # noqa: ANN001
    needed, met = int(result.needed[g, j]), int(result.met[g, j])
    share = round(100 * met / needed) if needed else None
    band = None if share is None else ("low" if share < 50 else "mid" if share < 80 else "high")
    return {"needed": needed, "met": met, "share": share, "band": band}


def skill_drilldown(request: HttpRequest, pk: int, skill: int) -> HttpResponse:
    organisation = selectors.coverage_organisations(request.user).filter(pk=pk).first()
    if organisation is None:
        raise Http404("No such organisation, or not one whose capability you can see.")
    framework = _framework()
    people = Person.objects.filter(organisation=organisation)
    data = selectors.coverage_inputs(people, framework)
    j = next((k for k, (sid, _) in enumerate(data.skills) if sid == skill), None)
    if j is None:
        raise Http404("No such skill.")
    names = {p.pk: p for p in people.filter(pk__in=data.person_ids)}
    scale = dict(framework.levels.values_list("ordinal", "name"))
    rows = sorted((
        {"person": names[pid], "required": scale.get(int(data.required[i, j]), "none"),
         "held": scale.get(int(data.held[i, j]), "none"),
         "gap": max(0, int(data.required[i, j]) - int(data.held[i, j]))}
        for i, pid in enumerate(data.person_ids) if data.required[i, j] > 0),
        key=lambda r: (-r["gap"], r["person"].last_name))
    return render(request, "assessments/skill_drilldown.html", {
        "organisation": organisation, "skill": data.skills[j][1], "rows": rows,
        "scale": level_scale(framework.pk),
    })


def government_coverage(request: HttpRequest) -> HttpResponse:
    """Aggregates only: counts below 5 hidden, with secondary suppression."""
    framework = _framework()
    # Every organisation's aggregate from the shared cache (ADR 27); only organisations
    # whose data changed are counted again, by the database.
    data = selectors.coverage_summary(framework)
    overall = Coverage(*data.grouped(None)[1:])
    needed = overall.needed[0]
    columns = [j for j in np.argsort(-needed, kind="stable") if needed[j] > 0]
    table = suppress_table(np.stack([overall.met[0, columns], overall.short[0, columns]],
                                    axis=1)) if columns else None
    rows = [{"skill": data.skills[j][1], "met": table.display(k, 0),
             "short": table.display(k, 1), "needed": table.display_row_total(k)}
            for k, j in enumerate(columns)] if table else []
    compare = None
    scope = scope_for(request.user)
    skill_param = request.GET.get("skill", "")
    if scope.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR) and skill_param.isdigit():
        compare = _compare_organisations(data, int(skill_param))
    totals = ({"met": table.display_col_total(0), "short": table.display_col_total(1),
               "needed": table.display_grand_total()} if table else None)
    return render(request, "assessments/government_coverage.html", {
        "rows": rows, "totals": totals, "people": data.people, "compare": compare,
        "skills": [data.skills[j] for j in columns],
        "can_compare": scope.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR),
        # Heads of profession: their organisations; the central team: every organisation.
        # Only those with capability profiles: the others' pages would have no skills.
        "my_organisations": selectors.coverage_organisations(request.user).filter(
            Exists(CapabilityProfile.objects.filter(person__organisation=OuterRef("pk"))))
        .order_by("name")
        if scope.profession_organisations or scope.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
        else [],
    })


def _compare_organisations(data, skill_id: int) -> dict | None:  # noqa: ANN001
    from cadre.organisations.models import Organisation

    j = next((k for k, (sid, _) in enumerate(data.skills) if sid == skill_id), None)
    if j is None:
        return None
    orgs, needed, met = data.grouped("organisation", skill_column=j)
    result = Coverage(needed, met)
    keep = [i for i in range(len(orgs)) if result.needed[i, 0] > 0]
    if not keep:
        return {"skill": data.skills[j][1], "rows": [], "table": None}
    table = suppress_table(np.stack([result.met[keep, 0], result.short[keep, 0]], axis=1))
    names = {o.pk: f"{o.name} (closed)" if o.is_closed() else o.name
             for o in Organisation.objects.filter(pk__in=orgs).only("pk", "name", "active_to")}
    return {"skill": data.skills[j][1], "table": table, "rows": [
        {"organisation": names[orgs[i]], "met": table.display(k, 0),
         "short": table.display(k, 1), "needed": table.display_row_total(k)}
        for k, i in enumerate(keep)]}


def cycles(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's assessment cycles: open one, and see who has completed."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from cadre.assessments import services
    from cadre.assessments.forms import CycleForm
    from cadre.assessments.models import AssessmentCycle
    from cadre.core.forms import add_validation_errors, status_for

    organisation = selectors.coverage_organisations(request.user).filter(pk=pk).first()
    if organisation is None:
        raise Http404("No such organisation, or not one whose capability you manage.")
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.open_cycle(actor=request.user, organisation=organisation, name=d["name"],
                                opens_on=d["opens_on"], closes_on=d["closes_on"],
                                unit_path=d["unit"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Assessment cycle opened.")
            return redirect("assessments:cycles", pk=organisation.pk)
    return render(request, "assessments/cycles.html", {
        "organisation": organisation,
        "progress": [selectors.cycle_progress(c) for c in
                     AssessmentCycle.objects.filter(organisation=organisation)],
        "form": form,
    }, status=status_for(form))
