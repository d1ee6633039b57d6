"""Strategic supplier pages (issue 19 point 5): the suppliers, each supplier's scores across
government and performance plan, scoring for a buying organisation, the assessment
framework and periods, and plan actions. Who sees which figure: ``selectors.suppliers``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.versions import StaleVersion, record_version
from cadre.strategy import supplier_scoring
from cadre.strategy.forms.suppliers import (
    ActionForm,
    CriterionForm,
    MoveForm,
    PeriodForm,
    ScoreChoiceForm,
    ScoresForm,
    SupplierForm,
    VersionForm,
)
from cadre.strategy.models import ActionStatus, AssessmentVersion, PlanAction, StrategicSupplier
from cadre.strategy.selectors import suppliers as sel
from cadre.strategy.services import suppliers as services

PAGE_SIZE = 50
#: Where each status may go next (the transitions of ``PlanAction``).
NEXT = {ActionStatus.OPEN: ["in_progress", "done", "dropped"],
        ActionStatus.IN_PROGRESS: ["done", "dropped"],
        ActionStatus.DONE: ["open"], ActionStatus.DROPPED: ["open"]}


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _supplier(pk: int) -> StrategicSupplier:
    found = sel.supplier(pk)
    if found is None:
        raise Http404("No such strategic supplier.")
    return found


def _action(pk: int) -> PlanAction:
    found = sel.action(pk)
    if found is None:
        raise Http404("No such plan action.")
    return found


def _no_nul(request: HttpRequest) -> None:
    """PostgreSQL refuses NUL characters: a query string holding one is a 400."""
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        raise BadRequest("A value in the address holds a NUL character.")


def _conflict(form: Any, exc: services.SupplierConflict) -> None:
    form.add_error(None, exc.message)


# -- suppliers -------------------------------------------------------------------------

def supplier_list(request: HttpRequest) -> HttpResponse:
    _no_nul(request)
    q = (request.GET.get("q") or "").strip()
    if len(q) > 200:  # refused, never searched for its first 200 characters
        raise BadRequest("Search for at most 200 characters.")
    page = Paginator(sel.suppliers(search=q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "strategy/suppliers/list.html", {
        "page_obj": page, "q": q, "may_edit": services.may_edit(request.user),
        "querystring": querystring_without_page(request.GET.dict())})


def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _supplier(pk)
    own = sel.viewer_organisations(request.user)
    figures = sel.figures(item, request.user)
    return render(request, "strategy/suppliers/detail.html", {
        "supplier": item, "figures": figures,
        "central": own is None, "min_organisations": supplier_scoring.MIN_ORGANISATIONS,
        "actions": sel.actions(item), "may_edit": services.may_edit(request.user)})


def supplier_create(request: HttpRequest) -> HttpResponse:
    form = SupplierForm(request.POST if request.method == "POST" else None)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_supplier(actor=_actor(request), **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.SupplierConflict as exc:
            _conflict(form, exc)
            status = 409
        else:
            messages.success(request, f"Strategic supplier added: {item.name}.")
            return redirect("strategy:supplier", pk=item.pk)
    return render(request, "strategy/suppliers/supplier_form.html",
                  {"form": form, "supplier": None}, status=status or status_for(form))


def supplier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _supplier(pk)
    initial = {"name": item.name, "company_number": item.company_number,
               "description": item.description, "plan_summary": item.plan_summary,
               "active": "yes" if item.active else "no", "version": record_version(item)}
    form = SupplierForm(request.POST if request.method == "POST" else None, initial=initial)
    status = None
    if request.method == "POST" and form.is_valid():
        read = form.cleaned_data.get("version") or ""
        try:
            services.update_supplier(actor=_actor(request), supplier=item.pk,
                                     if_match=(read,) if read else None, **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except StaleVersion:
            form.add_error(None, "Someone changed this supplier since you opened the form; "
                                 "nothing was saved. Open it again and make your change.")
            status = 409
        else:
            messages.success(request, f"Strategic supplier changed: {form.values()['name']}.")
            return redirect("strategy:supplier", pk=item.pk)
    return render(request, "strategy/suppliers/supplier_form.html",
                  {"form": form, "supplier": item}, status=status or status_for(form))


# -- scores ----------------------------------------------------------------------------

def supplier_scores(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a period and organisation (query string), then give or change its scores."""
    _no_nul(request)
    item = _supplier(pk)
    organisations = sel.scoring_organisations(request.user)
    choice = ScoreChoiceForm(request.GET.dict() or None, organisations=organisations)
    period = choice.value("period")
    organisation = choice.value("organisation")
    if organisation is None and organisations.count() == 1 and not choice.errors:
        organisation = organisations.first()
    form = history = None
    status = None
    if period is not None and organisation is not None:
        if not services.may_score(request.user, organisation):
            raise Http404("You do not score for this organisation.")
        criteria = sel.criteria_for(period)
        current = sel.scores_for(supplier=item, period=period, organisation=organisation)
        form = ScoresForm(request.POST if request.method == "POST" else None,
                          criteria=criteria, current=current)
        if request.method == "POST" and form.is_valid():
            try:
                services.set_scores(actor=_actor(request), supplier=item, period=period,
                                    organisation=organisation, entries=form.entries())
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except services.SupplierConflict as exc:
                form.add_error(None, exc.message + " Nothing was saved.")
                status = 409
            else:
                messages.success(request, f"Scores saved for {organisation.name}, "
                                          f"{period.label}.")
                return redirect("strategy:supplier", pk=item.pk)
        history = sel.score_history(supplier=item, period=period, organisation=organisation)
    elif request.method == "POST":
        choice.add_error(None, "Choose the period and the buying organisation first.")
        status = 400
    return render(request, "strategy/suppliers/scores.html", {
        "supplier": item, "choice": choice, "scores": form, "period": period,
        "organisation": organisation, "history": history},
        status=status or status_for(form))


