"""Pages for people: thin adapters over selectors and services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.core.exports import export_response
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.tabular import TableError, read_table
from cadre.core.uploads import stash_upload, take_upload
from cadre.jobs.services import start_job
from cadre.organisations.models import Organisation
from cadre.people import selectors, services
from cadre.people.exports import FORMATS
from cadre.people.forms import ImportForm, LinkAccountForm, PersonFilterForm, PersonForm
from cadre.people.imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, plan_people_import
from cadre.people.jobs import export_people as people_export_job
from cadre.people.jobs import import_people as people_import_job
from cadre.people.models import Person
from cadre.people.statistics import headcount_tables

PAGE_SIZE = 50


def _filtered(request: HttpRequest):  # noqa: ANN202
    form = PersonFilterForm(request.GET)
    return form, selectors.person_list(user=request.user, **_export_filters(form))


def person_list(request: HttpRequest) -> HttpResponse:
    form, people = _filtered(request)
    page = Paginator(people, PAGE_SIZE).get_page(form.page_number())
    return render(request, "people/list.html", {
        "form": form, "page_obj": page, "querystring": querystring_without_page(request.GET),
        "can_import": bool(_import_organisations(request).exists()),
    }, status=status_for(form))


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_detail(user=request.user, person_id=pk)
    if person is None:
        raise Http404("No such person, or not one you can see.")
    return render(request, "people/detail.html", {
        "person": person,
        "reports": selectors.direct_reports(user=request.user, person=person),
        "can_edit": selectors.can_edit_person(request.user, person),
        "can_link": services.may_link_accounts(request.user, person.organisation_id),
        "history": person.history.select_related("history_user")[:20],
        "address_problem": selectors.address_problem_for(request.user, person),
    })


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_detail(user=request.user, person_id=pk)
    if person is None:
        raise Http404("No such person, or not one you can see.")
    if not selectors.can_edit_person(request.user, person):
        raise PermissionDenied("You cannot change this record.")
    managing = selectors.manageable_people(request.user).filter(pk=person.pk).exists()
    fields = None if managing else services.SELF_EDITABLE_FIELDS
    initial = {name: getattr(person, name) for name in services.EDITABLE_FIELDS}
    form = PersonForm(
        request.POST or None, organisation=person.organisation, fields=fields, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        # Only what the form changed, so a stale form does not undo someone else's edit.
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            person = services.update_person(actor=request.user, person=person, **changes)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{person.full_name}'s record was saved.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person})


def person_create(request: HttpRequest) -> HttpResponse:
    organisations = _import_organisations(request)
    org_id = request.GET.get("organisation") or request.POST.get("organisation_id")
    organisation = organisations.filter(pk=org_id).first() if org_id else None
    if organisation is None:
        return render(request, "people/choose_organisation.html", {
            "organisations": organisations,
        })
    form = PersonForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{person.full_name} was added.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "organisation": organisation})


def person_export(request: HttpRequest) -> HttpResponse:
    """The filtered people as a file. Across government (an account that sees everyone,
    no organisation chosen) the export runs as a background job whose page links the file,
    started by the button a GET shows; otherwise it is sent at once."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return HttpResponse("Unknown format; choose csv, xlsx, ods or json.", status=400)
    form, people = _filtered(request)
    if form.is_bound and form.errors:
        # Never a file of other people than the filters say: name the filter to fix.
        return HttpResponse(" ".join(f"{form[k].label if k in form.fields else 'Filter'}:"
                                     f" {' '.join(v)}" for k, v in form.errors.items()),
                            status=400, content_type="text/plain; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    description = request.GET.urlencode() or "all"
    filters = _export_filters(form)
    if filters.get("organisation_id") is None and selectors.sees_everyone(request.user):
        if request.method != "POST":  # a link (or a crawler) only reaches the button
            return render(request, "jobs/start_export.html", {
                "title": f"People across government ({fmt.upper()})",
                "back_url": reverse("people:list")})
        job = start_job(actor=request.user, runner=people_export_job,
                        title="Export people across government",
                        params={"fmt": fmt, "description": description,
                                "filename": f"people-{stamp}", "filters": filters})
        messages.success(request, "The export is being made in the background; "
                         "its file is linked here when it is ready.")
        return redirect("jobs:detail", pk=job.pk)
    return export_response(services.export_people(
        actor=request.user, people=people, fmt=fmt,
        description=description, filename=f"people-{stamp}"))


def _export_filters(form: PersonFilterForm) -> dict[str, Any]:
    """The list's filters as plain values a job can carry (``selectors.person_list``); a
    filter that was refused (and reported on the page) is left out."""
    return {"search": form.value("q") or "", "organisation_id": form.pk("organisation"),
            "grade_id": form.pk("grade"), "employment_type": form.value("employment_type") or ""}


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "people/statistics.html", {"tables": headcount_tables()})


