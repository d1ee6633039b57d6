"""Pay benchmark pages (issue 21, area 4): the benchmarks of a role level and grade, and the
hub's market figures (add, withdraw). Who sees what: ``config/permissions.py``; the
figures are ``selectors.pay``, counts of 1 to 4 people show no figure."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.recruitment import pay_figures
from cadre.recruitment.forms.pay import BenchmarkFilter, MarketFigureForm, WithdrawForm
from cadre.recruitment.selectors import pay as sel
from cadre.recruitment.services import pay as services


def _no_nul(request: HttpRequest) -> None:
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        raise BadRequest("A value in the address holds a NUL character.")


def benchmarks(request: HttpRequest) -> HttpResponse:
    """Choose a role level (and grade); its benchmark, the figures behind it and the
    market figures the hub entered for it."""
    _no_nul(request)
    form = BenchmarkFilter(request.GET)
    level_id = form.chosen("role_level")
    grade_id = form.chosen("grade")
    benchmark = sel.benchmark_for(role_level_id=level_id, grade_id=grade_id) \
        if level_id else None
    figures = list(sel.market_figures(role_level_id=level_id)) if level_id else []
    return render(request, "recruitment/pay/benchmarks.html", {
        "form": form, "benchmark": benchmark, "figures": figures,
        "rows": benchmark.sources if benchmark else [],
        "threshold": pay_figures.SUPPRESS_BELOW,
        "working_days": pay_figures.WORKING_DAYS_PER_YEAR,
        "may_enter": services.may_enter(request.user),
        "levels_with_figures": [] if benchmark else sel.levels_with_market_figures()},
        status=status_for(form))


def market_add(request: HttpRequest) -> HttpResponse:
    """The hub adds a market figure; the role level may be chosen already (``?role_level=``)."""
    _no_nul(request)
    initial = {k: request.GET[k] for k in ("role_level", "grade") if request.GET.get(k)}
    form = MarketFigureForm(request.POST if request.method == "POST" else None,
                            initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.add_market_figure(actor=Actor.for_user(request.user),
                                                **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Market figure added: {figure.source}.")
            return redirect(f"{reverse('recruitment:pay-benchmarks')}"
                            f"?role_level={figure.role_level_id}")
    return render(request, "recruitment/pay/market_form.html", {"form": form},
                  status=status_for(form))


def market_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a market figure (it stays on record, no longer used)."""
    figure = sel.market_figure(pk)
    if figure is None:
        raise Http404("No such market figure.")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and figure.withdrawn_at is None and form.is_valid():
        try:
            services.withdraw_market_figure(actor=Actor.for_user(request.user),
                                            figure_id=figure.pk,
                                            reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Market figure withdrawn: {figure.source}.")
            return redirect(f"{reverse('recruitment:pay-benchmarks')}"
                            f"?role_level={figure.role_level_id}")
    return render(request, "recruitment/pay/withdraw.html",
                  {"form": form, "figure": figure}, status=status_for(form))
