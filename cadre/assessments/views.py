"""Capability pages: a person's profile, gaps and assessments; rounds; the team matrix."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.assessments import selectors, services
from cadre.assessments.forms import ProfileForm
from cadre.assessments.models import Activity, AssessmentRound
from cadre.core.actor import Actor
from cadre.core.downloads import content_disposition, download_name
from cadre.core.forms import add_validation_errors, date_from_post
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


def person_capability(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    is_self = person.account_id is not None and person.account_id == request.user.pk
    can_edit = is_self or selectors.may_manage_capability(request.user, person)
    profile = selectors.profile_of(person)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("You cannot change this profile.")
    form = None
    if can_edit:
        form = ProfileForm(request.POST if request.method == "POST" else None,
                           levels=_role_levels(), initial={
                               "current": getattr(profile, "current_role_level_id", None),
                               "targets": [t.pk for t in profile.targets.all()] if profile
                               else []})
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.set_profile(actor=request.user, person=person,
                                 current_role_level=form.cleaned_data["current"],
                                 targets=form.cleaned_data["targets"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Profile saved.")
            return redirect("assessments:person", pk=person.pk)
    on = None
    if date_from_post(request.GET, "on"):
        try:
            on = dt.date.fromisoformat(date_from_post(request.GET, "on"))
        except ValueError:
            messages.error(request, "Enter the date as a day, month and year, like 27 3 2025.")
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
    return render(request, "assessments/person.html", {
        "person": person, "profile": profile, "is_self": is_self, "can_edit": can_edit,
        "form": form,
        "held": selectors.levels_that_count(person, on).values(), "on": on,
        "reports": reports, "rounds": selectors.rounds_of(person),
        "waiting": selectors.waiting_for(request.user) if is_self else None,
        "role_levels": _role_levels() if can_edit else [],
        "scale": level_scale(getattr(default_framework(), "pk", None)),
    })


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
        level = _role_levels().filter(pk=request.POST.get("role_level") or 0).first()
        if level is None:
            messages.error(request, "Choose the role level to assess yourself against.")
            return redirect("assessments:person", pk=person.pk)
        try:
            round_ = services.start_round(actor=Actor.for_user(request.user), person=person,
                                          role_level=level)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("assessments:person", pk=person.pk)
        return redirect("assessments:round", pk=round_.pk)
    return redirect("assessments:person", pk=person.pk)


def _levels_from(post, items) -> tuple[dict[int, int | None], dict[int, str]]:  # noqa: ANN001
    levels, texts = {}, {}
    for item in items:
        value = post.get(f"level-{item.pk}")
        if value:  # "" means not answered yet; "0" means not held
            levels[item.pk] = int(value) if value.isdigit() and value != "0" else None
        texts[item.pk] = post.get(f"text-{item.pk}", "")
    return levels, texts


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.visible_round(user=request.user, round_id=pk)
    if round_ is None:
        raise Http404("No such assessment, or not one you can see.")
    me = own_person(request.user)
    is_owner = me is not None and me.pk == round_.person_id
    is_reviewer = me is not None and me.pk == round_.manager_id
    items = list(round_.items.select_related("skill", "required_level", "self_level",
                                             "manager_level").prefetch_related("files"))
    if request.method == "POST":
        # The services decide who may do what; this only translates the form.
        actor = Actor.for_user(request.user)
        action = request.POST.get("action")
        levels, texts = _levels_from(request.POST, items)
        try:
            if action == "evidence":
                upload = request.FILES.get("file")
                item = next((i for i in items if str(i.pk) == request.POST.get("item")), None)
                if upload is None or item is None:
                    raise ValidationError("Choose a skill and a file.")
                if upload.size > services.EVIDENCE_MAX_BYTES:
                    raise ValidationError("Evidence files must be 5 MB or smaller.")
                services.attach_evidence(actor=actor, item=item, name=upload.name,
                                         data=upload.read())
                messages.success(request, "Evidence attached.")
            elif action in ("save", "submit"):
                add = request.POST.get("add_skill")
                skill = Skill.objects.filter(pk=add).first() if add and add.isdigit() else None
                services.save_self_assessment(actor=actor, round_=round_, levels=levels,
                                              evidence=texts, add_skill=skill)
                if action == "submit":
                    services.transition_round(actor=actor, round_id=round_.pk,
                                              action="submit")
                    messages.success(request, "Sent to your line manager.")
                else:
                    messages.success(request, "Draft saved.")
            elif action == "review":
                services.transition_round(actor=actor, round_id=round_.pk, action="agree",
                                          levels=levels, comments=texts)
                messages.success(request, "Assessment agreed.")
            elif action == "send_back":
                services.transition_round(actor=actor, round_id=round_.pk, action="send_back",
                                          reason=request.POST.get("reason", ""))
                messages.success(request, "Sent back to the person.")
            elif action == "validate":
                services.validate_round(actor=actor, round_id=round_.pk)
                messages.success(request, "Assessment validated: the agreed levels now "
                                          "count as validated.")
            else:
                raise PermissionDenied("You cannot do that to this assessment.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("assessments:round", pk=round_.pk)
    framework_id = round_.role_level.framework_id
    meanings = skill_level_meanings(framework_id, [i.skill_id for i in items])
    for item in items:
        item.level_meanings = meanings[item.skill_id]
    scale = level_scale(framework_id)
    return render(request, "assessments/round.html", {
        "round": round_, "items": items, "scale": scale,
        "editable": is_owner and round_.state == AssessmentRound.State.DRAFT,
        "reviewing": is_reviewer and round_.state == AssessmentRound.State.SUBMITTED,
        "validating": selectors.rounds_to_validate(request.user).filter(pk=round_.pk).exists(),
        "other_skills": Skill.objects.filter(framework_id=round_.role_level.framework_id)
        .exclude(pk__in=[i.skill_id for i in items]).order_by("name")
        if is_owner and round_.state == AssessmentRound.State.DRAFT else [],
    })


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


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id posted as ``name``; ValueError when it is missing, not a number or out of range."""
    number = parse_id(request.POST.get(name))
    if number is None:
        raise ValueError(name)
    return number


