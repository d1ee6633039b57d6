"""Reads of supply frameworks, lots and contracts (issue 17 point 2), scoped to the user.

Frameworks and lots are commercial reference data: every account with the learning supply
rule reads them. A contract is seen by the central team and administrators, and by a
learning lead of any of its buying organisations. The register puts each contract in one
section by its dates against a day (``status_on``), done by the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Count, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.learning.models import (
    Contract,
    Lot,
    Product,
    ProductSkill,
    Provider,
    RateCardEntry,
    SupplyFramework,
)
from cadre.organisations.models import Organisation

#: Register sections, in the order the page shows them.
ENDING_6 = "ending_6"
ENDING_12 = "ending_12"
CURRENT = "current"
UPCOMING = "upcoming"
ENDED = "ended"
SECTIONS = {
    ENDING_6: "Ending within 6 months",
    ENDING_12: "Ending in 6 to 12 months",
    CURRENT: "Current, ending after 12 months",
    UPCOMING: "Not started yet",
    ENDED: "Ended",
}
REGISTER_COLUMNS = ("reference", "title", "supplier", "framework", "lot", "buyers",
                    "starts_on", "ends_on", "status", "ceiling_value", "rate_card_entries")


def supply_roles(user: Any) -> bool:
    """Learning leads, the central team and administrators (the LEARNING_SUPPLY rule)."""
    return scope_for(user).has(Role.LEARNING_LEAD, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def sees_all(user: Any) -> bool:
    """The central team and administrators see and change every contract."""
    return scope_for(user).government_wide


def lead_organisations(user: Any) -> frozenset[int]:
    """The organisations the account is learning lead for."""
    return scope_for(user).organisations_for(Role.LEARNING_LEAD)


def may_manage_frameworks(user: Any) -> bool:
    """Frameworks and lots are written by the central team and administrators."""
    return sees_all(user)


def may_change_contract(user: Any, contract: Contract) -> bool:
    """Central team, administrators, or a learning lead of every buyer of the contract."""
    if sees_all(user):
        return True
    mine = lead_organisations(user)
    buyers = set(contract.buyers.values_list("pk", flat=True))
    return bool(mine) and bool(buyers) and buyers <= mine


def may_create_contracts(user: Any) -> bool:
    return sees_all(user) or bool(lead_organisations(user))


def buyer_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations the account may name as buyers."""
    if sees_all(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=lead_organisations(user)).order_by("name")


def visible_frameworks(user: Any) -> QuerySet[SupplyFramework]:
    if not supply_roles(user):
        return SupplyFramework.objects.none()
    return SupplyFramework.objects.annotate(
        lot_count=Count("lots", distinct=True)).order_by("name")


def visible_lots(user: Any) -> QuerySet[Lot]:
    if not supply_roles(user):
        return Lot.objects.none()
    return Lot.objects.select_related("framework").order_by("framework__name", "number")


def visible_contracts(user: Any) -> QuerySet[Contract]:
    """Contracts the account may see: all for the central team and administrators, those a
    learning lead's organisations buy under, none for anyone else."""
    base = Contract.objects.select_related("supplier", "framework", "lot")
    if sees_all(user):
        return base
    mine = lead_organisations(user)
    if not mine:
        return Contract.objects.none()
    through = Contract.buyers.through.objects.filter(organisation_id__in=mine)
    return base.filter(pk__in=through.values("contract_id"))


def status_on(queryset: QuerySet[Contract], day: dt.date) -> QuerySet[Contract]:
    """``queryset`` with ``status`` (a register section key) worked out by the database."""
    six, twelve = day + relativedelta(months=6), day + relativedelta(months=12)
    return queryset.annotate(status=Case(
        When(ends_on__lt=day, then=Value(ENDED)),
        When(starts_on__gt=day, then=Value(UPCOMING)),
        When(ends_on__lte=six, then=Value(ENDING_6)),
        When(ends_on__lte=twelve, then=Value(ENDING_12)),
        default=Value(CURRENT), output_field=CharField()))


def current_on(queryset: QuerySet[Contract], day: dt.date) -> QuerySet[Contract]:
    return queryset.filter(starts_on__lte=day, ends_on__gte=day)


def register(user: Any, *, today: dt.date, organisation: int | None = None,
             supplier: int | None = None, framework: int | None = None,
             expiring_within: int | None = None) -> QuerySet[Contract]:
    """The contracts the user sees, filtered, each with its ``status`` and
    ``rate_count``; ``expiring_within`` (months) keeps current contracts ending by then."""
    return _register(visible_contracts(user), today=today, organisation=organisation,
                     supplier=supplier, framework=framework, expiring_within=expiring_within)


