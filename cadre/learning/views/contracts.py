"""Contract pages: the register (with sections by end date, filters and downloads), a
contract with its rate card and coverage, adding and changing contracts and rates, the
import, coverage across current contracts, and supply frameworks with their lots."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.core.exports import SPREADSHEETS, ExportFormatError, export_response
from cadre.core.forms import UploadForm, add_validation_errors, status_for
from cadre.core.objects import get_visible_or_404
from cadre.core.tabular import TableError
from cadre.learning.forms.contracts import (
    ContractForm,
    FrameworkForm,
    LotForm,
    RateChangeForm,
    RateForm,
    RegisterFilterForm,
)
from cadre.learning.models import Contract, RateCardEntry
from cadre.learning.selectors import contracts as sel
from cadre.learning.services import contracts as services

CONTRACT_FORM_FIELDS = ("reference", "title", "supplier", "framework", "lot", "buyers",
                        "starts_on", "ends_on", "ceiling_value", "notes")


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


# ------------------------------------------------------------------------- register


def register(request: HttpRequest) -> HttpResponse:
    """The contracts the user sees, in sections by end date; ``?format=`` downloads them."""
    form = RegisterFilterForm(request.GET, user=request.user)
    today = timezone.localdate()
    filters = {"organisation": form.pk("organisation"), "supplier": form.pk("supplier"),
               "framework": form.pk("framework")}
    fmt = request.GET.get("format")
    if fmt:
        try:
            export = services.export_register(actor=_actor(request), user=request.user,
                                              fmt=fmt, today=today, **filters)
        except (ExportFormatError, ValidationError):
            return HttpResponseBadRequest(f"Choose a format: {', '.join(SPREADSHEETS)}.")
        return export_response(export)
    contracts = sel.register(request.user, today=today, **filters)
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    return render(request, "learning/contracts/register.html", {
        "form": form, "sections": sel.register_sections(contracts), "today": today,
        "query": query.urlencode(), "formats": SPREADSHEETS,
        "may_create": sel.may_create_contracts(request.user),
    })


# ------------------------------------------------------------------------- contracts


def _contract(request: HttpRequest, pk: Any) -> Contract:
    return get_visible_or_404(sel.visible_contracts(request.user), pk,
                              message="No such contract, or not one you can see.")


def _changeable(request: HttpRequest, pk: Any) -> Contract:
    contract = _contract(request, pk)
    if not sel.may_change_contract(request.user, contract):
        raise PermissionDenied("You can change contracts only where every buyer is an "
                               "organisation you are learning lead for.")
    return contract


def _contract_values(form: ContractForm) -> dict[str, Any]:
    values = {name: form.cleaned_data.get(name) for name in CONTRACT_FORM_FIELDS}
    values["buyers"] = list(values["buyers"] or [])
    values["notes"] = values["notes"] or ""
    return values


def contract_create(request: HttpRequest) -> HttpResponse:
    if not sel.may_create_contracts(request.user):
        raise PermissionDenied("Only learning leads, the central team and administrators "
                               "add contracts.")
    form = ContractForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.create_contract(actor=_actor(request), **_contract_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("buyers", str(exc))
        else:
            messages.success(request, f"Contract {contract.reference} added.")
            return redirect("learning:contract", pk=contract.pk)
    return render(request, "learning/contracts/contract_form.html",
                  {"form": form, "contract": None}, status=status_for(form))


def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _changeable(request, pk)
    initial = {name: getattr(contract, name) for name in CONTRACT_FORM_FIELDS
               if name != "buyers"}
    initial["buyers"] = list(contract.buyers.all())
    form = ContractForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contract(actor=_actor(request), contract=contract,
                                     **_contract_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("buyers", str(exc))
        else:
            messages.success(request, f"Contract {contract.reference} changed.")
            return redirect("learning:contract", pk=contract.pk)
    return render(request, "learning/contracts/contract_form.html",
                  {"form": form, "contract": contract}, status=status_for(form))


def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contract, its buyers, rate card and coverage; POST adds or changes a rate."""
    contract = _contract(request, pk)
    may_change = sel.may_change_contract(request.user, contract)
    form = RateForm(request.POST or None, products=sel.supplier_products(contract)) \
        if may_change else None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied("You cannot change this contract's rate card.")
        if form.is_valid():
            try:
                entry = services.set_rate(actor=_actor(request), contract=contract,
                                          product=form.cleaned_data["product"],
                                          unit_price=form.cleaned_data["unit_price"])
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, f"{entry.product.title} is on the rate card at "
                                          f"£{entry.unit_price:,}.")
                return redirect("learning:contract", pk=contract.pk)
    today = timezone.localdate()
    status = sel.status_on(Contract.objects.filter(pk=contract.pk), today).values_list(
        "status", flat=True).get()
    return render(request, "learning/contracts/contract.html", {
        "contract": contract, "buyers": contract.buyers.order_by("name"),
        "rates": sel.rate_card(contract), "coverage": sel.contract_coverage(contract),
        "status": sel.SECTIONS[status], "may_change": may_change, "form": form,
    }, status=status_for(form))


