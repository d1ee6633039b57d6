"""Pages for talent identification (nine-box ratings, calibration, talent pools) and
succession (critical posts, successors, coverage). Scoping is in
``selectors_identification``; a record out of scope answers 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import querystring_without_page
from cadre.core.tabular import parse_date, write_csv
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade, Unit
from cadre.people.models import Person
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import CriticalPost, DevelopmentAction, Rating, Readiness, TalentPool
from cadre.talent.ninebox import BOX_NAMES, box_of, movement

PAGE_SIZE = 50


def _date(value: str | None, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError({field: str(exc)}) from exc


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _chosen(organisations, value: str | None):  # noqa: ANN001, ANN202
    """The organisation picked on a form, if the account manages it."""
    organisation = organisations.filter(pk=_int(value) or 0).first()
    if organisation is None:
        raise ValidationError({"organisation": "Choose an organisation you manage."})
    return organisation


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _change(request: HttpRequest, allowed: bool, action, record, url_name: str,  # noqa: ANN001
            refusal: str) -> HttpResponse:
    """Apply a POSTed ``action(request, record)`` if ``allowed`` (else 403), report any
    validation error, and go back to the record's page."""
    if not allowed:
        raise PermissionDenied(refusal)
    try:
        action(request, record)
    except ValidationError as exc:
        _error(request, exc)
    return redirect(url_name, pk=record.pk)


def _csv(name: str, columns: list[str], rows: list[dict]) -> HttpResponse:
    response = HttpResponse(write_csv(columns, rows).encode("utf-8-sig"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


# --- Ratings -----------------------------------------------------------------------------

def ratings(request: HttpRequest) -> HttpResponse:
    """The line manager's page: rate performance and potential for people in their chain."""
    me = own_person(request.user)
    if me is None:
        return render(request, "talent/no_person.html")
    cycles = list(sel.open_cycles_for(me))
    cycle = next((c for c in cycles if c.pk == _int(request.GET.get("cycle")
                                                      or request.POST.get("cycle"))),
                 cycles[0] if cycles else None)
    if request.method == "POST":
        if cycle is None:
            raise Http404("No appraisal cycle is open.")
        person = sel.team_to_rate(me).filter(pk=_int(request.POST.get("person")) or 0).first()
        if person is None:
            raise Http404("No such person in your team.")
        try:
            services.rate(actor=request.user, rater=me, cycle=cycle, person=person,
                          performance=_int(request.POST.get("performance")) or 0,
                          potential=_int(request.POST.get("potential")) or 0)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, f"Rating saved for {person.full_name}.")
        page_number = _int(request.POST.get("page")) or 1
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
            organisation = _chosen(organisations, request.POST.get("organisation"))
            opens = _date(request.POST.get("opens_on"), "opens_on")
            closes = _date(request.POST.get("closes_on"), "closes_on")
            if opens is None or closes is None:
                raise ValidationError({"opens_on": "Give the dates the cycle opens and closes."})
            cycle = services.open_cycle(actor=request.user, organisation=organisation,
                                        name=request.POST.get("name", ""), opens_on=opens,
                                        closes_on=closes)
        except ValidationError as exc:
            _error(request, exc)
            return redirect("talent:cycles")
        messages.success(request, f"Appraisal cycle {cycle.name} opened.")
        return redirect("talent:ninebox", pk=cycle.pk)
    from cadre.talent.models import AppraisalCycle

    listed = (AppraisalCycle.objects.filter(organisation__in=organisations)
              .select_related("organisation").order_by("organisation__name", "-opens_on"))
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent/cycles.html", {
        "page_obj": page, "organisations": organisations.order_by("name")[:500],
        "querystring": "", "perms_central": scope_for(request.user).government_wide,
    })


def _box_param(request: HttpRequest) -> tuple[int, int] | None:
    number = _int(request.GET.get("box"))
    return box_of(number) if number and 1 <= number <= 9 else None


