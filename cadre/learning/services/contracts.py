"""Writes of supply frameworks, lots, contracts and rate cards (issue 17 point 2).

Frameworks and lots are written by the central team and administrators (and the command
line). A contract is created or changed by them, or by a learning lead when every buying
organisation (before and after the change) is one they are learning lead for. Every write
runs in one transaction, checks every field against its limit (docs/limits.md), records
one audit event with the actor, and an update locks the row first (``select_for_update``)
and, given ``expected_version`` (the API's ``If-Match``), refuses a stale one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.exports import SPREADSHEETS, ExportFile, check_format
from cadre.core.inputs import (
    LONG_TEXT,
    check_text,
    collect,
    invalid,
    parse_date,
    parse_id,
    parse_int,
)
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.tabular import parse_date as parse_file_date
from cadre.core.tabular import parse_decimal as parse_file_decimal
from cadre.core.versions import check_version
from cadre.framework.models import Skill
from cadre.learning.models import (
    MAX_BUYERS,
    MAX_CEILING_VALUE,
    MAX_CONTRACT_YEARS,
    MAX_CONTRACTED_PRICE,
    MAX_LOT_SKILLS,
    MAX_LOTS,
    MAX_RATE_CARD_ENTRIES,
    Contract,
    Lot,
    Product,
    Provider,
    RateCardEntry,
    SupplyFramework,
)
from cadre.learning.selectors import contracts as sel
from cadre.organisations.models import Organisation

#: Limits (docs/limits.md).
REFERENCE_LENGTH = 50
TITLE_LENGTH = 200
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
CENTRAL_ONLY = "Only the central profession team and administrators can change frameworks."

CONTRACT_FIELDS = ("reference", "title", "supplier", "framework", "lot", "buyers",
                   "starts_on", "ends_on", "ceiling_value", "notes")
FRAMEWORK_FIELDS = ("name", "reference", "description", "starts_on", "ends_on")
LOT_FIELDS = ("number", "title", "description", "skills")


# ---------------------------------------------------------------------------- checks


def _saved(instance: Any, actor: Actor, **kwargs: Any) -> Any:
    instance._history_user = history_user(actor)
    instance.save(**kwargs)
    return instance


def _required_text(value: Any, *, field: str, label: str, max_length: int) -> str:
    text = str(value or "").strip()
    if not text:
        raise invalid(field, f"Enter {label}.")
    if len(text) > max_length:
        raise invalid(field, f"{label[0].upper()}{label[1:]} must be {max_length} characters "
                             f"or fewer (this has {len(text)}).")
    return text


def _optional_text(value: Any, *, field: str, max_length: int) -> str:
    return check_text(str(value or "").strip(), field=field, max_length=max_length)


def _date(value: Any, *, field: str, label: str) -> dt.date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise invalid(field, f"Enter the {label}.")
    day = parse_date(value, field=field)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise invalid(field, f"The {label} must be between {EARLIEST_DATE:%-d %B %Y} and "
                             f"{LATEST_DATE:%-d %B %Y}.")
    return day


def _money(value: Any, *, field: str, maximum: Decimal, required: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(field, "Enter an amount in pounds.")
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise invalid(field, f"Give an amount in pounds, like 650.50, not "
                             f"'{str(value)[:40]}'.") from None
    if not amount.is_finite() or amount < 0 or amount > maximum:
        raise invalid(field, f"Give an amount from 0 to {maximum:,} pounds.")
    if amount != amount.quantize(Decimal("0.01")):
        raise invalid(field, "Give pounds and pence: at most 2 decimal places.")
    return amount.quantize(Decimal("0.01"))


def _dates_in_order(values: dict[str, Any], *, years: int = MAX_CONTRACT_YEARS) -> None:
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts is None or ends is None:
        return
    if ends < starts:
        raise invalid("ends_on", "The end date must be the same as or after the start date.")
    if ends > starts + relativedelta(years=years):
        raise invalid("ends_on", f"The end date must be at most {years} years after the "
                                 "start date.")


def _instance(model: type, value: Any, *, field: str, label: str, required: bool) -> Any:
    if value is None or value == "":
        if required:
            raise invalid(field, f"Choose {label}.")
        return None
    if isinstance(value, model):
        return value
    number = parse_id(value, field=field)
    found = model._default_manager.filter(pk=number).first()
    if found is None:
        raise invalid(field, f"There is no {label} with id {number}.")
    return found


def _instances(model: type, values: Iterable[Any] | None, *, field: str, label: str,
               maximum: int, at_least_one: bool) -> list:
    items = list(values or [])
    if at_least_one and not items:
        raise invalid(field, f"Choose at least one {label}.")
    if len(items) > maximum:
        raise invalid(field, f"Choose at most {maximum} {label}s (this has {len(items)}).")
    ids = []
    for item in items:
        ids.append(item.pk if isinstance(item, model) else
                   parse_id(item, field=field))
    found = {o.pk: o for o in model._default_manager.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise invalid(field, f"There is no {label} with id {', '.join(missing[:5])}.")
    return [found[i] for i in dict.fromkeys(ids)]


# ---------------------------------------------------------------------------- rights


def _require_central(actor: Actor) -> None:
    if not actor.trusted and not sel.may_manage_frameworks(actor.user):
        raise PermissionDenied(CENTRAL_ONLY)


def _require_buyers(actor: Actor, buyer_ids: Collection[int]) -> None:
    """A learning lead may name only organisations they are learning lead for."""
    if actor.trusted or (actor.user is not None and sel.sees_all(actor.user)):
        return
    if actor.user is None:
        raise PermissionDenied("Sign in to change contracts.")
    mine = sel.lead_organisations(actor.user)
    if not mine:
        raise PermissionDenied("Only learning leads, the central team and administrators "
                               "can change contracts.")
    if not set(buyer_ids) <= mine:
        raise PermissionDenied("You can change contracts only where every buyer is an "
                               "organisation you are learning lead for.")


# ---------------------------------------------------------------------------- frameworks


def _framework_values(data: dict[str, Any], *, instance: SupplyFramework | None) -> dict:
    values = collect({
        "name": lambda: _required_text(data.get("name"), field="name", label="a name",
                                       max_length=200),
        "reference": lambda: _optional_text(data.get("reference"), field="reference",
                                            max_length=REFERENCE_LENGTH),
        "description": lambda: _optional_text(data.get("description"), field="description",
                                              max_length=LONG_TEXT),
        "starts_on": lambda: _date(data.get("starts_on"), field="starts_on",
                                   label="start date"),
        "ends_on": lambda: _date(data.get("ends_on"), field="ends_on", label="end date"),
    })
    _dates_in_order(values)
    clash = SupplyFramework.objects.filter(name__iexact=values["name"])
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise invalid("name", "A framework with this name already exists.")
    return values


@transaction.atomic
def create_framework(*, actor: Actor | Any, name: str, starts_on: dt.date | str,
                     ends_on: dt.date | str, reference: str = "",
                     description: str = "") -> SupplyFramework:
    """Add a supply framework (central team, administrators, command line)."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    values = _framework_values({"name": name, "reference": reference,
                                "description": description, "starts_on": starts_on,
                                "ends_on": ends_on}, instance=None)
    framework = _saved(SupplyFramework(**values, created_by=actor.user), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=framework,
                 summary=f"Supply framework added: {framework.name}",
                 data={"reference": framework.reference})
    return framework