def rate_edit(request: HttpRequest, pk: int, rate_pk: int) -> HttpResponse:
    """Change one product's contracted price, or take it off the rate card."""
    contract = _changeable(request, pk)
    entry = get_visible_or_404(RateCardEntry.objects.filter(contract=contract)
                               .select_related("product"), rate_pk,
                               message="That product is not on this rate card.")
    if request.method == "POST" and request.POST.get("action") == "remove":
        services.remove_rate(actor=_actor(request), entry=entry)
        messages.success(request, f"{entry.product.title} taken off the rate card.")
        return redirect("learning:contract", pk=contract.pk)
    form = RateChangeForm(request.POST or None, initial={"unit_price": entry.unit_price})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rate(actor=_actor(request), contract=contract, product=entry.product,
                              unit_price=form.cleaned_data["unit_price"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Price of {entry.product.title} changed.")
            return redirect("learning:contract", pk=contract.pk)
    return render(request, "learning/contracts/rate_form.html",
                  {"form": form, "contract": contract, "entry": entry},
                  status=status_for(form))


def contracts_import(request: HttpRequest) -> HttpResponse:
    """Upload contracts with their rate cards; every row checked, nothing saved on error."""
    if not sel.may_create_contracts(request.user):
        raise PermissionDenied("Only learning leads, the central team and administrators "
                               "import contracts.")
    max_bytes = min(services.MAX_IMPORT_BYTES, settings.CADRE_MAX_UPLOAD_BYTES)
    form = UploadForm(request.POST or None, request.FILES or None, max_bytes=max_bytes)
    errors, filename = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            result = services.import_contracts(actor=_actor(request), data=upload.read(),
                                               filename=upload.name)
        except TableError as exc:
            errors = exc.errors
        except PermissionDenied as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Imported {filename}: {result.created} contract(s) "
                                      f"added, {result.updated} changed, {result.rates} "
                                      "rate(s) set.")
            return redirect("learning:contracts")
    return render(request, "learning/contracts/import.html", {
        "form": form, "errors": errors, "filename": filename,
        "required": services.IMPORT_REQUIRED, "optional": services.IMPORT_OPTIONAL,
    }, status=400 if errors else status_for(form))


def coverage(request: HttpRequest) -> HttpResponse:
    """For each framework skill, the current contracts and products that cover it."""
    return render(request, "learning/contracts/coverage.html",
                  {"coverage": sel.coverage(request.user, on=timezone.localdate())})


# ------------------------------------------------------------------------- frameworks


def _require_central(request: HttpRequest) -> None:
    if not sel.may_manage_frameworks(request.user):
        raise PermissionDenied(services.CENTRAL_ONLY)


def frameworks(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/contracts/frameworks.html", {
        "frameworks": sel.framework_list(request.user),
        "may_manage": sel.may_manage_frameworks(request.user),
    })


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_visible_or_404(sel.visible_frameworks(request.user), pk,
                                   message="No such framework.")
    return render(request, "learning/contracts/framework.html", {
        "framework": framework,
        "lots": framework.lots.prefetch_related("skills").order_by("number"),
        "contracts": sel.status_on(sel.contracts_of_framework(request.user, framework),
                                   timezone.localdate()),
        "sections": sel.SECTIONS, "may_manage": sel.may_manage_frameworks(request.user),
    })


def framework_create(request: HttpRequest) -> HttpResponse:
    _require_central(request)
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.create_framework(actor=_actor(request), **{
                k: v or "" if k in ("reference", "description") else v
                for k, v in form.cleaned_data.items()})
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Framework {framework.name} added.")
            return redirect("learning:framework", pk=framework.pk)
    return render(request, "learning/contracts/framework_form.html",
                  {"form": form, "framework": None}, status=status_for(form))


def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_central(request)
    framework = get_visible_or_404(sel.visible_frameworks(request.user), pk,
                                   message="No such framework.")
    initial = {k: getattr(framework, k) for k in services.FRAMEWORK_FIELDS}
    form = FrameworkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_framework(actor=_actor(request), framework=framework, **{
                k: v or "" if k in ("reference", "description") else v
                for k, v in form.cleaned_data.items()})
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Framework {framework.name} changed.")
            return redirect("learning:framework", pk=framework.pk)
    return render(request, "learning/contracts/framework_form.html",
                  {"form": form, "framework": framework}, status=status_for(form))


def _lot_values(form: LotForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["description"] = data.get("description") or ""
    data["skills"] = list(data.get("skills") or [])
    return data


def lot_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_central(request)
    framework = get_visible_or_404(sel.visible_frameworks(request.user), pk,
                                   message="No such framework.")
    form = LotForm(request.POST or None,
                   initial={"number": (framework.lots.order_by("-number")
                                       .values_list("number", flat=True).first() or 0) + 1})
    if request.method == "POST" and form.is_valid():
        try:
            lot = services.add_lot(actor=_actor(request), framework=framework,
                                   **_lot_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Lot {lot.number} added.")
            return redirect("learning:framework", pk=framework.pk)
    return render(request, "learning/contracts/lot_form.html",
                  {"form": form, "framework": framework, "lot": None},
                  status=status_for(form))


def lot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_central(request)
    lot = get_visible_or_404(sel.visible_lots(request.user), pk, message="No such lot.")
    initial = {"number": lot.number, "title": lot.title, "description": lot.description,
               "skills": list(lot.skills.all())}
    form = LotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_lot(actor=_actor(request), lot=lot, **_lot_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Lot {lot.number} changed.")
            return redirect("learning:framework", pk=lot.framework_id)
    return render(request, "learning/contracts/lot_form.html",
                  {"form": form, "framework": lot.framework, "lot": lot},
                  status=status_for(form))
