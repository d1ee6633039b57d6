"""Pages for the framework: browse, role levels, skills, compare, career paths, versions."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from cadre.core.downloads import content_disposition, download_name
from cadre.core.forms import add_validation_errors, status_for
from cadre.framework import selectors, services
from cadre.framework.diff import diff_documents, summarise
from cadre.framework.documents_out import RoleProfile, profile_docx, profile_pdf
from cadre.framework.forms import level_order_form
from cadre.framework.models import EntryRoute, Framework, Role, RoleLevel, Skill
from cadre.framework.path_view import route_svg
from cadre.framework.serialisation import framework_to_dict

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _framework(request: HttpRequest) -> Framework:
    framework = selectors.framework_from_param(request.GET.get("framework"))
    if framework is None:
        raise Http404("No framework is loaded yet; run 'cadre load_defaults'.")
    return framework


def _level_or_404(framework: Framework, value: str | None) -> RoleLevel | None:
    if not value:
        return None
    if not value.isdigit():
        raise Http404("No such role level.")
    level = RoleLevel.objects.filter(pk=int(value)).select_related("role", "framework").first()
    if level is None:
        raise Http404("No such role level.")
    return level


def framework_home(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    return render(request, "framework/home.html", {
        "framework": framework, "families": selectors.families_with_roles(framework),
        "scale": selectors.level_scale(framework.pk),
        "frameworks": selectors.framework_list(),
    })


def role_level_detail(request: HttpRequest, pk: int) -> HttpResponse:
    level = RoleLevel.objects.filter(pk=pk).select_related("role__family", "framework").first()
    if level is None:
        raise Http404("No such role level.")
    index = selectors.career_graph(level.framework)
    node = index.node_of[level.pk]
    up, down = index.graph.next_levels(node)
    lateral = index.graph.lateral_moves(node, limit=8)
    requirements = selectors.requirements_with_meanings(level)
    return render(request, "framework/role_level.html", {
        "level": level, "framework": level.framework, "requirements": requirements,
        "scale": selectors.level_scale(level.framework_id),
        "ladder": level.role.levels.order_by("order"),
        "up": [index.levels[i] for i in up], "down": [index.levels[i] for i in down],
        "lateral": [(index.levels[m.target], round(m.share_met * 100), len(m.gaps))
                    for m in lateral],
        "entry_routes": EntryRoute.objects.filter(role=level.role).select_related("entry_level"),
    })


def role_profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable role profile and job description outline; also as DOCX or PDF."""
    level = RoleLevel.objects.filter(pk=pk).select_related("role__family", "framework").first()
    if level is None:
        raise Http404("No such role level.")
    fmt = request.GET.get("format")
    if fmt in ("docx", "pdf"):
        profile = RoleProfile(
            title=level.name, role=level.role.name, family=level.role.family.name,
            framework=str(level.framework), summary=level.role.description,
            grades=" to ".join(dict.fromkeys(g for g in (level.grade_from, level.grade_to) if g)),
            skills=[(r.skill.name, r.level.name) for r in selectors.requirements_of(level)],
            entry_routes=[r.get_kind_display() for r in EntryRoute.objects.filter(role=level.role)],
            licence=level.framework.licence,
        )
        content, mime = ((profile_docx(profile), DOCX_MIME) if fmt == "docx"
                         else (profile_pdf(profile), "application/pdf"))
        response = HttpResponse(content, content_type=mime)
        title = ([level.name] if level.role.name.lower() in level.name.lower()
                 else [level.role.name, level.name])
        response["Content-Disposition"] = content_disposition(
            f"{download_name('role profile', *title)}.{fmt}")
        return response
    requirements = selectors.requirements_with_meanings(level)
    return render(request, "framework/role_profile.html", {
        "level": level, "requirements": requirements,
        "scale": selectors.level_scale(level.framework_id),
        "entry_routes": EntryRoute.objects.filter(role=level.role),
    })


def skill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    skill = Skill.objects.filter(pk=pk).select_related("framework").first()
    if skill is None:
        raise Http404("No such skill.")
    needed = (skill.requirements.select_related("role_level__role", "level")
              .order_by("-level__ordinal", "role_level__role__name", "role_level__order"))
    return render(request, "framework/skill.html", {
        "skill": skill, "framework": skill.framework,
        "meanings": selectors.skill_level_meanings(skill.framework_id, [skill.pk])[skill.pk],
        "needed": needed,
        "mappings": [*skill.mappings_out.select_related("target__framework"),
                     *skill.mappings_in.select_related("source__framework")],
    })