@transaction.atomic
def update_framework(*, actor: Actor | Any, framework: SupplyFramework | int,
                     expected_version: Collection[str] | None = None,
                     **changes: Any) -> SupplyFramework:
    """Change the fields given; the row is locked, a stale ``expected_version`` refused."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    pk = getattr(framework, "pk", framework)
    framework = SupplyFramework.objects.select_for_update().get(pk=pk)
    check_version(framework, expected_version)
    unknown = sorted(set(changes) - set(FRAMEWORK_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(framework, name) for name in FRAMEWORK_FIELDS}
    values = _framework_values({**current, **changes}, instance=framework)
    changed = sorted(k for k, v in values.items() if getattr(framework, k) != v)
    if changed:
        for name in changed:
            setattr(framework, name, values[name])
        _saved(framework, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=framework,
                     summary=f"Supply framework changed: {framework.name}",
                     data={"fields": changed})
    return framework


def _lot_values(data: dict[str, Any], *, framework: SupplyFramework,
                instance: Lot | None) -> dict:
    values = collect({
        "number": lambda: parse_int(data.get("number"), field="number", minimum=1,
                                    maximum=MAX_LOTS),
        "title": lambda: _required_text(data.get("title"), field="title", label="a title",
                                        max_length=TITLE_LENGTH),
        "description": lambda: _optional_text(data.get("description"), field="description",
                                              max_length=LONG_TEXT),
        "skills": lambda: _instances(Skill, data.get("skills"), field="skills", label="skill",
                                     maximum=MAX_LOT_SKILLS, at_least_one=False),
    })
    clash = Lot.objects.filter(framework=framework, number=values["number"])
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise invalid("number", f"The framework already has a lot {values['number']}.")
    return values


@transaction.atomic
def add_lot(*, actor: Actor | Any, framework: SupplyFramework | int, number: int | str,
            title: str, description: str = "", skills: Iterable[Any] = ()) -> Lot:
    """Add a lot to a framework, with the framework skills it covers."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    framework = SupplyFramework.objects.select_for_update().get(
        pk=getattr(framework, "pk", framework))
    if framework.lots.count() >= MAX_LOTS:
        raise invalid("number", f"A framework has at most {MAX_LOTS} lots.")
    values = _lot_values({"number": number, "title": title, "description": description,
                          "skills": skills}, framework=framework, instance=None)
    chosen = values.pop("skills")
    lot = _saved(Lot(framework=framework, **values), actor)
    lot.skills.set(chosen)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=lot,
                 summary=f"Lot {lot.number} added to {framework.name}: {lot.title}",
                 data={"framework": framework.pk, "skills": [s.pk for s in chosen]})
    return lot


