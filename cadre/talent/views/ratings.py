"""Pages for appraisal cycles, nine-box ratings and their calibration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.organisations.models import Grade, Organisation, Unit
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.forms import (
    CalibrateForm,
    CycleForm,
    GovernmentFilterForm,
    NineboxFilterForm,
    RateForm,
)
from cadre.talent.ninebox import BOX_NAMES, box_of, movement
from cadre.talent.views.common import (
    PAGE_SIZE,
    actor,
    download,
    int_value,
)


def ratings(request: HttpRequest) -> HttpResponse:
    """The line manager's page: rate performance and potential for people in their chain."""
    me = own_person(request.user)
    if me is None:
        return render(request, "talent/no_person.html")
    cycles = list(sel.open_cycles_for(me))
    cycle = next((c for c in cycles if c.pk == int_value(request.GET.get("cycle")
                                                      or request.POST.get("cycle"))),
                 cycles[0] if cycles else None)
    posted, posted_person = None, None
    if request.method == "POST":
        if cycle is None:
            raise Http404("No appraisal cycle is open.")
        posted_person = sel.team_to_rate(me).filter(
            pk=int_value(request.POST.get("person")) or 0).first()
        if posted_person is None:
            raise Http404("No such person in your team.")
        posted = RateForm(request.POST, row=posted_person.pk)
        if posted.is_valid():
            try:
                services.rate(actor=actor(request), rater=me, cycle=cycle, person=posted_person,
                              performance=posted.cleaned_data["performance"],
                              potential=posted.cleaned_data["potential"])
            except ValidationError as exc:
                add_validation_errors(posted, exc)
            else:
                messages.success(request, f"Rating saved for {posted_person.full_name}.")
                page_number = int_value(request.POST.get("page")) or 1
                return redirect(f"{request.path}?cycle={cycle.pk}&page={page_number}")
    page = Paginator(sel.team_to_rate(me), PAGE_SIZE).get_page(
        request.POST.get("page") if posted else request.GET.get("page"))
    existing = {}
    if cycle is not None:
        existing = {r.person_id: r for r in cycle.ratings.filter(
            person__in=[p.pk for p in page.object_list])}
    rows = []
    for p in page.object_list:
        rating = existing.get(p.pk)
        form = posted if posted_person is not None and p.pk == posted_person.pk else RateForm(
            row=p.pk, initial={"performance": getattr(rating, "performance", None),
                               "potential": getattr(rating, "potential", None)})
        rows.append((p, rating, form))
    return render(request, "talent/ratings.html", {
        "me": me, "cycles": cycles, "cycle": cycle, "rows": rows, "page_obj": page,
        "form": posted, "querystring": f"cycle={cycle.pk}&" if cycle else "",
    }, status=status_for(posted))


def cycles(request: HttpRequest) -> HttpResponse:
    """Appraisal cycles of the organisations the account manages; open a new one."""
    organisations = sel.managed_organisations(request.user).open().order_by("name")
    form = CycleForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cycle = services.open_cycle(actor=actor(request), organisation=d["organisation"],
                                        name=d["name"], opens_on=d["opens_on"],
                                        closes_on=d["closes_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Appraisal cycle {cycle.name} opened.")
            return redirect("talent:ninebox", pk=cycle.pk)
    listed = (sel.managed_cycles(request.user).select_related("organisation")
              .order_by("organisation__name", "-opens_on", "pk"))
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent/cycles.html", {
        "page_obj": page, "form": form, "can_open": organisations.exists(),
        "querystring": "", "perms_central": scope_for(request.user).government_wide,
    }, status=status_for(form))


