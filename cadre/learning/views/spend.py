"""Pages for learning spend: upload a file, match its columns, check it, import it (a
background job); the imports and their problems; the review queue of supplier names and
descriptions waiting for a decision; saved column mappings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.tabular import CellError, TableError
from cadre.core.uploads import (
    claim_upload,
    read_stored,
    remember_upload,
    remove_stale_uploads,
    save_upload,
)
from cadre.jobs.services import start_job
from cadre.learning.forms.spend import (
    DescriptionDecisionForm,
    SpendImportFilterForm,
    SpendMappingForm,
    SpendUploadForm,
    SupplierDecisionForm,
)
from cadre.learning.models import MatchStatus, SpendImport
from cadre.learning.selectors import spend as sel
from cadre.learning.services import spend as services
from cadre.learning.spend_columns import FIELDS
from cadre.learning.spend_jobs import import_spend as import_job
from cadre.organisations.models import Organisation

KIND = "learning-spend"
PAGE_SIZE = 50


def spend_imports(request: HttpRequest) -> HttpResponse:
    organisations = sel.spend_organisations(request.user).open_or(
        SpendImport.objects.values("organisation_id"))
    form = SpendImportFilterForm(request.GET, organisations=organisations)
    imports = sel.visible_imports(request.user, organisation_id=form.pk("organisation"))
    page = Paginator(imports, PAGE_SIZE).get_page(form.page_number())
    return render(request, "learning/spend/import_list.html", {
        "organisations": organisations, "page_obj": page, "form": form,
        "waiting": sel.waiting_counts(request.user),
        "querystring": querystring_without_page(request.GET),
    }, status=status_for(form))


def _visible(request: HttpRequest, pk: int) -> SpendImport:
    spend_import = sel.import_detail(user=request.user, import_id=pk)
    if spend_import is None:
        raise Http404("No such spend import, or not one you can see.")
    return spend_import


def spend_import(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    counts = sel.import_status_counts(found)
    statuses = [(label, counts.get(value, {"lines": 0, "amount": 0}))
                for value, label in MatchStatus.choices]
    lines = Paginator(sel.import_lines(found), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/spend/import_detail.html", {
        "spend_import": found, "statuses": statuses, "page_obj": lines,
        "problems": found.problems[:1001],
    })


def spend_upload(request: HttpRequest) -> HttpResponse:
    max_bytes = settings.CADRE_MAX_UPLOAD_BYTES
    form = SpendUploadForm(request.POST if request.method == "POST" else None,
                           request.FILES or None,
                           organisations=sel.spend_organisations(request.user).open(),
                           max_bytes=max_bytes)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        upload = form.cleaned_data["file"]
        try:
            data = upload.read()
            headers = services.file_headers(data, filename=upload.name, max_bytes=max_bytes)
        except TableError as exc:
            return render(request, "learning/spend/upload.html", {
                "form": form, "errors": exc.errors, "filename": upload.name}, status=400)
        if not any(headers):
            return render(request, "learning/spend/upload.html", {
                "form": form, "filename": upload.name, "errors": [
                    CellError(None, None, f"{upload.name} has no header row.")]}, status=400)
        details = {"organisation": organisation.pk, "filename": upload.name[-255:],
                   "headers": headers}
        initial = services.mapping_for(organisation=organisation, headers=headers)
        remove_stale_uploads()
        return _mapping_page(request, save_upload(data), details, initial)
    return render(request, "learning/spend/upload.html", {"form": form},
                  status=status_for(form))


def _mapping_page(request: HttpRequest, stored: str, details: dict, mapping: dict[str, str],
                  errors: list | None = None, form: SpendMappingForm | None = None,
                  status: int = 200) -> HttpResponse:
    token = remember_upload(request, kind=KIND, name=stored, **details)
    if form is None:
        form = SpendMappingForm(headers=details["headers"], initial_mapping=mapping,
                                initial={"token": token})
    else:
        form.data = form.data.copy()
        form.data["token"] = token
    return render(request, "learning/spend/mapping_step.html", {
        "form": form, "details": details, "errors": errors, "filename": details["filename"],
        "organisation": _organisation(request, details),
    }, status=status)


def _organisation(request: HttpRequest, details: dict) -> Organisation:
    organisation = sel.spend_organisations(request.user).filter(
        pk=details["organisation"]).first()
    if organisation is None:
        raise PermissionDenied("You cannot import spend into that organisation.")
    return organisation


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, "That upload has expired; upload the file again.")
    return redirect("learning:spend-upload")


def spend_mapping(request: HttpRequest) -> HttpResponse:
    """Check the chosen mapping and the whole file: every error, or what will be imported."""
    if request.method != "POST":
        return redirect("learning:spend-upload")
    taken = claim_upload(request, kind=KIND, token=request.POST.get("token", ""))
    if taken is None:
        return _expired(request)
    stored, details = taken
    organisation = _organisation(request, details)
    form = SpendMappingForm(request.POST, headers=details["headers"], initial_mapping={})
    if not form.is_valid():
        return _mapping_page(request, stored, details, {}, form=form, status=400)
    mapping = form.mapping()
    if form.cleaned_data["save_as"]:
        try:
            services.save_mapping(actor=Actor.for_user(request.user), organisation=organisation,
                                  name=form.cleaned_data["save_as"], columns=mapping)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("save_as", message)
            return _mapping_page(request, stored, details, mapping, form=form, status=400)
    try:
        result = services.import_spend(
            actor=Actor.for_user(request.user), organisation=organisation,
            data=read_stored(stored), filename=details["filename"], mapping=mapping,
            dry_run=True)
    except TableError as exc:
        return _mapping_page(request, stored, details, mapping, errors=exc.errors, form=form,
                             status=400)
    details = {**details, "mapping": mapping, "mapping_name": form.cleaned_data["save_as"]}
    token = remember_upload(request, kind=KIND, name=stored, **details)
    return render(request, "learning/spend/preview.html", {
        "result": result, "token": token, "details": details, "organisation": organisation,
        "mapped": [(h, FIELDS[f]) for h, f in mapping.items() if f],
        "ignored": [h for h, f in mapping.items() if not f],
    })


def spend_confirm(request: HttpRequest) -> HttpResponse:
    """Start the import as a background job and show its progress page."""
    if request.method != "POST":
        return redirect("learning:spend-upload")
    taken = claim_upload(request, kind=KIND, token=request.POST.get("token", ""))
    if taken is None or "mapping" not in taken[1]:
        return _expired(request)
    stored, details = taken
    organisation = _organisation(request, details)
    job = start_job(
        actor=Actor.for_user(request.user), runner=import_job, stored=stored,
        title=f"Import spend {details['filename']} into {organisation.abbreviation}",
        params={"organisation_id": organisation.pk, "filename": details["filename"],
                "mapping": details["mapping"],
                "mapping_name": details.get("mapping_name") or None})
    messages.success(request, f"Importing {details['filename']} into "
                     f"{organisation.abbreviation} in the background.")
    return redirect("jobs:detail", pk=job.pk)


def spend_mappings(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/spend/mapping_list.html", {
        "mappings": sel.visible_mappings(request.user)})


def spend_review(request: HttpRequest) -> HttpResponse:
    organisations = sel.spend_organisations(request.user).open_or(
        SpendImport.objects.values("organisation_id"))
    form = SpendImportFilterForm(request.GET, organisations=organisations)
    org_id = form.pk("organisation")
    return render(request, "learning/spend/review_queue.html", {
        "form": form, "organisations": organisations,
        "suppliers": sel.waiting_suppliers(request.user, organisation_id=org_id),
        "descriptions": sel.waiting_descriptions(request.user, organisation_id=org_id),
    }, status=status_for(form))


def _decided(request: HttpRequest, lines: int, what: str) -> HttpResponse:
    messages.success(request, f"{what}: applied to {lines} line{'s' if lines != 1 else ''}.")
    return redirect("learning:spend-review")


def _decision_page(request: HttpRequest, form: Any, decide: Callable[[Actor], Any], *,
                   name: str, template: str, context: dict[str, Any]) -> HttpResponse:
    """A review decision's page: on a valid POST, ``decide`` as the user; a decision someone
    else made first sends them back to the queue with the reason."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            decision = decide(Actor.for_user(request.user))
        except services.DecisionConflict as exc:
            messages.error(request, exc.message)
            return redirect("learning:spend-review")
        except ValidationError as exc:
            add_validation_errors(form, exc)
            status = 400
        else:
            return _decided(request, decision.lines, f"'{name}' decided")
    return render(request, template, {"form": form, **context},
                  status=status_for(form) if status == 200 else status)


