"""Communications pages (issue 18 point 4), for the central team and administrators: the
stakeholder register, channels, audiences (who is in each now), messages with their
versions, assurance and delivery figures; and the public unsubscribe page (a signed
link, no sign-in)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cadre.community.forms.communications import (
    AudienceForm,
    CommentForm,
    MessageForm,
    StakeholderForm,
)
from cadre.community.models import MessageState, Stakeholder
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for

#: People an audience page lists at a time.
PEOPLE_PER_PAGE = 100
ACTION_DONE = {
    "submit": "Message sent for assurance.",
    "return_for_changes": "Message returned to its author for changes.",
    "assure": "Message assured.",
    "comment": "Comment added.",
    "send": "Sending has started: the recipients are queued in the background.",
}


def overview(request: HttpRequest) -> HttpResponse:
    recent = sel.messages()[:10]
    waiting = sel.messages().filter(state=MessageState.AWAITING_ASSURANCE)
    return render(request, "community/communications/overview.html",
                  {"recent": recent, "waiting": waiting})


# ---------------------------------------------------------------------------- stakeholders


def stakeholders(request: HttpRequest) -> HttpResponse:
    return render(request, "community/communications/stakeholders.html", {
        "counts": sel.profession_counts(), "stakeholders": sel.stakeholders(),
        "threshold": sel.THRESHOLD})


def stakeholder_add(request: HttpRequest) -> HttpResponse:
    form = StakeholderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.create_stakeholder(actor=Actor.for_user(request.user),
                                                **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, f"{found.name} added to the register.")
            return redirect("community:communications-stakeholders")
    return render(request, "community/communications/form.html",
                  {"form": form, "heading": "Add a stakeholder",
                   "back": "community:communications-stakeholders"}, status=status_for(form))


def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Stakeholder, pk=pk)
    form = StakeholderForm(request.POST if request.method == "POST" else None, initial={
        f: getattr(found, f) for f in ("name", "kind", "contact_email", "notes")})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_stakeholder(actor=Actor.for_user(request.user),
                                        stakeholder_id=found.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, "Stakeholder changed.")
            return redirect("community:communications-stakeholders")
    return render(request, "community/communications/form.html",
                  {"form": form, "heading": f"Change {found.name}",
                   "back": "community:communications-stakeholders"}, status=status_for(form))


def channels(request: HttpRequest) -> HttpResponse:
    return render(request, "community/communications/channels.html",
                  {"channels": sel.channels()})


# ---------------------------------------------------------------------------- audiences


def audiences(request: HttpRequest) -> HttpResponse:
    rows = [(a, sel.describe(a), sel.audience_size(a)) for a in sel.audiences()]
    return render(request, "community/communications/audiences.html", {"rows": rows})


def _audience_values(data: dict) -> dict:
    return {"name": data["name"], "description": data["description"],
            "organisation_types": data["organisation_types"],
            "organisation_ids": [o.pk for o in data["organisations"]],
            "role_family_ids": [f.pk for f in data["role_families"]],
            "grade_ids": [g.pk for g in data["grades"]],
            "stakeholder_ids": [s.pk for s in data["stakeholders"]],
            "in_profession_only": data["in_profession_only"]}


def audience_add(request: HttpRequest) -> HttpResponse:
    form = AudienceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            audience = services.create_audience(actor=Actor.for_user(request.user),
                                                **_audience_values(form.cleaned_data))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, f"Audience {audience.name} defined.")
            return redirect("community:communications-audience", pk=audience.pk)
    return render(request, "community/communications/form.html",
                  {"form": form, "heading": "Define an audience",
                   "back": "community:communications-audiences"}, status=status_for(form))


def audience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(sel.audiences(), pk=pk)
    form = AudienceForm(request.POST if request.method == "POST" else None, initial={
        "name": found.name, "description": found.description,
        "organisation_types": found.organisation_types,
        "organisations": list(found.organisations.all()),
        "role_families": list(found.role_families.all()), "grades": list(found.grades.all()),
        "stakeholders": list(found.stakeholders.all()),
        "in_profession_only": found.in_profession_only})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_audience(actor=Actor.for_user(request.user), audience_id=found.pk,
                                     **_audience_values(form.cleaned_data))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, "Audience changed.")
            return redirect("community:communications-audience", pk=found.pk)
    return render(request, "community/communications/form.html",
                  {"form": form, "heading": f"Change {found.name}",
                   "back": "community:communications-audiences"}, status=status_for(form))


def audience(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(sel.audiences(), pk=pk)
    people = (sel.audience_people(found).select_related("organisation", "grade")
              .only("first_name", "last_name", "email", "organisation__name", "grade__name"))
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/communications/audience.html", {
        "audience": found, "definition": sel.describe(found), "size": sel.audience_size(found),
        "page_obj": page, "stakeholders": sel.audience_stakeholders(found),
        "querystring": ""})


# ---------------------------------------------------------------------------- messages


def message_list(request: HttpRequest) -> HttpResponse:
    return render(request, "community/communications/messages.html",
                  {"messages_list": sel.messages()})


def _message_initial(message: object | None) -> dict:
    if message is None:
        return {}
    latest = sel.latest_version(message)
    return {"title": message.title, "channel": message.channel_id,
            "audience": message.audience_id, "essential": message.essential,
            "subject": latest.subject, "body": latest.body}


def message_add(request: HttpRequest) -> HttpResponse:
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            message = services.create_message(
                actor=Actor.for_user(request.user), title=data["title"],
                channel=data["channel"].pk, audience=data["audience"].pk,
                essential=data["essential"], subject=data["subject"], body=data["body"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, "Message drafted.")
            return redirect("community:communications-message", pk=message.pk)
    return render(request, "community/communications/form.html",
                  {"form": form, "heading": "Draft a message",
                   "back": "community:communications-messages"}, status=status_for(form))


def message_edit(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(sel.messages(), pk=pk)
    if message.state in (MessageState.SENDING, MessageState.SENT):
        raise Http404("A sent message cannot be changed.")
    form = MessageForm(request.POST if request.method == "POST" else None,
                       initial=_message_initial(message))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.revise_message(
                actor=Actor.for_user(request.user), message_id=message.pk,
                expected_version=request.POST.get("version") or None,
                title=data["title"], channel=data["channel"].pk,
                audience=data["audience"].pk, essential=data["essential"],
                subject=data["subject"], body=data["body"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            flash.success(request, "Saved as a new version. It needs assurance again.")
            return redirect("community:communications-message", pk=message.pk)
    return render(request, "community/communications/form.html", {
        "form": form, "heading": f"Change {message.title}", "version": message.version_number,
        "warning": ("Saving makes a new version, and the message then needs assurance "
                    "again." if message.state != MessageState.DRAFT else ""),
        "back_message": message}, status=status_for(form))


def message(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(sel.messages(), pk=pk)
    versions = found.versions.select_related("created_by")
    latest = versions.get(number=found.version_number)
    is_author = found.author_id == request.user.pk
    sent = found.state in (MessageState.SENDING, MessageState.SENT)
    return render(request, "community/communications/message.html", {
        "message": found, "latest": latest, "versions": versions,
        "comments": found.comments.select_related("author", "version"),
        "is_author": is_author, "sent": sent,
        "may_assure": found.state == MessageState.AWAITING_ASSURANCE and not is_author,
        "may_send": (found.state == MessageState.ASSURED and found.channel.sent_by_cadre
                     and found.assured_version_id == latest.pk),
        "figures": sel.figures(found) if sent else None, "words": sel.FIGURE_WORDS,
        "size": sel.audience_size(found.audience), "comment_form": CommentForm()})


def message_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = get_object_or_404(sel.messages(), pk=pk)
    version = get_object_or_404(found.versions.select_related("created_by"), number=number)
    return render(request, "community/communications/version.html", {
        "message": found, "version": version,
        "comments": version.comments.select_related("author")})


@require_POST
def message_action(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(sel.messages(), pk=pk)
    action = request.POST.get("action", "")
    try:
        services.transition_message(actor=Actor.for_user(request.user), message_id=found.pk,
                                    action=action, version=request.POST.get("version"),
                                    comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        for problem in exc.messages:
            flash.error(request, problem)
        return redirect("community:communications-message", pk=found.pk)
    flash.success(request, ACTION_DONE.get(action, "Done."))
    return redirect("community:communications-message", pk=found.pk)


# ---------------------------------------------------------------------------- unsubscribe


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link in a non-essential message. GET asks, POST records."""
    read = services.read_unsubscribe_token(token)
    if read is None:
        return render(request, "community/communications/unsubscribe_invalid.html", status=400)
    done = None
    if request.method == "POST":
        done = services.unsubscribe(token=token)
    return render(request, "community/communications/unsubscribe.html",
                  {"email": read[0], "done": done})
