"""Application and round pages: your applications, start one, the application page with
its steps, statements, evidence and supporter; the supporter's confirmation page and list;
the central team's rounds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.accreditation.forms.applications import (
    EvidenceForm,
    RoundForm,
    StartForm,
    StatementsForm,
    StepForm,
    SupporterForm,
    SupportForm,
)
from cadre.accreditation.models import Application, SchemeLevel
from cadre.accreditation.selectors import applications as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import applications as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.people.models import Person

#: The applicant's steps on the application page, by state: (action, button words).
STEPS = {
    Application.State.DRAFT: [("submit", "Submit the application"),
                              ("withdraw", "Withdraw the application")],
    Application.State.SUBMITTED: [("withdraw", "Withdraw the application")],
    Application.State.ASSESSING: [("withdraw", "Withdraw the application")],
    Application.State.RECONCILIATION: [("withdraw", "Withdraw the application")],
    Application.State.WITHDRAWN: [("reopen", "Reopen to change and resubmit")],
}


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _own_draft(request: HttpRequest, pk: int) -> Application:
    """The caller's own application, or 404 (a 403 for someone who may see it)."""
    application = get_visible_or_404(sel.visible_applications(request.user), pk)
    if not sel.is_applicant(request.user, application):
        raise PermissionDenied
    return application


def mine(request: HttpRequest) -> HttpResponse:
    """Your applications, and the ones you are asked to support."""
    return render(request, "accreditation/apps_mine.html", {
        "applications": sel.own_applications(request.user),
        "requests": sel.supporter_requests(request.user),
        "supporter": sel.supported_applications(request.user).exists(),
        "runner": runs_scheme(request.user),
    })