@transaction.atomic
def update_lot(*, actor: Actor | Any, lot: Lot | int,
               expected_version: Collection[str] | None = None, **changes: Any) -> Lot:
    """Change a lot's number, title, description or skills (only those given)."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    lot = Lot.objects.select_for_update().select_related("framework").get(
        pk=getattr(lot, "pk", lot))
    check_version(lot, expected_version)
    unknown = sorted(set(changes) - set(LOT_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {"number": lot.number, "title": lot.title, "description": lot.description,
               "skills": list(lot.skills.all())}
    values = _lot_values({**current, **changes}, framework=lot.framework, instance=lot)
    chosen = values.pop("skills")
    changed = sorted(k for k, v in values.items() if getattr(lot, k) != v)
    skills_changed = {s.pk for s in chosen} != {s.pk for s in current["skills"]}
    if changed or skills_changed:
        for name in changed:
            setattr(lot, name, values[name])
        _saved(lot, actor)
        if skills_changed:
            lot.skills.set(chosen)
            changed.append("skills")
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=lot,
                     summary=f"Lot {lot.number} of {lot.framework.name} changed",
                     data={"fields": changed})
    return lot


# ---------------------------------------------------------------------------- contracts


def _contract_values(data: dict[str, Any], *, instance: Contract | None) -> dict:
    values = collect({
        "reference": lambda: _required_text(data.get("reference"), field="reference",
                                            label="a reference",
                                            max_length=REFERENCE_LENGTH),
        "title": lambda: _required_text(data.get("title"), field="title", label="a title",
                                        max_length=TITLE_LENGTH),
        "supplier": lambda: _instance(Provider, data.get("supplier"), field="supplier",
                                      label="a supplier", required=True),
        "framework": lambda: _instance(SupplyFramework, data.get("framework"),
                                       field="framework", label="framework", required=False),
        "lot": lambda: _instance(Lot, data.get("lot"), field="lot", label="lot",
                                 required=False),
        "buyers": lambda: _instances(Organisation, data.get("buyers"), field="buyers",
                                     label="buying organisation", maximum=MAX_BUYERS,
                                     at_least_one=True),
        "starts_on": lambda: _date(data.get("starts_on"), field="starts_on",
                                   label="start date"),
        "ends_on": lambda: _date(data.get("ends_on"), field="ends_on", label="end date"),
        "ceiling_value": lambda: _money(data.get("ceiling_value"), field="ceiling_value",
                                        maximum=MAX_CEILING_VALUE, required=False),
        "notes": lambda: _optional_text(data.get("notes"), field="notes",
                                        max_length=LONG_TEXT),
    })
    _dates_in_order(values)
    lot, framework = values["lot"], values["framework"]
    if lot is not None and (framework is None or lot.framework_id != framework.pk):
        raise invalid("lot", "Choose a lot of the contract's framework"
                             + (f" ({framework.name})." if framework else
                                ", and choose the framework first."))
    if framework is not None and not framework.starts_on <= values["starts_on"] \
            <= framework.ends_on:
        raise invalid("starts_on", f"A contract under {framework.name} must start while the "
                                   f"framework runs ({framework.starts_on:%-d %B %Y} to "
                                   f"{framework.ends_on:%-d %B %Y}).")
    clash = Contract.objects.filter(reference__iexact=values["reference"])
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise invalid("reference", "A contract with this reference already exists.")
    if instance is not None and values["supplier"].pk != instance.supplier_id \
            and instance.rates.exists():
        raise invalid("supplier", "Remove the rate card's products before changing the "
                                  "supplier: they are the current supplier's.")
    return values


@transaction.atomic
def create_contract(*, actor: Actor | Any, reference: str, title: str,
                    supplier: Provider | int, buyers: Iterable[Organisation | int],
                    starts_on: dt.date | str, ends_on: dt.date | str,
                    framework: SupplyFramework | int | None = None,
                    lot: Lot | int | None = None,
                    ceiling_value: Decimal | str | None = None, notes: str = "") -> Contract:
    """Add a call-off contract. A learning lead names only their own organisations."""
    actor = Actor.coerce(actor)
    _require_buyers(actor, ())  # refuses accounts with no right at all before any checks
    values = _contract_values({
        "reference": reference, "title": title, "supplier": supplier, "framework": framework,
        "lot": lot, "buyers": buyers, "starts_on": starts_on, "ends_on": ends_on,
        "ceiling_value": ceiling_value, "notes": notes}, instance=None)
    chosen = values.pop("buyers")
    _require_buyers(actor, {o.pk for o in chosen})
    contract = _saved(Contract(**values, created_by=actor.user), actor)
    contract.buyers.set(chosen)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=contract,
                 summary=f"Contract added: {contract.reference} {contract.title}"[:500],
                 data={"supplier": contract.supplier_id,
                       "buyers": sorted(o.pk for o in chosen),
                       "starts_on": contract.starts_on.isoformat(),
                       "ends_on": contract.ends_on.isoformat()})
    return contract


def _locked_contract(contract: Contract | int) -> Contract:
    return Contract.objects.select_for_update().get(pk=getattr(contract, "pk", contract))


@transaction.atomic
def update_contract(*, actor: Actor | Any, contract: Contract | int,
                    expected_version: Collection[str] | None = None,
                    **changes: Any) -> Contract:
    """Change the fields given. The row is locked first; a learning lead must lead every
    buyer before and after; ``expected_version`` (If-Match) refuses a stale edit."""
    actor = Actor.coerce(actor)
    contract = _locked_contract(contract)
    before_buyers = list(contract.buyers.all())
    _require_buyers(actor, {o.pk for o in before_buyers})
    check_version(contract, expected_version)
    unknown = sorted(set(changes) - set(CONTRACT_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(contract, name) for name in CONTRACT_FIELDS if name != "buyers"}
    current["buyers"] = before_buyers
    values = _contract_values({**current, **changes}, instance=contract)
    chosen = values.pop("buyers")
    _require_buyers(actor, {o.pk for o in chosen})
    changed = sorted(k for k, v in values.items() if getattr(contract, k) != v)
    buyers_changed = {o.pk for o in chosen} != {o.pk for o in before_buyers}
    if changed or buyers_changed:
        for name in changed:
            setattr(contract, name, values[name])
        _saved(contract, actor)
        if buyers_changed:
            contract.buyers.set(chosen)
            changed.append("buyers")
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=contract,
                     summary=f"Contract changed: {contract.reference}",
                     data={"fields": changed})
    return contract


def _touch(contract: Contract, actor: Actor) -> None:
    """A rate card change is a change of the contract: a new history row (a new version)."""
    _saved(contract, actor)


@transaction.atomic
def set_rate(*, actor: Actor | Any, contract: Contract | int, product: Product | int,
             unit_price: Decimal | str) -> RateCardEntry:
    """Add a product to the contract's rate card, or change its contracted price. The
    product must be the contract supplier's."""
    actor = Actor.coerce(actor)
    contract = _locked_contract(contract)
    _require_buyers(actor, set(contract.buyers.values_list("pk", flat=True)))
    values = collect({
        "product": lambda: _instance(Product, product, field="product", label="a product",
                                     required=True),
        "unit_price": lambda: _money(unit_price, field="unit_price",
                                     maximum=MAX_CONTRACTED_PRICE, required=True),
    })
    item: Product = values["product"]
    if item.provider_id != contract.supplier_id:
        raise invalid("product", "Choose a product of the contract's supplier.")
    entry = RateCardEntry.objects.select_for_update().filter(
        contract=contract, product=item).first()
    if entry is None:
        if contract.rates.count() >= MAX_RATE_CARD_ENTRIES:
            raise invalid("product", f"A rate card has at most {MAX_RATE_CARD_ENTRIES} "
                                     "products.")
        entry = _saved(RateCardEntry(contract=contract, product=item,
                                     unit_price=values["unit_price"]), actor)
        action, before = AuditEvent.Action.RECORD_CREATED, None
    elif entry.unit_price != values["unit_price"]:
        before = str(entry.unit_price)
        entry.unit_price = values["unit_price"]
        _saved(entry, actor)
        action = AuditEvent.Action.RECORD_UPDATED
    else:
        return entry
    _touch(contract, actor)
    record_event(actor=actor, action=action, target=entry,
                 summary=f"Rate for {item.title} under {contract.reference}: "
                         f"£{entry.unit_price}"[:500],
                 data={"contract": contract.pk, "product": item.pk,
                       "unit_price": str(entry.unit_price), "before": before})
    return entry


