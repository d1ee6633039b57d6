"""Community and event pages (issue 18 point 1): communities, their members and leads,
events, registration and the waiting list, attendance and feedback.

Everyone signed in reads communities and events; names of members are for the
community's members and leads and for organisers (others see the count); registrations,
attendance and the feedback summary are for the community's leads and organisers. The
services check every write again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cadre.community.forms.networks import (
    CancelEventForm,
    CommunityForm,
    EventForm,
    FeedbackForm,
    PersonForm,
)
from cadre.community.models import Attendance, Community, CommunityEvent, RegistrationStatus
from cadre.community.selectors import networks as sel
from cadre.community.services import networks as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for

PAGE_SIZE = 50


def _community(pk: int) -> Community:
    found = sel.community(pk)
    if found is None:
        raise Http404("No such community.")
    return found


def _event(pk: int) -> CommunityEvent:
    found = sel.event(pk)
    if found is None:
        raise Http404("No such event.")
    return found


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _form_page(request: HttpRequest, form: Any, *, title: str, caption: str, button: str,
               back: str, intro: str = "", warning: bool = False) -> HttpResponse:
    return render(request, "community/networks/form.html", {
        "form": form, "title": title, "caption": caption, "button": button, "back": back,
        "intro": intro, "warning": warning}, status=status_for(form))


def _conflict(request: HttpRequest, exc: services.NetworkConflict) -> None:
    messages.error(request, exc.message)


# -- communities -----------------------------------------------------------------------

def network_list(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:200]
    page = Paginator(sel.communities(search=q), PAGE_SIZE).get_page(request.GET.get("page"))
    person = sel.person_of(request.user)
    return render(request, "community/networks/list.html", {
        "page_obj": page, "q": q, "organiser": sel.may_organise(request.user),
        "mine": sel.memberships_of(person)})


def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    person = sel.person_of(request.user)
    membership = sel.current_membership(person, community)
    return render(request, "community/networks/detail.html", {
        "community": community, "membership": membership, "has_person": person is not None,
        "organiser": sel.may_organise(request.user),
        "runner": sel.may_run(request.user, community),
        "may_see_members": sel.may_see_members(request.user, community),
        "leads": sel.leads(community) if sel.may_see_members(request.user, community) else [],
        "upcoming": sel.events(community=community, upcoming=True),
        "past": sel.events(community=community, upcoming=False)[:20]})


def network_create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.create_community(actor=_actor(request), **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{community.name} set up. Now appoint its leads.")
            return redirect("community:network-leads", pk=community.pk)
    return _form_page(request, form, title="Set up a community", caption="Communities",
                      button="Set up the community", back=reverse("community:networks"))


def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    if not sel.may_organise(request.user):
        raise PermissionDenied(services.ORGANISERS_ONLY)
    initial = {"name": community.name, "summary": community.summary, "scope": community.scope,
               "area": community.area, "role_family": community.role_family_id,
               "topic": community.topic, "is_open": "yes" if community.is_open else "no"}
    form = CommunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_community(actor=_actor(request), community=community,
                                      **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Community changed.")
            return redirect("community:network", pk=pk)
    return _form_page(request, form, title=f"Change {community.name}", caption="Community",
                      button="Save changes", back=reverse("community:network", args=[pk]))


def _post_action(request: HttpRequest, pk: int, call: Any, done: str) -> HttpResponse:
    try:
        call()
    except services.NetworkConflict as exc:
        _conflict(request, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, done)
    return redirect("community:network", pk=pk)


def network_close(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    return _post_action(request, pk, lambda: services.close_community(
        actor=_actor(request), community=community), f"{community.name} closed.")


def network_join(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    return _post_action(request, pk, lambda: services.join_community(
        actor=_actor(request), community=community), f"You have joined {community.name}.")


def network_leave(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    return _post_action(request, pk, lambda: services.leave_community(
        actor=_actor(request), community=community), f"You have left {community.name}.")


def network_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Names of the members: the community's members and leads and organisers; leads add
    (form) and remove (``action=remove``, ``person``) members here."""
    community = _community(pk)
    if not sel.may_see_members(request.user, community):
        raise PermissionDenied("Only members of this community see who its members are.")
    runner = sel.may_run(request.user, community)
    form = PersonForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        if not runner:
            raise PermissionDenied(services.LEADS_ONLY)
        try:
            if request.POST.get("action") == "remove":
                services.leave_community(actor=_actor(request), community=community,
                                         person=request.POST.get("person", ""))
                messages.success(request, "Member removed.")
                return redirect("community:network-members", pk=pk)
            if form.is_valid():
                row = services.add_member(actor=_actor(request), community=community,
                                          person=form.reference())
                messages.success(request, f"{row.person.first_name} {row.person.last_name} "
                                          f"added to {community.name}.")
                return redirect("community:network-members", pk=pk)
        except services.NetworkConflict as exc:
            _conflict(request, exc)
        except ValidationError as exc:
            add_validation_errors(form, exc)
            if request.POST.get("action") == "remove":
                messages.error(request, "That person is not a member.")
                return redirect("community:network-members", pk=pk)
    page = Paginator(sel.members(community), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/networks/members.html", {
        "community": community, "page_obj": page, "runner": runner, "form": form,
        "closed": community.closed_on is not None}, status=status_for(form))


