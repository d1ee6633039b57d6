"""Pages for organisations: thin adapters over selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.rules import CENTRAL
from cadre.core.forms import querystring_without_page
from cadre.organisations import selectors, services
from cadre.organisations.forms import OrganisationFilterForm, OrganisationForm
from cadre.organisations.models import Organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    search = type_ = ""
    if form.is_valid():
        search, type_ = form.cleaned_data["q"], form.cleaned_data["type"]
    qs = selectors.organisation_list(search=search, type=type_)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
        "can_edit": CENTRAL.allows(request.user),
    })


def _get(pk: int) -> Organisation:
    org = Organisation.objects.select_related("parent").filter(pk=pk).first()
    if org is None:
        raise Http404("No such organisation.")
    return org


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(pk)
    return render(request, "organisations/detail.html", {
        "organisation": org,
        "units": selectors.unit_tree(org),
        "children": org.children.all(),
        "can_edit": CENTRAL.allows(request.user),
    })


def _save(request: HttpRequest, org: Organisation | None) -> HttpResponse:
    initial = None
    if org is not None:
        initial = {f: getattr(org, f) for f in
                   ("name", "abbreviation", "type", "parent", "active_from", "active_to")}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if org is None:
                org = services.create_organisation(actor=request.user, **form.cleaned_data)
            else:
                org = services.update_organisation(
                    actor=request.user, organisation=org, **form.cleaned_data
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, f"{org.name} saved.")
            return redirect("organisations:detail", pk=org.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": org})


def organisation_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _get(pk))