@transaction.atomic
def remove_rate(*, actor: Actor | Any, entry: RateCardEntry | int) -> None:
    """Take a product off a contract's rate card."""
    actor = Actor.coerce(actor)
    entry_id = getattr(entry, "pk", entry)
    contract_id = RateCardEntry.objects.filter(pk=entry_id).values_list(
        "contract_id", flat=True).first()
    if contract_id is None:
        raise invalid("rate", "That product is no longer on the rate card.")
    contract = _locked_contract(contract_id)
    _require_buyers(actor, set(contract.buyers.values_list("pk", flat=True)))
    entry = RateCardEntry.objects.select_related("product").get(pk=entry_id)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=entry,
                 summary=f"{entry.product.title} taken off {contract.reference}'s rate card"
                 [:500], data={"contract": contract.pk, "product": entry.product_id,
                               "unit_price": str(entry.unit_price)})
    entry._history_user = history_user(actor)
    entry.delete()
    _touch(contract, actor)


# ---------------------------------------------------------------------------- exports


def export_register(*, actor: Actor | Any, user: Any, fmt: str, today: dt.date,
                    organisation: int | None = None, supplier: int | None = None,
                    framework: int | None = None, expiring_within: int | None = None,
                    channel: str = "web") -> ExportFile:
    """The register the user sees (``user`` None: every contract, for the command line),
    as CSV, XLSX, ODS or JSON, audited as one export."""
    check_format(fmt, (*SPREADSHEETS, "json"))
    filters = {"today": today, "organisation": organisation, "supplier": supplier,
               "framework": framework, "expiring_within": expiring_within}
    contracts = sel.register(user, **filters) if user is not None \
        else sel.whole_register(**filters)
    return export_table(actor=actor, what="learning_contracts", columns=sel.REGISTER_COLUMNS,
                        rows=sel.register_rows(contracts), fmt=fmt,
                        summary=f"Learning contracts register ({channel})",
                        filename=f"learning-contracts-{today.isoformat()}",
                        sheet_title="Contracts", json_key="contracts",
                        extra={"channel": channel, "on": today.isoformat()})


