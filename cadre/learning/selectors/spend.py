"""Reads of learning spend (issue 17 point 3), scoped to the account: a learning lead sees
their organisations' imports, lines and review queue; the central team and administrators
see every organisation's. Figures are database aggregates."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.actor import Actor
from cadre.core.inputs import MAX_ID
from cadre.learning.models import (
    MatchStatus,
    Product,
    ProductDescription,
    Provider,
    SpendColumnMapping,
    SpendImport,
    SpendLine,
    SupplierName,
)
from cadre.organisations.models import Organisation

WAITING = (MatchStatus.REVIEW, MatchStatus.UNMATCHED)


def _id(pk: Any) -> int | None:
    """A record id the database can hold (a larger one from a URL finds nothing)."""
    return pk if isinstance(pk, int) and 0 < pk <= MAX_ID else None


def spend_organisation_ids(user: Any) -> frozenset[int] | None:
    """Organisations whose spend the account keeps; None means every organisation."""
    if isinstance(user, Actor):
        if user.trusted:
            return None
        user = user.user
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    if scope.has(Role.CENTRAL_TEAM, Role.ADMINISTRATOR):
        return None
    return scope.organisations_for(Role.LEARNING_LEAD)


def spend_organisations(user: Any) -> QuerySet[Organisation]:
    ids = spend_organisation_ids(user)
    organisations = Organisation.objects.order_by("name")
    return organisations if ids is None else organisations.filter(pk__in=ids)


def may_keep_spend(user: Any, organisation: Organisation | int) -> bool:
    ids = spend_organisation_ids(user)
    pk = getattr(organisation, "pk", organisation)
    return ids is None or pk in ids


def _scoped(queryset: QuerySet, user: Any, field: str = "organisation_id") -> QuerySet:
    ids = spend_organisation_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def visible_imports(user: Any, *, organisation_id: int | None = None) -> QuerySet[SpendImport]:
    imports = _scoped(SpendImport.objects.select_related("organisation", "imported_by"), user)
    if organisation_id is not None:
        imports = imports.filter(organisation_id=organisation_id)
    return imports.order_by("-imported_at", "-id")


def import_detail(*, user: Any, import_id: int) -> SpendImport | None:
    if _id(import_id) is None:
        return None
    return visible_imports(user).filter(pk=import_id).first()


def import_lines(spend_import: SpendImport) -> QuerySet[SpendLine]:
    return (SpendLine.objects.filter(spend_import=spend_import)
            .select_related("provider", "product").order_by("row"))


def import_status_counts(spend_import: SpendImport) -> dict[str, dict[str, Any]]:
    """Lines and amount per match status, one GROUP BY."""
    rows = (SpendLine.objects.filter(spend_import=spend_import).values("match_status")
            .annotate(lines=Count("id"), amount=Sum("amount")).order_by())
    return {r["match_status"]: {"lines": r["lines"], "amount": r["amount"]} for r in rows}


def visible_mappings(user: Any, *, organisation_id: int | None = None
                     ) -> QuerySet[SpendColumnMapping]:
    mappings = _scoped(SpendColumnMapping.objects.select_related("organisation"), user)
    if organisation_id is not None:
        mappings = mappings.filter(organisation_id=organisation_id)
    return mappings.order_by("organisation__name", "name")


def _waiting_lines(user: Any, organisation_id: int | None) -> QuerySet[SpendLine]:
    lines = _scoped(SpendLine.objects.filter(match_status__in=WAITING), user)
    if organisation_id is not None:
        lines = lines.filter(organisation_id=organisation_id)
    return lines


def waiting_suppliers(user: Any, *, organisation_id: int | None = None) -> list[dict[str, Any]]:
    """Supplier names waiting for a decision: name, suggestion, lines and amount (the
    account's organisations only), most money first."""
    rows = list(_waiting_lines(user, organisation_id).filter(provider__isnull=True)
                .exclude(supplier_name__isnull=True).values("supplier_name_id")
                .annotate(lines=Count("id"), amount=Sum("amount"))
                .order_by("-amount", "supplier_name_id")[:500])
    names = SupplierName.objects.select_related("suggested").in_bulk(
        [r["supplier_name_id"] for r in rows])
    return [{"name": names[r["supplier_name_id"]], "lines": r["lines"], "amount": r["amount"]}
            for r in rows if r["supplier_name_id"] in names]


def waiting_descriptions(user: Any, *, organisation_id: int | None = None
                         ) -> list[dict[str, Any]]:
    """Descriptions under a known supplier waiting for a product decision."""
    rows = list(_waiting_lines(user, organisation_id).filter(provider__isnull=False)
                .exclude(product_description__isnull=True).values("product_description_id")
                .annotate(lines=Count("id"), amount=Sum("amount"))
                .order_by("-amount", "product_description_id")[:500])
    found = ProductDescription.objects.select_related("provider", "suggested").in_bulk(
        [r["product_description_id"] for r in rows])
    return [{"description": found[r["product_description_id"]], "lines": r["lines"],
             "amount": r["amount"]} for r in rows if r["product_description_id"] in found]


def waiting_counts(user: Any) -> dict[str, int]:
    lines = _waiting_lines(user, None)
    return lines.aggregate(
        suppliers=Count("supplier_name", distinct=True, filter=Q(provider__isnull=True)),
        descriptions=Count("product_description", distinct=True,
                           filter=Q(provider__isnull=False)),
        lines=Count("id"))


def supplier_name_for_review(user: Any, pk: int) -> SupplierName | None:
    """A supplier name the account has waiting lines for (else None)."""
    if _id(pk) is None:
        return None
    if not _waiting_lines(user, None).filter(supplier_name_id=pk,
                                             provider__isnull=True).exists():
        return None
    return SupplierName.objects.select_related("suggested").filter(pk=pk).first()


def description_for_review(user: Any, pk: int) -> ProductDescription | None:
    if _id(pk) is None:
        return None
    if not _waiting_lines(user, None).filter(product_description_id=pk,
                                             provider__isnull=False).exists():
        return None
    return ProductDescription.objects.select_related("provider", "suggested").filter(
        pk=pk).first()


def waiting_examples(user: Any, **filters: Any) -> QuerySet[SpendLine]:
    """A few waiting lines for a name or description (to help the reviewer)."""
    return (_waiting_lines(user, None).filter(**filters).select_related("organisation")
            .order_by("-amount", "id")[:10])


def provider_choices() -> QuerySet[Provider]:
    return Provider.objects.order_by("name")


def product_choices(provider_id: int) -> QuerySet[Product]:
    return Product.objects.filter(provider_id=provider_id).order_by("title")


def last_import_date(user: Any) -> Any:
    return _scoped(SpendImport.objects.all(), user).aggregate(last=Max("imported_at"))["last"]
