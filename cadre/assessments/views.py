"""Capability pages: a person's profile, gaps and assessments; rounds; the team matrix."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.assessments import selectors, services
from cadre.assessments.forms import (
    ActivityForm,
    ActivityStatusForm,
    AgreeForm,
    EvidenceForm,
    ObjectiveForm,
    ProfileForm,
    SendBackForm,
    StartRoundForm,
)
from cadre.assessments.models import Activity, AssessmentRound
from cadre.core.actor import Actor
from cadre.core.downloads import content_disposition, download_name
from cadre.core.forms import FilterForm, add_validation_errors, status_for
from cadre.core.objects import parse_id
from cadre.core.tabular import write_csv
from cadre.framework.models import RoleLevel, Skill, SkillLevel
from cadre.framework.selectors import default_framework, level_scale, skill_level_meanings
from cadre.people.selectors import own_person


def my_capability(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    if me is None:
        return render(request, "assessments/no_person.html")
    return redirect("assessments:person", pk=me.pk)


def _person_or_404(request: HttpRequest, pk: int):  # noqa: ANN202
    person = selectors.capability_person(user=request.user, person_id=pk)
    if person is None:
        raise Http404("No such person, or not one whose capability you can see.")
    return person


def _role_levels():  # noqa: ANN202
    framework = default_framework()
    qs = RoleLevel.objects.select_related("role").order_by("role__name", "order")
    return qs.filter(framework=framework) if framework else qs.none()


class _OnFilter(FilterForm):
    on = forms.DateField(required=False, label="Show capability on a past date")


def person_capability(request: HttpRequest, pk: int,
                      start_form: StartRoundForm | None = None) -> HttpResponse:
    """A person's capability; ``start_form`` is a refused "start an assessment" form to show
    again (``start_round``)."""
    person = _person_or_404(request, pk)
    is_self = person.account_id is not None and person.account_id == request.user.pk
    can_edit = is_self or selectors.may_manage_capability(request.user, person)
    profile = selectors.profile_of(person)
    posting_profile = request.method == "POST" and start_form is None
    if posting_profile and not can_edit:
        raise PermissionDenied("You cannot change this profile.")
    form = None
    if can_edit:
        form = ProfileForm(request.POST if posting_profile else None,
                           levels=_role_levels(), initial={
                               "current": getattr(profile, "current_role_level_id", None),
                               "targets": [t.pk for t in profile.targets.all()] if profile
                               else []})
    if posting_profile and form is not None and form.is_valid():
        try:
            services.set_profile(actor=request.user, person=person,
                                 current_role_level=form.cleaned_data["current"],
                                 targets=form.cleaned_data["targets"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Profile saved.")
            return redirect("assessments:person", pk=person.pk)
    on_form = _OnFilter(request.GET)
    on = on_form.value("on")
    reports = []
    if profile is not None:
        for level, label in ([(profile.current_role_level, "Current role level")]
                             if profile.current_role_level else []) + [
                (t, "Target") for t in profile.targets.all()]:
            report = selectors.gap_report(person, level, on)
            rows = [{"skill": r.skill, "required": report.level_name(r.required),
                     "held": report.level_name(r.held), "gap": r.gap}
                    for r in report.analysis.rows]
            reports.append((label, report, rows))
    if is_self and start_form is None:
        start_form = StartRoundForm(levels=_role_levels(), initial={
            "role_level": getattr(profile, "current_role_level_id", None)})
    summary = next((f for f in (form, start_form, on_form)
                    if f is not None and f.is_bound and f.errors), None)
    return render(request, "assessments/person.html", {
        "person": person, "profile": profile, "is_self": is_self, "can_edit": can_edit,
        "form": form, "on_form": on_form, "start_form": start_form, "summary_form": summary,
        "held": selectors.levels_that_count(person, on).values(), "on": on,
        "reports": reports, "rounds": selectors.rounds_of(person),
        "waiting": selectors.waiting_for(request.user) if is_self else None,
        "role_levels": _role_levels() if can_edit else [],
        "scale": level_scale(getattr(default_framework(), "pk", None)),
    }, status=status_for(form, start_form, on_form))


def gaps_download(request: HttpRequest, pk: int, role_level: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    level = RoleLevel.objects.filter(pk=role_level).first()
    if level is None:
        raise Http404("No such role level.")
    report = selectors.gap_report(person, level)
    rows = [{"skill": r.skill, "required": report.level_name(r.required),
             "held": report.level_name(r.held), "gap": r.gap} for r in report.analysis.rows]
    name = download_name("skill gaps", person.full_name, level.name)
    if request.GET.get("format") == "pdf":
        from cadre.assessments.pdf import gaps_pdf

        a = report.analysis
        response = HttpResponse(gaps_pdf(
            f"{person.full_name}: gaps against {level.name}",
            f"{a.met_count} of {a.required_count} required skills met; readiness "
            f"{round(a.readiness * 100)}%.", rows), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(f"{name}.pdf")
        return response
    response = HttpResponse(write_csv(["skill", "required", "held", "gap"], rows)
                            .encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{name}.csv")
    return response


def start_round(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if request.method == "POST":
        form = StartRoundForm(request.POST, levels=_role_levels())
        if form.is_valid():
            try:
                round_ = services.start_round(actor=Actor.for_user(request.user),
                                              person=person,
                                              role_level=form.cleaned_data["role_level"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                return redirect("assessments:round", pk=round_.pk)
        return person_capability(request, pk, start_form=form)
    return redirect("assessments:person", pk=person.pk)


def _levels_from(post, items) -> tuple[dict[int, int | None], dict[int, str]]:  # noqa: ANN001
    levels, texts = {}, {}
    for item in items:
        value = post.get(f"level-{item.pk}")
        if value:  # "" means not answered yet; "0" means not held
            levels[item.pk] = int(value) if value.isdigit() and value != "0" else None
        texts[item.pk] = post.get(f"text-{item.pk}", "")
    return levels, texts


_ITEM_KEY = re.compile(r"^item(\d+)\.(level|text|id)$")


def _linked(exc: ValidationError, items: list, levels: dict[int, int | None]) -> list:
    """The round's errors as (message, id of the box to fix) for the error summary."""
    if not hasattr(exc, "error_dict"):
        return [(m, "") for m in exc.messages]
    linked = []
    for key, messages_ in exc.message_dict.items():
        match = _ITEM_KEY.match(key)
        if match:
            anchor = f"{'text' if match.group(2) == 'text' else 'level'}-{match.group(1)}"
        elif key == "items":
            unanswered = [i for i in items if i.pk not in levels and not i.answered]
            anchor = f"level-{unanswered[0].pk}" if unanswered else ""
        else:
            anchor = ""
        linked += [(m, anchor) for m in messages_]
    return linked


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One assessment round. A refused change is shown again as typed, with the error
    summary linking to the skill or box to fix."""
    round_ = selectors.visible_round(user=request.user, round_id=pk)
    if round_ is None:
        raise Http404("No such assessment, or not one you can see.")
    me = own_person(request.user)
    is_owner = me is not None and me.pk == round_.person_id
    is_reviewer = me is not None and me.pk == round_.manager_id
    items = list(round_.items.select_related("skill", "required_level", "self_level",
                                             "manager_level").prefetch_related("files"))
    linked: list[tuple[str, str]] = []
    send_back_form = SendBackForm(request.POST if request.POST.get("action") == "send_back"
                                  else None)
    evidence_form = EvidenceForm(
        request.POST if request.POST.get("action") == "evidence" else None,
        request.FILES or None, items=round_.items.select_related("skill"))
    if request.method == "POST":
        # The services decide who may do what; this only translates the form.
        actor = Actor.for_user(request.user)
        action = request.POST.get("action")
        levels, texts = _levels_from(request.POST, items)
        labels = {i.pk: f"item{i.pk}" for i in items}
        try:
            if action == "evidence":
                if evidence_form.is_valid():
                    upload = evidence_form.cleaned_data["file"]
                    if upload.size > services.EVIDENCE_MAX_BYTES:
                        raise ValidationError(
                            {"file": "Evidence files must be 5 MB or smaller."})
                    services.attach_evidence(actor=actor, item=evidence_form.cleaned_data["item"],
                                             name=upload.name, data=upload.read())
                    messages.success(request, "Evidence attached.")
            elif action in ("save", "submit"):
                add = request.POST.get("add_skill")
                skill = Skill.objects.filter(pk=add).first() if add and add.isdigit() else None
                services.save_self_assessment(actor=actor, round_=round_, levels=levels,
                                              evidence=texts, add_skill=skill, labels=labels)
                if action == "submit":
                    services.transition_round(actor=actor, round_id=round_.pk,
                                              action="submit", labels=labels)
                    messages.success(request, "Sent to your line manager.")
                else:
                    messages.success(request, "Draft saved.")
            elif action == "review":
                services.transition_round(actor=actor, round_id=round_.pk, action="agree",
                                          levels=levels, comments=texts, labels=labels)
                messages.success(request, "Assessment agreed.")
            elif action == "send_back":
                if send_back_form.is_valid():
                    services.transition_round(
                        actor=actor, round_id=round_.pk, action="send_back",
                        reason=send_back_form.cleaned_data["reason"])
                    messages.success(request, "Sent back to the person.")
            elif action == "validate":
                services.validate_round(actor=actor, round_id=round_.pk)
                messages.success(request, "Assessment validated: the agreed levels now "
                                          "count as validated.")
            else:
                raise PermissionDenied("You cannot do that to this assessment.")
        except ValidationError as exc:
            if action == "evidence":
                add_validation_errors(evidence_form, exc)
            elif action == "send_back":
                add_validation_errors(send_back_form, exc)
            else:
                linked = _linked(exc, items, levels)
        if not (linked or send_back_form.errors or evidence_form.errors):
            return redirect("assessments:round", pk=round_.pk)
        if action in ("save", "submit", "review"):
            # What was typed, shown again (the saved values stay as they were).
            for item in items:
                item.picked = request.POST.get(f"level-{item.pk}", "")
                item.typed = request.POST.get(f"text-{item.pk}", "")
    framework_id = round_.role_level.framework_id
    meanings = skill_level_meanings(framework_id, [i.skill_id for i in items])
    for item in items:
        item.level_meanings = meanings[item.skill_id]
        item.picked = getattr(item, "picked", None)
        item.typed = getattr(item, "typed", None)
    scale = level_scale(framework_id)
    summary = next((f for f in (send_back_form, evidence_form) if f.errors), None)
    return render(request, "assessments/round.html", {
        "round": round_, "items": items, "scale": scale,
        "editable": is_owner and round_.state == AssessmentRound.State.DRAFT,
        "reviewing": is_reviewer and round_.state == AssessmentRound.State.SUBMITTED,
        "validating": selectors.rounds_to_validate(request.user).filter(pk=round_.pk).exists(),
        "other_skills": Skill.objects.filter(framework_id=round_.role_level.framework_id)
        .exclude(pk__in=[i.skill_id for i in items]).order_by("name")
        if is_owner and round_.state == AssessmentRound.State.DRAFT else [],
        "picked_skill": request.POST.get("add_skill", ""),
        "send_back_form": send_back_form, "evidence_form": evidence_form,
        "summary_form": summary, "page_errors": linked,
    }, status=400 if linked or summary else 200)


def team(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    if me is None:
        return render(request, "assessments/no_person.html")
    matrix = selectors.team_matrix(me)
    return render(request, "assessments/team.html", {
        "me": me, "matrix": matrix, "rows": [(p, matrix.row(p)) for p in matrix.people],
        "largest": matrix.largest_gaps(), "waiting": selectors.waiting_for(request.user),
        "scale": level_scale(getattr(default_framework(), "pk", None)),
    })


def development_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's plan: they add objectives and activities; their manager agrees it.

    Each change is its own small form; one refused is shown again, as typed, with the error
    summary at the top of the page.
    """
    person = _person_or_404(request, pk)
    is_self = person.account_id is not None and person.account_id == request.user.pk
    me = own_person(request.user)
    is_manager = me is not None and person.line_manager_id == me.pk
    plan = selectors.plan_of(person)
    framework = default_framework()
    skills = framework.skills.order_by("name") if framework else Skill.objects.none()
    scale = framework.levels.all() if framework else SkillLevel.objects.none()
    action = request.POST.get("action") if request.method == "POST" else None
    objective_form = ObjectiveForm(request.POST if action == "objective" else None,
                                   skills=skills, levels=scale)
    agree_form = AgreeForm(request.POST if action == "agree" else None)
    bound: forms.Form | None = None
    row = None
    if request.method == "POST":
        actor = Actor.for_user(request.user)
        objective = activity = None
        if action == "objective" and is_self:
            bound = objective_form
        elif action == "activity" and is_self and plan is not None:
            objective = plan.objectives.filter(pk=parse_id(request.POST.get("objective"))).first()
            if objective is None:
                raise Http404("No such objective in this plan.")
            row, bound = objective.pk, ActivityForm(request.POST, row=objective.pk)
        elif action == "status" and (is_self or is_manager) and plan is not None:
            activity = Activity.objects.filter(pk=parse_id(request.POST.get("activity")),
                                               objective__plan=plan).first()
            if activity is None:
                raise Http404("No such activity in this plan.")
            row, bound = activity.pk, ActivityStatusForm(request.POST, row=activity.pk)
        elif action == "agree" and plan is not None:
            bound = agree_form
        if bound is None:
            raise PermissionDenied("You cannot change this plan.")
        if bound.is_valid():
            d = bound.cleaned_data
            try:
                if action == "objective":
                    services.add_objective(actor=actor, person=person, skill=d["skill"],
                                           target_level=d["target_level"],
                                           target_date=d["target_date"],
                                           description=d["description"])
                elif action == "activity":
                    services.add_activity(actor=actor, objective=objective, kind=d["kind"],
                                          description=d["description"])
                elif action == "status":
                    services.set_activity_status(actor=actor, activity=activity,
                                                 status=d["status"])
                else:
                    services.agree_plan(actor=actor, plan=plan, note=d["note"])
            except ValidationError as exc:
                add_validation_errors(bound, exc)
            else:
                messages.success(request, "Plan updated.")
                return redirect("assessments:plan", pk=person.pk)
    objectives = list(plan.objectives.all()) if plan is not None else []
    for o in objectives:
        o.activity_form = (bound if action == "activity" and row == o.pk
                           else ActivityForm(row=o.pk))
        o.status_forms = [(a, bound if action == "status" and row == a.pk else
                           ActivityStatusForm(row=a.pk, initial={"status": a.status}))
                          for a in o.activities.all()]
    return render(request, "assessments/plan.html", {
        "person": person, "plan": plan, "is_self": is_self, "is_manager": is_manager,
        "objectives": objectives,
        "suggestions": selectors.plan_suggestions(person) if is_self or is_manager else [],
        "scale": scale, "objective_form": objective_form, "agree_form": agree_form,
        "form": bound,
    }, status=status_for(bound))


def my_data(request: HttpRequest) -> HttpResponse:
    """Download everything Cadre holds about the signed-in person (JSON or CSV)."""
    from cadre.assessments.personal_data import personal_data, personal_data_csv
    from cadre.audit.exports import export_document
    from cadre.core.exports import export_response

    me = own_person(request.user)
    if me is None:
        return render(request, "assessments/no_person.html")
    data = personal_data(me)
    fmt = "csv" if request.GET.get("format") == "csv" else "json"
    return export_response(export_document(
        actor=request.user, what="personal data", document=data, fmt=fmt, target=me,
        content=personal_data_csv(data) if fmt == "csv" else None, filename="my-cadre-data",
        rows=sum(len(v) if isinstance(v, list) else 1 for v in data.values()),
        summary=f"Personal data download ({fmt}) by {me.staff_number}"))


def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, for those who may see the person's capability."""
    from django.http import FileResponse

    from cadre.assessments.models import EvidenceFile

    evidence = EvidenceFile.objects.filter(
        pk=pk, item__round__person__in=selectors.capability_people(request.user)).first()
    if evidence is None:
        raise Http404("No such file, or not one you can see.")
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = content_disposition(evidence.name)
    return response
