"""Recruitment campaign pages (issue 21 point 1): the list, starting a campaign (from a
vacancy gone external or as a new senior role), a campaign's page with its plan and state
actions, changing its details, and its criteria. Who sees which campaign:
``selectors.campaigns``; who changes it: ``services.campaigns``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.objects import get_visible_or_404
from cadre.recruitment.forms.campaigns import (
    CampaignFilterForm,
    CampaignForm,
    CancelForm,
    CriterionForm,
    StepForm,
)
from cadre.recruitment.models import Campaign, CampaignState, Criterion
from cadre.recruitment.selectors import campaigns as sel
from cadre.recruitment.services import campaigns as services

PAGE_SIZE = 50
#: The words on each step's button.
STEP_WORDS = {CampaignState.OPEN: "Open for applications",
              CampaignState.SIFT: "Close applications and start the sift",
              CampaignState.INTERVIEW: "Start interviews",
              CampaignState.DECIDED: "Record that decisions are made",
              CampaignState.CLOSED: "Close the campaign"}
STALE = ("Someone else changed this campaign after you opened it; nothing was saved. The "
         "page now shows what is stored: make your change again.")


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _no_nul(request: HttpRequest) -> None:
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        raise BadRequest("A value in the address holds a NUL character.")


def _campaign(request: HttpRequest, pk: Any) -> Campaign:
    return get_visible_or_404(sel.visible_campaigns(request.user), pk,
                              message="No such campaign, or not one you can see.")


def _managed(request: HttpRequest, pk: Any) -> Campaign:
    """A campaign the account runs: 404 when it cannot see it, 403 when it only reads it."""
    campaign = _campaign(request, pk)
    if not sel.may_manage(request.user, campaign):
        raise PermissionDenied(services.NOT_YOURS)
    return campaign


# -- the list --------------------------------------------------------------------------

def campaign_list(request: HttpRequest) -> HttpResponse:
    _no_nul(request)
    form = CampaignFilterForm(request.GET)
    rows = sel.campaigns(request.user, state=form.value("state") or None,
                         organisation=form.value("organisation"),
                         search=form.value("q") or "")
    page = Paginator(rows, PAGE_SIZE).get_page(form.page_number())
    return render(request, "recruitment/campaigns/list.html", {
        "form": form, "page_obj": page, "may_recruit": sel.may_recruit(request.user),
        "querystring": querystring_without_page(request.GET.dict())},
        status=status_for(form))


# -- starting and changing a campaign --------------------------------------------------

def _initial_for(campaign: Campaign) -> dict[str, Any]:
    return {"title": campaign.title, "role_level": campaign.role_level_id,
            "grade": campaign.grade_id,
            "pay_min": int(campaign.pay_min) if campaign.pay_min is not None else None,
            "pay_max": int(campaign.pay_max) if campaign.pay_max is not None else None,
            "location": campaign.location, "closing_date": campaign.closing_date,
            "engagement": campaign.engagement, "retention_months": campaign.retention_months,
            "version": campaign.version}


def campaign_create(request: HttpRequest) -> HttpResponse:
    """Start a campaign: ``?vacancy=<id>`` from a vacancy gone external (prefilled), or
    else for a new senior role (the page lists the vacancies the account may start from)."""
    _no_nul(request)
    vacancy = None
    raw = request.GET.get("vacancy") or request.POST.get("vacancy")
    if raw:
        live = (Campaign.objects.filter(vacancy_id=_vacancy_id(raw))
                .exclude(state=CampaignState.CANCELLED).first())
        if live is not None and sel.visible_campaigns(request.user).filter(pk=live.pk).exists():
            messages.info(request, "This vacancy already has a recruitment campaign.")
            return redirect("recruitment:campaign", pk=live.pk)
        vacancy = get_visible_or_404(sel.external_vacancies(request.user), raw,
                                     message="No such vacancy gone external that you run "
                                             "campaigns for.")
    initial = sel.vacancy_defaults(vacancy) if vacancy is not None else {"retention_months": 12}
    if vacancy is not None:
        initial = {**initial, "role_level": vacancy.role_level_id, "grade": vacancy.grade_id}
    form = CampaignForm(request.POST if request.method == "POST" else None, initial=initial,
                        who=request.user, new=True, from_vacancy=vacancy is not None)
    status = None
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            campaign = services.create_campaign(
                actor=_actor(request), vacancy=vacancy,
                organisation=values.pop("organisation", None), **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.CampaignConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        else:
            messages.success(request, f"Campaign started as a draft: {campaign.title}. Check "
                                      "its assessment plan, then open it.")
            return redirect("recruitment:campaign", pk=campaign.pk)
    return render(request, "recruitment/campaigns/form.html", {
        "form": form, "campaign": None, "vacancy": vacancy,
        "vacancies": sel.external_vacancies(request.user) if vacancy is None else None},
        status=status or status_for(form))


def _vacancy_id(raw: Any) -> int:
    """A vacancy id from the address, or 0 (no vacancy has it)."""
    text = str(raw).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed(request, pk)
    if not campaign.is_editable:
        messages.info(request, f"The campaign is {campaign.get_state_display().lower()}: its "
                               "details no longer change.")
        return redirect("recruitment:campaign", pk=campaign.pk)
    form = CampaignForm(request.POST if request.method == "POST" else None,
                        initial=_initial_for(campaign), who=request.user, new=False)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(actor=_actor(request), campaign=campaign.pk,
                                     version=form.cleaned_data.get("version"),
                                     **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.CampaignConflict:
            form = CampaignForm(None, initial=_initial_for(_campaign(request, pk)),
                                who=request.user, new=False)
            messages.error(request, STALE)
            status = 409
        else:
            messages.success(request, "Campaign details saved.")
            return redirect("recruitment:campaign", pk=campaign.pk)
    return render(request, "recruitment/campaigns/form.html", {
        "form": form, "campaign": campaign, "vacancy": campaign.vacancy},
        status=status or status_for(form))


# -- one campaign ----------------------------------------------------------------------

def _detail(request: HttpRequest, campaign: Campaign, *, cancel_form: CancelForm | None = None,
            status: int = 200) -> HttpResponse:
    manager = sel.may_manage(request.user, campaign)
    steps = []
    if manager:
        steps = [{"to": to, "words": STEP_WORDS[to]}
                 for to in sel.NEXT[campaign.state] if to != CampaignState.CANCELLED]
    cancellable = manager and CampaignState.CANCELLED in sel.NEXT[campaign.state]
    if cancellable and cancel_form is None:
        cancel_form = CancelForm(initial={"to": CampaignState.CANCELLED,
                                          "version": campaign.version},
                                 auto_id="id_cancel_%s")
    return render(request, "recruitment/campaigns/detail.html", {
        "campaign": campaign, "criteria": sel.criteria(campaign), "manager": manager,
        "pay": sel.pay_check(campaign) if manager else None, "steps": steps,
        "cancel_form": cancel_form if cancellable else None}, status=status)


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _campaign(request, pk))


def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """A state action from the campaign's page (POST). A lost race or a stale page is the
    transition service's 409; a missing reason shows the page again with the error."""
    campaign = _managed(request, pk)
    posted = request.POST.get("to")
    form_class = CancelForm if posted == CampaignState.CANCELLED else StepForm
    form = form_class(request.POST, auto_id="id_cancel_%s" if form_class is CancelForm
                      else "id_%s")
    if form.is_valid():
        try:
            moved = services.transition(actor=_actor(request), campaign_id=campaign.pk,
                                        to=form.cleaned_data["to"],
                                        version=form.cleaned_data.get("version"),
                                        reason=form.cleaned_data.get("reason") or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"The campaign is now "
                                      f"{moved.get_state_display().lower()}.")
            return redirect("recruitment:campaign", pk=moved.pk)
    if isinstance(form, CancelForm):
        return _detail(request, campaign, cancel_form=form, status=400)
    problems = [str(e) for errors in form.errors.values() for e in errors]
    for problem in problems:
        messages.error(request, problem)
    return _detail(request, campaign, status=400)