def whole_register(*, today: dt.date, organisation: int | None = None,
                   supplier: int | None = None, framework: int | None = None,
                   expiring_within: int | None = None) -> QuerySet[Contract]:
    """Every contract (the command line, which acts with the service's own rights)."""
    return _register(Contract.objects.select_related("supplier", "framework", "lot"),
                     today=today, organisation=organisation, supplier=supplier,
                     framework=framework, expiring_within=expiring_within)


def _register(contracts: QuerySet[Contract], *, today: dt.date, organisation: int | None,
              supplier: int | None, framework: int | None,
              expiring_within: int | None) -> QuerySet[Contract]:
    if organisation is not None:
        through = Contract.buyers.through.objects.filter(organisation_id=organisation)
        contracts = contracts.filter(pk__in=through.values("contract_id"))
    if supplier is not None:
        contracts = contracts.filter(supplier_id=supplier)
    if framework is not None:
        contracts = contracts.filter(framework_id=framework)
    if expiring_within is not None:
        contracts = current_on(contracts, today).filter(
            ends_on__lte=today + relativedelta(months=expiring_within))
    return (status_on(contracts, today)
            .annotate(rate_count=Count("rates", distinct=True))
            .prefetch_related("buyers")
            .order_by("ends_on", "reference"))


def register_sections(contracts: Iterable[Contract]) -> list[dict[str, Any]]:
    """The register's contracts grouped by section, in the page's order."""
    grouped: dict[str, list[Contract]] = {key: [] for key in SECTIONS}
    for contract in contracts:
        grouped[contract.status].append(contract)
    return [{"key": key, "title": title, "contracts": grouped[key]}
            for key, title in SECTIONS.items()]


def register_rows(contracts: Iterable[Contract]) -> Iterable[dict[str, object]]:
    """One export row per contract (``register`` annotates status and rate_count)."""
    for c in contracts:
        yield {
            "reference": c.reference, "title": c.title, "supplier": c.supplier.name,
            "framework": c.framework.name if c.framework else "",
            "lot": c.lot.number if c.lot else "",
            "buyers": ";".join(sorted(o.abbreviation or o.name for o in c.buyers.all())),
            "starts_on": c.starts_on.isoformat(), "ends_on": c.ends_on.isoformat(),
            "status": SECTIONS[c.status],
            "ceiling_value": "" if c.ceiling_value is None else c.ceiling_value,
            "rate_card_entries": c.rate_count,
        }


def rate_card(contract: Contract) -> QuerySet[RateCardEntry]:
    return (contract.rates.select_related("product")
            .order_by("product__title", "product_id"))


def supplier_products(contract: Contract) -> QuerySet[Product]:
    """Products that may go on the contract's rate card: its supplier's."""
    return Product.objects.filter(provider_id=contract.supplier_id).order_by("title", "pk")


def contract_coverage(contract: Contract) -> list[dict[str, Any]]:
    """What a contract covers in framework terms: per skill, the highest level its rate
    card's products build (with those products) and whether its lot names the skill."""
    by_skill: dict[int, dict[str, Any]] = {}
    rows = (ProductSkill.objects
            .filter(product__contracted_rates__contract=contract)
            .values("skill_id", "skill__name", "level__ordinal", "level__name",
                    "product_id", "product__title")
            .order_by("skill__name", "product__title"))
    for row in rows:
        entry = by_skill.setdefault(row["skill_id"], {
            "skill_id": row["skill_id"], "skill": row["skill__name"], "level": None,
            "level_ordinal": None, "products": [], "in_lot": False})
        entry["products"].append({"id": row["product_id"], "title": row["product__title"],
                                  "level": row["level__name"]})
        if entry["level_ordinal"] is None or row["level__ordinal"] > entry["level_ordinal"]:
            entry["level_ordinal"], entry["level"] = row["level__ordinal"], row["level__name"]
    if contract.lot_id:
        for skill_id, name in contract.lot.skills.values_list("pk", "name"):
            by_skill.setdefault(skill_id, {
                "skill_id": skill_id, "skill": name, "level": None, "level_ordinal": None,
                "products": [], "in_lot": False})["in_lot"] = True
    return sorted(by_skill.values(), key=lambda e: e["skill"].lower())