def start(request: HttpRequest) -> HttpResponse:
    levels = SchemeLevel.objects.filter(versions__published_on__isnull=False).select_related(
        "scheme").distinct().order_by("scheme__name", "ordinal")
    initial = {}
    if request.GET.get("level", "").isdigit():
        initial["level"] = int(request.GET["level"])
    form = StartForm(request.POST or None, levels=levels, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(actor=_actor(request),
                                                     level=form.cleaned_data["level"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Application started: write a statement for each "
                                      "criterion.")
            return redirect("accreditation:application", pk=application.pk)
    return render(request, "accreditation/apps_start.html", {"form": form},
                  status=status_for(form))


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The application: where it is, its criteria with statements and evidence, the
    supporter, what stops it being submitted, and the applicant's steps."""
    application = get_visible_or_404(sel.visible_applications(request.user), pk)
    own = sel.is_applicant(request.user, application)
    steps = STEPS.get(application.state, []) if own else []
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = StepForm(request.POST if action else None)
    errors: list[str] = []
    if request.method == "POST":
        if action == "remove_evidence":
            if not own:
                raise PermissionDenied
            link = get_visible_or_404(application.evidence.all(), request.POST.get("link"))
            try:
                services.remove_evidence(actor=_actor(request), link=link)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, "Evidence removed.")
                return redirect("accreditation:application", pk=application.pk)
        else:
            if action not in {a for a, _ in steps}:
                raise PermissionDenied
            if form.is_valid():
                try:
                    services.transition(actor=_actor(request), application_id=application.pk,
                                        action=action, reason=form.cleaned_data["reason"])
                except ValidationError as exc:
                    errors = exc.messages
                else:
                    messages.success(request, {"submit": "Application submitted.",
                                               "withdraw": "Application withdrawn.",
                                               "reopen": "Application reopened: change it "
                                                         "and submit it again."}[action])
                    return redirect("accreditation:application", pk=application.pk)
    statements = sel.statements_by_criterion(application)
    links = list(sel.evidence_links(application))
    criteria = [(c, statements.get(c.pk), [link for link in links if link.criterion_id == c.pk])
                for c in application.criteria.criteria.order_by("position", "id")]
    draft = application.state == Application.State.DRAFT
    problems = services.submission_problems(application) if draft and own else []
    return render(request, "accreditation/apps_application.html", {
        "application": application, "own": own, "draft": draft, "criteria": criteria,
        "general_evidence": [link for link in links if link.criterion_id is None],
        "problems": problems, "steps": steps, "form": form, "errors": errors,
        "is_supporter": sel.is_supporter(request.user, application),
        "runner": runs_scheme(request.user),
    }, status=400 if errors else status_for(form))


def statements(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    criteria = list(application.criteria.criteria.order_by("position", "id"))
    form = StatementsForm(request.POST or None, criteria=criteria,
                          statements=sel.statements_by_criterion(application))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_statements(actor=_actor(request), application=application,
                                     texts=form.texts())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Statements saved.")
            return redirect("accreditation:application", pk=application.pk)
    return render(request, "accreditation/apps_statements.html",
                  {"application": application, "form": form}, status=status_for(form))


def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    form = EvidenceForm(request.POST or None,
                        criteria=application.criteria.criteria.order_by("position", "id"),
                        assessments=sel.linkable_assessments(application),
                        files=sel.linkable_evidence_files(application))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_evidence(actor=_actor(request), application=application,
                                  criterion=d["criterion"], evidence_file=d["evidence_file"],
                                  skill_assessment=d["skill_assessment"],
                                  evidence_type=d["evidence_type"], note=d["note"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Evidence linked.")
            return redirect("accreditation:application", pk=application.pk)
    return render(request, "accreditation/apps_evidence.html",
                  {"application": application, "form": form}, status=status_for(form))


def supporter(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    form = SupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["staff_number"].strip()
        person = Person.objects.filter(staff_number=number).first()
        if person is None:
            form.add_error("staff_number", f"No one has the staff number {number}.")
        else:
            try:
                services.name_supporter(actor=_actor(request), application=application,
                                        supporter=person)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{person.full_name} is asked to confirm your "
                                          "statements.")
                return redirect("accreditation:application", pk=application.pk)
    return render(request, "accreditation/apps_supporter.html",
                  {"application": application, "form": form}, status=status_for(form))


def support(request: HttpRequest, pk: int) -> HttpResponse:
    """The supporter reads the statements and confirms or declines."""
    application = get_visible_or_404(sel.visible_applications(request.user), pk)
    if not sel.is_supporter(request.user, application):
        raise PermissionDenied
    waiting = (application.state == Application.State.DRAFT
               and application.supporter_confirmed_at is None)
    form = SupportForm(request.POST or None) if waiting else None
    if request.method == "POST":
        if form is None:
            messages.info(request, "This application is no longer waiting for you.")
            return redirect("accreditation:application-support", pk=application.pk)
        if form.is_valid():
            confirm = form.cleaned_data["answer"] == "confirm"
            try:
                services.respond_as_supporter(actor=_actor(request),
                                              application_id=application.pk, confirm=confirm,
                                              comment=form.cleaned_data["comment"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Thank you: the applicant can now submit."
                                 if confirm else "Your answer has been sent to the applicant.")
                return redirect("accreditation:supporting")
    statements = sel.statements_by_criterion(application)
    criteria = [(c, statements.get(c.pk))
                for c in application.criteria.criteria.order_by("position", "id")]
    return render(request, "accreditation/apps_support.html", {
        "application": application, "criteria": criteria, "form": form,
        "evidence": sel.evidence_links(application),
    }, status=status_for(form))


def supporting(request: HttpRequest) -> HttpResponse:
    return render(request, "accreditation/apps_supporting.html",
                  {"applications": sel.supported_applications(request.user)})


def rounds(request: HttpRequest) -> HttpResponse:
    return render(request, "accreditation/apps_rounds.html",
                  {"rounds": sel.visible_rounds(request.user)})


def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            round_ = services.create_round(actor=_actor(request), scheme=d["scheme"],
                                           name=d["name"], opens_on=d["opens_on"],
                                           closes_on=d["closes_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Round created: it takes applications from the day it "
                                      "opens.")
            return redirect("accreditation:round", pk=round_.pk)
    return render(request, "accreditation/apps_round_form.html", {"form": form},
                  status=status_for(form))


#: The central team's steps on a round page, by state (allocation has its own page).
ROUND_STEPS = {"open": [("close", "Close the round")],
               "allocated": [("reopen", "Reopen for late applications"),
                             ("close", "Close the round")]}


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_visible_or_404(sel.visible_rounds(request.user), pk)
    steps = ROUND_STEPS.get(round_.state, [])
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in {a for a, _ in steps}:
            raise PermissionDenied
        try:
            services.transition_round(actor=_actor(request), round_id=round_.pk,
                                      action=action)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "The round has moved on.")
            return redirect("accreditation:round", pk=round_.pk)
    applications = sel.visible_applications(request.user).filter(round=round_)
    return render(request, "accreditation/apps_round.html", {
        "round": round_, "steps": steps, "errors": errors, "applications": applications,
        "allocation_url": _allocation_url(round_.pk),
    }, status=400 if errors else 200)


def _allocation_url(round_id: int) -> str | None:
    """The allocation page of the round, when area 3 has one."""
    from django.urls import NoReverseMatch, reverse

    for name in ("accreditation:round-allocation", "accreditation:allocation"):
        try:
            return reverse(name, args=[round_id])
        except NoReverseMatch:
            continue
    return None