def network_leads(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisers appoint leads (form) and make a lead an ordinary member
    (``action=remove``)."""
    community = _community(pk)
    form = PersonForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.set_lead(actor=_actor(request), community=community,
                                  person=request.POST.get("person", ""), lead=False)
                messages.success(request, "Lead removed; they stay a member.")
                return redirect("community:network-leads", pk=pk)
            if form.is_valid():
                row = services.set_lead(actor=_actor(request), community=community,
                                        person=form.reference())
                messages.success(request, f"{row.person.first_name} {row.person.last_name} "
                                          f"now leads {community.name}.")
                return redirect("community:network-leads", pk=pk)
        except services.NetworkConflict as exc:
            _conflict(request, exc)
        except ValidationError as exc:
            add_validation_errors(form, exc)
    return render(request, "community/networks/leads.html", {
        "community": community, "leads": sel.leads(community), "form": form},
        status=status_for(form))


# -- events ----------------------------------------------------------------------------

def event_list(request: HttpRequest) -> HttpResponse:
    person = sel.person_of(request.user)
    page = Paginator(sel.events(upcoming=True), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/networks/events.html", {
        "page_obj": page, "mine": sel.registrations_of(person),
        "attended": sel.registrations_of(person, upcoming=False)[:20]})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    person = sel.person_of(request.user)
    registration = sel.registration_of(person, event)
    active = registration is not None and registration.status != RegistrationStatus.CANCELLED
    started = sel.has_started(event)
    return render(request, "community/networks/event_detail.html", {
        "event": event, "community": event.community, "registration": registration,
        "active": active, "position": sel.waiting_position(registration) if active else None,
        "started": started, "runner": sel.may_run(request.user, event.community),
        "may_register": not active and not started and event.status == "scheduled"
        and sel.may_register(request.user, event),
        "may_give_feedback": active and started and event.status == "scheduled"
        and registration.status == RegistrationStatus.REGISTERED
        and registration.attendance != Attendance.ABSENT and registration.rating is None,
        "places_left": max(0, event.capacity - event.places_taken)})


def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    community = _community(pk)
    if not sel.may_run(request.user, community):
        raise PermissionDenied(services.LEADS_ONLY)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=_actor(request), community=community,
                                          **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{event.title} added.")
            return redirect("community:event", pk=event.pk)
    return _form_page(request, form, title="Add an event", caption=community.name,
                      button="Add the event", back=reverse("community:network", args=[pk]))


def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(actor=_actor(request), event=event, **form.values())
        except services.NetworkConflict as exc:
            _conflict(request, exc)
            return redirect("community:event", pk=pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Event changed.")
            return redirect("community:event", pk=pk)
    return _form_page(request, form, title=f"Change {event.title}", caption="Event",
                      button="Save changes", back=reverse("community:event", args=[pk]))


def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(actor=_actor(request), event=event,
                                  reason=form.cleaned_data.get("reason") or "")
        except services.NetworkConflict as exc:
            _conflict(request, exc)
        except ValidationError as exc:
            add_validation_errors(form, exc)
            return _form_page(request, form, title=f"Cancel {event.title}", caption="Event",
                              button="Cancel the event", warning=True,
                              back=reverse("community:event", args=[pk]))
        else:
            messages.success(request, f"{event.title} cancelled.")
        return redirect("community:event", pk=pk)
    return _form_page(request, form, title=f"Cancel {event.title}", caption="Event",
                      button="Cancel the event", back=reverse("community:event", args=[pk]),
                      warning=True, intro=f"{event.places_taken} people have places and "
                      f"{event.waiting_count} are waiting. Subscribed calendars will show the "
                      "event as cancelled.")


def _event_post(request: HttpRequest, pk: int, call: Any, done: Any) -> HttpResponse:
    try:
        result = call()
    except services.NetworkConflict as exc:
        _conflict(request, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, done(result))
    return redirect("community:event", pk=pk)


def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    return _event_post(request, pk, lambda: services.register(actor=_actor(request),
                                                              event=event),
                       lambda r: "You have a place." if r.status == RegistrationStatus.REGISTERED
                       else "The event is full: you are on the waiting list.")


def event_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    return _event_post(request, pk, lambda: services.cancel_registration(
        actor=_actor(request), event=event), lambda r: "Your registration is cancelled.")


def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Leads record attended or did not attend for each person with a place (one radio
    group per person, ``attendance-<registration id>``)."""
    event = _event(pk)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    started = sel.has_started(event)
    rows = list(sel.registrations(event))
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        changed = 0
        for row in rows:
            if row.status != RegistrationStatus.REGISTERED:
                continue
            key = f"attendance-{row.pk}"
            if key not in request.POST:
                continue
            value = request.POST.get(key, "")
            if value == row.attendance:
                continue
            try:
                services.record_attendance(actor=_actor(request), event=event,
                                           registration=row.pk, attendance=value)
                changed += 1
            except ValidationError as exc:
                text = " ".join(m for ms in exc.message_dict.values() for m in ms)
                errors.append((key, f"{row.person.first_name} {row.person.last_name}: {text}"))
        if not errors:
            messages.success(request, f"Attendance saved ({changed} changed).")
            return redirect("community:event-attendance", pk=pk)
        rows = list(sel.registrations(event))
    return render(request, "community/networks/attendance.html", {
        "event": event, "rows": rows, "started": started, "errors": errors,
        "choices": Attendance.choices}, status=400 if errors else 200)


def event_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    mine = sel.registration_of(sel.person_of(request.user), event)
    if mine is None or mine.status != RegistrationStatus.REGISTERED:
        raise PermissionDenied("Only people who had a place give feedback on an event.")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(actor=_actor(request), event=event,
                                   rating=form.cleaned_data["rating"],
                                   comment=form.cleaned_data.get("comment") or "")
        except services.NetworkConflict as exc:
            _conflict(request, exc)
            return redirect("community:event", pk=pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect("community:event", pk=pk)
    return _form_page(request, form, title=f"Feedback on {event.title}", caption="Event",
                      button="Send feedback", back=reverse("community:event", args=[pk]))


def event_feedback_summary(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    return render(request, "community/networks/feedback.html", {
        "event": event, "summary": sel.feedback_summary(event)})
