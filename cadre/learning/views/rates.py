"""Contractor rate pages (issue 17 point 6): benchmarks, variance by organisation and
supplier, rates above the upper quartile, the cost comparison, the named list for people
managers, and the pay ranges. The same selectors as the API and the command line."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cadre.audit.exports import export_table
from cadre.core.actor import Actor
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.learning import rates
from cadre.learning.forms.rates import (
    BenchmarkFilter,
    FamilyFilter,
    NamedFilter,
    PayRangeForm,
    VarianceFilter,
)
from cadre.learning.models import PayRange
from cadre.learning.selectors import rates as sel
from cadre.learning.services import rates as services
from cadre.organisations.models import Organisation
from cadre.people.models import Person

NAMED_PAGE_SIZE = 100
FIELDS = ("grade", "minimum", "maximum", "on_cost_percent", "effective_from", "source")


def _common() -> dict:
    return {"threshold": rates.THRESHOLD, "working_days": rates.WORKING_DAYS_PER_YEAR}


def benchmarks(request: HttpRequest) -> HttpResponse:
    """Day-rate benchmarks per role family and level; ``?format=csv|xlsx|ods`` downloads
    the same rows (audited)."""
    form = BenchmarkFilter(request.GET)
    organisation = form.value("organisation")
    rows = sel.benchmark_rows(organisation_id=getattr(organisation, "pk", None))
    fmt = request.GET.get("format")
    if fmt in SPREADSHEETS:
        where = organisation.abbreviation if organisation else "government"
        return export_response(export_table(
            actor=Actor.for_user(request.user), what="learning_rates",
            columns=sel.BENCHMARK_COLUMNS, rows=rows, fmt=fmt,
            filename=f"contractor-day-rates-{where}", sheet_title="Day rates",
            summary=f"Contractor day-rate benchmarks ({where}) downloaded"))
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "learning/rates/benchmarks.html", {
        **_common(), "form": form, "rows": rows, "organisation": organisation,
        "querystring": query.urlencode()}, status=status_for(form))


def variance(request: HttpRequest) -> HttpResponse:
    """Median day rates by organisation or supplier against each group's median."""
    form = VarianceFilter(request.GET)
    by = form.value("by") or "organisation"
    loaded = sel.load_rates(suppliers=by == "supplier")
    families = sel.families_with_rates(loaded)
    form = VarianceFilter(request.GET, families=families)
    family = form.value("family")
    if family is None and "family" not in request.GET and families:
        family = families[0][0]
    rows = sel.variance_rows(by=by, family_id=family, loaded=loaded)
    return render(request, "learning/rates/variance.html", {
        **_common(), "form": form, "rows": rows, "by": by,
        "family_name": dict(families).get(family, "Every family")},
        status=status_for(form))


def above(request: HttpRequest) -> HttpResponse:
    """How many rates are above their role level's 75th percentile, per organisation and
    per supplier."""
    loaded = sel.load_rates()
    return render(request, "learning/rates/above.html", {
        **_common(),
        "organisations": sel.above_upper_quartile(by="organisation", loaded=loaded),
        "suppliers": sel.above_upper_quartile(by="supplier", loaded=loaded),
        "may_name": sel.named_organisation_ids(request.user) != frozenset()})


def costs(request: HttpRequest) -> HttpResponse:
    """Yearly cost of contingent labour against employed staff at the expected grade."""
    loaded = sel.load_rates(suppliers=False)
    families = sel.families_with_rates(loaded)
    form = FamilyFilter(request.GET, families=families)
    family = form.value("family")
    if family is None and "family" not in request.GET and families:
        family = families[0][0]
    rows = sel.cost_rows(family_id=family, loaded=loaded)
    return render(request, "learning/rates/costs.html", {
        **_common(), "form": form, "rows": rows, "all_organisations": sel.ALL_ORGANISATIONS,
        "family_name": dict(families).get(family, "Every family")},
        status=status_for(form))


def named(request: HttpRequest) -> HttpResponse:
    """Named rates above the upper quartile, for the organisations the account manages."""
    ids = sel.named_organisation_ids(request.user)
    choices = Organisation.objects.open_or(
        Person.objects.values("organisation_id")).order_by("name")
    if ids is not None:
        choices = choices.filter(pk__in=ids)
    form = NamedFilter(request.GET, organisations=choices)
    organisation = form.value("organisation")
    rows = sel.flagged_people(request.user, organisation_id=getattr(organisation, "pk", None))
    page = Paginator(rows, NAMED_PAGE_SIZE).get_page(form.page_number())
    return render(request, "learning/rates/named.html", {
        **_common(), "form": form, "page_obj": page, "count": len(rows),
        "querystring": querystring_without_page(request.GET.dict())},
        status=status_for(form))


def pay_ranges(request: HttpRequest) -> HttpResponse:
    """The pay ranges held, by grade, newest first."""
    in_force = {pay.pk for pay in sel.pay_ranges_in_force().values()}
    return render(request, "learning/rates/pay_ranges.html", {
        "pay_ranges": sel.pay_ranges(), "in_force": in_force})


def _values(form: PayRangeForm) -> dict:
    values = {name: form.cleaned_data[name] for name in FIELDS}
    values["source"] = values["source"] or ""
    return values


def pay_range_add(request: HttpRequest) -> HttpResponse:
    form = PayRangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pay = services.create_pay_range(actor=Actor.for_user(request.user),
                                            **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Pay range added for {pay.grade.name}.")
            return redirect("learning:pay-ranges")
    return render(request, "learning/rates/pay_range_form.html",
                  {"form": form, "pay": None}, status=status_for(form))


def pay_range_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pay = get_object_or_404(PayRange.objects.select_related("grade"), pk=pk)
    form = PayRangeForm(request.POST if request.method == "POST" else None,
                        initial={name: getattr(pay, name) for name in FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_pay_range(actor=Actor.for_user(request.user), pay_range_id=pay.pk,
                                      **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Pay range for {pay.grade.name} changed.")
            return redirect("learning:pay-ranges")
    return render(request, "learning/rates/pay_range_form.html",
                  {"form": form, "pay": pay}, status=status_for(form))
