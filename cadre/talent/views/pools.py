"""Pages for talent pools: pools, their members, development actions and reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import add_validation_errors, status_for
from cadre.people.selectors import own_person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.forms import (
    ActionForm,
    ActionStatusForm,
    MemberForm,
    PoolForm,
    ReviewForm,
    RowForm,
)
from cadre.talent.models import TalentPool
from cadre.talent.views.common import actor, download, int_value


def pools(request: HttpRequest) -> HttpResponse:
    """Pools the account manages or has members in; create a pool."""
    scope = scope_for(request.user)
    organisations = sel.managed_organisations(request.user).open().order_by("name")
    form = PoolForm(request.POST or None, organisations=organisations,
                    cross_government=scope.government_wide)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pool = services.create_pool(actor=actor(request), name=d["name"],
                                        organisation=d["organisation"],
                                        description=d["description"], review_on=d["review_on"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Pool {pool.name} created.")
            return redirect("talent:pool", pk=pool.pk)
    listed = sel.visible_pools(request.user).select_related("organisation")
    return render(request, "talent/pools.html", {
        "pools": listed, "form": form,
        "can_create": scope.government_wide or bool(scope.profession_organisations),
        "cross_government": scope.government_wide,
    }, status=status_for(form))


def _candidates(request: HttpRequest, found: TalentPool):  # noqa: ANN202
    candidates = (sel.sensitive_people(request.user)
                  .exclude(pk__in=found.memberships.values("person_id")))
    if found.organisation_id:
        candidates = candidates.filter(organisation_id=found.organisation_id)
    return candidates.select_related("grade").order_by("last_name", "first_name")


def pool(request: HttpRequest, pk: int) -> HttpResponse:
    """A pool's members (those the account may see) and their development actions.

    Each change is its own small form; one refused is shown again, as typed, with the
    error summary at the top of the page.
    """
    found = sel.visible_pool(user=request.user, pool_id=pk)
    if found is None:
        raise Http404("No such pool, or not one you can see.")
    can_manage = sel.may_manage_pool(request.user, found)
    posted = None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(services.POOL_REFUSAL)
        posted = _pool_action(request, found)
        if posted is None:
            return redirect("talent:pool", pk=found.pk)
    members = list(sel.pool_members(request.user, found))
    action, row = (posted[0], posted[1]) if posted else ("", None)
    for m in members:
        m.review_form = (posted[2] if action == "review" and row == m.pk else ReviewForm(
            row=m.pk, initial={"review_on": m.review_on, "note": m.note}))
        m.action_form = (posted[2] if action == "add-action" and row == m.pk
                         else ActionForm(row=m.pk))
        m.status_forms = [(a, posted[2] if action == "action-status" and row == a.pk
                           else ActionStatusForm(row=a.pk, initial={"status": a.status}))
                          for a in m.actions.all()]
    add_form = None
    if can_manage:
        add_form = (posted[2] if action == "add" else
                    MemberForm(people=_candidates(request, found)[:300]))
    form = posted[2] if posted else None
    return render(request, "talent/pool.html", {
        "pool": found, "members": members, "can_manage": can_manage,
        "add_form": add_form, "form": form, "action_error": posted[3] if posted else [],
    }, status=400 if posted else 200)


def _pool_action(request: HttpRequest, found: TalentPool) -> tuple | None:
    """Apply the posted change; None when done, else (action, row, form, other errors)."""
    action = request.POST.get("action")
    form: RowForm | MemberForm
    if action == "add":
        form, row = MemberForm(request.POST, people=_candidates(request, found)), None
    else:
        membership = found.memberships.filter(
            pk=int_value(request.POST.get("membership")) or 0).first()
        if membership is None:
            return (action, None, None, ["Choose a member of this pool."])
        row = membership.pk
        if action == "review":
            form = ReviewForm(request.POST, row=row)
        elif action == "add-action":
            form = ActionForm(request.POST, row=row)
        elif action == "action-status":
            item = membership.actions.filter(pk=int_value(request.POST.get("item")) or 0).first()
            if item is None:
                return (action, None, None, ["Choose one of this member's actions."])
            row = item.pk
            form = ActionStatusForm(request.POST, row=row)
        elif action == "remove":
            try:
                services.remove_member(actor=actor(request), membership=membership)
            except ValidationError as exc:
                return (action, None, None, exc.messages)
            messages.success(request, f"{membership.person.full_name} removed.")
            return None
        else:
            return (action, None, None, ["Choose an action from the page."])
    if not form.is_valid():
        return (action, row, form, [])
    d = form.cleaned_data
    try:
        if action == "add":
            services.add_member(actor=actor(request), pool=found, person=d["person"],
                                review_on=d["review_on"], note=d["note"])
            messages.success(request, f"{d['person'].full_name} added.")
        elif action == "review":
            services.review_member(actor=actor(request), membership=membership,
                                   review_on=d["review_on"], note=d["note"])
            messages.success(request, f"Review of {membership.person.full_name} recorded.")
        elif action == "add-action":
            services.add_action(actor=actor(request), membership=membership,
                                description=d["description"], due_on=d["due_on"],
                                status="planned")
            messages.success(request, "Development action added.")
        else:
            services.set_action_status(actor=actor(request), action=item, status=d["status"])
            messages.success(request, "Status changed.")
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return (action, row, form, [])
    return None


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


