"""Pages for appraisal cycles, nine-box ratings and their calibration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import date_from_post, querystring_without_page
from cadre.organisations.models import Grade, Organisation, Unit
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import Rating
from cadre.talent.ninebox import BOX_NAMES, box_of, movement
from cadre.talent.views.common import (
    PAGE_SIZE,
    actor,
    chosen,
    date_value,
    download,
    error,
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
    if request.method == "POST":
        if cycle is None:
            raise Http404("No appraisal cycle is open.")
        person = sel.team_to_rate(me).filter(pk=int_value(request.POST.get("person")) or 0).first()
        if person is None:
            raise Http404("No such person in your team.")
        try:
            services.rate(actor=actor(request), rater=me, cycle=cycle, person=person,
                          performance=int_value(request.POST.get("performance")) or 0,
                          potential=int_value(request.POST.get("potential")) or 0)
        except ValidationError as exc:
            error(request, exc)
        else:
            messages.success(request, f"Rating saved for {person.full_name}.")
        page_number = int_value(request.POST.get("page")) or 1
        return redirect(f"{request.path}?cycle={cycle.pk}&page={page_number}")
    page = Paginator(sel.team_to_rate(me), PAGE_SIZE).get_page(request.GET.get("page"))
    existing = {}
    if cycle is not None:
        existing = {r.person_id: r for r in cycle.ratings.filter(
            person__in=[p.pk for p in page.object_list])}
    rows = [(p, existing.get(p.pk)) for p in page.object_list]
    return render(request, "talent/ratings.html", {
        "me": me, "cycles": cycles, "cycle": cycle, "rows": rows, "page_obj": page,
        "levels": Rating.choices,
        "querystring": f"cycle={cycle.pk}&" if cycle else "",
    })


def cycles(request: HttpRequest) -> HttpResponse:
    """Appraisal cycles of the organisations the account manages; open a new one."""
    organisations = sel.managed_organisations(request.user)
    if request.method == "POST":
        try:
            organisation = chosen(organisations, request.POST.get("organisation"))
            opens = date_value(date_from_post(request.POST, "opens_on"), "opens_on")
            closes = date_value(date_from_post(request.POST, "closes_on"), "closes_on")
            if opens is None or closes is None:
                raise ValidationError({"opens_on": "Give the dates the cycle opens and closes."})
            cycle = services.open_cycle(actor=actor(request), organisation=organisation,
                                        name=request.POST.get("name", ""), opens_on=opens,
                                        closes_on=closes)
        except ValidationError as exc:
            error(request, exc)
            return redirect("talent:cycles")
        messages.success(request, f"Appraisal cycle {cycle.name} opened.")
        return redirect("talent:ninebox", pk=cycle.pk)
    listed = (sel.managed_cycles(request.user).select_related("organisation")
              .order_by("organisation__name", "-opens_on", "pk"))
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent/cycles.html", {
        "page_obj": page, "organisations": organisations.order_by("name")[:500],
        "querystring": "", "perms_central": scope_for(request.user).government_wide,
    })


def _box_param(request: HttpRequest) -> tuple[int, int] | None:
    number = int_value(request.GET.get("box"))
    return box_of(number) if number and 1 <= number <= 9 else None


def ninebox(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of profession's calibration view: grid, names per box, a paginated table."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=pk)
    if cycle is None:
        raise Http404("No such cycle, or not one you calibrate.")
    grade_id, unit_id = int_value(request.GET.get("grade")), int_value(request.GET.get("unit"))
    box = _box_param(request)
    base = sel.filter_ratings(cycle.ratings.all(), grade_id=grade_id, unit_id=unit_id)
    rated, final = sel.grids(base)
    names = sel.names_by_box(base)
    table = sel.filter_ratings(base, box=box).select_related(
        "person__grade", "person__unit").order_by("person__last_name", "person__first_name",
                                                  "pk")
    page = Paginator(table, PAGE_SIZE).get_page(request.GET.get("page"))
    moved = movement(rated, final)
    grid = [[{"box": b, "names": names[b.performance, b.potential],
              "moved": int(moved[b.potential - 1, b.performance - 1])} for b in row]
            for row in final.rows()]
    filters = {k: v for k, v in (("grade", grade_id), ("unit", unit_id)) if v}
    return render(request, "talent/ninebox.html", {
        "cycle": cycle, "grid": grid, "total": final.total, "page_obj": page,
        "box": box, "box_name": BOX_NAMES[box] if box else "",
        "grades": Grade.objects.filter(pk__in=cycle.ratings.values("person__grade_id")),
        "units": Unit.objects.filter(organisation=cycle.organisation).order_by("path")[:300],
        "grade_id": grade_id, "unit_id": unit_id,
        "filter_qs": "".join(f"{k}={v}&" for k, v in filters.items()),
        "querystring": querystring_without_page(request.GET),
        "calibrated": cycle.ratings.filter(calibrated_at__isnull=False).count(),
    })


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
    if request.method == "POST":
        try:
            services.calibrate(actor=actor(request), rating=found,
                               performance=int_value(request.POST.get("performance")) or 0,
                               potential=int_value(request.POST.get("potential")) or 0,
                               reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            error(request, exc)
            return redirect("talent:rating", pk=found.pk)
        messages.success(request, "Calibration saved; the line manager's rating is kept.")
        return redirect("talent:ninebox", pk=found.cycle_id)
    return render(request, "talent/rating.html", {
        "rating": found, "can_calibrate": can_calibrate, "levels": Rating.choices,
        "box": BOX_NAMES[found.final_performance, found.final_potential],
        "history": found.history.select_related("history_user").order_by("-history_date")[:20]
        if can_calibrate else [],
    })


def government_ninebox(request: HttpRequest) -> HttpResponse:
    """The central team's grid of Senior Civil Service and grade 6 and 7 ratings."""
    years = sel.cycle_years()
    year = int_value(request.GET.get("year")) or (years[0] if years else None)
    group = request.GET.get("group", "")
    group = group if group in sel.SENIOR_GROUPS else ""
    organisation_id = int_value(request.GET.get("organisation"))
    box = _box_param(request)
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
    page = Paginator(table, PAGE_SIZE).get_page(request.GET.get("page"))

    return render(request, "talent/government.html", {
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
    })


