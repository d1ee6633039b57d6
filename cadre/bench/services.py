"""Writes to the specialist bench: availability windows and deployment requests.

Keyword-only, atomic and audited. ``actor=None`` is the system (the command
line); any other actor must be allowed to make the change (``PermissionDenied``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.bench import selectors as sel
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.framework.models import Skill
from cadre.organisations.models import Organisation
from cadre.people.models import Person

State = DeploymentRequest.State


def _allow(actor: Any, allowed: bool, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied(message)


def _check_span(start: dt.date | None, end: dt.date | None, start_field: str,
                end_field: str) -> None:
    errors = {}
    if start is None:
        errors[start_field] = "Enter a start date."
    if end is None:
        errors[end_field] = "Enter an end date."
    if not errors and end < start:
        errors[end_field] = "The end date must be the same as or after the start date."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_window(*, actor: Any, person: Person, available_from: dt.date | None,
               available_to: dt.date | None, skills: Iterable[Skill] = (),
               note: str = "") -> BenchAvailability:
    """Record that a specialist is available between two dates, with their skills."""
    _allow(actor, sel.may_manage_windows(actor, person),
           "Only the specialist, their head of profession or the central team can do this.")
    _check_span(available_from, available_to, "available_from", "available_to")
    clash = BenchAvailability.objects.filter(
        person=person, available_from__lte=available_to, available_to__gte=available_from
    ).first()
    if clash is not None:
        raise ValidationError({"available_from": (
            f"This overlaps {person}'s window from {clash.available_from:%d/%m/%Y} to "
            f"{clash.available_to:%d/%m/%Y}.")})
    skills = list(skills)
    window = BenchAvailability(person=person, available_from=available_from,
                               available_to=available_to, note=note)
    window._history_user = actor
    window.save()
    window.skills.set(skills)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=window,
        summary=f"Bench window for {person.staff_number}: {available_from} to {available_to}",
        data={"person": person.pk, "skills": [s.pk for s in skills]},
    )
    return window


@transaction.atomic
def remove_window(*, actor: Any, window: BenchAvailability) -> None:
    """Remove a window, unless a live deployment request falls inside it."""
    _allow(actor, sel.may_manage_windows(actor, window.person),
           "Only the specialist, their head of profession or the central team can do this.")
    live = DeploymentRequest.objects.filter(
        specialist=window.person, state__in=[State.REQUESTED, State.ACCEPTED],
        starts_on__gte=window.available_from, ends_on__lte=window.available_to,
    )
    if live.exists():
        raise ValidationError({"window": "A requested or accepted deployment falls in this "
                               "window; cancel or decline it first."})
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=window.person,
        summary=f"Bench window removed for {window.person.staff_number}: "
        f"{window.available_from} to {window.available_to}",
        data={"window": window.pk},
    )
    window._history_user = actor
    window.delete()


def _check_fits(specialist: Person, starts_on: dt.date, ends_on: dt.date,
                exclude: int | None = None) -> None:
    inside = BenchAvailability.objects.filter(
        person=specialist, available_from__lte=starts_on, available_to__gte=ends_on)
    if not inside.exists():
        raise ValidationError({"starts_on": (
            f"{specialist} has no availability window covering "
            f"{starts_on:%d/%m/%Y} to {ends_on:%d/%m/%Y}.")})
    accepted = DeploymentRequest.objects.filter(
        specialist=specialist, state=State.ACCEPTED, starts_on__lte=ends_on,
        ends_on__gte=starts_on)
    if exclude is not None:
        accepted = accepted.exclude(pk=exclude)
    clash = accepted.first()
    if clash is not None:
        raise ValidationError({"starts_on": (
            f"{specialist} is already deployed to {clash.programme} from "
            f"{clash.starts_on:%d/%m/%Y} to {clash.ends_on:%d/%m/%Y}.")})


@transaction.atomic
def request_deployment(*, actor: Any, specialist: Person, organisation: Organisation | None,
                       programme: str, starts_on: dt.date | None, ends_on: dt.date | None,
                       skills: Iterable[Skill] = ()) -> DeploymentRequest:
    """Ask for a specialist for a programme, inside one of their availability windows."""
    _allow(actor, sel.may_request(actor),
           "Only programme managers, heads of profession and the central team raise requests.")
    if actor is not None and not sel.bench_people(actor).filter(pk=specialist.pk).exists():
        raise PermissionDenied("You cannot see this specialist.")
    errors = {}
    if not programme.strip():
        errors["programme"] = "Enter the programme."
    if organisation is None:
        errors["organisation"] = "Choose the requesting organisation."
    elif actor is not None and not sel.requesting_organisations(actor).filter(
            pk=organisation.pk).exists():
        errors["organisation"] = "You cannot raise requests for this organisation."
    if errors:
        raise ValidationError(errors)
    _check_span(starts_on, ends_on, "starts_on", "ends_on")
    _check_fits(specialist, starts_on, ends_on)
    skills = list(skills)
    request = DeploymentRequest(requesting_organisation=organisation,
                                programme=programme.strip(), specialist=specialist,
                                starts_on=starts_on, ends_on=ends_on,
                                requested_by=actor if getattr(actor, "pk", None) else None)
    request._history_user = actor
    request.save()
    request.skills.set(skills)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=request,
        summary=f"Deployment of {specialist.staff_number} to {request.programme} requested",
        data={"specialist": specialist.pk, "organisation": organisation.pk,
              "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return request


def _move(actor: Any, request: DeploymentRequest, to: str, outcome: str | None,
          allowed_from: set[str]) -> DeploymentRequest:
    if request.state not in allowed_from:
        raise ValidationError({"state": (
            f"A request that is {request.get_state_display().lower()} cannot be "
            f"{State(to).label.lower()}.")})
    before = request.state
    request.state = to
    if outcome is not None:
        request.outcome = outcome
    request._history_user = actor
    request.save(update_fields=["state", "outcome"])
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=request,
        summary=f"Deployment request {request.pk} {before} -> {to}",
        data={"from": before, "to": to, "outcome": request.outcome[:500]},
    )
    return request


@transaction.atomic
def decide(*, actor: Any, request: DeploymentRequest, accept: bool,
           reason: str = "") -> DeploymentRequest:
    """The specialist's head of profession (or the central team) accepts or declines."""
    request = DeploymentRequest.objects.select_for_update().get(pk=request.pk)
    _allow(actor, sel.may_decide(actor, request),
           "Only the specialist's head of profession or the central team decide requests.")
    if accept:
        if request.state == State.REQUESTED:
            _check_fits(request.specialist, request.starts_on, request.ends_on,
                        exclude=request.pk)
        return _move(actor, request, State.ACCEPTED, None, {State.REQUESTED})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for declining."})
    return _move(actor, request, State.DECLINED, reason.strip(), {State.REQUESTED})