def spend_review_supplier(request: HttpRequest, pk: int) -> HttpResponse:
    record = sel.supplier_name_for_review(request.user, pk)
    if record is None:
        raise Http404("No supplier name of yours is waiting for review with that number.")
    form = SupplierDecisionForm(request.POST if request.method == "POST" else None,
                                providers=sel.provider_choices(),
                                suggested_id=record.suggested_id)
    return _decision_page(
        request, form,
        lambda actor: services.decide_supplier(actor=actor, supplier_name_id=record.pk,
                                               provider_id=form.provider_id()),
        name=record.name, template="learning/spend/review_supplier.html",
        context={"record": record,
                 "examples": sel.waiting_examples(request.user, supplier_name_id=record.pk,
                                                  provider__isnull=True)})


def spend_review_description(request: HttpRequest, pk: int) -> HttpResponse:
    record = sel.description_for_review(request.user, pk)
    if record is None:
        raise Http404("No description of yours is waiting for review with that number.")
    form = DescriptionDecisionForm(request.POST if request.method == "POST" else None,
                                   products=sel.product_choices(record.provider_id),
                                   suggested_id=record.suggested_id)
    return _decision_page(
        request, form,
        lambda actor: services.decide_description(actor=actor, description_id=record.pk,
                                                  product_id=form.product_id()),
        name=record.description, template="learning/spend/review_description.html",
        context={"record": record,
                 "examples": sel.waiting_examples(request.user,
                                                  product_description_id=record.pk,
                                                  provider_id=record.provider_id)})
