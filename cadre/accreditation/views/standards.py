"""Standards pages: schemes and their levels and criteria (everyone signed in reads; the
scheme runners add and change them), and "Accreditation you could apply for" (the
signed-in person's eligibility, and a person's for those who may see their capability)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.accreditation.forms.standards import CriterionForm, DraftForm, LevelForm, SchemeForm
from cadre.accreditation.models import Criterion, SchemeLevel
from cadre.accreditation.selectors import standards as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import standards as services
from cadre.assessments.selectors import capability_person
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.people.selectors import own_person


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _runner(request: HttpRequest) -> None:
    if not runs_scheme(request.user):
        raise PermissionDenied


def schemes(request: HttpRequest) -> HttpResponse:
    """Every scheme and its levels."""
    return render(
        request,
        "accreditation/std_schemes.html",
        {"schemes": sel.visible_schemes(request.user), "runner": runs_scheme(request.user)},
    )


def scheme_create(request: HttpRequest) -> HttpResponse:
    _runner(request)
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.create_scheme(actor=_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{scheme.name} added. Add its levels next.")
            return redirect("accreditation:scheme", pk=scheme.pk)
    return render(
        request,
        "accreditation/std_form.html",
        {
            "form": form,
            "title": "Add a scheme",
            "button": "Add the scheme",
            "back": ("accreditation:schemes", None),
        },
        status=status_for(form),
    )


def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A scheme's levels with their current criteria; runners also see drafts."""
    scheme = get_visible_or_404(sel.visible_schemes(request.user), pk)
    runner = runs_scheme(request.user)
    levels = []
    for level in scheme.levels.order_by("ordinal"):
        versions = list(sel.visible_versions(request.user, level))
        current = sel.current_criteria(level)
        levels.append(
            {
                "level": level,
                "current": current,
                "versions": versions,
                "draft": next((v for v in versions if v.published_on is None), None),
            }
        )
    return render(
        request,
        "accreditation/std_scheme.html",
        {"scheme": scheme, "levels": levels, "runner": runner},
    )