@transaction.atomic
def complete(*, actor: Any, request: DeploymentRequest, outcome: str) -> DeploymentRequest:
    """Close an accepted deployment with what came of it."""
    request = DeploymentRequest.objects.select_for_update().get(pk=request.pk)
    _allow(actor, sel.may_close(actor, request),
           "Only the requester, the specialist's head of profession or the central team.")
    if not outcome.strip():
        raise ValidationError({"outcome": "Describe the outcome of the deployment."})
    return _move(actor, request, State.COMPLETED, outcome.strip(), {State.ACCEPTED})


@transaction.atomic
def cancel(*, actor: Any, request: DeploymentRequest, reason: str) -> DeploymentRequest:
    """Cancel a requested or accepted deployment, with the reason (kept as its outcome)."""
    request = DeploymentRequest.objects.select_for_update().get(pk=request.pk)
    _allow(actor, sel.may_close(actor, request),
           "Only the requester, the specialist's head of profession or the central team.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for cancelling."})
    return _move(actor, request, State.CANCELLED, reason.strip(),
                 {State.REQUESTED, State.ACCEPTED})


WINDOW_COLUMNS = ["staff_number", "name", "organisation", "grade", "available_from",
                  "available_to", "skills", "note"]
REQUEST_COLUMNS = ["id", "programme", "requesting_organisation", "specialist_staff_number",
                   "specialist", "starts_on", "ends_on", "skills", "state", "outcome",
                   "requested_at"]


def window_rows(windows: Iterable[BenchAvailability]) -> list[dict]:
    return [{
        "staff_number": w.person.staff_number, "name": w.person.full_name,
        "organisation": w.person.organisation.abbreviation,
        "grade": w.person.grade.code if w.person.grade else "",
        "available_from": w.available_from, "available_to": w.available_to,
        "skills": "; ".join(sorted(s.name for s in w.skills.all())), "note": w.note,
    } for w in windows]


def request_rows(requests: Iterable[DeploymentRequest]) -> list[dict]:
    return [{
        "id": r.pk, "programme": r.programme,
        "requesting_organisation": r.requesting_organisation.abbreviation,
        "specialist_staff_number": r.specialist.staff_number,
        "specialist": r.specialist.full_name, "starts_on": r.starts_on, "ends_on": r.ends_on,
        "skills": "; ".join(sorted(s.name for s in r.skills.all())), "state": r.state,
        "outcome": r.outcome, "requested_at": r.requested_at,
    } for r in requests]


def export_bench(*, actor: Any, windows: Iterable[BenchAvailability] | None = None,
                 requests: Iterable[DeploymentRequest] | None = None,
                 description: str) -> str:
    """CSV of the windows (or, when given, the requests) already scoped by the caller."""
    from cadre.core.tabular import write_csv

    if requests is not None:
        rows, columns, what = request_rows(requests), REQUEST_COLUMNS, "requests"
    else:
        rows, columns, what = window_rows(windows or []), WINDOW_COLUMNS, "windows"
    content = write_csv(columns, rows)
    record_event(
        actor=actor, action=AuditEvent.Action.EXPORT,
        summary=f"Specialist bench export ({what}): {description}"[:500],
        data={"what": what, "rows": len(rows)},
    )
    return content