# -- criteria --------------------------------------------------------------------------

def campaign_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment plan, with a form to add a criterion while the campaign is a draft or
    open."""
    campaign = _managed(request, pk)
    form = None
    status = None
    if campaign.is_editable:
        form = CriterionForm(request.POST if request.method == "POST" else None,
                             initial={"version": campaign.version}, campaign=campaign)
    elif request.method == "POST":
        raise PermissionDenied("The campaign's plan no longer changes.")
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            criterion = services.add_criterion(actor=_actor(request), campaign=campaign.pk,
                                               version=form.cleaned_data.get("version"),
                                               **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.CampaignConflict:
            form.add_error(None, STALE)
            status = 409
        else:
            messages.success(request, f"Criterion added: {criterion.text}.")
            return redirect("recruitment:campaign-criteria", pk=campaign.pk)
    return render(request, "recruitment/campaigns/criteria.html", {
        "campaign": campaign, "criteria": sel.criteria(campaign), "form": form},
        status=status or status_for(form))


def _criterion(request: HttpRequest, pk: int) -> Criterion:
    criterion = get_visible_or_404(
        Criterion.objects.filter(campaign__in=sel.visible_campaigns(request.user)), pk,
        message="No such criterion, or not one you can see.")
    if not sel.may_manage(request.user, criterion.campaign):
        raise PermissionDenied(services.NOT_YOURS)
    return criterion


def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    campaign = criterion.campaign
    if not campaign.is_editable:
        raise Http404("The campaign's plan no longer changes.")
    initial = {"text": criterion.text, "skill": criterion.skill_id, "stage": criterion.stage,
               "method": criterion.method, "order": criterion.order,
               "version": campaign.version}
    form = CriterionForm(request.POST if request.method == "POST" else None, initial=initial,
                         campaign=campaign)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            services.change_criterion(actor=_actor(request), criterion=criterion.pk,
                                      version=form.cleaned_data.get("version"),
                                      **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except services.CampaignConflict:
            form.add_error(None, STALE)
            status = 409
        else:
            messages.success(request, "Criterion saved.")
            return redirect("recruitment:campaign-criteria", pk=campaign.pk)
    return render(request, "recruitment/campaigns/criterion_form.html", {
        "form": form, "campaign": campaign, "criterion": criterion},
        status=status or status_for(form))


def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    campaign = criterion.campaign
    try:
        services.remove_criterion(actor=_actor(request), criterion=criterion.pk,
                                  version=request.POST.get("version") or None)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except services.CampaignConflict:
        messages.error(request, STALE)
    else:
        messages.success(request, f"Criterion removed: {criterion.text}.")
    return redirect("recruitment:campaign-criteria", pk=campaign.pk)
