"""Contribution pages: one person's contributions to the whole of government (seen by
whoever may see the person, ``people.selectors``), offering them as evidence in the
person's open appraisal cycle and withdrawing it (the person and their line managers), and
counts by organisation and kind (heads of profession, analysts, the central team,
administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve

from cadre.access.permission_map import rule_for
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.people.selectors import own_person
from cadre.strategy.forms.contributions import OfferForm
from cadre.strategy.models.contributions import MAX_CONTRIBUTION_TEXT
from cadre.strategy.selectors import contributions as sel
from cadre.strategy.services import contributions as services


def _opens(user: object, url: str) -> bool:
    """Whether the permission map lets ``user`` open ``url``."""
    try:
        rule = rule_for(resolve(url))
    except Resolver404:
        return False
    return rule is not None and rule.allows(user)


def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own contributions."""
    me = own_person(request.user)
    if me is None:
        return render(request, "strategy/contributions/no_person.html")
    return redirect("strategy:contributions-person", pk=me.pk)


def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's contributions, the evidence offered from them, and the offer form."""
    found = sel.person_for(request.user, pk)
    if found is None:
        raise Http404("No such person, or not one you can see.")
    items = sel.contributions_of(found)
    own = getattr(request.user, "pk", None) is not None and found.account_id == request.user.pk
    may_offer = sel.may_offer(request.user, found)
    cycles = list(sel.open_cycles(found)) if may_offer else []
    evidence = list(sel.evidence_of(found))
    form = None
    if cycles:
        offered = {(e.cycle_id, e.kind, e.record_id) for e in evidence}
        choices = [(c.key, f"{c.kind_label}: {c.what}") for c in items
                   if any((cy.pk, c.kind, c.record_id) not in offered for cy in cycles)]
        if choices:
            form = OfferForm(request.POST or None, cycles=cycles, choices=choices)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("There is nothing you can offer as evidence here now.")
        if form.is_valid():
            cycle = next(c for c in cycles if str(c.pk) == form.cleaned_data["cycle"])
            try:
                created = services.offer_evidence(
                    actor=Actor.for_user(request.user), person=found, cycle=cycle,
                    keys=list(form.cleaned_data["contributions"]))
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{len(created)} contribution(s) offered as "
                                          f"evidence in {cycle.name}.")
                return redirect("strategy:contributions-person", pk=found.pk)
    # Links to the records go to the person only: the pages are theirs (a line manager
    # would often be refused them).
    linked = {c.key for c in items if own and c.url and _opens(request.user, c.url)}
    withdrawable = {e.pk for e in sel.withdrawable_evidence(request.user).filter(
        person=found)}
    return render(request, "strategy/contributions/person.html", {
        "person": found, "items": items, "own": own, "linked": linked, "form": form,
        "evidence": evidence, "withdrawable": withdrawable, "may_offer": may_offer,
        "cycles": cycles, "max_text": MAX_CONTRIBUTION_TEXT,
    }, status=status_for(form))


def evidence_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one piece of evidence (POST) while its cycle is open."""
    found = sel.withdrawable_evidence(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such evidence, or not evidence you can withdraw.")
    if request.method != "POST":
        return render(request, "strategy/contributions/withdraw.html", {"evidence": found})
    try:
        services.withdraw_evidence(actor=Actor.for_user(request.user), evidence_id=found.pk)
    except ValidationError as exc:
        return render(request, "strategy/contributions/withdraw.html",
                      {"evidence": found, "error": " ".join(exc.messages)}, status=400)
    messages.success(request, f"Withdrawn from {found.cycle.name}: {found.what}.")
    return redirect("strategy:contributions-person", pk=found.person_id)


def counts(request: HttpRequest) -> HttpResponse:
    """People contributing and their contributions by organisation and kind, for a period."""
    if not sel.may_see_counts(request.user):
        raise PermissionDenied("Heads of profession, analysts, the central team and "
                               "administrators only.")
    errors: list[tuple[str, str]] = []
    raw_period = request.GET.get("period", "")
    raw_org = request.GET.get("organisation", "")
    try:
        period = sel.check_period(raw_period)
    except sel.PeriodError as exc:
        errors.append((str(exc), "period"))
        period = sel.check_period("")
    organisation = None
    if raw_org:
        if len(raw_org) > 30 or "\x00" in raw_org:
            errors.append(("Enter an organisation abbreviation of 30 characters or fewer.",
                           "organisation"))
        else:
            organisation = organisation_by_abbreviation(raw_org)
            if organisation is None:
                errors.append((f"No organisation has the abbreviation {raw_org}.",
                               "organisation"))
    rows = sel.counts(period, organisation)
    return render(request, "strategy/contributions/counts.html", {
        "rows": rows, "period": period, "organisation": organisation,
        "workstreams": sel.workstream_counts(organisation),
        "period_value": raw_period if errors else period.label,
        "organisation_value": "" if "\x00" in raw_org else raw_org[:30],
        "linked_errors": errors, "error_fields": {f for _, f in errors},
        "legend": sel.legend(), "kinds": sel.KIND_LABELS,
    }, status=400 if errors else 200)