# Imports: upload, preview (every error, or what will change), then confirm.

def _import_organisations(request: HttpRequest):  # noqa: ANN202
    """Organisations the account may add people to: open ones it manages."""
    ids = selectors.manageable_organisation_ids(request.user)
    qs = Organisation.objects.open()
    return qs if ids is None else qs.filter(pk__in=ids)


def person_import(request: HttpRequest) -> HttpResponse:
    max_bytes = settings.CADRE_MAX_UPLOAD_BYTES
    form = ImportForm(
        request.POST or None, request.FILES or None,
        organisations=_import_organisations(request), max_bytes=max_bytes,
    )
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = read_table(
                data, filename=upload.name, required=REQUIRED_COLUMNS,
                optional=OPTIONAL_COLUMNS, max_bytes=max_bytes,
            )
            plan = plan_people_import(table, organisation)
        except TableError as exc:
            context.update({"errors": exc.errors, "filename": upload.name})
        else:
            token = stash_upload(request, kind="people", data=data,
                                 organisation=organisation.pk, filename=upload.name)
            context.update({
                "plan": plan, "token": token, "filename": upload.name,
                "sample": plan.people[:20],
            })
    return render(request, "people/import.html", context)


def person_import_confirm(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("people:import")
    taken = take_upload(request, kind="people", token=request.POST.get("token", ""))
    if taken is None:
        messages.error(request, "That import has expired; upload the file again.")
        return redirect("people:import")
    data, pending = taken
    organisation = _import_organisations(request).filter(pk=pending["organisation"]).first()
    if organisation is None:
        raise PermissionDenied("You cannot import into that organisation.")
    job = start_job(
        actor=request.user, runner=people_import_job, data=data,
        title=f"Import {pending['filename']} into {organisation.abbreviation}",
        params={"organisation_id": organisation.pk, "filename": pending["filename"]},
    )
    messages.success(request, f"Importing {pending['filename']} into "
                     f"{organisation.abbreviation} in the background.")
    return redirect("jobs:detail", pk=job.pk)




def link_account(request: HttpRequest) -> HttpResponse:
    """Link a sign-in account to a person record (administrators; heads of profession for
    their organisations' people). Unknown and out-of-reach people get the same answer."""
    organisations = selectors.linkable_organisations(request.user).open_or(
        Person.objects.values("organisation_id"))
    form = LinkAccountForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.link_account_by_keys(
                actor=Actor.for_user(request.user), email=data["email"],
                organisation=data["organisation"].abbreviation,
                staff_number=data["staff_number"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{person.account.email} is now linked to "
                                      f"{person.full_name} ({person.staff_number}).")
            return redirect("people:link-account")
    return render(request, "people/link_account.html", {
        "form": form, "accounts": selectors.accounts_without_person(request.user),
    })


def clear_address_problem(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the person's bouncing work email cleared (POST only; their people managers)."""
    person = get_visible_or_404(selectors.visible_people(request.user), pk)
    problem = services.clear_address_problem(actor=Actor.for_user(request.user),
                                             person=person)
    if problem is not None:
        messages.success(request, f"Messages to {problem.email} will be sent again; the "
                                  "delivery problem is marked cleared.")
    return redirect("people:detail", pk=person.pk)


def unlink_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the account off a person record (POST only; same rights as linking)."""
    person = get_visible_or_404(selectors.visible_people(request.user), pk)
    try:
        services.unlink_account(actor=Actor.for_user(request.user), person=person)
    except ValidationError:
        raise Http404("No such person.") from None
    messages.success(request, f"The account is no longer linked to {person.full_name}.")
    return redirect("people:detail", pk=person.pk)