def coverage(user: Any, *, on: dt.date) -> dict[str, Any]:
    """Across the contracts current on ``on`` that the user sees: for each skill of the
    default framework, which contracts and products cover it and to what highest level,
    and the skills that no current contract covers."""
    contracts = current_on(visible_contracts(user), on)
    ids = list(contracts.values_list("pk", flat=True))
    framework = default_framework()
    skills = (list(Skill.objects.filter(framework=framework).order_by("category", "name"))
              if framework else [])
    found: dict[int, dict[str, Any]] = {}

    def entry(skill_id: int) -> dict[str, Any]:
        return found.setdefault(skill_id, {"contracts": {}, "products": {}, "level": None,
                                           "level_ordinal": None})

    rows = (ProductSkill.objects
            .filter(product__contracted_rates__contract_id__in=ids)
            .values("skill_id", "level__ordinal", "level__name", "product_id",
                    "product__title", "product__contracted_rates__contract_id",
                    "product__contracted_rates__contract__reference")
            .order_by())
    for row in rows:
        e = entry(row["skill_id"])
        e["contracts"][row["product__contracted_rates__contract_id"]] = \
            row["product__contracted_rates__contract__reference"]
        e["products"][row["product_id"]] = row["product__title"]
        if e["level_ordinal"] is None or row["level__ordinal"] > e["level_ordinal"]:
            e["level_ordinal"], e["level"] = row["level__ordinal"], row["level__name"]
    lot_rows = (Lot.skills.through.objects
                .filter(lot__contracts__pk__in=ids)
                .values("skill_id", "lot__contracts__pk", "lot__contracts__reference")
                .order_by())
    for row in lot_rows:
        entry(row["skill_id"])["contracts"][row["lot__contracts__pk"]] = \
            row["lot__contracts__reference"]
    covered, uncovered = [], []
    for skill in skills:
        e = found.get(skill.pk)
        if e is None:
            uncovered.append(skill)
            continue
        covered.append({
            "skill": skill, "level": e["level"],
            "contracts": [{"id": k, "reference": v} for k, v in sorted(
                e["contracts"].items(), key=lambda kv: kv[1])],
            "products": [{"id": k, "title": v} for k, v in sorted(
                e["products"].items(), key=lambda kv: kv[1])],
        })
    return {"on": on, "framework": framework, "contracts": len(ids), "covered": covered,
            "uncovered": uncovered}


def best_contracted_rates(*, on: dt.date) -> dict[int, Decimal]:
    """Product id -> the lowest unit price on any contract current on ``on`` (for price
    variance; not scoped: a saving is worked out against the best rate government has).
    One aggregate query."""
    rows = (RateCardEntry.objects
            .filter(contract__starts_on__lte=on, contract__ends_on__gte=on)
            .values("product_id").annotate(best=Min("unit_price")).order_by())
    return {row["product_id"]: row["best"] for row in rows}


def framework_rows(frameworks: Iterable[SupplyFramework]) -> Iterable[dict[str, object]]:
    for f in frameworks:
        yield {"name": f.name, "reference": f.reference, "starts_on": f.starts_on.isoformat(),
               "ends_on": f.ends_on.isoformat(),
               "lots": "; ".join(f"{lot.number}: {lot.title}" for lot in f.lots.all()),
               "contracts": getattr(f, "contract_count", "")}


def framework_list(user: Any) -> QuerySet[SupplyFramework]:
    """Frameworks with their lots and the number of contracts under each that the user
    sees."""
    seen = Q(contracts__pk__in=visible_contracts(user).values("pk"))
    return (visible_frameworks(user)
            .annotate(contract_count=Coalesce(Count("contracts", filter=seen, distinct=True),
                                              0))
            .prefetch_related("lots"))


def providers() -> QuerySet[Provider]:
    return Provider.objects.order_by("name")


def organisation_filter_choices(user: Any) -> QuerySet[Organisation]:
    """Organisations the register can be filtered by: buyers of contracts the user sees."""
    through = Contract.buyers.through.objects.filter(
        contract_id__in=visible_contracts(user).values("pk"))
    return Organisation.objects.filter(pk__in=through.values("organisation_id")).order_by("name")


def contracts_of_framework(user: Any, framework: SupplyFramework) -> QuerySet[Contract]:
    return (visible_contracts(user).filter(framework=framework)
            .order_by("ends_on", "reference"))


def find_skills(ids: Iterable[int]) -> QuerySet[Skill]:
    return Skill.objects.filter(pk__in=list(ids))
