"""Pages for HR extracts: upload, map columns, preview, confirm, and the change report.

The upload step reads only the header row (streamed) and saves the file through the
storage API (``core.uploads``); each later step claims it by a one-use token kept in
the uploader's session and hands on a new token; the confirm step gives the stored
file to the import job.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.exports import export_response
from cadre.core.forms import querystring_without_page, status_for
from cadre.core.tabular import CellError, TableError
from cadre.core.uploads import (
    claim_upload,
    read_stored,
    remember_upload,
    remove_stale_uploads,
    save_upload,
)
from cadre.jobs.services import start_job
from cadre.organisations.models import Organisation
from cadre.workforce import selectors, services
from cadre.workforce.columns import FIELDS
from cadre.workforce.extracts import extract_headers
from cadre.workforce.forms import ExtractFilterForm, ExtractUploadForm, MappingForm
from cadre.workforce.jobs import import_extract as extract_job
from cadre.workforce.models import ChangeKind, Extract

KIND = "workforce-extract"
PAGE_SIZE = 50


def extract_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.listed_organisations(request.user)
    form = ExtractFilterForm(request.GET, organisations=organisations)
    org_id = form.pk("organisation")
    extracts = selectors.visible_extracts(request.user, organisation_id=org_id)
    page = Paginator(extracts, PAGE_SIZE).get_page(form.page_number())
    return render(request, "workforce/extract_list.html", {
        "organisations": organisations, "organisation_id": org_id, "page_obj": page,
        "form": form, "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def extract_upload(request: HttpRequest) -> HttpResponse:
    max_bytes = settings.CADRE_MAX_UPLOAD_BYTES
    form = ExtractUploadForm(
        # Bound on every POST, so an empty submission shows its errors.
        request.POST if request.method == "POST" else None, request.FILES or None,
        organisations=selectors.managed_organisations(request.user).open(),
        max_bytes=max_bytes,
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        upload = form.cleaned_data["file"]
        try:  # the header row only: the rows are checked at the preview
            headers = extract_headers(upload.file, filename=upload.name, max_bytes=max_bytes)
        except TableError as exc:
            return render(request, "workforce/extract_upload.html", {
                "form": form, "errors": exc.errors, "filename": upload.name})
        if not any(headers):
            return render(request, "workforce/extract_upload.html", {
                "form": form, "filename": upload.name,
                "errors": [CellError(None, None, f"{upload.name} has no header row.")]})
        details = {"organisation": organisation.pk, "filename": upload.name,
                   "taken_on": form.cleaned_data["taken_on"].isoformat(), "headers": headers}
        initial = services.mapping_for(organisation=organisation, headers=headers)
        remove_stale_uploads()
        return _mapping_page(request, save_upload(upload), details, initial)
    return render(request, "workforce/extract_upload.html", {"form": form})


def _mapping_page(request: HttpRequest, stored: str, details: dict, mapping: dict[str, str],
                  errors: list | None = None, form: MappingForm | None = None) -> HttpResponse:
    token = remember_upload(request, kind=KIND, name=stored, **details)
    if form is None:
        form = MappingForm(headers=details["headers"], initial_mapping=mapping,
                           initial={"token": token})
    else:
        form.data = form.data.copy()
        form.data["token"] = token
    return render(request, "workforce/mapping_step.html", {
        "form": form, "details": details, "errors": errors, "filename": details["filename"],
        "organisation": _organisation(request, details),
    })


def _organisation(request: HttpRequest, details: dict) -> Organisation:
    organisation = selectors.managed_organisations(request.user).filter(
        pk=details["organisation"]).first()
    if organisation is None:
        raise PermissionDenied("You cannot import into that organisation.")
    return organisation


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, "That upload has expired; upload the file again.")
    return redirect("workforce:extract-upload")


def _take(request: HttpRequest) -> tuple[str, dict] | None:
    """The stored upload's name and its details, for the token posted (used once)."""
    return claim_upload(request, kind=KIND, token=request.POST.get("token", ""))


def extract_mapping(request: HttpRequest) -> HttpResponse:
    """Check the chosen mapping and the whole file; show every problem or what will change."""
    if request.method != "POST":
        return redirect("workforce:extract-upload")
    taken = _take(request)
    if taken is None:
        return _expired(request)
    stored, details = taken
    organisation = _organisation(request, details)
    form = MappingForm(request.POST, headers=details["headers"], initial_mapping={})
    if not form.is_valid():
        return _mapping_page(request, stored, details, {}, form=form)
    mapping = form.mapping()
    if form.cleaned_data["save_as"]:
        try:
            services.save_mapping(actor=request.user, organisation=organisation,
                                  name=form.cleaned_data["save_as"], columns=mapping)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("save_as", message)
            return _mapping_page(request, stored, details, mapping, form=form)
    try:
        result = services.import_extract(
            actor=request.user, organisation=organisation, data=read_stored(stored),
            filename=details["filename"], mapping=mapping,
            taken_on=dt.date.fromisoformat(details["taken_on"]), dry_run=True,
        )
    except TableError as exc:
        return _mapping_page(request, stored, details, mapping, errors=exc.errors, form=form)
    details = {**details, "mapping": mapping, "mapping_name": form.cleaned_data["save_as"]}
    token = remember_upload(request, kind=KIND, name=stored, **details)
    return render(request, "workforce/extract_preview.html", {
        "result": result, "token": token, "details": details, "organisation": organisation,
        "mapped": [(h, FIELDS[f]) for h, f in mapping.items() if f],
        "ignored": [h for h, f in mapping.items() if not f],
    })


def extract_confirm(request: HttpRequest) -> HttpResponse:
    """Start the import as a background job (cadre/jobs) and show its progress page."""
    if request.method != "POST":
        return redirect("workforce:extract-upload")
    taken = _take(request)
    if taken is None or "mapping" not in taken[1]:
        return _expired(request)
    stored, details = taken
    organisation = _organisation(request, details)
    job = start_job(
        actor=request.user, runner=extract_job, stored=stored,
        title=f"Import {details['filename']} into {organisation.abbreviation}",
        params={"organisation_id": organisation.pk, "filename": details["filename"],
                "mapping": details["mapping"], "taken_on": details["taken_on"],
                "mapping_name": details.get("mapping_name") or None},
    )
    messages.success(request, f"Importing {details['filename']} into "
                     f"{organisation.abbreviation} in the background.")
    return redirect("jobs:detail", pk=job.pk)


def _visible(request: HttpRequest, pk: int) -> Extract:
    extract = selectors.extract_detail(user=request.user, extract_id=pk)
    if extract is None:
        raise Http404("No such extract, or not one you can see.")
    return extract


def extract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    extract = _visible(request, pk)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ChangeKind.values else ""
    changes = selectors.extract_changes(extract=extract, kind=kind)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workforce/extract_detail.html", {
        "extract": extract, "page_obj": page, "kind": kind, "kinds": ChangeKind.choices,
        "querystring": querystring_without_page(request.GET),
    })


def extract_changes_csv(request: HttpRequest, pk: int) -> HttpResponse:
    extract = _visible(request, pk)
    return export_response(services.export_changes(
        actor=request.user, extract=extract, changes=selectors.extract_changes(extract=extract)))


def mapping_list(request: HttpRequest) -> HttpResponse:
    mappings = selectors.visible_mappings(request.user)
    return render(request, "workforce/mapping_list.html", {"mappings": mappings})
