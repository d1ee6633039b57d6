"""Departmental commitments pages (issue 19, area 2): the actions of each strategy, an
action's comparison (every organisation across the years side by side, optionally with
closed organisations rolled up into their successors), an organisation's entries across
actions, entering one entry (heads of profession for their own organisations, the central
team for any: the services refuse others with a 403), and the importer's upload page (the
central team)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.tabular import TableError
from cadre.organisations.models import Organisation
from cadre.strategy import commitment_rows
from cadre.strategy.forms.commitments import CommitmentsUploadForm, EntryForm
from cadre.strategy.models import Action, CommitmentEntry
from cadre.strategy.selectors import commitments as sel
from cadre.strategy.services import commitments as services


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def commitments(request: HttpRequest) -> HttpResponse:
    """Every strategy's actions, the organisations with entries, and the account's own."""
    mine_ids = sel.editable_organisation_ids(request.user)
    return render(request, "strategy/commitments/list.html", {
        "actions": sel.actions(),
        "organisations": sel.organisations_with_entries(),
        "mine": (list(sel.editable_organisations(request.user)) if mine_ids else []),
    })


def _flag(request: HttpRequest, name: str) -> tuple[bool, str]:
    """A yes/no query parameter: 1 or 0 (blank is 0); anything else is an error message."""
    raw = request.GET.get(name, "")
    if raw in ("", "0"):
        return False, ""
    if raw == "1":
        return True, ""
    return False, f"{name}: give 1 or 0."


def action(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: organisations down, each period's commitment, progress and plan across."""
    item = get_object_or_404(Action.objects.select_related("strategy"), pk=pk)
    roll_up, error = _flag(request, "roll_up")
    table = sel.comparison(item, roll_up=roll_up)
    editable = sel.editable_organisation_ids(request.user)
    for row in table.rows:
        row.may_edit = editable is None or row.organisation.pk in editable
    return render(request, "strategy/commitments/action.html", {
        "action": item, "table": table, "rows": table.rows, "error": error,
    }, status=400 if error else 200)


def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation's commitments, progress and plans under every action."""
    item = get_object_or_404(Organisation, pk=pk)
    return render(request, "strategy/commitments/organisation.html", {
        "organisation": item, "groups": sel.organisation_entries(item),
        "may_edit": sel.may_edit(request.user, item),
        "see_who": sel.sees_who_entered(request.user),
    })


def entry_edit(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    """Enter or change the organisation's commitment, progress or plan for a period.
    ``?kind=progress&period=2015`` opens the entry already held for that kind and period."""
    item = get_object_or_404(Action.objects.select_related("strategy"), pk=pk)
    org = get_object_or_404(Organisation, pk=organisation_pk)
    if not sel.may_edit(request.user, org):
        raise PermissionDenied(services.NOT_YOURS)
    initial: dict = {"kind": CommitmentEntry.Kind.PROGRESS}
    current = None
    kind, period = request.GET.get("kind", ""), request.GET.get("period", "")
    if kind in CommitmentEntry.Kind.values and period and len(period) <= 20 \
            and "\x00" not in period:
        current = sel.entry_for(action=item, organisation=org, kind=kind, period=period)
        initial = {"kind": kind, "period": period}
        if current is not None:
            initial.update(text=current.text, not_applicable=current.not_applicable,
                           seen=f"{kind}|{period}|{current.entered_at.isoformat()}")
    form = EntryForm(request.POST if request.method == "POST" else None, initial=initial)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_entry(actor=_actor(request), action=item, organisation=org,
                                        **form.values())
        except services.EntryConflict as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            entry = saved.entry
            if saved.changed:
                messages.success(request, f"Saved: {entry.get_kind_display().lower()} "
                                          f"{entry.period_label} for {org.name}.")
            else:
                messages.info(request, "Nothing changed.")
            return redirect("strategy:commitments-action", pk=item.pk)
    return render(request, "strategy/commitments/entry_form.html", {
        "action": item, "organisation": org, "form": form, "current": current,
        "see_who": sel.sees_who_entered(request.user),
    }, status=status or status_for(form))


def commitments_import(request: HttpRequest) -> HttpResponse:
    """Upload a commitments file; every row checked and every name matched, nothing saved
    on error (the problems are listed by row and column)."""
    max_bytes = min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES)
    form = CommitmentsUploadForm(request.POST or None, request.FILES or None,
                                 max_bytes=max_bytes)
    errors, filename, result = [], "", None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            result = services.import_commitments(
                actor=_actor(request), data=upload.read(), filename=upload.name,
                mappings=form.cleaned_data["mappings"],
                create_missing=form.cleaned_data["create_missing"],
                dry_run=form.cleaned_data["dry_run"])
        except TableError as exc:
            errors = exc.errors
        except PermissionDenied as exc:
            form.add_error("file", str(exc))
        else:
            if not result.dry_run:
                messages.success(request, result.summary())
                return redirect("strategy:commitments")
    return render(request, "strategy/commitments/import.html", {
        "form": form, "errors": errors, "filename": filename, "result": result,
        "columns": commitment_rows.COLUMNS,
        "kinds": commitment_rows.KINDS,
    }, status=400 if errors else status_for(form))