def development_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's plan: they add objectives and activities; their manager agrees it."""
    person = _person_or_404(request, pk)
    is_self = person.account_id is not None and person.account_id == request.user.pk
    me = own_person(request.user)
    is_manager = me is not None and person.line_manager_id == me.pk
    plan = selectors.plan_of(person)
    if request.method == "POST":
        action = request.POST.get("action")
        actor = Actor.for_user(request.user)
        try:
            if action == "objective" and is_self:
                skill = Skill.objects.get(pk=_posted_id(request, "skill"))
                level = SkillLevel.objects.get(pk=_posted_id(request, "target_level"))
                services.add_objective(
                    actor=actor, person=person, skill=skill, target_level=level,
                    target_date=dt.date.fromisoformat(date_from_post(request.POST, "target_date")),
                    description=request.POST.get("description", ""))
            elif action == "activity" and is_self and plan is not None:
                objective = plan.objectives.get(pk=_posted_id(request, "objective"))
                services.add_activity(actor=actor, objective=objective,
                                      kind=request.POST.get("kind", ""),
                                      description=request.POST.get("description", ""))
            elif action == "status" and (is_self or is_manager) and plan is not None:
                activity = Activity.objects.get(pk=_posted_id(request, "activity"),
                                                objective__plan=plan)
                services.set_activity_status(actor=actor, activity=activity,
                                             status=request.POST.get("status", ""))
            elif action == "agree" and plan is not None:
                services.agree_plan(actor=actor, plan=plan, note=request.POST.get("note", ""))
            else:
                raise PermissionDenied("You cannot change this plan.")
        except (KeyError, ValueError, ObjectDoesNotExist):
            messages.error(request, "Fill in every field: skill, level and a target date "
                                    "(day, month and year).")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Plan updated.")
        return redirect("assessments:plan", pk=person.pk)
    framework = default_framework()
    return render(request, "assessments/plan.html", {
        "person": person, "plan": plan, "is_self": is_self, "is_manager": is_manager,
        "suggestions": selectors.plan_suggestions(person) if is_self or is_manager else [],
        "skills": framework.skills.order_by("name") if framework and is_self else [],
        "scale": framework.levels.all() if framework else [],
        "kinds": Activity.Kind.choices, "statuses": Activity.Status.choices,
    })


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