def ninebox(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of profession's calibration view: grid, names per box, a paginated table.

    A filter that is not understood is named in the error summary and left out."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=pk)
    if cycle is None:
        raise Http404("No such cycle, or not one you calibrate.")
    form = NineboxFilterForm(
        request.GET, grades=Grade.objects.filter(pk__in=cycle.ratings.values("person__grade_id")),
        units=Unit.objects.filter(organisation=cycle.organisation).order_by("path"))
    grade_id, unit_id = form.pk("grade"), form.pk("unit")
    number = form.value("box")
    box = box_of(number) if number else None
    base = sel.filter_ratings(cycle.ratings.all(), grade_id=grade_id, unit_id=unit_id)
    rated, final = sel.grids(base)
    names = sel.names_by_box(base)
    table = sel.filter_ratings(base, box=box).select_related(
        "person__grade", "person__unit").order_by("person__last_name", "person__first_name",
                                                  "pk")
    page = Paginator(table, PAGE_SIZE).get_page(form.page_number())
    moved = movement(rated, final)
    grid = [[{"box": b, "names": names[b.performance, b.potential],
              "moved": int(moved[b.potential - 1, b.performance - 1])} for b in row]
            for row in final.rows()]
    filters = {k: v for k, v in (("grade", grade_id), ("unit", unit_id)) if v}
    return render(request, "talent/ninebox.html", {
        "cycle": cycle, "grid": grid, "total": final.total, "page_obj": page,
        "box": box, "box_name": BOX_NAMES[box] if box else "", "form": form,
        "grade_id": grade_id, "unit_id": unit_id,
        "filter_qs": "".join(f"{k}={v}&" for k, v in filters.items()),
        "querystring": querystring_without_page(request.GET),
        "calibrated": cycle.ratings.filter(calibrated_at__isnull=False).count(),
    }, status=status_for(form))


def ninebox_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every rating in the cycle (CSV, or ``?format=xlsx``/``json``), with the calibration
    beside the original; audited."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=pk)
    if cycle is None:
        raise Http404("No such cycle, or not one you calibrate.")
    return download(lambda: services.export_ninebox(actor=actor(request), cycle=cycle,
                                                    fmt=request.GET.get("format", "csv")))


def rating(request: HttpRequest, pk: int) -> HttpResponse:
    """One rating; heads of profession of its organisation calibrate it with a reason."""
    found = sel.visible_rating(user=request.user, rating_id=pk)
    if found is None:
        raise Http404("No such rating, or not one you can see.")
    can_calibrate = sel.may_manage_organisation(request.user, found.cycle.organisation_id)
    if request.method == "POST" and not can_calibrate:
        raise PermissionDenied("Only the organisation's head of profession or the central "
                               "team calibrates ratings.")
    form = CalibrateForm(request.POST or None, initial={
        "performance": found.final_performance, "potential": found.final_potential})
    if request.method == "POST" and form.is_valid():
        try:
            services.calibrate(actor=actor(request), rating=found,
                               performance=form.cleaned_data["performance"],
                               potential=form.cleaned_data["potential"],
                               reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Calibration saved; the line manager's rating is kept.")
            return redirect("talent:ninebox", pk=found.cycle_id)
    return render(request, "talent/rating.html", {
        "rating": found, "can_calibrate": can_calibrate, "form": form,
        "box": BOX_NAMES[found.final_performance, found.final_potential],
        "history": found.history.select_related("history_user").order_by("-history_date")[:20]
        if can_calibrate else [],
    }, status=status_for(form))


def government_ninebox(request: HttpRequest) -> HttpResponse:
    """The central team's grid of Senior Civil Service and grade 6 and 7 ratings."""
    years = sel.cycle_years()
    form = GovernmentFilterForm(
        request.GET, years=years, groups=sel.SENIOR_GROUPS,
        organisations=Organisation.objects.filter(pk__in=sel.government_ratings(
            year=None).values("cycle__organisation_id")).order_by("name"))
    year = form.value("year") or (years[0] if years else None)
    group = form.value("group") or ""
    organisation_id = form.pk("organisation")
    number = form.value("box")
    box = box_of(number) if number else None
    qs = sel.government_ratings(year=year, group=group)
    if organisation_id:
        qs = qs.filter(cycle__organisation_id=organisation_id)
    _, final = sel.grids(qs)
    by_group = []
    for name in sel.SENIOR_GROUPS:
        g = sel.grids(sel.government_ratings(year=year, group=name).filter(
            **({"cycle__organisation_id": organisation_id} if organisation_id else {})))[1]
        by_group.append({"group": name, "counts": [b.count for b in g.boxes()],
                         "total": g.total})
    table = sel.filter_ratings(qs, box=box).select_related(
        "person__grade", "person__organisation", "cycle").order_by(
        "person__last_name", "person__first_name", "pk")
    page = Paginator(table, PAGE_SIZE).get_page(form.page_number())
    return render(request, "talent/government.html", {
        "form": form,
        "grid": [[{"box": b} for b in row] for row in final.rows()], "total": final.total,
        "years": years, "year": year, "group": group, "groups": sel.SENIOR_GROUPS,
        "by_group": by_group, "box_names": [BOX_NAMES[box_of(n)] for n in range(1, 10)],
        "organisations": Organisation.objects.filter(
            pk__in=sel.government_ratings(year=year).values("cycle__organisation_id")),
        "organisation_id": organisation_id, "page_obj": page, "box": box,
        "filter_qs": "".join(f"{k}={v}&" for k, v in (("year", year), ("group", group),
                                                       ("organisation", organisation_id))
                             if v),
        "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


