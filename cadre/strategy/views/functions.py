"""Pages of the retained ICT function (issue 19, area 4): the taxonomy, the reference
operating models, the cross-government view, a department's matrix, its checks, and the
form recording one function (heads of profession for their own organisations, the central
team and administrators; the service checks the organisation). A change made from a stale
form is a 409 page saying so."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from cadre.access.navigation import may_open
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.suppression import legend
from cadre.organisations.models import Organisation
from cadre.strategy import function_checks as fc
from cadre.strategy.forms.functions import SourcingForm
from cadre.strategy.models import IctFunction, Workstream, WorkstreamKind
from cadre.strategy.selectors import functions as sel
from cadre.strategy.services import functions as services

MAX_ABBREVIATION = Organisation._meta.get_field("abbreviation").max_length


def _organisation(abbreviation: str) -> Organisation:
    text = abbreviation.strip()
    if "\x00" in text or len(text) > MAX_ABBREVIATION:
        raise Http404("No such organisation.")
    found = Organisation.objects.filter(abbreviation__iexact=text).first()
    if found is None:
        raise Http404("No such organisation.")
    return found


def _plans(request: HttpRequest, organisation: Organisation) -> list[dict]:
    """The organisation's departmental implementation plans (workstreams of that kind, whose
    milestones are the plan), each linked to its workstream page when the account may open
    it."""
    out = []
    for plan in (Workstream.objects.filter(kind=WorkstreamKind.DEPARTMENTAL_PLAN,
                                           organisation=organisation)
                 .annotate(milestone_count=Count("milestones")).order_by("name")):
        href = (reverse("strategy:workstream", args=[plan.pk])
                if may_open(request.user, "strategy:workstream", (plan.pk,)) else "")
        out.append({"plan": plan, "href": href, "milestones": plan.milestone_count})
    return out


def _figures(request: HttpRequest) -> bool:
    """Whether the account may open the matrices (the navigation's third link)."""
    return may_open(request.user, "strategy:function-retention")


def taxonomy(request: HttpRequest) -> HttpResponse:
    """Every function with the families and levels it needs and the models keeping it."""
    rows = [{"function": f, "needs": sel.needs_of(f),
             "models": [m.name for m in f.operating_models.all()]} for f in sel.functions()]
    return render(request, "strategy/functions/taxonomy.html",
                  {"rows": rows, "may_see_figures": _figures(request)})


def operating_models(request: HttpRequest) -> HttpResponse:
    models = list(sel.operating_models())
    all_functions = list(sel.functions())
    kept = {m.pk: {f.pk for f in m.retained.all()} for m in models}
    rows = [{"function": f, "kept": [f.pk in kept[m.pk] for m in models]}
            for f in all_functions]
    return render(request, "strategy/functions/models.html",
                  {"models": models, "rows": rows, "may_see_figures": _figures(request)})


def retention(request: HttpRequest) -> HttpResponse:
    """Which departments keep which functions in house, beside the reference models."""
    view = sel.retention()
    departments = [{"organisation": o, "nearest": view.nearest.get(o.pk),
                    "flagged": view.flagged.get(o.pk, 0)} for o in view.organisations]
    return render(request, "strategy/functions/retention.html", {
        "view": view, "departments": departments, "may_see_figures": True,
        "mine": sel.contributing_organisations(request.user)})


def matrix(request: HttpRequest, abbreviation: str) -> HttpResponse:
    organisation = _organisation(abbreviation)
    rows = sel.matrix(organisation)
    return render(request, "strategy/functions/matrix.html", {
        "organisation": organisation, "rows": rows,
        "recorded": sum(1 for r in rows if r.entry),
        "flagged": sum(1 for r in rows if r.flagged),
        "may_record": sel.may_contribute(request.user, organisation),
        "plans": _plans(request, organisation)})


def checks(request: HttpRequest, abbreviation: str) -> HttpResponse:
    organisation = _organisation(abbreviation)
    found = sel.checks(organisation)
    return render(request, "strategy/functions/checks.html", {
        "organisation": organisation, "checks": found, "legend": legend(fc.THRESHOLD),
        "threshold": fc.THRESHOLD})


def entry(request: HttpRequest, abbreviation: str, key: str) -> HttpResponse:
    """Record one function of the organisation's matrix; its history below the form."""
    organisation = _organisation(abbreviation)
    if len(key) > fc.MAX_KEY or "\x00" in key:  # never cut to fit: it would name another
        raise Http404("No such function.")
    function = get_object_or_404(IctFunction, key=key)
    if not sel.may_contribute(request.user, organisation):
        raise PermissionDenied(services.NOT_YOURS)
    current, check = sel.entry_with_check(organisation, function)
    initial = ({"sourcing": current.sourcing, "maturity": current.maturity,
                "evidence": current.evidence, "version": current.version}
               if current else {"version": 0})
    form = SourcingForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_sourcing(actor=Actor.for_user(request.user),
                                     organisation=organisation, function=function,
                                     sourcing=data["sourcing"], maturity=data["maturity"],
                                     evidence=data["evidence"] or "",
                                     expected_version=data["version"] or "0")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.FunctionConflict as exc:
            conflict = exc.message
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{function.name} recorded for {organisation.name}.")
            return redirect("strategy:function-matrix", abbreviation=organisation.abbreviation)
    history = sel.entry_history(current) if current else []
    return render(request, "strategy/functions/entry.html", {
        "organisation": organisation, "function": function, "entry": current,
        "check": check, "form": form, "history": history,
        "needs": sel.needs_of(sel.functions().get(pk=function.pk))},
        status=409 if conflict else status_for(form))
