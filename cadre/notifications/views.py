"""Pages: the messages an account gets, and the administrators' outbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.notifications import selectors, services
from cadre.notifications.forms import OutboxFilterForm, PreferencesForm
from cadre.notifications.kinds import all_kinds
from cadre.notifications.models import UNDELIVERED, delivery_words

PAGE_SIZE = 50


def preferences(request: HttpRequest) -> HttpResponse:
    """"Messages you get": at once, weekly digest or never, per kind of message."""
    kinds = selectors.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        choices = dict(form.cleaned_data)
        # A mandatory kind has no radios; one sent anyway is checked (and refused) too.
        choices |= {k.key: request.POST[k.key] for k in kinds
                    if k.mandatory and k.key in request.POST}
        try:
            services.set_preferences(actor=Actor.for_user(request.user), choices=choices)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Your choices were saved.")
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {
        "form": form, "mandatory": [k for k in kinds if k.mandatory],
    }, status=status_for(form))


def outbox(request: HttpRequest) -> HttpResponse:
    """Every message, newest first, with filters; failures counted at the top."""
    form = OutboxFilterForm(request.GET)
    found = selectors.outbox(to=form.value("to"), kind=form.value("kind"),
                             status=form.value("status"))
    page = Paginator(found, PAGE_SIZE).get_page(form.page_number())
    titles = {k.key: k.title for k in all_kinds().values()}
    for message in page.object_list:
        message.delivery_words = delivery_words(message.delivery_status)
        message.undelivered = message.delivery_status in UNDELIVERED
        message.kind_title = titles.get(message.kind, message.kind)
    return render(request, "notifications/outbox.html", {
        "form": form, "page_obj": page, "failures": selectors.failures(),
        "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = selectors.message(pk)
    if message is None:
        raise Http404("No such message.")
    kinds = all_kinds()
    return render(request, "notifications/message.html", {
        "message": message, "delivery": delivery_words(message.delivery_status),
        "kind_title": kinds[message.kind].title if message.kind in kinds else message.kind,
        "problem": selectors.address_problem(message.to),
    })
