"""Mobility pages: the vacancy board, drafting and managing vacancies, matches, the person's
preference and managed moves. Thin adapters: they read through ``mobility.selectors``,
translate the form into a call of ``mobility.services`` and show what it refused."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.access.scope import scope_for
from cadre.core.exports import ExportFormatError, export_response
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.inputs import parse_int
from cadre.core.objects import get_visible_or_404, parse_id
from cadre.core.suppression import suppress_series
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.mobility import selectors, services
from cadre.mobility.fit_words import describe_score, how_scores_work, score_parts
from cadre.mobility.forms import (
    BoardFilterForm,
    CancelMoveForm,
    CompleteMoveForm,
    ExternalForm,
    FillVacancyForm,
    LogisticsForm,
    MovesFilterForm,
    PolicyForm,
    PreferenceForm,
    VacancyForm,
    skills_from_post,
)
from cadre.mobility.models import LOGISTICS_FIELDS, Vacancy
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.people.selectors import current_filter, own_person, visible_people

EXTRA_SKILL_ROWS = 3


def _managed_orgs(request: HttpRequest):  # noqa: ANN202
    ids = scope_for(request.user).managed_organisation_ids
    return Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)


# --- Vacancies ----------------------------------------------------------------------------

def board(request: HttpRequest) -> HttpResponse:
    """The cross-government board of open vacancies."""
    form = BoardFilterForm(request.GET)
    filters = {"organisation_id": form.pk("organisation"),
               "role_family_id": form.pk("role_family"), "grade_id": form.pk("grade"),
               "location_id": form.pk("location"),
               "hybrid": {"yes": True, "no": False}.get(form.value("hybrid") or "")}
    me = own_person(request.user)
    return render(request, "mobility/board.html", {
        "form": form, "vacancies": selectors.board(user=request.user, **filters),
        "can_manage": scope_for(request.user).managed_organisation_ids != frozenset(),
        "has_person": me is not None,
    }, status=status_for(form))


def managed(request: HttpRequest) -> HttpResponse:
    """Every vacancy of the organisations the account manages, drafts included."""
    vacancies = (selectors.managed_vacancies(request.user)
                 .select_related("organisation", "grade").order_by("state", "-created_at"))
    return render(request, "mobility/managed.html", {"vacancies": vacancies})


def _role_levels():  # noqa: ANN202
    framework = default_framework()
    qs = RoleLevel.objects.select_related("role").order_by("role__name", "order")
    return qs.filter(framework=framework) if framework else qs.none()


def _skill_rows(rows: list[dict], framework_id: int) -> dict:
    """Context for the editable skills table: existing rows plus a few empty ones."""
    start = len(rows)
    extra = [{"index": start + i, "skill_id": None, "level_id": None, "essential": False,
              "include": True, "new": True} for i in range(EXTRA_SKILL_ROWS)]
    return {"skill_rows": rows + extra,
            "scale": SkillLevel.objects.filter(framework_id=framework_id).order_by("ordinal"),
            "all_skills": Skill.objects.filter(framework_id=framework_id).order_by("name")}


def _posted_rows(post, framework_id: int) -> list[dict]:  # noqa: ANN001
    rows, i = [], 0
    while f"skill-{i}" in post:
        if skill_id := parse_id(post.get(f"skill-{i}")):
            rows.append({"index": len(rows), "skill_id": skill_id,
                         "level_id": parse_id(post.get(f"level-{i}", "")),
                         "essential": post.get(f"essential-{i}") == "on",
                         "include": post.get(f"include-{i}") == "on", "new": False})
        i += 1
    return rows


def vacancy_create(request: HttpRequest) -> HttpResponse:
    """Step 1: choose a role level. Step 2: the form, pre-filled from the role level."""
    orgs = _managed_orgs(request).open()  # a new vacancy: open organisations only
    level_id = request.POST.get("role_level") or request.GET.get("role_level")
    level = _role_levels().filter(pk=level_id).first() if str(level_id or "").isdigit() else None
    if level is None:
        return render(request, "mobility/choose_level.html",
                      {"role_levels": _role_levels()})
    if request.method == "POST":
        form = VacancyForm(request.POST, organisations=orgs)
        skills, errors = skills_from_post(request.POST, level.framework_id)
        rows = _posted_rows(request.POST, level.framework_id)
        if form.is_valid() and not errors:
            d = form.cleaned_data
            try:
                vacancy = services.create_vacancy(
                    actor=request.user, organisation=d["organisation"], title=d["title"],
                    role_level=level, grade=d["grade"], closing_date=d["closing_date"],
                    locations=list(d["locations"]), hybrid=d["hybrid"],
                    security_clearance=d["security_clearance"],
                    description=d["description"], skills=skills)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Vacancy drafted. Open it to post it on the board.")
                return redirect("mobility:vacancy", pk=vacancy.pk)
        for error in errors:
            form.add_error(None, error)
    else:
        form = VacancyForm(organisations=orgs, initial={
            "title": level.name, "organisation": orgs.first() if orgs.count() == 1 else None,
            "closing_date": dt.date.today() + dt.timedelta(days=28)})
        rows = [{"index": i, "skill_id": r.skill_id, "level_id": r.level_id, "essential": True,
                 "include": True, "new": False}
                for i, r in enumerate(level.requirements.order_by("skill__name"))]
    return render(request, "mobility/vacancy_form.html", {
        "form": form, "role_level": level, "vacancy": None,
        **_skill_rows(rows, level.framework_id)})


def _vacancy_or_404(request: HttpRequest, pk: int) -> Vacancy:
    return get_visible_or_404(
        selectors.visible_vacancies(request.user).select_related(
            "organisation", "role_level__role__family", "grade", "filled_by",
            "external_decided_by").prefetch_related("locations"), pk,
        message="No such vacancy, or not one you can see.")


def _managed_or_404(request: HttpRequest, pk: int) -> Vacancy:
    vacancy = _vacancy_or_404(request, pk)
    if not scope_for(request.user).manages(vacancy.organisation_id):
        raise Http404("No such vacancy, or not one you manage.")
    return vacancy


def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed_or_404(request, pk)
    framework_id = vacancy.role_level.framework_id
    if request.method == "POST":
        form = VacancyForm(request.POST, editing=True)
        skills, errors = skills_from_post(request.POST, framework_id)
        rows = _posted_rows(request.POST, framework_id)
        if form.is_valid() and not errors:
            d = dict(form.cleaned_data)
            locations = list(d.pop("locations"))
            try:
                services.update_vacancy(actor=request.user, vacancy=vacancy,
                                        locations=locations, skills=skills, **d)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Vacancy saved.")
                return redirect("mobility:vacancy", pk=vacancy.pk)
        for error in errors:
            form.add_error(None, error)
    else:
        form = VacancyForm(editing=True, initial={
            "title": vacancy.title, "description": vacancy.description, "grade": vacancy.grade,
            "locations": list(vacancy.locations.all()), "hybrid": vacancy.hybrid,
            "security_clearance": vacancy.security_clearance,
            "closing_date": vacancy.closing_date})
        rows = [{"index": i, "skill_id": s.skill_id, "level_id": s.level_id,
                 "essential": s.essential, "include": True, "new": False}
                for i, s in enumerate(selectors.vacancy_skills(vacancy))]
    return render(request, "mobility/vacancy_form.html", {
        "form": form, "role_level": vacancy.role_level, "vacancy": vacancy,
        **_skill_rows(rows, framework_id)})


def _proposable_person(request: HttpRequest, value: str) -> Person | None:
    """A person the account may name: one it sees by name, or one open to opportunities."""
    if not value.isdigit():
        return None
    return (visible_people(request.user).filter(pk=int(value)).first()
            or Person.objects.filter(pk=int(value),
                                     mobility__open_to_opportunities=True).first())


VACANCY_ACTIONS = {"open": "Vacancy opened: it is on the board.", "close": "Vacancy closed.",
                   "withdraw": "Vacancy withdrawn.", "fill": "Vacancy filled.",
                   "external": "Decision to recruit externally recorded."}


def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy; its organisation's managers open, close, withdraw or fill it. A refused
    change is shown again, as typed, with the error summary."""
    vacancy = _vacancy_or_404(request, pk)
    can_manage = scope_for(request.user).manages(vacancy.organisation_id)
    fill_people = (visible_people(request.user).filter(
        current_filter(), organisation_id=vacancy.organisation_id)
        .select_related("grade").order_by("last_name", "first_name", "staff_number"))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    fill_form = FillVacancyForm(request.POST if action == "fill" else None, people=fill_people,
                                organisation=vacancy.organisation.name)
    external_form = ExternalForm(request.POST if action == "external" else None)
    errors: list[str] = []
    if request.method == "POST":
        bound = {"fill": fill_form, "external": external_form}.get(action)
        if action not in VACANCY_ACTIONS:
            errors = ["Choose an action from the page."]
        elif bound is None or bound.is_valid():
            person = fill_form.cleaned_data["person"] if action == "fill" else None
            try:
                services.transition_vacancy(
                    actor=request.user, vacancy_id=vacancy.pk, action=action, person=person,
                    reason=external_form.cleaned_data["reason"] if action == "external" else "")
            except ValidationError as exc:
                if bound is not None:
                    add_validation_errors(bound, exc)
                else:
                    errors = exc.messages
            else:
                messages.success(request, VACANCY_ACTIONS[action])
                return redirect("mobility:vacancy", pk=pk)
    summary = next((f for f in (fill_form, external_form) if f.errors), None)
    return render(request, "mobility/vacancy.html", {
        "vacancy": vacancy, "skills": selectors.vacancy_skills(vacancy),
        "scale": SkillLevel.objects.filter(framework_id=vacancy.role_level.framework_id)
        .order_by("ordinal"),
        "can_manage": can_manage, "external_from": services.external_allowed_on(vacancy),
        "internal_days": services.current_policy().internal_days,
        "moves": vacancy.moves.select_related("person") if can_manage else [],
        # Who may be recorded as appointed: the hiring organisation's current people, by name.
        "fill_form": fill_form, "external_form": external_form,
        "summary_form": summary, "action_errors": errors,
    }, status=400 if summary or errors else 200)