def _level_choices(framework: Framework):  # noqa: ANN202
    return RoleLevel.objects.filter(framework=framework).select_related("role").order_by(
        "role__name", "order")


def compare(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    a = _level_or_404(framework, request.GET.get("a"))
    b = _level_or_404(framework, request.GET.get("b"))
    rows = []
    if a and b:
        if a.framework_id != b.framework_id:
            raise Http404("Compare role levels of one framework.")
        framework = a.framework
        index = selectors.career_graph(framework)
        na, nb = index.node_of[a.pk], index.node_of[b.pk]
        for j, skill in enumerate(index.skills):
            ra, rb = int(index.graph.required[na, j]), int(index.graph.required[nb, j])
            if ra or rb:
                rows.append({"skill": skill, "a": index.level_name(ra) if ra else "–",
                             "b": index.level_name(rb) if rb else "–", "gap": max(0, rb - ra)})
        rows.sort(key=lambda r: (-r["gap"], r["skill"].name))
    return render(request, "framework/compare.html", {
        "framework": framework, "a": a, "b": b, "rows": rows,
        "total_gap": sum(r["gap"] for r in rows), "choices": _level_choices(framework),
    })


def career_path(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    source = _level_or_404(framework, request.GET.get("from"))
    target = _level_or_404(framework, request.GET.get("to"))
    steps, svg, unreachable = [], "", False
    if source and target:
        if source.framework_id != target.framework_id:
            raise Http404("Choose role levels of one framework.")
        framework = source.framework
        index = selectors.career_graph(framework)
        route = index.graph.route(index.node_of[source.pk], index.node_of[target.pk])
        if route is None:
            unreachable = True
        else:
            for step in route.steps:
                steps.append({
                    "source": index.levels[step.source], "target": index.levels[step.target],
                    "kind": step.kind, "development": step.development,
                    "gaps": [{"skill": index.skills[g.skill],
                              "held": index.level_name(g.held) if g.held else "none",
                              "required": index.level_name(g.required),
                              "shortfall": g.shortfall} for g in step.gaps],
                })
            svg = route_svg([index.levels[n] for n in route.nodes] if route.steps else [source],
                            [s["development"] for s in steps])
    return render(request, "framework/path.html", {
        "framework": framework, "source": source, "target": target, "steps": steps,
        "total": sum(s["development"] for s in steps), "svg": svg, "unreachable": unreachable,
        "choices": _level_choices(framework),
    })


def search(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    text = request.GET.get("q", "").strip()
    roles = levels = skills = []
    if text:
        roles, levels, skills = selectors.search(framework, text)
    return render(request, "framework/search.html", {
        "framework": framework, "q": text, "roles": roles, "levels": levels, "skills": skills,
    })


def versions(request: HttpRequest) -> HttpResponse:
    return render(request, "framework/versions.html", {"frameworks": selectors.framework_list()})


def version_diff(request: HttpRequest) -> HttpResponse:
    ids = [request.GET.get("from", ""), request.GET.get("to", "")]
    if not all(i.isdigit() for i in ids):
        raise Http404("Choose two versions.")
    old, new = (Framework.objects.filter(pk=int(i)).first() for i in ids)
    if old is None or new is None:
        raise Http404("No such framework version.")
    result = diff_documents(framework_to_dict(old), framework_to_dict(new))
    if request.GET.get("format") == "json":
        response = JsonResponse(result, json_dumps_params={"indent": 1})
        response["Content-Disposition"] = content_disposition("framework-diff.json")
        return response
    return render(request, "framework/diff.html", {
        "old": old, "new": new, "diff": result, "summary": summarise(result),
    })


def framework_export(request: HttpRequest, pk: int) -> HttpResponse:
    framework = Framework.objects.filter(pk=pk).first()
    if framework is None:
        raise Http404("No such framework.")
    response = HttpResponse(json.dumps(framework_to_dict(framework), indent=1,
                                       ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = content_disposition(
        f"{download_name(framework.name, framework.version)}.json")
    return response


def level_order(request: HttpRequest, pk: int) -> HttpResponse:
    """Central team and administrators correct the derived order of a role's levels."""
    role = Role.objects.filter(pk=pk).select_related("framework").first()
    if role is None:
        raise Http404("No such role.")
    levels = list(role.levels.order_by("order"))
    form = level_order_form(levels, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_level_order(actor=request.user, role=role,
                                     names_in_order=form.names_in_order())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"The order of {role}'s levels was saved.")
            return redirect("framework:role-level", pk=levels[0].pk)
    return render(request, "framework/level_order.html", {
        "role": role, "levels": levels, "form": form}, status=status_for(form))