def export_frameworks(*, actor: Actor | Any, fmt: str, channel: str = "cli") -> ExportFile:
    check_format(fmt, (*SPREADSHEETS, "json"))
    frameworks = (SupplyFramework.objects.order_by("name").prefetch_related("lots")
                  .annotate(contract_count=Count("contracts", distinct=True)))
    return export_table(actor=actor, what="learning_frameworks",
                        columns=("name", "reference", "starts_on", "ends_on", "lots",
                                 "contracts"),
                        rows=sel.framework_rows(frameworks), fmt=fmt,
                        summary=f"Learning supply frameworks ({channel})",
                        filename="learning-frameworks", sheet_title="Frameworks",
                        json_key="frameworks", extra={"channel": channel})


# ---------------------------------------------------------------------------- import

IMPORT_REQUIRED = ("reference", "title", "supplier", "buyers", "starts_on", "ends_on")
IMPORT_OPTIONAL = ("framework", "lot", "ceiling_value", "notes", "product", "unit_price")
#: Service field -> the file's column, for errors raised by the checks.
_COLUMN_OF = {"supplier": "supplier", "framework": "framework", "lot": "lot",
              "buyers": "buyers", "product": "product", "unit_price": "unit_price"}


@dataclass
class PlannedContract:
    row: int
    values: dict[str, Any]
    existing: Contract | None = None
    rates: dict[int, tuple[int, Product, Decimal]] = field(default_factory=dict)


