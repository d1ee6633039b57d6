"""Application pages (issue 21 point 2): a campaign's applications (its recruiters),
recording one received outside Cadre, importing a file of them, one application (with the
recruiters' next step, or withdrawing), applying to an open campaign (internal candidates)
and "Your applications". Who sees which application: ``selectors.applications``; who
changes it: ``services.applications``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.tabular import TableError
from cadre.recruitment.forms.applications import (
    ApplicationFilterForm,
    ApplyForm,
    ImportForm,
    RecordForm,
    StepForm,
    WithdrawForm,
)
from cadre.recruitment.models import ApplicationState, Campaign, CampaignState
from cadre.recruitment.selectors import applications as sel
from cadre.recruitment.selectors.campaigns import criteria as campaign_criteria
from cadre.recruitment.selectors.campaigns import may_manage, visible_campaigns
from cadre.recruitment.services import applications as services

NOT_FOUND = "No such application, or not one you can see."


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _campaign(request: HttpRequest, pk: Any) -> Campaign:
    return get_visible_or_404(visible_campaigns(request.user), pk,
                              message="No such campaign, or not one you can see.")


def _managed(request: HttpRequest, pk: Any) -> Campaign:
    """A campaign the account runs: 404 when it cannot see it, 403 when it only reads it."""
    campaign = _campaign(request, pk)
    if not may_manage(request.user, campaign):
        raise PermissionDenied(services.NOT_RECRUITER)
    return campaign


def campaign_applications(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's applications, for its recruiters."""
    campaign = _managed(request, pk)
    form = ApplicationFilterForm(request.GET)
    rows = sel.applications_of(request.user, campaign, state=form.value("state") or None)
    return render(request, "recruitment/applications/list.html", {
        "campaign": campaign, "form": form, "applications": rows,
        "recording": campaign.state in services.RECORDING_STATES,
    }, status=status_for(form))


def application_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an application the recruiters received outside Cadre."""
    campaign = _managed(request, pk)
    form = RecordForm(request.POST or None, criteria=campaign_criteria(campaign))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.record_application(
                actor=_actor(request), campaign=campaign, name=data["name"],
                email=data["email"], phone=data.get("phone") or "",
                evidence=form.evidence(), reserve_consent=data["reserve_consent"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Application {application.pk} recorded.")
            return redirect("recruitment:application", pk=application.pk)
    return render(request, "recruitment/applications/record.html",
                  {"campaign": campaign, "form": form}, status=status_for(form))


def application_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file of applications: every row checked, nothing saved on error."""
    campaign = _managed(request, pk)
    max_bytes = min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES)
    form = ImportForm(request.POST or None, request.FILES or None, max_bytes=max_bytes)
    errors: list = []
    filename = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            result = services.import_applications(actor=_actor(request), campaign=campaign,
                                                   data=upload.read(), filename=upload.name)
        except TableError as exc:
            errors = exc.errors
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, result.summary())
            return redirect("recruitment:campaign-applications", pk=campaign.pk)
    return render(request, "recruitment/applications/import.html", {
        "campaign": campaign, "form": form, "errors": errors, "filename": filename,
        "required": services.IMPORT_REQUIRED, "optional": services.IMPORT_OPTIONAL,
        "evidence_columns": services.evidence_columns(campaign),
    }, status=400 if errors else status_for(form))


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: the candidate, its state and evidence; the recruiters' next step."""
    application = get_visible_or_404(sel.visible_applications(request.user), pk,
                                     message=NOT_FOUND)
    steps = [s for s in sel.next_states(request.user, application)
             if s != ApplicationState.WITHDRAWN]
    manager = sel.may_manage_application(request.user, application)
    form = None
    if manager and steps:
        form = StepForm(request.POST or None, steps=steps,
                        initial={"version": application.version})
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("There is no step you can take on this application.")
        if form.is_valid():
            try:
                services.transition(actor=_actor(request), application_id=application.pk,
                                    to=form.cleaned_data["to"],
                                    version=form.cleaned_data["version"],
                                    reason=form.cleaned_data.get("reason") or "")
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "The application is now "
                                 f"'{ApplicationState(form.cleaned_data['to']).label}'.")
                return redirect("recruitment:application", pk=application.pk)
    return render(request, "recruitment/applications/detail.html", {
        "application": application, "candidate": application.candidate, "manager": manager,
        "own": sel.is_own(request.user, application),
        "evidence": sel.evidence_by_criterion(application), "form": form,
        "may_withdraw": ApplicationState.WITHDRAWN in sel.next_states(request.user,
                                                                      application),
        "may_see_campaign": visible_campaigns(request.user).filter(
            pk=application.campaign_id).exists(),
    }, status=status_for(form))


def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an open application (the candidate, or the campaign's recruiters)."""
    application = get_visible_or_404(sel.visible_applications(request.user), pk,
                                     message=NOT_FOUND)
    if ApplicationState.WITHDRAWN not in sel.next_states(request.user, application):
        raise PermissionDenied("This application cannot be withdrawn by you now.")
    form = WithdrawForm(request.POST or None, initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(actor=_actor(request), application_id=application.pk,
                              version=form.cleaned_data["version"],
                              reason=form.cleaned_data.get("reason") or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The application is withdrawn.")
            return redirect("recruitment:application", pk=application.pk)
    return render(request, "recruitment/applications/withdraw.html",
                  {"application": application, "form": form}, status=status_for(form))


def application_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """An internal person applies to an open campaign."""
    campaign = _campaign(request, pk)
    person = sel.person_of(request.user)
    if person is None:
        raise PermissionDenied("Applying needs an account linked to your person record.")
    today = timezone.localdate()
    if campaign.state != CampaignState.OPEN or today > campaign.closing_date:
        raise PermissionDenied("This campaign is not open for applications.")
    existing = sel.my_applications(request.user).filter(campaign=campaign).exclude(
        state=ApplicationState.WITHDRAWN).first()
    if existing is not None:
        messages.info(request, "You have already applied to this campaign.")
        return redirect("recruitment:application", pk=existing.pk)
    form = ApplyForm(request.POST or None, criteria=[
        c for c in campaign_criteria(campaign) if c.at_sift])
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(actor=_actor(request), campaign=campaign,
                                         evidence=form.evidence(),
                                         reserve_consent=form.cleaned_data["reserve_consent"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Your application to {campaign.title} is sent.")
            return redirect("recruitment:application", pk=application.pk)
    return render(request, "recruitment/applications/apply.html",
                  {"campaign": campaign, "form": form, "person": person},
                  status=status_for(form))


def my_applications(request: HttpRequest) -> HttpResponse:
    """The account's own applications, as an internal candidate."""
    return render(request, "recruitment/applications/mine.html", {
        "applications": sel.my_applications(request.user),
        "has_person": sel.person_of(request.user) is not None,
        "campaigns_url": reverse("recruitment:campaigns"),
    })


__all__ = ["application_apply", "application_detail", "application_import",
           "application_record", "application_withdraw", "campaign_applications",
           "my_applications"]