def ninebox(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of profession's calibration view: grid, names per box, a paginated table."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=pk)
    if cycle is None:
        raise Http404("No such cycle, or not one you calibrate.")
    grade_id, unit_id = _int(request.GET.get("grade")), _int(request.GET.get("unit"))
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
    """Every rating in the cycle as CSV, with the calibration beside the original."""
    cycle = sel.manageable_cycle(user=request.user, cycle_id=pk)
    if cycle is None:
        raise Http404("No such cycle, or not one you calibrate.")
    rows = [{
        "staff_number": r.person.staff_number, "name": r.person.full_name,
        "grade": r.person.grade.code if r.person.grade else "",
        "unit": r.person.unit.path if r.person.unit else "",
        "performance": r.performance, "potential": r.potential,
        "calibrated_performance": r.calibrated_performance,
        "calibrated_potential": r.calibrated_potential,
        "calibration_reason": r.calibration_reason,
        "box": BOX_NAMES[r.final_performance, r.final_potential],
    } for r in cycle.ratings.select_related("person__grade", "person__unit")]
    services.record_export(actor=request.user, target=cycle, rows=len(rows),
                           summary=f"Nine-box ratings of {cycle} exported")
    return _csv(f"ninebox-{cycle.pk}", list(rows[0]) if rows else
                ["staff_number", "name", "performance", "potential"], rows)


def rating(request: HttpRequest, pk: int) -> HttpResponse:
    """One rating; heads of profession of its organisation calibrate it with a reason."""
    found = sel.visible_rating(user=request.user, rating_id=pk)
    if found is None:
        raise Http404("No such rating, or not one you can see.")
    can_calibrate = sel.may_manage_organisation(request.user, found.cycle.organisation_id)
    if request.method == "POST":
        if not can_calibrate:
            raise PermissionDenied("Only the head of profession calibrates ratings.")
        try:
            services.calibrate(actor=request.user, rating=found,
                               performance=_int(request.POST.get("performance")) or 0,
                               potential=_int(request.POST.get("potential")) or 0,
                               reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            _error(request, exc)
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
    year = _int(request.GET.get("year")) or (years[0] if years else None)
    group = request.GET.get("group", "")
    group = group if group in sel.SENIOR_GROUPS else ""
    organisation_id = _int(request.GET.get("organisation"))
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
    from cadre.organisations.models import Organisation

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


# --- Pools -------------------------------------------------------------------------------

def pools(request: HttpRequest) -> HttpResponse:
    """Pools the account manages or has members in; create a pool."""
    scope = scope_for(request.user)
    organisations = sel.managed_organisations(request.user)
    if request.method == "POST":
        value = request.POST.get("organisation", "")
        organisation = organisations.filter(pk=_int(value) or 0).first()
        try:
            if value == "" and not scope.government_wide:
                raise ValidationError({"organisation": "Only the central team creates "
                                                       "cross-government pools."})
            if value and organisation is None:
                raise ValidationError({"organisation": "Choose an organisation you manage."})
            pool = services.create_pool(
                actor=request.user, name=request.POST.get("name", ""),
                organisation=organisation, description=request.POST.get("description", ""),
                review_on=_date(request.POST.get("review_on"), "review_on"))
        except ValidationError as exc:
            _error(request, exc)
            return redirect("talent:pools")
        messages.success(request, f"Pool {pool.name} created.")
        return redirect("talent:pool", pk=pool.pk)
    listed = sel.visible_pools(request.user).select_related("organisation")
    return render(request, "talent/pools.html", {
        "pools": listed, "organisations": organisations.order_by("name")[:500],
        "can_create": scope.government_wide or bool(scope.profession_organisations),
        "cross_government": scope.government_wide,
    })


def pool(request: HttpRequest, pk: int) -> HttpResponse:
    """A pool's members (those the account may see) and their development actions."""
    found = sel.visible_pool(user=request.user, pool_id=pk)
    if found is None:
        raise Http404("No such pool, or not one you can see.")
    can_manage = sel.may_manage_pool(request.user, found)
    if request.method == "POST":
        return _change(request, can_manage, _pool_action, found, "talent:pool",
                       "Only the pool's head of profession or the central team changes it.")
    members = sel.pool_members(request.user, found)
    candidates = []
    if can_manage:
        candidates = (sel.sensitive_people(request.user)
                      .exclude(pk__in=found.memberships.values("person_id")))
        if found.organisation_id:
            candidates = candidates.filter(organisation_id=found.organisation_id)
        candidates = candidates.select_related("grade").order_by("last_name", "first_name")[:300]
    return render(request, "talent/pool.html", {
        "pool": found, "members": members, "can_manage": can_manage,
        "candidates": candidates, "statuses": DevelopmentAction.Status.choices,
    })


def _pool_action(request: HttpRequest, found: TalentPool) -> None:
    action = request.POST.get("action")
    if action == "add":
        person = sel.sensitive_people(request.user).filter(
            pk=_int(request.POST.get("person")) or 0).first()
        if person is None:
            raise ValidationError({"person": "Choose a person you manage."})
        services.add_member(actor=request.user, pool=found, person=person,
                            review_on=_date(request.POST.get("review_on"), "review_on"),
                            note=request.POST.get("note", ""))
        messages.success(request, f"{person.full_name} added.")
        return
    membership = found.memberships.filter(pk=_int(request.POST.get("membership")) or 0).first()
    if membership is None:
        raise ValidationError({"membership": "Choose a member of this pool."})
    if action == "review":
        services.review_member(actor=request.user, membership=membership,
                               review_on=_date(request.POST.get("review_on"), "review_on"),
                               note=request.POST.get("note", ""))
        messages.success(request, f"Review of {membership.person.full_name} recorded.")
    elif action == "remove":
        services.remove_member(actor=request.user, membership=membership)
        messages.success(request, f"{membership.person.full_name} removed.")
    elif action == "add-action":
        services.add_action(actor=request.user, membership=membership,
                            description=request.POST.get("description", ""),
                            due_on=_date(request.POST.get("due_on"), "due_on"),
                            status=request.POST.get("status") or "planned")
        messages.success(request, "Development action added.")
    elif action == "action-status":
        item = membership.actions.filter(pk=_int(request.POST.get("item")) or 0).first()
        if item is None:
            raise ValidationError({"item": "Choose one of this member's actions."})
        services.set_action_status(actor=request.user, action=item,
                                   status=request.POST.get("status", ""))
        messages.success(request, "Status changed.")
    else:
        raise ValidationError({"action": "Unknown action."})


POOL_COLUMNS = ["pool", "staff_number", "name", "organisation", "grade", "added_on",
                "review_on", "note", "actions_open", "actions_done"]


def pool_rows(members) -> list[dict]:  # noqa: ANN001
    return [{
        "pool": m.pool.name, "staff_number": m.person.staff_number, "name": m.person.full_name,
        "organisation": m.person.organisation.abbreviation,
        "grade": m.person.grade.code if m.person.grade else "", "added_on": m.added_on,
        "review_on": m.review_on, "note": m.note,
        "actions_open": sum(1 for a in m.actions.all() if a.status != "done"),
        "actions_done": sum(1 for a in m.actions.all() if a.status == "done"),
    } for m in members]


def pool_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = sel.visible_pool(user=request.user, pool_id=pk)
    if found is None:
        raise Http404("No such pool, or not one you can see.")
    rows = pool_rows(sel.pool_members(request.user, found).select_related("pool"))
    services.record_export(actor=request.user, target=found, rows=len(rows),
                           summary=f"Talent pool {found.name} exported")
    return _csv(f"pool-{found.pk}", POOL_COLUMNS, rows)


def my_pools(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    return render(request, "talent/my_pools.html", {
        "me": me, "memberships": sel.my_memberships(request.user),
    })


# --- Succession --------------------------------------------------------------------------

def _role_levels():  # noqa: ANN202
    framework = default_framework()
    qs = RoleLevel.objects.select_related("role").order_by("role__name", "order")
    return qs.filter(framework=framework) if framework else qs.none()


def succession(request: HttpRequest) -> HttpResponse:
    """Critical posts in scope, with their successors' readiness; record a post."""
    organisations = sel.managed_organisations(request.user)
    if request.method == "POST":
        try:
            organisation = _chosen(organisations, request.POST.get("organisation"))
            level = _role_levels().filter(pk=_int(request.POST.get("role_level")) or 0).first()
            if level is None:
                raise ValidationError({"role_level": "Choose the post's role level."})
            incumbent = None
            if request.POST.get("incumbent"):
                incumbent = Person.objects.filter(
                    organisation=organisation, staff_number=request.POST["incumbent"].strip()
                ).first()
                if incumbent is None:
                    raise ValidationError({"incumbent": "No one in the organisation has that "
                                                        "staff number."})
            post = services.create_critical_post(
                actor=request.user, organisation=organisation,
                title=request.POST.get("title", ""), role_level=level, incumbent=incumbent,
                risk_of_loss=request.POST.get("risk_of_loss", "medium"),
                risk_reason=request.POST.get("risk_reason", ""))
        except ValidationError as exc:
            _error(request, exc)
            return redirect("talent:succession")
        messages.success(request, f"Critical post {post.title} recorded.")
        return redirect("talent:critical-post", pk=post.pk)
    posts = sel.visible_posts(request.user).prefetch_related("successors")
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    keys = {Readiness.NOW: "now", Readiness.ONE_TO_TWO: "soon", Readiness.THREE_PLUS: "later"}
    rows = [{"post": p, "ready": {k: sum(1 for s in p.successors.all() if s.readiness == r)
                                  for r, k in keys.items()}} for p in page.object_list]
    return render(request, "talent/succession.html", {
        "rows": rows, "page_obj": page, "querystring": "",
        "organisations": organisations.order_by("name")[:500],
        "role_levels": _role_levels() if organisations.exists() else [],
        "risks": CriticalPost.Risk.choices,
    })


def critical_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A critical post: its successors and, for managers, candidates proposed by matching."""
    post = sel.visible_post(user=request.user, post_id=pk)
    if post is None:
        raise Http404("No such post, or not one you can see.")
    can_manage = sel.may_manage_post(request.user, post)
    if request.method == "POST":
        return _change(request, can_manage, _post_action, post, "talent:critical-post",
                       "Only the organisation's head of profession or the central team "
                       "changes succession plans.")
    successors = list(sel.post_successors(request.user, post))
    return render(request, "talent/post.html", {
        "post": post, "successors": successors, "can_manage": can_manage,
        "hidden": post.successors.count() - len(successors),
        "candidates": sel.candidates(request.user, post) if can_manage else [],
        "readiness": Readiness.choices, "risks": CriticalPost.Risk.choices,
        "role_levels": _role_levels() if can_manage else [],
    })


def _post_action(request: HttpRequest, post: CriticalPost) -> None:
    action = request.POST.get("action")
    if action == "edit":
        incumbent = None
        if request.POST.get("incumbent", "").strip():
            incumbent = Person.objects.filter(
                organisation_id=post.organisation_id,
                staff_number=request.POST["incumbent"].strip()).first()
            if incumbent is None:
                raise ValidationError({"incumbent": "No one in the organisation has that "
                                                    "staff number."})
        level = _role_levels().filter(pk=_int(request.POST.get("role_level")) or 0).first()
        services.update_critical_post(actor=request.user, post=post, incumbent=incumbent,
                                      role_level=level,
                                      risk_of_loss=request.POST.get("risk_of_loss", ""),
                                      risk_reason=request.POST.get("risk_reason", ""))
        messages.success(request, "Post updated.")
        return
    if action == "add":
        person = sel.sensitive_people(request.user).filter(
            pk=_int(request.POST.get("person")) or 0).first()
        if person is None:
            raise ValidationError({"person": "Choose a person whose record you may see."})
        services.add_successor(actor=request.user, post=post, person=person,
                               readiness=request.POST.get("readiness", ""),
                               note=request.POST.get("note", ""))
        messages.success(request, f"{person.full_name} named as a successor.")
        return
    successor = sel.post_successors(request.user, post).filter(
        pk=_int(request.POST.get("successor")) or 0).first()
    if successor is None:
        raise ValidationError({"successor": "Choose one of this post's successors."})
    if action == "readiness":
        services.set_readiness(actor=request.user, successor=successor,
                               readiness=request.POST.get("readiness", ""))
        messages.success(request, "Readiness changed.")
    elif action == "remove":
        services.remove_successor(actor=request.user, successor=successor)
        messages.success(request, "Successor removed.")
    else:
        raise ValidationError({"action": "Unknown action."})


def succession_export(request: HttpRequest) -> HttpResponse:
    rows = sel.succession_rows(sel.visible_posts(request.user),
                               sel.sensitive_people(request.user))
    services.record_export(actor=request.user, target=None, rows=len(rows),
                           summary="Succession plans exported")
    return _csv("succession", sel.SUCCESSION_COLUMNS, rows)


def succession_coverage(request: HttpRequest) -> HttpResponse:
    """Share of critical posts with a ready-now successor (see
    ``selectors_identification.coverage_for`` for who sees exact counts)."""
    coverage = sel.coverage_for(request.user)
    return render(request, "talent/coverage.html", {
        "government": coverage["government"], "own": coverage.get("own"),
        "exact": scope_for(request.user).government_wide,
    })