@dataclass
class ImportResult:
    created: int
    updated: int
    rates: int
    references: list[str]


def _lookup_maps() -> dict[str, dict[str, Any]]:
    providers = {p.name.strip().lower(): p for p in Provider.objects.all()}
    organisations: dict[str, Any] = {}
    for o in Organisation.objects.all():
        organisations.setdefault(o.name.strip().lower(), o)
        if o.abbreviation:
            organisations[o.abbreviation.strip().lower()] = o
    frameworks: dict[str, Any] = {}
    for f in SupplyFramework.objects.all():
        frameworks[f.name.strip().lower()] = f
        if f.reference:
            frameworks.setdefault(f.reference.strip().lower(), f)
    return {"providers": providers, "organisations": organisations, "frameworks": frameworks}


def _row_contract(row: Any, maps: dict[str, dict[str, Any]],
                  errors: list[CellError]) -> dict[str, Any] | None:
    v = row.values
    n = row.number
    bad = len(errors)
    supplier = maps["providers"].get(v.get("supplier", "").strip().lower())
    if supplier is None:
        errors.append(CellError(n, "supplier", f"'{v.get('supplier', '')[:60]}' is not a "
                                               "provider in the catalogue."))
    buyers = []
    names = [b.strip() for b in v.get("buyers", "").split(";") if b.strip()]
    if not names:
        errors.append(CellError(n, "buyers", "Give the buying organisations' abbreviations, "
                                             "separated by ';'."))
    for name in names:
        found = maps["organisations"].get(name.lower())
        if found is None:
            errors.append(CellError(n, "buyers", f"'{name[:60]}' is not an organisation."))
        else:
            buyers.append(found)
    if len(names) > MAX_BUYERS:
        errors.append(CellError(n, "buyers", f"At most {MAX_BUYERS} buying organisations."))
    framework = lot = None
    if v.get("framework", "").strip():
        framework = maps["frameworks"].get(v["framework"].strip().lower())
        if framework is None:
            errors.append(CellError(n, "framework", f"'{v['framework'][:60]}' is not a "
                                                    "supply framework's name or reference."))
    if v.get("lot", "").strip():
        text = v["lot"].strip()
        if framework is None:
            errors.append(CellError(n, "lot", "A lot needs the framework column."))
        elif not text.isdigit():
            errors.append(CellError(n, "lot", f"'{text[:20]}' is not a lot number."))
        else:
            lot = framework.lots.filter(number=int(text)).first()
            if lot is None:
                errors.append(CellError(n, "lot", f"{framework.name} has no lot {text}."))
    dates = {}
    for column in ("starts_on", "ends_on"):
        try:
            dates[column] = parse_file_date(v.get(column, ""))
        except ValueError as exc:
            errors.append(CellError(n, column, str(exc)))
    ceiling = None
    if v.get("ceiling_value", "").strip():
        try:
            ceiling = parse_file_decimal(v["ceiling_value"])
        except ValueError as exc:
            errors.append(CellError(n, "ceiling_value", str(exc)))
    if len(errors) > bad:
        return None
    return {"reference": v.get("reference", ""), "title": v.get("title", ""),
            "supplier": supplier, "framework": framework, "lot": lot, "buyers": buyers,
            "starts_on": dates["starts_on"], "ends_on": dates["ends_on"],
            "ceiling_value": ceiling, "notes": v.get("notes", "")}