def scheme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _runner(request)
    scheme = get_visible_or_404(sel.visible_schemes(request.user), pk)
    initial = {
        "name": scheme.name,
        "description": scheme.description,
        "renewal_months": scheme.renewal_months,
        "cpd_credits": scheme.cpd_credits,
        "appeal_days": scheme.appeal_days,
    }
    form = SchemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_scheme(actor=_actor(request), scheme=scheme, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Scheme changed.")
            return redirect("accreditation:scheme", pk=scheme.pk)
    return render(
        request,
        "accreditation/std_form.html",
        {
            "form": form,
            "title": f"Change {scheme.name}",
            "button": "Save",
            "back": ("accreditation:scheme", scheme.pk),
        },
        status=status_for(form),
    )


def level_create(request: HttpRequest, pk: int) -> HttpResponse:
    _runner(request)
    scheme = get_visible_or_404(sel.visible_schemes(request.user), pk)
    form = LevelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            level = services.add_level(actor=_actor(request), scheme=scheme, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Level {level.name} added.")
            return redirect("accreditation:scheme", pk=scheme.pk)
    return render(
        request,
        "accreditation/std_form.html",
        {
            "form": form,
            "title": f"Add a level to {scheme.name}",
            "button": "Add the level",
            "back": ("accreditation:scheme", scheme.pk),
            "intro": "Levels go from the lowest up; a new level goes above the others.",
        },
        status=status_for(form),
    )


def _level(request: HttpRequest, pk: int) -> SchemeLevel:
    return get_visible_or_404(
        SchemeLevel.objects.select_related("scheme").filter(
            scheme__in=sel.visible_schemes(request.user)
        ),
        pk,
    )


def level_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _runner(request)
    level = _level(request, pk)
    form = LevelForm(
        request.POST or None, initial={"name": level.name, "description": level.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_level(actor=_actor(request), level=level, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Level changed.")
            return redirect("accreditation:scheme", pk=level.scheme_id)
    return render(
        request,
        "accreditation/std_form.html",
        {
            "form": form,
            "title": f"Change {level.name}",
            "button": "Save",
            "back": ("accreditation:scheme", level.scheme_id),
        },
        status=status_for(form),
    )


def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a draft criteria version of a level."""
    _runner(request)
    level = _level(request, pk)
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_draft(
                actor=_actor(request),
                level=level,
                notes=form.cleaned_data["notes"],
                copy_latest=form.cleaned_data["copy_latest"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Draft version {version.number} started.")
            return redirect("accreditation:version", pk=version.pk)
    return render(
        request,
        "accreditation/std_form.html",
        {
            "form": form,
            "title": f"New criteria for {level}",
            "button": "Start the draft",
            "back": ("accreditation:scheme", level.scheme_id),
            "intro": "Published criteria never change: a change is a new version, "
            "published when ready. Applications keep the version they were "
            "made against.",
        },
        status=status_for(form),
    )


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A criteria version; on a draft, runners change criteria and publish."""
    version = sel.version_detail(request.user, pk)
    if version is None:
        raise Http404("Not found, or not one you can see.")
    runner = runs_scheme(request.user)
    names = sel.level_names()
    errors: list[str] = []
    if request.method == "POST":
        _runner(request)
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                services.publish(actor=_actor(request), version_id=version.pk)
                messages.success(request, f"Version {version.number} published.")
            elif action == "remove":
                raw = str(request.POST.get("criterion", ""))
                criterion = (
                    Criterion.objects.filter(version=version, pk=int(raw)).first()
                    if raw.isdigit() and len(raw) < 19
                    else None
                )  # noqa: PLR2004
                if criterion is None:
                    raise ValidationError({"criterion": "Choose a criterion of this version."})
                services.remove_criterion(actor=_actor(request), criterion=criterion)
                messages.success(request, "Criterion removed.")
            else:
                raise ValidationError({"action": "Choose publish or remove."})
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("accreditation:version", pk=version.pk)
    return render(
        request,
        "accreditation/std_version.html",
        {
            "version": version,
            "criteria": [(c, sel.rule_in_words(c, names)) for c in version.criteria.all()],
            "runner": runner,
            "draft": version.published_on is None,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _criterion_values(form: CriterionForm) -> dict:
    d = form.cleaned_data
    return {
        "kind": d["kind"],
        "text": d["text"],
        "count": d["count"],
        "min_level": d["min_level"],
        "years": d["years"],
        "evidence_type": d["evidence_type"],
        "families": list(d["families"]),
    }


def _criterion_page(request: HttpRequest, form: CriterionForm, save: Callable[..., object], *,
                    done: str, version_id: int, title: str, button: str,
                    caption: str) -> HttpResponse:
    """The criterion form: on a valid POST, ``save`` it with the form's values."""
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=_actor(request), **_criterion_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("accreditation:version", pk=version_id)
    return render(
        request,
        "accreditation/std_form.html",
        {"form": form, "title": title, "button": button,
         "back": ("accreditation:version", version_id), "caption": caption},
        status=status_for(form),
    )


def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    _runner(request)
    version = sel.version_detail(request.user, pk)
    if version is None:
        raise Http404("Not found, or not one you can see.")
    return _criterion_page(
        request, CriterionForm(request.POST or None),
        partial(services.add_criterion, version=version), done="Criterion added.",
        version_id=version.pk, title=f"Add a criterion to version {version.number}",
        button="Add the criterion", caption=str(version.level))


def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _runner(request)
    criterion = get_visible_or_404(Criterion.objects.select_related("version__level"), pk)
    initial = {
        "kind": criterion.kind,
        "text": criterion.text,
        "count": criterion.count,
        "min_level": criterion.min_level,
        "years": criterion.years,
        "evidence_type": criterion.evidence_type,
        "families": list(criterion.families.all()),
    }
    return _criterion_page(
        request, CriterionForm(request.POST or None, initial=initial),
        partial(services.update_criterion, criterion=criterion), done="Criterion changed.",
        version_id=criterion.version_id, title=f"Change criterion {criterion.position}",
        button="Save", caption=str(criterion.version.level))


def my_eligibility(request: HttpRequest) -> HttpResponse:
    """Accreditation the signed-in person could apply for now, and what is missing."""
    person = own_person(request.user)
    return render(
        request,
        "accreditation/std_eligibility.html",
        {
            "person": person,
            "own": True,
            "results": sel.schemes_for(person) if person is not None else [],
        },
    )


def person_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    """The same for a person whose capability the account may see (their line managers,
    heads of profession, the central team)."""
    person = capability_person(user=request.user, person_id=pk)
    if person is None:
        raise Http404("Not found, or not one you can see.")
    mine = own_person(request.user)
    return render(
        request,
        "accreditation/std_eligibility.html",
        {
            "person": person,
            "own": mine is not None and mine.pk == person.pk,
            "results": sel.schemes_for(person),
        },
    )
