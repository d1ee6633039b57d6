"""Reserve list pages (issue 21 point 5): the list, putting a candidate on it, an entry with
its offers and similar roles, offering a role, an offer and the candidate's answer, and
withdrawing. Who sees what: ``selectors.reserve``; who changes it: ``services.reserve``. A
lost race is the transition service's ``TransitionConflict``, a 409 page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.objects import get_visible_or_404
from cadre.recruitment.forms.reserve import (
    AddForm,
    OfferForm,
    ReserveFilterForm,
    RespondForm,
    WithdrawForm,
)
from cadre.recruitment.models import ReserveEntry, ReserveOffer
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.selectors.campaigns import may_recruit
from cadre.recruitment.services import reserve as services

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _entry(request: HttpRequest, pk: Any) -> ReserveEntry:
    return get_visible_or_404(sel.visible_entries(request.user), pk,
                              message="No such reserve list entry, or not one you can see.")


def _offer(request: HttpRequest, pk: Any) -> ReserveOffer:
    return get_visible_or_404(sel.visible_offers(request.user), pk,
                              message="No such reserve list offer, or not one you can see.")


def reserve_list(request: HttpRequest) -> HttpResponse:
    form = ReserveFilterForm(request.GET)
    rows = sel.entries(request.user, state=form.value("state") or None)
    page = Paginator(rows, PAGE_SIZE).get_page(form.page_number())
    items = [{"entry": e, "label": sel.candidate_label(request.user, e)} for e in page]
    return render(request, "recruitment/reserve/list.html", {
        "form": form, "page_obj": page, "items": items,
        "may_add": may_recruit(request.user),
        "querystring": querystring_without_page(request.GET.dict())}, status=status_for(form))


def reserve_add(request: HttpRequest) -> HttpResponse:
    """Put a candidate on the list (``?application=<id>`` chooses one)."""
    initial = {"application": request.GET.get("application")} if request.GET.get(
        "application", "").isdigit() else {}
    form = AddForm(request.POST if request.method == "POST" else None, initial=initial,
                   who=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_to_reserve(actor=_actor(request),
                                            application_id=form.cleaned_data["application"].pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{entry.application.candidate.display_name} is on the "
                                      f"reserve list until {entry.expires_on:%-d %B %Y}.")
            return redirect("recruitment:reserve-entry", pk=entry.pk)
    return render(request, "recruitment/reserve/add.html", {"form": form},
                  status=status_for(form))


def _entry_page(request: HttpRequest, entry: ReserveEntry, *,
                withdraw_form: WithdrawForm | None = None, status: int = 200) -> HttpResponse:
    who = request.user
    may_withdraw = sel.may_withdraw_entry(who, entry)
    if may_withdraw and withdraw_form is None:
        withdraw_form = WithdrawForm(initial={"version": entry.version},
                                     auto_id="id_withdraw_%s")
    offers = [{"offer": o, "mine": sel.may_withdraw_offer(who, o) or sel.may_respond(who, o)}
              for o in sel.offers_of(entry)]
    return render(request, "recruitment/reserve/entry.html", {
        "entry": entry, "label": sel.candidate_label(who, entry),
        "shows_name": sel.shows_name(who, entry), "offers": offers,
        "targets": sel.similar_targets(who, entry) if entry.state == "active" else [],
        "may_offer": sel.may_offer(who, entry),
        "withdraw_form": withdraw_form if may_withdraw else None}, status=status)


def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_page(request, _entry(request, pk))


def entry_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer the entry a similar role of an organisation the account recruits for."""
    entry = _entry(request, pk)
    targets = sel.similar_targets(request.user, entry, offerable_only=True)
    if entry.state != "active" or not targets:
        raise PermissionDenied("You have no similar role to offer this candidate now.")
    form = OfferForm(request.POST if request.method == "POST" else None,
                     initial={"version": entry.version,
                              "target": request.GET.get("target", "")[:40]},
                     targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.make_offer(actor=_actor(request), entry_id=entry.pk,
                                        target=form.cleaned_data["target"],
                                        note=form.cleaned_data.get("note") or "",
                                        version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Offer made. The candidate's answer is recorded on the "
                                      "offer's page.")
            return redirect("recruitment:reserve-offer", pk=offer.pk)
    return render(request, "recruitment/reserve/offer_form.html", {
        "entry": entry, "label": sel.candidate_label(request.user, entry), "form": form},
        status=status_for(form))


def entry_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if not sel.may_withdraw_entry(request.user, entry):
        raise PermissionDenied("Only the candidate, or the recruitment hub, takes an entry off "
                               "the reserve list.")
    form = WithdrawForm(request.POST, auto_id="id_withdraw_%s")
    if form.is_valid():
        try:
            services.withdraw_entry(actor=_actor(request), entry_id=entry.pk,
                                    reason=form.cleaned_data.get("reason") or "",
                                    version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The entry is off the reserve list.")
            return redirect("recruitment:reserve-entry", pk=entry.pk)
    return _entry_page(request, entry, withdraw_form=form, status=400)


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    who = request.user
    may_withdraw = sel.may_withdraw_offer(who, offer)
    return render(request, "recruitment/reserve/offer.html", {
        "offer": offer, "entry": offer.entry, "label": sel.candidate_label(who, offer.entry),
        "may_respond": sel.may_respond(who, offer),
        "withdraw_form": WithdrawForm(initial={"version": offer.version})
        if may_withdraw else None})


def offer_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's answer: given by the candidate, or recorded by a recruiter of the
    organisation that made the offer."""
    offer = _offer(request, pk)
    if not sel.may_respond(request.user, offer):
        raise PermissionDenied("Only the candidate, or the recruiters of the organisation that "
                               "made the offer, record the answer while it waits for one.")
    form = RespondForm(request.POST if request.method == "POST" else None,
                       initial={"version": offer.version})
    if request.method == "POST" and form.is_valid():
        try:
            answered = services.respond(actor=_actor(request), offer_id=offer.pk,
                                        answer=form.cleaned_data["answer"],
                                        reason=form.cleaned_data.get("reason") or "",
                                        version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The role was accepted: the candidate is appointed."
                             if answered.state == "accepted" else "The role was declined; the "
                             "candidate stays on the reserve list.")
            return redirect("recruitment:reserve-offer", pk=offer.pk)
    return render(request, "recruitment/reserve/respond.html", {
        "offer": offer, "label": sel.candidate_label(request.user, offer.entry),
        "is_candidate": sel.is_candidate(request.user, offer.entry), "form": form},
        status=status_for(form))


def offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if not sel.may_withdraw_offer(request.user, offer):
        raise PermissionDenied("Only the recruiters of the organisation that made the offer, "
                               "or the recruitment hub, withdraw it while it waits.")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_offer(actor=_actor(request), offer_id=offer.pk,
                                    reason=form.cleaned_data.get("reason") or "",
                                    version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Offer withdrawn; the candidate is back on the reserve "
                                      "list.")
            return redirect("recruitment:reserve-offer", pk=offer.pk)
    return render(request, "recruitment/reserve/offer.html", {
        "offer": offer, "entry": offer.entry,
        "label": sel.candidate_label(request.user, offer.entry),
        "may_respond": sel.may_respond(request.user, offer), "withdraw_form": form},
        status=400)
