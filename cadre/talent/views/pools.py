"""Pages for talent pools: pools, their members, development actions and reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import date_from_post
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import DevelopmentAction, TalentPool
from cadre.talent.views.common import (
    actor,
    change,
    chosen,
    date_value,
    download,
    error,
    int_value,
)


def pools(request: HttpRequest) -> HttpResponse:
    """Pools the account manages or has members in; create a pool."""
    scope = scope_for(request.user)
    organisations = sel.managed_organisations(request.user)
    if request.method == "POST":
        value = request.POST.get("organisation", "")
        try:
            organisation = chosen(organisations, value) if value else None
            pool = services.create_pool(
                actor=actor(request), name=request.POST.get("name", ""),
                organisation=organisation, description=request.POST.get("description", ""),
                review_on=date_value(date_from_post(request.POST, "review_on"), "review_on"))
        except ValidationError as exc:
            error(request, exc)
            return redirect("talent:pools")
        messages.success(request, f"Pool {pool.name} created.")
        return redirect("talent:pool", pk=pool.pk)
    listed = sel.visible_pools(request.user).select_related("organisation")
    return render(request, "talent/pools.html", {
        "pools": listed, "organisations": organisations.order_by("name")[:500],
        "can_create": scope.government_wide or bool(scope.profession_organisations),
        "cross_government": scope.government_wide,
    })


def pool(request: HttpRequest, pk: int) -> HttpResponse:
    """A pool's members (those the account may see) and their development actions."""
    found = sel.visible_pool(user=request.user, pool_id=pk)
    if found is None:
        raise Http404("No such pool, or not one you can see.")
    can_manage = sel.may_manage_pool(request.user, found)
    if request.method == "POST":
        return change(request, _pool_action, found, "talent:pool")
    members = sel.pool_members(request.user, found)
    candidates = []
    if can_manage:
        candidates = (sel.sensitive_people(request.user)
                      .exclude(pk__in=found.memberships.values("person_id")))
        if found.organisation_id:
            candidates = candidates.filter(organisation_id=found.organisation_id)
        candidates = candidates.select_related("grade").order_by("last_name", "first_name")[:300]
    return render(request, "talent/pool.html", {
        "pool": found, "members": members, "can_manage": can_manage,
        "candidates": candidates, "statuses": DevelopmentAction.Status.choices,
    })


def _pool_action(request: HttpRequest, found: TalentPool) -> None:
    action = request.POST.get("action")
    if action == "add":
        person = sel.sensitive_people(request.user).filter(
            pk=int_value(request.POST.get("person")) or 0).first()
        if person is None:
            raise ValidationError({"person": "Choose a person you manage."})
        services.add_member(actor=actor(request), pool=found, person=person,
                            review_on=date_value(date_from_post(request.POST, "review_on"),
                                                 "review_on"),
                            note=request.POST.get("note", ""))
        messages.success(request, f"{person.full_name} added.")
        return
    membership = found.memberships.filter(pk=int_value(request.POST.get("membership")) or 0).first()
    if membership is None:
        raise ValidationError({"membership": "Choose a member of this pool."})
    if action == "review":
        services.review_member(actor=actor(request), membership=membership,
                               review_on=date_value(date_from_post(request.POST, "review_on"),
                                                 "review_on"),
                               note=request.POST.get("note", ""))
        messages.success(request, f"Review of {membership.person.full_name} recorded.")
    elif action == "remove":
        services.remove_member(actor=actor(request), membership=membership)
        messages.success(request, f"{membership.person.full_name} removed.")
    elif action == "add-action":
        services.add_action(actor=actor(request), membership=membership,
                            description=request.POST.get("description", ""),
                            due_on=date_value(date_from_post(request.POST, "due_on"), "due_on"),
                            status=request.POST.get("status") or "planned")
        messages.success(request, "Development action added.")
    elif action == "action-status":
        item = membership.actions.filter(pk=int_value(request.POST.get("item")) or 0).first()
        if item is None:
            raise ValidationError({"item": "Choose one of this member's actions."})
        services.set_action_status(actor=actor(request), action=item,
                                   status=request.POST.get("status", ""))
        messages.success(request, "Status changed.")
    else:
        raise ValidationError({"action": "Unknown action."})


def pool_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The members of the pool whose place the account may see; audited."""
    found = sel.visible_pool(user=request.user, pool_id=pk)
    if found is None:
        raise Http404("No such pool, or not one you can see.")
    return download(lambda: services.export_pool(actor=actor(request), pool=found,
                                                 fmt=request.GET.get("format", "csv")))


def my_pools(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    return render(request, "talent/my_pools.html", {
        "me": me, "memberships": sel.my_memberships(request.user),
    })


