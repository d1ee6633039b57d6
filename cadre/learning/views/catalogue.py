"""Catalogue pages: providers and products (list, detail, add, change), withdrawing and
restoring a product, the skills it builds, and the catalogue import. Everyone signed in
reads; the services refuse writes by anyone but learning leads, the central team and
administrators (the permission map refuses them first)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.core.tabular import TableError
from cadre.learning import jsonld
from cadre.learning.forms.catalogue import (
    CatalogueUploadForm,
    ProductFilterForm,
    ProductForm,
    ProductSkillForm,
    ProviderForm,
)
from cadre.learning.models import MAX_PRODUCT_SKILLS, Product, Provider
from cadre.learning.selectors import catalogue as sel
from cadre.learning.services import catalogue as services

PAGE_SIZE = 50


def _form_page(request: HttpRequest, form: object, *, title: str, caption: str,
               button: str, back: str, intro: str = "") -> HttpResponse:
    return render(request, "learning/catalogue/form.html", {
        "form": form, "title": title, "caption": caption, "button": button, "back": back,
        "intro": intro}, status=status_for(form))  # type: ignore[arg-type]


# -- providers --------------------------------------------------------------------------

def provider_list(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:200]
    page = Paginator(sel.providers(search=q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/catalogue/provider_list.html", {
        "page_obj": page, "q": q, "supplier": sel.may_supply(request.user),
        "querystring": querystring_without_page(request.GET)})


def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    return render(request, "learning/catalogue/provider_detail.html", {
        "provider": provider, "products": sel.provider_products(provider),
        "supplier": sel.may_supply(request.user)})


def _provider_values(form: ProviderForm) -> dict:
    data = form.cleaned_data
    return {"name": data["name"], "company_number": data.get("company_number") or "",
            "website": data.get("website") or "", "aliases": data.get("aliases") or ""}


def provider_create(request: HttpRequest) -> HttpResponse:
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.create_provider(actor=Actor.for_user(request.user),
                                                **_provider_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Added {provider.name}.")
            return redirect("learning:provider", pk=provider.pk)
    return _form_page(request, form, title="Add a learning provider", caption="Catalogue",
                      button="Add the provider", back=reverse("learning:providers"))


def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    initial = {"name": provider.name, "company_number": provider.company_number,
               "website": provider.website, "aliases": "\n".join(provider.aliases or [])}
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_provider(actor=Actor.for_user(request.user), provider=provider,
                                     **_provider_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Provider changed.")
            return redirect("learning:provider", pk=provider.pk)
    return _form_page(request, form, title=f"Change {provider.name}", caption="Provider",
                      button="Save changes", back=reverse("learning:provider", args=[pk]))


# -- products ---------------------------------------------------------------------------

def product_list(request: HttpRequest) -> HttpResponse:
    form = ProductFilterForm(request.GET)
    qs = sel.products(skill=form.value("skill"), min_level=form.value("min_level"),
                      kind=form.value("kind") or "", mode=form.value("mode") or "",
                      provider=form.value("provider"),
                      search=(form.value("q") or "").strip(),
                      include_withdrawn=bool(form.value("withdrawn")))
    page = Paginator(qs, PAGE_SIZE).get_page(form.page_number())
    return render(request, "learning/catalogue/product_list.html", {
        "form": form, "page_obj": page, "supplier": sel.may_supply(request.user),
        "querystring": querystring_without_page(request.GET)}, status=status_for(form))


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(sel.product_rows(), pk=pk)
    url = request.build_absolute_uri(reverse("learning:product", args=[product.pk]))
    document = jsonld.course_document(sel.product_facts(product, url=url))
    return render(request, "learning/catalogue/product_detail.html", {
        "product": product, "skills": list(product.skills.all()),
        "audience": sel.audience_words(product), "supplier": sel.may_supply(request.user),
        # Escaped by jsonld.script_text: no text in it can close the script element.
        "jsonld": mark_safe(jsonld.script_text(document)),  # noqa: S308
    })


def _product_initial(product: Product) -> dict:
    return {"provider": product.provider_id, "title": product.title, "code": product.code,
            "kind": product.kind, "mode": product.mode, "description": product.description,
            "duration_hours": product.duration_hours, "list_price": product.list_price,
            "audience": product.audience,
            "organisations": list(product.audience_organisations.values_list("pk", flat=True)),
            "grades": list(product.audience_grades or []), "url": product.url,
            "xapi_activity_id": product.xapi_activity_id}


def product_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("provider", "").isdigit():
        initial["provider"] = int(request.GET["provider"])
    form = ProductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.create_product(actor=Actor.for_user(request.user),
                                               **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Added {product.title}. Now add the skills it builds.")
            return redirect("learning:product-skills", pk=product.pk)
    return _form_page(request, form, title="Add a learning product", caption="Catalogue",
                      button="Add the product", back=reverse("learning:products"))


def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=pk)
    form = ProductForm(request.POST or None, initial=_product_initial(product))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_product(actor=Actor.for_user(request.user), product=product,
                                    **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Product changed.")
            return redirect("learning:product", pk=product.pk)
    return _form_page(request, form, title=f"Change {product.title}", caption="Product",
                      button="Save changes", back=reverse("learning:product", args=[pk]))


def product_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw (``action=withdraw``) or restore (``action=restore``) a product."""
    product = get_object_or_404(Product, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("withdraw", "restore"):
            services.set_withdrawn(actor=Actor.for_user(request.user), product=product,
                                   withdrawn=action == "withdraw")
            messages.success(request, f"{product.title} "
                                      f"{'withdrawn' if action == 'withdraw' else 'restored'}.")
            return redirect("learning:product", pk=product.pk)
        messages.error(request, "Choose to withdraw or restore the product.")
    return redirect("learning:product", pk=product.pk)


def product_skills(request: HttpRequest, pk: int) -> HttpResponse:
    """The skills a product builds: add one (skill and level) or remove one."""
    product = get_object_or_404(Product, pk=pk)
    actor = Actor.for_user(request.user) if request.method == "POST" else None
    form = ProductSkillForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.remove_product_skill(actor=actor, product=product,
                                          skill=int(request.POST.get("skill", "0") or 0))
        except (ValidationError, ValueError):
            messages.error(request, "That skill is not on the product.")
        else:
            messages.success(request, "Skill removed.")
        return redirect("learning:product-skills", pk=product.pk)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            row = services.add_product_skill(actor=actor, product=product,
                                             skill=form.cleaned_data["skill"],
                                             level=form.cleaned_data["level"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{product.title} builds {row.skill.name} to "
                                      f"{row.level.name}.")
            return redirect("learning:product-skills", pk=product.pk)
    skills = list(product.skills.select_related("skill", "level").order_by("skill__name"))
    return render(request, "learning/catalogue/product_skills.html", {
        "product": product, "skills": skills, "form": form,
        "full": len(skills) >= MAX_PRODUCT_SKILLS, "most": MAX_PRODUCT_SKILLS,
    }, status=status_for(form))


def catalogue_import(request: HttpRequest) -> HttpResponse:
    max_bytes = settings.CADRE_MAX_UPLOAD_BYTES
    form = CatalogueUploadForm(request.POST or None, request.FILES or None, max_bytes=max_bytes)
    errors: list = []
    filename = ""
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            result = services.import_catalogue(
                actor=Actor.for_user(request.user), data=upload.read(), filename=upload.name,
                dry_run=bool(form.cleaned_data.get("dry_run")), max_bytes=max_bytes)
        except TableError as exc:
            errors = list(exc.errors)
        else:
            if not result.dry_run:
                messages.success(request, f"{filename} imported: {result.products_created} "
                                          f"product(s) added, {result.products_updated} "
                                          f"changed, {result.providers_created} new "
                                          "provider(s).")
                return redirect("learning:products")
    return render(request, "learning/catalogue/import.html", {
        "form": form, "errors": errors, "filename": filename, "result": result,
    }, status=400 if errors or (form.is_bound and form.errors) else 200)
