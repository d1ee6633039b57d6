"""Pages for organisations: thin adapters over selectors and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.forms import (
    UploadForm,
    add_validation_errors,
    querystring_without_page,
    status_for,
)
from cadre.core.tabular import TableError, read_table
from cadre.core.uploads import stash_upload, take_upload
from cadre.organisations import selectors, services
from cadre.organisations.forms import (
    ChangeForm,
    ChangesFilterForm,
    FormerNameForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from cadre.organisations.imports import (
    ORGANISATION_COLUMNS,
    REQUIRED_COLUMNS,
    plan_organisation_import,
)
from cadre.organisations.models import Organisation


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    qs = selectors.organisation_list(search=form.value("q") or "", type=form.value("type") or "")
    page = Paginator(qs, 100).get_page(form.page_number())
    return render(request, "organisations/list.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


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
        "former_names": selectors.former_names(org),
        "changes": selectors.organisation_changes(org),
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
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{org.name} saved.")
            return redirect("organisations:detail", pk=org.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": org})


def organisation_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _get(pk))


def _read(data: bytes, filename: str):  # noqa: ANN202
    optional = [c for c in ORGANISATION_COLUMNS if c not in REQUIRED_COLUMNS]
    return read_table(data, filename=filename, required=REQUIRED_COLUMNS, optional=optional,
                      max_bytes=settings.CADRE_MAX_UPLOAD_BYTES)


def organisation_import(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None,
                      max_bytes=settings.CADRE_MAX_UPLOAD_BYTES)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = plan_organisation_import(_read(data, upload.name))
        except TableError as exc:
            context.update({"errors": exc.errors, "filename": upload.name})
        else:
            token = stash_upload(request, kind="organisations", data=data, filename=upload.name)
            context.update({"plan": plan, "token": token, "filename": upload.name})
    return render(request, "organisations/import.html", context)


def organisation_import_confirm(request: HttpRequest) -> HttpResponse:
    taken = take_upload(request, kind="organisations", token=request.POST.get("token", ""))
    if request.method != "POST" or taken is None:
        messages.error(request, "That import has expired; upload the file again.")
        return redirect("organisations:import")
    data, details = taken
    try:
        created, updated = services.import_organisations(
            actor=request.user, table=_read(data, details["filename"]),
            filename=details["filename"],
        )
    except TableError as exc:
        return render(request, "organisations/import.html", {
            "form": UploadForm(max_bytes=settings.CADRE_MAX_UPLOAD_BYTES),
            "errors": exc.errors, "filename": details["filename"],
        })
    messages.success(request, f"Imported {details['filename']}: {created} organisations added, "
                              f"{updated} updated.")
    return redirect("organisations:list")


def organisation_former_name_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a name the organisation was known by (central team and administrators)."""
    org = _get(pk)
    form = FormerNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            former = services.add_former_name(
                actor=request.user, organisation=org, name=data["name"],
                abbreviation=data.get("abbreviation") or "", valid_from=data.get("valid_from"),
                valid_to=data.get("valid_to"))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Former name '{former.name}' added.")
            return redirect("organisations:detail", pk=org.pk)
    return render(request, "organisations/former_name_form.html",
                  {"form": form, "organisation": org}, status=status_for(form))


def organisation_change_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a machinery-of-government change to the organisation."""
    org = _get(pk)
    form = ChangeForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = services.record_change(
                actor=request.user, kind=data["kind"], date=data["date"], predecessor=org,
                successor=data.get("successor"), note=data.get("note") or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{change.get_kind_display()} recorded.")
            return redirect("organisations:detail", pk=org.pk)
    return render(request, "organisations/change_form.html",
                  {"form": form, "organisation": org}, status=status_for(form))


def organisation_changes(request: HttpRequest) -> HttpResponse:
    """Every machinery-of-government change recorded, oldest first."""
    form = ChangesFilterForm(request.GET)
    page = Paginator(selectors.organisation_changes(), 100).get_page(form.page_number())
    return render(request, "organisations/changes.html", {"form": form, "page_obj": page},
                  status=status_for(form))
