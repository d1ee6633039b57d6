"""Writes to the specialist bench: availability windows and deployment requests.

Keyword-only, atomic and audited. Every write takes an ``Actor`` and checks inside it
that the actor may make the change (``PermissionDenied`` otherwise); the command line
and the system act with the service's own rights. A deployment request changes state
only through ``transition_request`` (ADR 14): it locks the row, and a step another
request made impossible first raises ``TransitionConflict`` (HTTP 409).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from cadre.access.models import RoleAssignment
from cadre.access.roles import Role
from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.bench import selectors as sel
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.core.actor import Actor, history_user
from cadre.core.exports import ExportFile
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.workflow import run_transition
from cadre.framework.models import Skill
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import long_date, notify
from cadre.organisations.models import Organisation
from cadre.people.models import Person

State = DeploymentRequest.State
RequestAction = Literal["accept", "decline", "complete", "cancel"]
REQUEST_ACTIONS: tuple[str, ...] = ("accept", "decline", "complete", "cancel")
WINDOW_REFUSAL = "Only the specialist, their head of profession or the central team can do this."


def _allow(actor: Actor, allowed: Callable[[Any], bool], message: str) -> None:
    """Refuse unless the actor is trusted or ``allowed(account)`` holds."""
    if not actor.trusted and not allowed(actor.user):
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
def add_window(*, actor: Actor | Any, person: Person, available_from: dt.date | None,
               available_to: dt.date | None, skills: Iterable[Skill] = (),
               note: str = "") -> BenchAvailability:
    """Record that a specialist is available between two dates, with their skills."""
    actor = Actor.coerce(actor)
    _allow(actor, lambda user: sel.may_manage_windows(user, person), WINDOW_REFUSAL)
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
    window._history_user = history_user(actor)
    window.save()
    window.skills.set(skills)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=window,
        summary=f"Bench window for {person.staff_number}: {available_from} to {available_to}",
        data={"person": person.pk, "skills": [s.pk for s in skills]},
    )
    return window


@transaction.atomic
def remove_window(*, actor: Actor | Any, window: BenchAvailability) -> None:
    """Remove a window, unless a live deployment request falls inside it."""
    actor = Actor.coerce(actor)
    window = BenchAvailability.objects.select_for_update().select_related("person").get(
        pk=window.pk)
    _allow(actor, lambda user: sel.may_manage_windows(user, window.person), WINDOW_REFUSAL)
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
    window._history_user = history_user(actor)
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
def request_deployment(*, actor: Actor | Any, specialist: Person,
                       organisation: Organisation | None, programme: str,
                       starts_on: dt.date | None, ends_on: dt.date | None,
                       skills: Iterable[Skill] = ()) -> DeploymentRequest:
    """Ask for a specialist for a programme, inside one of their availability windows."""
    actor = Actor.coerce(actor)
    _allow(actor, sel.may_request,
           "Only programme managers, heads of profession and the central team raise requests.")
    _allow(actor, lambda user: sel.bench_people(user).filter(pk=specialist.pk).exists(),
           "You cannot see this specialist.")
    errors = {}
    if not programme.strip():
        errors["programme"] = "Enter the programme."
    if organisation is None:
        errors["organisation"] = "Choose the requesting organisation."
    elif not actor.trusted and not sel.requesting_organisations(actor.user).filter(
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
                                requested_by=actor.user)
    request._history_user = history_user(actor)
    request.save()
    request.skills.set(skills)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=request,
        summary=f"Deployment of {specialist.staff_number} to {request.programme} requested",
        data={"specialist": specialist.pk, "organisation": organisation.pk,
              "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    _tell_deciders(actor, request)
    return request


def _deciders(organisation_id: int) -> list[Any]:
    """Active accounts that decide a request for a specialist of the organisation: its
    heads of profession today, or the central team when it has none (``may_decide``)."""
    users = get_user_model().objects.filter(is_active=True).order_by("email")
    current = RoleAssignment.objects.current()
    heads = list(users.filter(pk__in=current.filter(
        role=Role.HEAD_OF_PROFESSION, organisation_id=organisation_id).values("user_id")))
    return heads or list(users.filter(
        pk__in=current.filter(role=Role.CENTRAL_TEAM).values("user_id")))


def _tell_deciders(actor: Actor, request: DeploymentRequest) -> None:
    """Message whoever must accept or decline the request (ADR 30), not the requester."""
    specialist = request.specialist
    link = absolute_link(reverse("bench:bench-request", args=[request.pk]))
    for user in _deciders(specialist.organisation_id):
        notify(kind="deployment_request", to=user.email, recipient=user, actor=actor,
               personalisation=lambda user=user: {
                   "recipient_name": _name_of(user), "specialist_name": specialist.full_name,
                   "programme": request.programme,
                   "requesting_organisation": request.requesting_organisation.name,
                   "starts_on": long_date(request.starts_on),
                   "ends_on": long_date(request.ends_on), "link": link})


def _name_of(user: Any) -> str:
    person = Person.objects.filter(account=user).only("first_name", "last_name").first()
    return (person.full_name.strip() if person else "") or user.display_name or user.email


_TEXT_FIELDS = {"decline": ("reason", "Give the reason for declining."),
                "complete": ("outcome", "Describe the outcome of the deployment."),
                "cancel": ("reason", "Give the reason for cancelling.")}
_SUMMARIES = {"accept": "accepted", "decline": "declined", "complete": "completed",
              "cancel": "cancelled"}


def _may_step(action: str) -> Callable[[Actor, DeploymentRequest], bool]:
    def authorise(actor: Actor, request: DeploymentRequest) -> bool:
        if actor.trusted or sel.may_step(actor.user, request, action):
            return True
        if action in ("accept", "decline"):
            raise PermissionDenied("Only the specialist's head of profession or the central "
                                   "team decide requests.")
        raise PermissionDenied("Only the requester, the specialist's head of profession or "
                               "the central team.")
    return authorise


def transition_request(*, actor: Actor | Any, request_id: int, action: RequestAction | str,
                       text: str = "") -> DeploymentRequest:
    """The deployment request workflow: the only way a request changes state.

    - ``accept`` (the specialist's head of profession, the central team): the dates must
      still fit a window and not clash with another accepted deployment;
    - ``decline`` (the same people, with the reason);
    - ``complete`` (the same people or the requester, with the outcome), once accepted;
    - ``cancel`` (the same, with the reason), while requested or accepted.

    The reason or outcome is kept as the request's ``outcome``. A step no longer possible
    from the state found under the lock raises ``TransitionConflict`` (HTTP 409).
    """
    actor = Actor.coerce(actor)
    if action not in REQUEST_ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(REQUEST_ACTIONS)}."})
    text = (text or "").strip()
    arguments: dict[str, str] = {}
    if action in _TEXT_FIELDS:
        field, message = _TEXT_FIELDS[action]
        arguments = {field: check_text(text, field="text", max_length=REASON_TEXT)}

    def work(request: DeploymentRequest) -> None:
        if action in _TEXT_FIELDS and not text:
            field, message = _TEXT_FIELDS[action]
            raise ValidationError({field: message})
        if action == "accept":
            _check_fits(request.specialist, request.starts_on, request.ends_on,
                        exclude=request.pk)

    return run_transition(
        model=DeploymentRequest, pk=request_id, transition=action, actor=actor,
        authorise=_may_step(action), reason=check_text(text, field="text", max_length=REASON_TEXT),
        work=work, arguments=arguments,
        queryset=DeploymentRequest.objects.select_related("specialist"),
        summary=f"Deployment request {request_id} {_SUMMARIES[action]}",
    )


def export_bench(*, actor: Actor | Any, what: str = "windows", fmt: str = "csv",
                 channel: str = "web") -> ExportFile:
    """The bench windows (or, with ``what="requests"``, the requests) the actor may see,
    as one audited export; the command line exports everything."""
    actor = Actor.coerce(actor)
    if what not in ("windows", "requests"):
        raise ValidationError({"what": "Choose windows or requests."})
    if what == "requests":
        requests = (DeploymentRequest.objects.select_related(
            "specialist__organisation", "requesting_organisation").prefetch_related("skills")
            if actor.trusted else sel.visible_requests(actor.user))
        columns, rows = sel.REQUEST_COLUMNS, sel.request_rows(requests)
    else:
        windows = (BenchAvailability.objects.select_related(
            "person__organisation", "person__grade").prefetch_related("skills")
            if actor.trusted else sel.visible_windows(actor.user))
        columns, rows = sel.WINDOW_COLUMNS, sel.window_rows(windows)
    return export_table(actor=actor, what=f"bench-{what}", columns=columns, rows=rows,
                        fmt=fmt, summary=f"Specialist bench export ({what}, {channel})",
                        filename=f"bench-{what}", sheet_title=f"Bench {what}",
                        extra={"channel": channel})