def vacancy_matches(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed_or_404(request, pk)
    try:
        limit = selectors.MATCH_LIMIT.parse(request.GET.get("limit"), field="limit")
    except ValidationError as exc:
        return render(request, "mobility/matches.html", {
            "vacancy": vacancy, "limit_error": exc.message_dict["limit"][0]}, status=400)
    result = selectors.match(vacancy, limit=limit)
    for row in result.rows:
        row["words"] = describe_score(row)
    others = selectors.not_opted_in_count(vacancy, result=result)
    return render(request, "mobility/matches.html", {
        "vacancy": vacancy, "result": result, "limit": limit,
        "how_scores_work": how_scores_work(),
        "not_opted_in": suppress_series([others], total_shown=False)[0],
        "can_propose": vacancy.state in (Vacancy.State.OPEN, Vacancy.State.CLOSED),
    })


def vacancy_matches_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranked matches as CSV, XLSX or JSON (audited); the best 1,000 unless ``limit``
    says fewer."""
    vacancy = _managed_or_404(request, pk)
    bounds = selectors.MATCH_LIMIT
    try:
        limit = parse_int(request.GET.get("limit"), field="limit", minimum=bounds.minimum,
                          maximum=bounds.maximum, default=bounds.maximum)
        export = services.export_matches(actor=request.user, vacancy=vacancy, limit=limit,
                                         fmt=request.GET.get("format", "csv"))
    except ExportFormatError as exc:
        raise Http404(str(exc)) from exc
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
    return export_response(export)


def vacancies_for_me(request: HttpRequest) -> HttpResponse:
    """Open vacancies that fit the person's preference, scored for them as the hiring head
    of profession's match scores them, with the score explained."""
    me = own_person(request.user)
    found = selectors.fits_for(me) if me else None
    return render(request, "mobility/for_me.html", {
        "person": me, "preference": selectors.preference_of(me) if me else None,
        "fits": [{"fit": f, "words": describe_score(f.explanation),
                  "parts": score_parts(f.explanation)} for f in found.fits] if found else [],
        "left_out": found.left_out if found else 0,
        "families": found.families if found else [],
        "threshold": round(selectors.MIN_FIT_OUTSIDE_FAMILY * 100),
        "how_scores_work": how_scores_work()})


def preference(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    if me is None:
        return render(request, "mobility/no_person.html")
    pref = selectors.preference_of(me)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            services.set_preference(actor=request.user, person=me,
                                    open_to_opportunities=d["open_to_opportunities"],
                                    locations=d["locations"], grades=d["grades"],
                                    role_families=d["role_families"])
            messages.success(request, "Mobility preference saved.")
            return redirect("mobility:mobility-preference")
    else:
        form = PreferenceForm(initial={
            "open_to_opportunities": bool(pref and pref.open_to_opportunities),
            "locations": list(pref.locations.all()) if pref else [],
            "grades": list(pref.grades.all()) if pref else [],
            "role_families": list(pref.role_families.all()) if pref else []})
    return render(request, "mobility/preference.html", {
        "form": form, "person": me,
        "moves": selectors.visible_moves(request.user).filter(person=me)})


def policy(request: HttpRequest) -> HttpResponse:
    current = services.current_policy()
    form = PolicyForm(request.POST or None, initial={"internal_days": current.internal_days})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_policy(actor=request.user,
                                internal_days=form.cleaned_data["internal_days"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Policy saved.")
            return redirect("mobility:mobility-policy")
    return render(request, "mobility/policy.html", {
        "policy": current, "form": form,
        "can_change": scope_for(request.user).managed_organisation_ids is None},
        status=status_for(form))


# --- Moves --------------------------------------------------------------------------------

def moves(request: HttpRequest) -> HttpResponse:
    qs = selectors.visible_moves(request.user)
    form = MovesFilterForm(request.GET)
    if form.value("state"):
        qs = qs.filter(state=form.value("state"))
    return render(request, "mobility/moves.html", {"moves": qs, "form": form},
                  status=status_for(form))


@require_POST
def move_propose(request: HttpRequest) -> HttpResponse:
    """Propose a move, usually from the matches page (person and vacancy given)."""
    def _int(name: str) -> int:
        value = request.POST.get(name, "")
        return int(value) if value.isdigit() else 0

    person = _proposable_person(request, request.POST.get("person", ""))
    vacancy = selectors.vacancy_detail(user=request.user, vacancy_id=_int("vacancy"))
    receiving = (vacancy.organisation if vacancy else
                 _managed_orgs(request).filter(pk=_int("receiving")).first())
    if person is None or receiving is None:
        raise Http404("No such person or organisation.")
    try:
        move = services.propose_move(actor=request.user, person=person, receiving=receiving,
                                     vacancy=vacancy)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mobility:vacancy-matches", pk=vacancy.pk) if vacancy else redirect(
            "mobility:moves")
    messages.success(request, "Move proposed.")
    return redirect("mobility:move", pk=move.pk)


MOVE_MESSAGES = {"agree-receiving": "Agreed for the receiving organisation.",
                 "agree-releasing": "Agreed for the releasing organisation.",
                 "logistics": "Logistics saved.", "complete": "Move completed.",
                 "cancel": "Move cancelled."}


def move_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A managed move and its next steps. A refused step is shown again, as typed, with the
    error summary; a step another person took first is a 409 page (the middleware)."""
    move = get_visible_or_404(selectors.visible_moves(request.user), pk,
                              message="No such move, or not one you can see.")
    scope = scope_for(request.user)
    may_receive = scope.manages(move.receiving_id)
    may_release = scope.manages(move.releasing_id)
    receiving_people = (Person.objects.filter(organisation_id=move.receiving_id)
                        .order_by("last_name", "first_name"))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    logistics_form = LogisticsForm(
        request.POST if action == "logistics" else None, receiving=move.receiving.name,
        initial={f: getattr(move, f) for f in LOGISTICS_FIELDS})
    complete_form = CompleteMoveForm(request.POST if action == "complete" else None,
                                     receiving=move.receiving.name, people=receiving_people)
    cancel_form = CancelMoveForm(request.POST if action == "cancel" else None)
    errors: list[str] = []
    if request.method == "POST":
        bound = {"logistics": logistics_form, "complete": complete_form,
                 "cancel": cancel_form}.get(action)
        if action not in services.MOVE_ACTIONS:
            errors = ["Choose an action from the page."]
        elif bound is None or bound.is_valid():
            values = dict(bound.cleaned_data) if bound is not None else {}
            reason = values.pop("reason", "")
            try:
                services.transition_move(actor=request.user, move_id=move.pk,
                                         action=action, reason=reason,
                                         expected_state=request.POST.get("state") or None,
                                         **values)
            except ValidationError as exc:
                if bound is not None:
                    add_validation_errors(bound, exc)
                else:
                    errors = exc.messages
            else:
                messages.success(request, MOVE_MESSAGES[action])
                return redirect("mobility:move", pk=pk)
    summary = next((f for f in (logistics_form, complete_form, cancel_form) if f.errors), None)
    return render(request, "mobility/move.html", {
        "move": move, "may_receive": may_receive, "may_release": may_release,
        "missing": move.logistics_missing(),
        "active": move.state in services.ACTIVE_MOVE_STATES,
        "logistics_form": logistics_form, "complete_form": complete_form,
        "cancel_form": cancel_form, "summary_form": summary, "action_errors": errors,
        "history": move.history.select_related("history_user")[:20],
    }, status=400 if summary or errors else 200)


def move_durations(request: HttpRequest) -> HttpResponse:
    return render(request, "mobility/durations.html",
                  {"rows": selectors.move_durations(request.user)})