# -- the framework ---------------------------------------------------------------------

def framework(request: HttpRequest) -> HttpResponse:
    rows = [{"version": v, "in_use": sel.version_in_use(v)} for v in sel.versions()]
    return render(request, "strategy/suppliers/framework.html", {
        "versions": rows, "periods": sel.periods(), "may_edit": services.may_edit(request.user)})


def version_create(request: HttpRequest) -> HttpResponse:
    form = VersionForm(request.POST if request.method == "POST" else None)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_version(
                actor=_actor(request), label=form.cleaned_data["label"],
                copy_latest=form.cleaned_data["copy_latest"] == "yes")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.SupplierConflict as exc:
            _conflict(form, exc)
            status = 409
        else:
            messages.success(request, f"Version {version.number} made.")
            return redirect("strategy:supplier-framework")
    return render(request, "strategy/suppliers/simple_form.html", {
        "form": form, "title": "Make a new framework version",
        "intro": "Criteria of a version that has been scored against are fixed, so that "
                 "every score stays tied to the criteria it was given under. To change them, "
                 "make a new version; periods added afterwards use it."},
        status=status or status_for(form))


def criterion_create(request: HttpRequest) -> HttpResponse:
    open_versions = AssessmentVersion.objects.filter(
        pk__in=[v.pk for v in AssessmentVersion.objects.all()
                if not sel.version_in_use(v)]).order_by("-number")
    form = CriterionForm(request.POST if request.method == "POST" else None,
                         versions=open_versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            criterion = services.add_criterion(
                actor=_actor(request), version=data["version"], name=data["name"],
                description=data["description"] or "", weight=data["weight"],
                scale_max=data["scale_max"], descriptors=data["descriptors"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Criterion added: {criterion.name}.")
            return redirect("strategy:supplier-framework")
    return render(request, "strategy/suppliers/simple_form.html", {
        "form": form, "title": "Add a criterion",
        "intro": "Only versions nobody has scored against yet are listed."},
        status=status_for(form))


def period_create(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.POST if request.method == "POST" else None)
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.create_period(actor=_actor(request), label=data["label"],
                                            starts_on=data["starts_on"],
                                            ends_on=data["ends_on"], version=data["version"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.SupplierConflict as exc:
            _conflict(form, exc)
            status = 409
        else:
            messages.success(request, f"Period added: {period.label}.")
            return redirect("strategy:supplier-framework")
    return render(request, "strategy/suppliers/simple_form.html", {
        "form": form, "title": "Add an assessment period",
        "intro": "Scores for the period are given against the criteria of the version "
                 "you choose."}, status=status or status_for(form))


# -- the performance plan --------------------------------------------------------------

def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = _supplier(pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.create_action(
                actor=_actor(request), supplier=item, title=data["title"],
                description=data["description"] or "",
                owner_organisation=data["owner_organisation"],
                owner_person=data["owner_person"] or None, due_on=data["due_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Action added: {action.title}.")
            return redirect("strategy:supplier-action", pk=action.pk)
    return render(request, "strategy/suppliers/simple_form.html", {
        "form": form, "title": f"Add an action to the plan for {item.name}",
        "back": item}, status=status_for(form))


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    return render(request, "strategy/suppliers/action.html", {
        "action": action, "history": sel.action_history(action), "form": None,
        "may_move": services.may_move(request.user, action)})


def action_move(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    # A POST may name any status: one no longer reachable (someone moved it first) is the
    # transition service's 409, not a form error.
    form = MoveForm(request.POST if request.method == "POST" else None,
                    allowed=None if request.method == "POST"
                    else NEXT[ActionStatus(action.status)])
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.move_action(actor=_actor(request), action=action.pk,
                                         to=form.cleaned_data["to"],
                                         reason=form.cleaned_data["reason"] or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{moved.title} is now "
                                      f"{moved.get_status_display().lower()}.")
            return redirect("strategy:supplier-action", pk=moved.pk)
    elif request.method != "POST" and not services.may_move(request.user, action):
        raise PermissionDenied(services.NOT_YOUR_ACTION)
    return render(request, "strategy/suppliers/action.html", {
        "action": action, "history": sel.action_history(action), "form": form},
        status=status_for(form))
