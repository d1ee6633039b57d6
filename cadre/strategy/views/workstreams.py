"""Strategy, workstream and milestone pages (issue 19, area 1): strategies -> strategy ->
workstream (milestones with baseline, forecast, actual, status and both ratings in words)
-> milestone (progress history, evidence, ratings by period); progress updates and
ratings; confidence scales and reporting periods.

Everyone signed in reads; the central team sets up and gives the central rating; heads of
profession of an owning organisation update progress and give the owner's rating. The
services check every write again; a stale form is answered 409 with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.versions import StaleVersion, record_version
from cadre.strategy.forms.workstreams import (
    MilestoneForm,
    PeriodForm,
    ProgressForm,
    RatingForm,
    ScaleForm,
    StrategyForm,
    WorkstreamForm,
)
from cadre.strategy.models import BaselineKind, Milestone, RaterKind, ReportingPeriod
from cadre.strategy.selectors import workstreams as sel
from cadre.strategy.services import workstreams as services

FORM = "strategy/workstreams/form.html"


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise Http404(f"No such {what}.")
    return value


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _require_editor(request: HttpRequest) -> None:
    if not sel.may_edit(request.user):
        raise PermissionDenied(services.EDITORS_ONLY)


def _form_page(request: HttpRequest, form: Any, *, title: str, caption: str, button: str,
               back: str, intro: str = "", status: int | None = None) -> HttpResponse:
    return render(request, FORM, {"form": form, "title": title, "caption": caption,
                                  "button": button, "back": back, "intro": intro},
                  status=status or status_for(form))


def baseline_words(m: Milestone) -> str:
    """The baseline as Cadre read it, in words."""
    if m.baseline_kind == BaselineKind.DUE:
        return f"Due by {m.baseline_end:%-d %B %Y}"
    if m.baseline_kind == BaselineKind.RANGE:
        return f"{m.baseline_start:%-d %B %Y} to {m.baseline_end:%-d %B %Y}"
    if m.baseline_kind == BaselineKind.FROM:
        return f"From {m.baseline_start:%-d %B %Y}"
    if m.baseline_kind == BaselineKind.ONGOING:
        return "Ongoing"
    return "Not read from the published date" if m.date_text else "No date"


# -- strategies ------------------------------------------------------------------------

def strategy_list(request: HttpRequest) -> HttpResponse:
    return render(request, "strategy/workstreams/strategies.html", {
        "strategies": sel.strategies(), "editor": sel.may_edit(request.user)})


def strategy_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            strategy = services.create_strategy(actor=_actor(request), **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{strategy.name} set up. Now add its workstreams.")
            return redirect("strategy:strategy", pk=strategy.pk)
    return _form_page(request, form, title="Set up a strategy", caption="Strategies",
                      button="Set up the strategy", back=reverse("strategy:strategies"))


def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = _found(sel.strategy(pk), "strategy")
    return render(request, "strategy/workstreams/strategy.html", {
        "strategy": strategy, "workstreams": sel.workstreams(strategy=strategy),
        "editor": sel.may_edit(request.user)})


def workstream_create(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = _found(sel.strategy(pk), "strategy")
    _require_editor(request)
    form = WorkstreamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workstream = services.create_workstream(actor=_actor(request), strategy=strategy,
                                                    **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{workstream.name} set up. Now add its milestones.")
            return redirect("strategy:workstream", pk=workstream.pk)
    return _form_page(request, form, title="Add a workstream", caption=strategy.name,
                      button="Add the workstream",
                      back=reverse("strategy:strategy", args=[strategy.pk]))


# -- workstreams and milestones --------------------------------------------------------

def _rows(milestones: list[Milestone], period: ReportingPeriod | None) -> list[dict]:
    rated = sel.ratings_by_milestone([m.pk for m in milestones], period)
    return [{"milestone": m, "baseline": baseline_words(m),
             "owner": rated.get(m.pk, {}).get(RaterKind.OWNER),
             "central": rated.get(m.pk, {}).get(RaterKind.CENTRAL)} for m in milestones]


def workstream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = _found(sel.workstream(pk), "workstream")
    period = sel.current_period()
    return render(request, "strategy/workstreams/workstream.html", {
        "workstream": workstream, "period": period,
        "rows": _rows(list(sel.milestones(workstream=workstream)), period),
        "participants": workstream.participants.order_by("name"),
        "editor": sel.may_edit(request.user)})


def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = _found(sel.workstream(pk), "workstream")
    _require_editor(request)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.create_milestone(actor=_actor(request), workstream=workstream,
                                                  **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Milestone added: {baseline_words(milestone)}.")
            return redirect("strategy:workstream", pk=workstream.pk)
    return _form_page(request, form, title="Add a milestone", caption=workstream.name,
                      button="Add the milestone",
                      back=reverse("strategy:workstream", args=[workstream.pk]))


def milestone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _found(sel.milestone(pk), "milestone")
    period = sel.current_period()
    ratings = list(sel.ratings(milestone=milestone))
    by_period: dict[int, dict[str, Any]] = {}
    for r in ratings:
        by_period.setdefault(r.period_id, {"period": r.period})[r.rater_kind] = r
    return render(request, "strategy/workstreams/milestone.html", {
        "milestone": milestone, "baseline": baseline_words(milestone), "period": period,
        "by_period": list(by_period.values()), "history": sel.milestone_history(milestone),
        "rating_history": [(r, sel.rating_history(r)) for r in ratings],
        "owner": sel.may_own(request.user, milestone), "editor": sel.may_edit(request.user)})


def milestone_update(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _found(sel.milestone(pk), "milestone")
    if not sel.may_own(request.user, milestone):
        raise PermissionDenied(services.OWNERS_ONLY)
    initial = {"status": milestone.status, "forecast_date": milestone.forecast_date,
               "actual_date": milestone.actual_date, "evidence": milestone.evidence,
               "evidence_url": milestone.evidence_url, "version": milestone.version}
    form = ProgressForm(request.POST or None, initial=initial)
    status = None
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            services.change_milestone(actor=_actor(request), milestone=milestone,
                                      version=values.pop("version"), **values)
        except services.WorkstreamConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Progress saved.")
            return redirect("strategy:milestone", pk=pk)
    return _form_page(request, form, title="Update progress", caption=milestone.title,
                      button="Save progress", status=status,
                      back=reverse("strategy:milestone", args=[pk]),
                      intro=f"Baseline: {milestone.date_text or 'none'} "
                            f"({baseline_words(milestone)}).")


def _rate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    milestone = _found(sel.milestone(pk), "milestone")
    allowed = sel.may_edit(request.user) if kind == RaterKind.CENTRAL \
        else sel.may_own(request.user, milestone)
    if not allowed:
        raise PermissionDenied(services.EDITORS_ONLY if kind == RaterKind.CENTRAL
                               else services.OWNERS_ONLY)
    wanted = str(request.GET.get("period") or "")
    period = sel.period(int(wanted)) if wanted.isascii() and wanted.isdigit() \
        and len(wanted) < 19 else None
    if wanted and period is None:  # never rate the current period in its place
        raise Http404("No such reporting period.")
    period = period or sel.current_period()
    if period is None:
        messages.error(request, "There is no reporting period to rate in yet.")
        return redirect("strategy:milestone", pk=pk)
    existing = sel.rating(milestone, period, kind)
    initial = {"version": existing.version if existing else 0,
               "level": str(existing.level_id) if existing else None,
               "comment": existing.comment if existing else ""}
    form = RatingForm(request.POST or None, initial=initial, period=period)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_milestone(actor=_actor(request), milestone=milestone, period=period,
                                    rater_kind=kind, level=form.cleaned_data["level"],
                                    comment=form.cleaned_data.get("comment") or "",
                                    version=form.cleaned_data["version"])
        except services.WorkstreamConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{RaterKind(kind).label} rating for {period.label} "
                                      "saved.")
            return redirect("strategy:milestone", pk=pk)
    who = "the owner's" if kind == RaterKind.OWNER else "the central team's"
    return _form_page(request, form, title=f"Give {who} rating", caption=milestone.title,
                      button="Save the rating", status=status,
                      back=reverse("strategy:milestone", args=[pk]),
                      intro=f"How confident are you that this milestone will be delivered? "
                            f"Reporting period {period.label}, rated on {period.scale.name}.")


def milestone_rate_owner(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate(request, pk, RaterKind.OWNER)


def milestone_rate_central(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate(request, pk, RaterKind.CENTRAL)


# -- scales and periods ----------------------------------------------------------------

def confidence(request: HttpRequest) -> HttpResponse:
    return render(request, "strategy/workstreams/confidence.html", {
        "scales": sel.scales(), "periods": sel.periods(), "current": sel.current_period(),
        "editor": sel.may_edit(request.user)})


def scale_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ScaleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scale = services.create_scale(actor=_actor(request), **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Scale {scale.name} set up.")
            return redirect("strategy:confidence")
    return _form_page(request, form, title="Add a confidence scale", caption="Delivery "
                      "confidence", button="Add the scale", back=reverse("strategy:confidence"))


def period_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.create_period(actor=_actor(request), **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Reporting period {period.label} set up.")
            return redirect("strategy:confidence")
    return _form_page(request, form, title="Add a reporting period",
                      caption="Delivery confidence", button="Add the period",
                      back=reverse("strategy:confidence"))


def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = _found(sel.period(pk), "reporting period")
    _require_editor(request)
    initial = {"label": period.label, "starts_on": period.starts_on,
               "ends_on": period.ends_on, "scale": period.scale_id,
               "version": record_version(period)}
    form = PeriodForm(request.POST or None, initial=initial)
    status = None
    if request.method == "POST" and form.is_valid():
        read = form.cleaned_data.get("version") or ""
        try:
            services.update_period(actor=_actor(request), period=period,
                                   if_match=(read,) if read else None, **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except StaleVersion:
            form.add_error(None, "Someone changed this period since you opened the form; "
                                 "nothing was saved. Open it again and make your change.")
            status = 409
        else:
            messages.success(request, "Reporting period changed.")
            return redirect("strategy:confidence")
    return _form_page(request, form, title=f"Change {period.label}",
                      caption="Delivery confidence", button="Save changes",
                      back=reverse("strategy:confidence"), status=status,
                      intro="A period's scale is fixed once it has ratings.")