def _same(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Columns on which two rows of one contract disagree."""
    out = []
    for key in ("title", "supplier", "framework", "lot", "starts_on", "ends_on",
                "ceiling_value", "notes"):
        if a[key] != b[key]:
            out.append(key)
    if {o.pk for o in a["buyers"]} != {o.pk for o in b["buyers"]}:
        out.append("buyers")
    return out


def _cell_errors(row: int, exc: ValidationError) -> list[CellError]:
    return [CellError(row, _COLUMN_OF.get(name, name) if name != "__all__" else None, message)
            for name, messages in exc.message_dict.items() for message in messages]


def plan_contracts_import(actor: Actor, data: bytes, filename: str) -> list[PlannedContract]:
    """Check every row of a contracts file; raise ``TableError`` listing every problem.

    One row per rate card entry; a contract's columns repeat on each of its rows and must
    agree. A reference already held updates that contract (and sets the prices given)."""
    table = read_table(data, filename=filename, required=IMPORT_REQUIRED,
                       optional=IMPORT_OPTIONAL, max_bytes=MAX_IMPORT_BYTES)
    maps = _lookup_maps()
    errors: list[CellError] = []
    plans: dict[str, PlannedContract] = {}
    for row in table.rows:
        key = row.values.get("reference", "").strip().lower()
        values = _row_contract(row, maps, errors)
        if values is None:
            continue
        planned = plans.get(key)
        if planned is None:
            existing = Contract.objects.filter(reference__iexact=key).first() if key else None
            try:
                checked = _contract_values(values, instance=existing)
            except ValidationError as exc:
                errors.extend(_cell_errors(row.number, exc))
                continue
            try:
                before = set(existing.buyers.values_list("pk", flat=True)) if existing else set()
                _require_buyers(actor, before | {o.pk for o in checked["buyers"]})
            except PermissionDenied as exc:
                errors.append(CellError(row.number, "buyers", str(exc)))
                continue
            planned = plans[key] = PlannedContract(row=row.number, values=checked,
                                                   existing=existing)
        else:
            differ = _same(planned.values, {**values, "reference": planned.values["reference"],
                                            "title": values["title"].strip(),
                                            "notes": values["notes"].strip()})
            for column in differ:
                errors.append(CellError(row.number, column, "Differs from the same contract "
                                                            f"on row {planned.row}."))
        product_text = row.values.get("product", "").strip()
        price_text = row.values.get("unit_price", "").strip()
        if not product_text and not price_text:
            continue
        if not product_text or not price_text:
            errors.append(CellError(row.number, "unit_price" if product_text else "product",
                                    "Give both the product and its unit price, or neither."))
            continue
        supplier = planned.values["supplier"]
        matches = list(Product.objects.filter(provider=supplier, code__iexact=product_text)) \
            or list(Product.objects.filter(provider=supplier, title__iexact=product_text))
        if len(matches) != 1:
            errors.append(CellError(row.number, "product", (
                f"'{product_text[:60]}' is not a product of {supplier.name} (give its code "
                "or title)." if not matches else f"'{product_text[:60]}' names "
                f"{len(matches)} products of {supplier.name}; give its code.")))
            continue
        try:
            price = _money(parse_file_decimal(price_text), field="unit_price",
                           maximum=MAX_CONTRACTED_PRICE, required=True)
        except ValueError as exc:
            errors.append(CellError(row.number, "unit_price", str(exc)))
            continue
        except ValidationError as exc:
            errors.extend(_cell_errors(row.number, exc))
            continue
        product = matches[0]
        if product.pk in planned.rates:
            errors.append(CellError(row.number, "product", f"{product.title} is also on row "
                                    f"{planned.rates[product.pk][0]} for this contract."))
            continue
        planned.rates[product.pk] = (row.number, product, price)
        if len(planned.rates) > MAX_RATE_CARD_ENTRIES:
            errors.append(CellError(row.number, "product", f"A rate card has at most "
                                                           f"{MAX_RATE_CARD_ENTRIES} products."))
    if errors:
        raise TableError(errors)
    if not plans:
        raise TableError([CellError(None, None, f"{filename} has no contract rows.")])
    return list(plans.values())


@transaction.atomic
def import_contracts(*, actor: Actor | Any, data: bytes, filename: str) -> ImportResult:
    """Import contracts and their rate cards from CSV/XLSX: every row is checked first and
    nothing is written when any row has a problem."""
    actor = Actor.coerce(actor)
    _require_buyers(actor, ())
    plans = plan_contracts_import(actor, data, filename)
    created = updated = rates = 0
    for planned in plans:
        values = dict(planned.values)
        if planned.existing is None:
            contract = create_contract(actor=actor, **values)
            created += 1
        else:
            contract = update_contract(actor=actor, contract=planned.existing, **values)
            updated += 1
        for _row, product, price in planned.rates.values():
            set_rate(actor=actor, contract=contract, product=product, unit_price=price)
            rates += 1
    record_event(actor=actor, action=AuditEvent.Action.IMPORT, target=None,
                 summary=f"Learning contracts imported from {filename}"[:500],
                 data={"created": created, "updated": updated, "rates": rates})
    return ImportResult(created=created, updated=updated, rates=rates,
                        references=[p.values["reference"] for p in plans])
