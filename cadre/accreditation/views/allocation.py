"""Assessor pool and round allocation pages: thin adapters over
``selectors.allocation`` and ``services.assessors`` / ``services.allocation``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.accreditation.allocation import REASON_WORDS
from cadre.accreditation.forms.allocation import (
    AssessorEditForm,
    AssessorForm,
    CapacityForm,
    ConflictForm,
)
from cadre.accreditation.models import AccreditationRound, DeclaredConflict
from cadre.accreditation.selectors import allocation as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import allocation as services
from cadre.accreditation.services import assessors as pool_services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.inputs import parse_id
from cadre.core.objects import get_visible_or_404
from cadre.core.workflow import TransitionConflict
from cadre.people.models import Person


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _person(form: AssessorForm | ConflictForm) -> Person | None:
    d = form.cleaned_data
    person = Person.objects.filter(
        organisation=d["organisation"], staff_number=d["staff_number"].strip()
    ).first()
    if person is None:
        form.add_error(
            "staff_number",
            f"No one in {d['organisation'].abbreviation} has staff number {d['staff_number']}.",
        )
    return person


def pool(request: HttpRequest) -> HttpResponse:
    """The assessor pool and the rounds to allocate (scheme runners); add an assessor."""
    if not runs_scheme(request.user):
        raise PermissionDenied
    form = AssessorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = _person(form)
        if person is not None:
            d = form.cleaned_data
            try:
                assessor = pool_services.add_assessor(
                    actor=_actor(request),
                    person=person,
                    families=d["families"],
                    trained_on=d["trained_on"],
                    default_capacity=d["default_capacity"],
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{person.full_name} is now an assessor.")
                return redirect("accreditation:assessor", pk=assessor.pk)
    return render(
        request,
        "accreditation/alloc_pool.html",
        {
            "assessors": sel.assessor_pool(request.user),
            "rounds": sel.allocation_rounds(request.user),
            "form": form,
        },
        status=status_for(form),
    )


def assessor(request: HttpRequest, pk: int) -> HttpResponse:
    """One assessor: runners change them and their capacity per round; the assessor and the
    runners declare and withdraw conflicts of interest."""
    record = get_visible_or_404(sel.visible_assessors(request.user), pk)
    runner = runs_scheme(request.user)
    action = request.POST.get("form", "") if request.method == "POST" else ""
    if action in ("edit", "capacity") and not runner:
        raise PermissionDenied
    initial = {
        "families": list(record.families.all()),
        "trained_on": record.trained_on,
        "default_capacity": record.default_capacity,
        "active": "yes" if record.active else "no",
    }
    edit = (
        AssessorEditForm(request.POST if action == "edit" else None, initial=initial, prefix="edit")
        if runner
        else None
    )
    capacity = (
        CapacityForm(request.POST if action == "capacity" else None, prefix="capacity")
        if runner
        else None
    )
    conflict = ConflictForm(request.POST if action == "conflict" else None, prefix="conflict")
    bound = {"edit": edit, "capacity": capacity, "conflict": conflict}.get(action)
    try:
        if action == "edit" and edit is not None and edit.is_valid():
            d = edit.cleaned_data
            pool_services.update_assessor(
                actor=_actor(request),
                assessor=record,
                families=d["families"],
                trained_on=d["trained_on"],
                default_capacity=d["default_capacity"],
                active=d["active"],
            )
            messages.success(request, "Assessor changed.")
            return redirect("accreditation:assessor", pk=record.pk)
        if action == "capacity" and capacity is not None and capacity.is_valid():
            d = capacity.cleaned_data
            pool_services.set_capacity(
                actor=_actor(request), assessor=record, round_=d["round"], capacity=d["capacity"]
            )
            messages.success(request, f"Capacity in {d['round'].name} saved.")
            return redirect("accreditation:assessor", pk=record.pk)
        if action == "conflict" and conflict.is_valid():
            person = _person(conflict)
            if person is not None:
                pool_services.declare_conflict(
                    actor=_actor(request),
                    assessor=record,
                    person=person,
                    reason=conflict.cleaned_data["reason"],
                )
                messages.success(request, "Conflict of interest recorded.")
                return redirect("accreditation:assessor", pk=record.pk)
        if action == "withdraw":
            number = parse_id(request.POST.get("conflict"), field="conflict", default=None)
            found = DeclaredConflict.objects.filter(assessor=record, pk=number).first()
            if found is not None:
                pool_services.withdraw_conflict(actor=_actor(request), conflict=found)
                messages.success(request, "Conflict of interest withdrawn.")
            return redirect("accreditation:assessor", pk=record.pk)
    except ValidationError as exc:
        if bound is not None:
            add_validation_errors(bound, exc)
    return render(
        request,
        "accreditation/alloc_assessor.html",
        {
            "assessor": record,
            "runner": runner,
            "edit": edit,
            "capacity_form": capacity,
            "conflict_form": conflict,
            "conflicts": sel.conflicts_of(record),
            "capacities": record.capacities.select_related("round", "round__scheme"),
            "error_form": bound,
        },
        status=status_for(bound) if bound is not None else 200,
    )


def round_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's allocation (scheme runners): a dry run while applications wait (GET),
    allocating it (POST), and what was stored. Applications the viewer is excluded from,
    or their own, are left out."""
    round_ = get_visible_or_404(sel.allocation_rounds(request.user), pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            plan = services.allocate_round(actor=_actor(request), round_id=round_.pk)
        except (ValidationError, PermissionDenied) as exc:
            errors = list(getattr(exc, "messages", None) or [str(exc)])
        except TransitionConflict as exc:
            errors = [exc.message]
        else:
            placed = sum(1 for r in plan.assignments if r.assessors)
            messages.success(
                request,
                f"Assessors allocated to {placed} application(s); {len(plan.short)} still waiting.",
            )
            return redirect("accreditation:round-allocation", pk=round_.pk)
    plan = sel.visible_plan(
        request.user, services.dry_run(actor=_actor(request), round_id=round_.pk)
    )
    stored, hidden_stored = sel.round_allocations(request.user, round_)
    return render(
        request,
        "accreditation/alloc_round.html",
        {
            "round": round_,
            "plan": plan,
            "stored": stored,
            "hidden_stored": hidden_stored,
            "exclusions": sel.round_exclusions(request.user, round_),
            "reasons": REASON_WORDS,
            "can_allocate": (
                round_.state == AccreditationRound.State.OPEN and bool(plan.plan.assignments)
            ),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
