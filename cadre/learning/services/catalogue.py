"""Writes to the learning catalogue (issue 17 point 1): providers, products, the skills
each product builds, withdrawing and restoring, and the catalogue import.

Keyword-only, atomic and audited; only learning leads, the central team, administrators
and the command line write (``require_supplier``). Every value is checked against the
limits in docs/limits.md ("Learning: catalogue") and refused with a ``ValidationError``
naming the field; the import names the row and column instead and writes nothing unless
every row is good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import LONG_TEXT, SHORT_TEXT, check_text, collect, invalid, parse_choice
from cadre.core.tabular import CellError, TableError, read_table
from cadre.framework.models import Skill, SkillLevel
from cadre.learning.models import (
    MAX_AUDIENCE_GRADES,
    MAX_DURATION_HOURS,
    MAX_LIST_PRICE,
    MAX_PRODUCT_SKILLS,
    Audience,
    DeliveryMode,
    Product,
    ProductKind,
    ProductSkill,
    Provider,
)
from cadre.learning.models.catalogue import COMPANY_NUMBER_PATTERN
from cadre.learning.selectors import catalogue as sel
from cadre.organisations.models import Grade, Organisation

#: Limits of this area (docs/limits.md, "Learning: catalogue").
MAX_NAME = 200
MAX_TITLE = 200
MAX_CODE = 50
MAX_ALIASES = 20
MAX_ALIAS = 200
MAX_AUDIENCE_ORGANISATIONS = 100
MIN_DURATION_HOURS = Decimal("0.5")
#: The largest catalogue file, in data rows.
MAX_IMPORT_ROWS = 5000

SUPPLIERS_ONLY = "Only learning leads, the central team and administrators change the catalogue."

PRODUCT_FIELDS = ("provider", "title", "code", "kind", "mode", "description",
                  "duration_hours", "list_price", "audience", "organisations", "grades", "url",
                  "xapi_activity_id")
IMPORT_REQUIRED = ("provider", "title", "kind", "mode", "duration_hours", "list_price")
IMPORT_OPTIONAL = ("company_number", "website", "code", "description", "audience",
                   "organisations", "grades", "skills", "url", "xapi_activity_id")


def require_supplier(actor: Actor) -> None:
    """Refuse anyone but learning leads, the central team, administrators and the CLI."""
    if not actor.trusted and not sel.may_supply(actor.user):
        raise PermissionDenied(SUPPLIERS_ONLY)


def _saved(instance: Any, actor: Actor) -> Any:
    instance._history_user = history_user(actor)
    instance.save()
    return instance


# -- checking values -------------------------------------------------------------------

def _required_text(value: Any, *, field: str, what: str, max_length: int) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid(field, f"Enter {what}.")
    return check_text(text, field=field, max_length=max_length)


def _text(value: Any, *, field: str, max_length: int) -> str:
    return check_text(str(value if value is not None else "").strip(), field=field,
                      max_length=max_length)


def _web_address(value: Any, *, field: str) -> str:
    text = _text(value, field=field, max_length=SHORT_TEXT)
    if text:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise invalid(field, "Give a web address starting http:// or https://.") from None
    return text


def company_number(value: Any, *, field: str = "company_number") -> str:
    """A Companies House number: 8 digits, or 2 letters and 6 digits (``SC123456``);
    blank when not known. Letters are taken in capitals."""
    text = str(value if value is not None else "").strip().upper()
    if text and not re.fullmatch(COMPANY_NUMBER_PATTERN, text):
        raise invalid(field, f"'{text[:20]}' is not a company number: give 8 digits "
                             "(01234567) or 2 letters and 6 digits (SC123456).")
    return text


def _aliases(value: Any) -> list[str]:
    if isinstance(value, str):
        items = value.splitlines() if "\n" in value else value.split(";")
    else:
        items = list(value or [])
    names: list[str] = []
    for item in items:
        name = str(item).strip()
        if not name:
            continue
        check_text(name, field="aliases", max_length=MAX_ALIAS)
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) > MAX_ALIASES:
        raise invalid("aliases", f"Give at most {MAX_ALIASES} other names.")
    return names


def _decimal(value: Any, *, field: str, what: str, low: Decimal, high: Decimal,
             places: int, unit: str = "") -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise invalid(field, f"Enter {what}.")
    text = str(value).strip().replace(",", "")
    if unit == "£":
        text = text.removeprefix("£")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise invalid(field, f"Give {what} as a number, not '{str(value)[:40]}'.") from None
    if not number.is_finite() or number < low or number > high:
        raise invalid(field, f"Give {what} between {unit}{low:,} and {unit}{high:,}.")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise invalid(field, f"Give {what} to {places} decimal place"
                             f"{'s' if places > 1 else ''} at most.")
    return number


def _duration(value: Any) -> Decimal:
    return _decimal(value, field="duration_hours", what="the learning time in hours",
                    low=MIN_DURATION_HOURS, high=MAX_DURATION_HOURS, places=1)


def _price(value: Any) -> Decimal:
    return _decimal(value, field="list_price", what="the list price", low=Decimal("0"),
                    high=MAX_LIST_PRICE, places=2, unit="£")


def _choice(value: Any, *, field: str, choices: Any) -> str:
    """A choice by its value or its words, any case (``e_learning`` or ``E-learning``)."""
    text = str(value if value is not None else "").strip()
    by_words = {str(label).lower(): key for key, label in choices.choices}
    by_key = {key.lower(): key for key in choices.values}
    found = by_key.get(text.lower()) or by_words.get(text.lower()) or \
        by_key.get(text.lower().replace(" ", "_").replace("-", "_"))
    return parse_choice(found or text, field=field, choices=choices.values)


def _organisations(values: Iterable[Any]) -> list[Organisation]:
    items = list(values or [])
    wanted = [v for v in items if not isinstance(v, Organisation)]
    chosen = [v for v in items if isinstance(v, Organisation)]
    if wanted:
        keys = [str(v).strip() for v in wanted if str(v).strip()]
        ids = [int(k) for k in keys if k.isdigit()]
        found = {o.abbreviation.lower(): o for o in Organisation.objects.filter(
            abbreviation__in=[k for k in keys if not k.isdigit()])}
        found_ids = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
        for key in keys:
            match = found_ids.get(int(key)) if key.isdigit() else found.get(key.lower())
            if match is None:
                match = next((o for k, o in found.items() if k == key.lower()), None)
            if match is None:
                org = Organisation.objects.filter(abbreviation__iexact=key).first()
                if org is None:
                    raise invalid("organisations", f"'{key[:40]}' is not an organisation's "
                                                   "abbreviation.")
                match = org
            chosen.append(match)
    unique = list({o.pk: o for o in chosen}.values())
    if len(unique) > MAX_AUDIENCE_ORGANISATIONS:
        raise invalid("organisations", f"Name at most {MAX_AUDIENCE_ORGANISATIONS} "
                                       "organisations.")
    return unique


def _grades(values: Iterable[Any]) -> list[str]:
    codes = [str(v).strip() for v in (values or []) if str(v).strip()]
    codes = list(dict.fromkeys(codes))
    if len(codes) > MAX_AUDIENCE_GRADES:
        raise invalid("grades", f"Name at most {MAX_AUDIENCE_GRADES} grades.")
    known = {c.lower(): c for c in Grade.objects.filter(code__in=codes).values_list(
        "code", flat=True)}
    missing = [c for c in codes if c.lower() not in known]
    if missing:
        lower = {c.lower(): c for c in Grade.objects.values_list("code", flat=True)}
        for code in list(missing):
            if code.lower() in lower:
                known[code.lower()] = lower[code.lower()]
                missing.remove(code)
    if missing:
        raise invalid("grades", f"'{missing[0][:40]}' is not a grade code.")
    return [known[c.lower()] for c in codes]


def _audience(audience: Any, organisations: list[Organisation],
              grades: list[str]) -> str:
    kind = _choice(audience or Audience.OPEN, field="audience", choices=Audience)
    if kind == Audience.ORGANISATIONS and not organisations:
        raise invalid("organisations", "Choose the organisations whose people may take it.")
    if kind == Audience.GRADES and not grades:
        raise invalid("grades", "Choose the grades that may take it.")
    if kind != Audience.ORGANISATIONS and organisations:
        raise invalid("organisations", "Name organisations only when the audience is named "
                                       "organisations.")
    if kind != Audience.GRADES and grades:
        raise invalid("grades", "Name grades only when the audience is named grades.")
    return kind


def _provider(value: Any) -> Provider:
    if isinstance(value, Provider):
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid("provider", "Choose the provider.")
    found = (Provider.objects.filter(pk=int(text)).first() if text.isdigit() else None) \
        or Provider.objects.filter(name__iexact=text).first()
    if found is None:
        raise invalid("provider", f"'{text[:40]}' is not a provider in the catalogue.")
    return found


def _product_values(data: dict[str, Any]) -> dict[str, Any]:
    """Every product field checked at once (one error per bad field)."""
    checks: dict[str, Any] = {
        "provider": lambda: _provider(data.get("provider")),
        "title": lambda: _required_text(data.get("title"), field="title",
                                        what="the product's title", max_length=MAX_TITLE),
        "code": lambda: _text(data.get("code"), field="code", max_length=MAX_CODE),
        "kind": lambda: _choice(data.get("kind"), field="kind", choices=ProductKind),
        "mode": lambda: _choice(data.get("mode"), field="mode", choices=DeliveryMode),
        "description": lambda: _text(data.get("description"), field="description",
                                     max_length=LONG_TEXT),
        "duration_hours": lambda: _duration(data.get("duration_hours")),
        "list_price": lambda: _price(data.get("list_price")),
        "organisations": lambda: _organisations(data.get("organisations") or []),
        "grades": lambda: _grades(data.get("grades") or []),
        "url": lambda: _web_address(data.get("url"), field="url"),
        "xapi_activity_id": lambda: _web_address(data.get("xapi_activity_id"),
                                                 field="xapi_activity_id"),
    }
    values = collect(checks)
    values["audience"] = _audience(data.get("audience"), values["organisations"],
                                   values["grades"])
    return values


def _check_unique_product(values: dict[str, Any], *, exclude: int | None = None) -> None:
    same = Product.objects.filter(provider=values["provider"])
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if values["code"] and same.filter(code__iexact=values["code"]).exists():
        raise invalid("code", f"{values['provider']} already has a product with the code "
                              f"{values['code']}.")
    if not values["code"] and same.filter(code="", title__iexact=values["title"]).exists():
        raise invalid("title", f"{values['provider']} already has a product called "
                               f"{values['title']}; give each a code to tell them apart.")
    if values["xapi_activity_id"]:
        other = Product.objects.filter(xapi_activity_id=values["xapi_activity_id"])
        if exclude is not None:
            other = other.exclude(pk=exclude)
        if other.exists():
            raise invalid("xapi_activity_id", "Another product already has this learning "
                                              "record activity id.")


def _apply(product: Product, values: dict[str, Any]) -> list[str]:
    """Set the product's fields; returns the names that changed."""
    changed = []
    if product.provider_id != values["provider"].pk:
        product.provider = values["provider"]
        changed.append("provider")
    for name in ("title", "code", "kind", "mode", "description", "duration_hours",
                 "list_price", "audience", "url", "xapi_activity_id"):
        if getattr(product, name) != values[name]:
            setattr(product, name, values[name])
            changed.append(name)
    if list(product.audience_grades or []) != values["grades"]:
        product.audience_grades = values["grades"]
        changed.append("grades")
    return changed


def _set_organisations(product: Product, organisations: list[Organisation]) -> bool:
    before = set(product.audience_organisations.values_list("pk", flat=True))
    after = {o.pk for o in organisations}
    if before != after:
        product.audience_organisations.set(organisations)
        return True
    return False


# -- providers --------------------------------------------------------------------------

def _provider_values(name: Any, number: Any, website: Any, aliases: Any,
                     exclude: int | None = None) -> dict[str, Any]:
    values = collect({
        "name": lambda: _required_text(name, field="name", what="the provider's name",
                                       max_length=MAX_NAME),
        "company_number": lambda: company_number(number),
        "website": lambda: _web_address(website, field="website"),
        "aliases": lambda: _aliases(aliases),
    })
    others = Provider.objects.exclude(pk=exclude) if exclude else Provider.objects.all()
    if others.filter(name__iexact=values["name"]).exists():
        raise invalid("name", f"There is already a provider called {values['name']}.")
    if values["company_number"]:
        holder = others.filter(company_number=values["company_number"]).first()
        if holder is not None:
            raise invalid("company_number", f"{values['company_number']} is already the "
                                            f"company number of {holder.name}.")
    return values


@transaction.atomic
def create_provider(*, actor: Actor | Any, name: str, company_number: str = "",
                    website: str = "", aliases: Sequence[str] | str = ()) -> Provider:
    """A new provider; its name is unique (ignoring case), and so is its company number."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    values = _provider_values(name, company_number, website, aliases)
    provider = _saved(Provider(created_by=actor.user, **values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=provider,
                 summary=f"Learning provider {provider.name} added",
                 data={"company_number": provider.company_number})
    return provider


@transaction.atomic
def update_provider(*, actor: Actor | Any, provider: Provider | int,
                    **changes: Any) -> Provider:
    """Change a provider's name, company number, website or other names (those given)."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    pk = provider.pk if isinstance(provider, Provider) else provider
    provider = Provider.objects.select_for_update().get(pk=pk)
    unknown = sorted(set(changes) - {"name", "company_number", "website", "aliases"})
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    merged = {"name": provider.name, "company_number": provider.company_number,
              "website": provider.website, "aliases": provider.aliases, **changes}
    values = _provider_values(merged["name"], merged["company_number"], merged["website"],
                              merged["aliases"], exclude=provider.pk)
    before = {k: getattr(provider, k) for k in values}
    changed = sorted(k for k, v in values.items() if before[k] != v)
    for name in changed:
        setattr(provider, name, values[name])
    if changed:
        _saved(provider, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=provider,
                     summary=f"Learning provider {provider.name} changed",
                     data={"fields": changed, "before": {k: before[k] for k in changed}})
    return provider


# -- products ---------------------------------------------------------------------------

def _skill_pairs(pairs: Iterable[Any]) -> list[tuple[Skill, SkillLevel]]:
    out: dict[int, tuple[Skill, SkillLevel]] = {}
    for pair in pairs or []:
        raw_skill, raw_level = (pair["skill"], pair["level"]) if isinstance(pair, dict) \
            else pair
        skill = _skill(raw_skill)
        out[skill.pk] = (skill, _level(raw_level, skill))
    if len(out) > MAX_PRODUCT_SKILLS:
        raise invalid("skills", f"A product builds at most {MAX_PRODUCT_SKILLS} skills.")
    return list(out.values())


def _skill(value: Any) -> Skill:
    if isinstance(value, Skill):
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid("skill", "Choose a skill.")
    framework = sel.default_framework()
    qs = Skill.objects.filter(framework=framework) if framework else Skill.objects.none()
    found = (qs.filter(pk=int(text)).first() if text.isdigit() else None) \
        or qs.filter(name__iexact=text).first()
    if found is None:
        raise invalid("skill", f"'{text[:60]}' is not a skill of the framework.")
    return found


def _level(value: Any, skill: Skill) -> SkillLevel:
    levels = SkillLevel.objects.filter(framework_id=skill.framework_id)
    if isinstance(value, SkillLevel):
        if value.framework_id != skill.framework_id:
            raise invalid("level", "Choose a level of the skill's own framework.")
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid("level", "Choose a level.")
    found = levels.filter(name__iexact=text).first() or (
        levels.filter(ordinal=int(text)).first() if text.isdigit() else None)
    if found is None:
        names = ", ".join(levels.order_by("ordinal").values_list("name", flat=True))
        raise invalid("level", f"'{text[:40]}' is not a level; choose one of: {names}.")
    return found


def _write_skills(product: Product, pairs: list[tuple[Skill, SkillLevel]],
                  actor: Actor) -> bool:
    """Make the product's skills exactly ``pairs``; whether anything changed."""
    current = {ps.skill_id: ps for ps in product.skills.all()}
    wanted = {skill.pk: level for skill, level in pairs}
    changed = False
    for skill_id, row in current.items():
        if skill_id not in wanted:
            row.delete()
            changed = True
    for skill, level in pairs:
        row = current.get(skill.pk)
        if row is None:
            _saved(ProductSkill(product=product, skill=skill, level=level), actor)
            changed = True
        elif row.level_id != level.pk:
            row.level = level
            _saved(row, actor)
            changed = True
    return changed


@transaction.atomic
def create_product(*, actor: Actor | Any, provider: Provider | str | int, title: str,
                   kind: str, mode: str, duration_hours: Decimal | str,
                   list_price: Decimal | str, code: str = "", description: str = "",
                   audience: str = Audience.OPEN,
                   organisations: Iterable[Organisation | str] = (),
                   grades: Iterable[str] = (), url: str = "", xapi_activity_id: str = "",
                   skills: Iterable[Any] = ()) -> Product:
    """A new product of ``provider``. ``skills`` is a list of ``(skill, level)`` pairs
    (records, names or ids; levels also by ordinal); ``organisations`` are records or
    abbreviations, ``grades`` grade codes."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    values = _product_values({
        "provider": provider, "title": title, "kind": kind, "mode": mode,
        "duration_hours": duration_hours, "list_price": list_price, "code": code,
        "description": description, "audience": audience, "organisations": organisations,
        "grades": grades, "url": url, "xapi_activity_id": xapi_activity_id})
    pairs = _skill_pairs(skills)
    _check_unique_product(values)
    product = Product(created_by=actor.user)
    _apply(product, values)
    _saved(product, actor)
    _set_organisations(product, values["organisations"])
    _write_skills(product, pairs, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=product,
                 summary=f"Learning product {product.title} ({product.provider}) added",
                 data={"provider": product.provider_id, "skills": len(pairs)})
    return product


def _current_values(product: Product) -> dict[str, Any]:
    return {
        "provider": product.provider, "title": product.title, "code": product.code,
        "kind": product.kind, "mode": product.mode, "description": product.description,
        "duration_hours": product.duration_hours, "list_price": product.list_price,
        "audience": product.audience,
        "organisations": list(product.audience_organisations.all()),
        "grades": list(product.audience_grades or []), "url": product.url,
        "xapi_activity_id": product.xapi_activity_id,
    }


@transaction.atomic
def update_product(*, actor: Actor | Any, product: Product | int, **changes: Any) -> Product:
    """Change the fields given (any of ``PRODUCT_FIELDS``); the row is locked meanwhile."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    pk = product.pk if isinstance(product, Product) else product
    product = Product.objects.select_for_update().get(pk=pk)
    unknown = sorted(set(changes) - set(PRODUCT_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed here.")
    values = _product_values({**_current_values(product), **changes})
    _check_unique_product(values, exclude=product.pk)
    changed = _apply(product, values)
    if changed:
        _saved(product, actor)
    if _set_organisations(product, values["organisations"]):
        changed.append("organisations")
    if changed:
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=product,
                     summary=f"Learning product {product.title} changed",
                     data={"fields": sorted(changed)})
    return product


@transaction.atomic
def set_withdrawn(*, actor: Actor | Any, product: Product | int, withdrawn: bool,
                  reason: str = "") -> Product:
    """Withdraw a product from the catalogue (it stays, for contracts and spend already
    tied to it) or restore it."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    pk = product.pk if isinstance(product, Product) else product
    product = Product.objects.select_for_update().get(pk=pk)
    reason = _text(reason, field="reason", max_length=SHORT_TEXT)
    if product.withdrawn != bool(withdrawn):
        product.withdrawn = bool(withdrawn)
        _saved(product, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=product,
                     summary=f"Learning product {product.title} "
                             f"{'withdrawn' if withdrawn else 'restored'}",
                     data={"withdrawn": product.withdrawn, "reason": reason})
    return product


def withdraw_product(*, actor: Actor | Any, product: Product | int,
                     reason: str = "") -> Product:
    return set_withdrawn(actor=actor, product=product, withdrawn=True, reason=reason)


def restore_product(*, actor: Actor | Any, product: Product | int) -> Product:
    return set_withdrawn(actor=actor, product=product, withdrawn=False)


@transaction.atomic
def add_product_skill(*, actor: Actor | Any, product: Product | int, skill: Skill | str | int,
                      level: SkillLevel | str | int) -> ProductSkill:
    """Say the product builds ``skill`` to ``level`` (a skill already listed gets the new
    level); at most ``MAX_PRODUCT_SKILLS`` skills a product."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    pk = product.pk if isinstance(product, Product) else product
    product = Product.objects.select_for_update().get(pk=pk)
    values = collect({"skill": lambda: _skill(skill)})
    chosen = values["skill"]
    level = _level(level, chosen)
    row = product.skills.filter(skill=chosen).first()
    if row is None:
        if product.skills.count() >= MAX_PRODUCT_SKILLS:
            raise invalid("skill", f"A product builds at most {MAX_PRODUCT_SKILLS} skills; "
                                   "remove one first.")
        row = _saved(ProductSkill(product=product, skill=chosen, level=level), actor)
        action = AuditEvent.Action.RECORD_CREATED
    elif row.level_id != level.pk:
        row.level = level
        _saved(row, actor)
        action = AuditEvent.Action.RECORD_UPDATED
    else:
        return row
    record_event(actor=actor, action=action, target=row,
                 summary=f"{product.title} builds {chosen.name} to {level.name}",
                 data={"product": product.pk, "skill": chosen.pk, "level": level.pk})
    return row


@transaction.atomic
def remove_product_skill(*, actor: Actor | Any, product: Product | int,
                         skill: Skill | int) -> None:
    """Take a skill off the product."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    pk = product.pk if isinstance(product, Product) else product
    product = Product.objects.select_for_update().get(pk=pk)
    skill_id = skill.pk if isinstance(skill, Skill) else int(skill)
    row = product.skills.filter(skill_id=skill_id).select_related("skill").first()
    if row is None:
        raise invalid("skill", "The product does not list this skill.")
    record_event(actor=actor, action=AuditEvent.Action.RECORD_DELETED, target=row,
                 summary=f"{product.title} no longer lists {row.skill.name}",
                 data={"product": product.pk, "skill": skill_id})
    row.delete()


# -- the catalogue import ----------------------------------------------------------------

@dataclass
class ImportResult:
    rows: int = 0
    products_created: int = 0
    products_updated: int = 0
    products_unchanged: int = 0
    providers_created: int = 0
    providers_updated: int = 0
    dry_run: bool = False
    created_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "products_created": self.products_created,
                "products_updated": self.products_updated,
                "products_unchanged": self.products_unchanged,
                "providers_created": self.providers_created,
                "providers_updated": self.providers_updated, "dry_run": self.dry_run}


def _list_cell(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text or "") if part.strip()]


def _skills_cell(text: str) -> list[tuple[Skill, SkillLevel]]:
    pairs = []
    for item in [p.strip() for p in (text or "").split(";") if p.strip()]:
        name, sep, level = item.rpartition(":")
        if not sep or not name.strip() or not level.strip():
            raise invalid("skills", f"'{item[:60]}' is not 'Skill name: Level name'.")
        pairs.append((name.strip(), level.strip()))
    try:
        return _skill_pairs(pairs)
    except ValidationError as exc:
        raise ValidationError({"skills": [m for ms in exc.message_dict.values()
                                          for m in ms]}) from None


@dataclass
class _PlannedRow:
    number: int
    provider_key: str
    provider_name: str
    company_number: str
    website: str
    values: dict[str, Any]
    skills: list[tuple[Skill, SkillLevel]] | None


def _plan_rows(rows: list[Any]) -> tuple[list[_PlannedRow], list[CellError]]:
    """Check every row; return the plan and every problem (row, column, message)."""
    errors: list[CellError] = []
    planned: list[_PlannedRow] = []
    providers = {p.name.lower(): p for p in Provider.objects.all()}
    file_providers: dict[str, tuple[int, str, str]] = {}
    keys: dict[tuple[str, str], int] = {}
    xapi_ids: dict[str, int] = {}
    for row in rows:
        v = row.values
        problems: dict[str, list[str]] = {}

        def note(exc: ValidationError, problems: dict[str, list[str]] = problems) -> None:
            for key, messages in exc.message_dict.items():
                problems.setdefault(key, []).extend(messages)

        name = v.get("provider", "")
        number = website = ""
        try:
            name = _required_text(name, field="provider", what="the provider's name",
                                  max_length=MAX_NAME)
        except ValidationError as exc:
            note(exc)
        try:
            number = company_number(v.get("company_number", ""))
        except ValidationError as exc:
            note(exc)
        try:
            website = _web_address(v.get("website", ""), field="website")
        except ValidationError as exc:
            note(exc)
        existing = providers.get(str(name).lower())
        if existing is None and number:
            existing = next((p for p in providers.values() if p.company_number == number), None)
        if existing is not None and number and existing.company_number \
                and existing.company_number != number:
            problems.setdefault("company_number", []).append(
                f"{existing.name} has the company number {existing.company_number}, "
                f"not {number}.")
        key = (existing.name.lower() if existing is not None else str(name).lower())
        if key and key in file_providers:
            first_row, first_number, _ = file_providers[key]
            if number and first_number and number != first_number:
                problems.setdefault("company_number", []).append(
                    f"row {first_row} gives {first_number} for the same provider.")
        elif key:
            file_providers[key] = (row.number, number, website)
        data = {
            "provider": existing or Provider(name=name),
            "title": v.get("title", ""), "code": v.get("code", ""),
            "kind": v.get("kind", ""), "mode": v.get("mode", ""),
            "description": v.get("description", ""),
            "duration_hours": v.get("duration_hours", ""),
            "list_price": v.get("list_price", ""),
            "audience": v.get("audience", ""),
            "organisations": _list_cell(v.get("organisations", "")),
            "grades": _list_cell(v.get("grades", "")),
            "url": v.get("url", ""), "xapi_activity_id": v.get("xapi_activity_id", ""),
        }
        if not data["audience"]:
            data["audience"] = (Audience.ORGANISATIONS if data["organisations"] and not
                                data["grades"] else Audience.GRADES if data["grades"] and not
                                data["organisations"] else Audience.OPEN)
        values: dict[str, Any] = {}
        try:
            values = _product_values(data)
        except ValidationError as exc:
            note(exc)
        skills = None
        if "skills" in v:
            try:
                skills = _skills_cell(v.get("skills", ""))
            except ValidationError as exc:
                note(exc)
        if values:
            product_key = (key, (values["code"] or "").lower() or "title:" +
                           values["title"].lower())
            if product_key in keys:
                problems.setdefault(None, []).append(  # type: ignore[arg-type]
                    f"the same product as row {keys[product_key]} (same provider and "
                    f"{'code' if values['code'] else 'title'}).")
            keys.setdefault(product_key, row.number)
            xid = values["xapi_activity_id"]
            if xid:
                same = _existing_product(values["provider"], values)
                taken = Product.objects.filter(xapi_activity_id=xid)
                if same is not None:
                    taken = taken.exclude(pk=same.pk)
                if taken.exists():
                    problems.setdefault("xapi_activity_id", []).append(
                        "another product already has this learning record activity id.")
                if xid in xapi_ids:
                    problems.setdefault("xapi_activity_id", []).append(
                        f"also on row {xapi_ids[xid]}.")
                xapi_ids.setdefault(xid, row.number)
        for column, messages in problems.items():
            column_name = {"organisations": "organisations", "grades": "grades",
                           "__all__": None}.get(column, column) if column else None
            if column_name and column_name not in v and column_name in IMPORT_OPTIONAL:
                column_name = "audience"
            for message in messages:
                errors.append(CellError(row.number, column_name, message))
        if not problems:
            planned.append(_PlannedRow(row.number, key, name, number, website, values, skills))
    return planned, errors


def _existing_product(provider: Provider, values: dict[str, Any]) -> Product | None:
    if provider.pk is None:
        return None
    qs = Product.objects.filter(provider=provider)
    if values["code"]:
        return qs.filter(code__iexact=values["code"]).first()
    return qs.filter(code="", title__iexact=values["title"]).first()


def _keep_absent(product: Product, values: dict[str, Any], absent: set[str]) -> dict[str, Any]:
    """An update leaves alone what the file has no column for (a file without a
    ``description`` column keeps each product's description)."""
    values = dict(values)
    for name in ("description", "url", "xapi_activity_id"):
        if name in absent:
            values[name] = getattr(product, name)
    if {"audience", "organisations", "grades"} <= absent:
        values["audience"] = product.audience
        values["organisations"] = list(product.audience_organisations.all())
        values["grades"] = list(product.audience_grades or [])
    return values


@transaction.atomic
def import_catalogue(*, actor: Actor | Any, data: bytes, filename: str,
                     dry_run: bool = False, max_bytes: int | None = None) -> ImportResult:
    """Products from a CSV or XLSX file, one a row (docs/data-formats.md, "Learning
    catalogue"). A product with the same provider and code (or title, when it has no code)
    is updated, others created, and providers created as needed. Every row is checked
    first: any problem raises ``TableError`` naming each row and column, and nothing is
    written. ``dry_run`` checks and counts but keeps nothing."""
    actor = Actor.coerce(actor)
    require_supplier(actor)
    table = read_table(data, filename=filename, required=IMPORT_REQUIRED,
                       optional=IMPORT_OPTIONAL, max_bytes=max_bytes)
    if not table.rows:
        raise TableError([CellError(None, None, f"{filename} has no product rows.")])
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise TableError([CellError(None, None, f"{filename} has {len(table.rows):,} rows; "
                                    f"a catalogue file has at most {MAX_IMPORT_ROWS:,}.")])
    planned, errors = _plan_rows(table.rows)
    if errors:
        raise TableError(errors)
    result = ImportResult(rows=len(table.rows), dry_run=dry_run)
    absent = set(IMPORT_OPTIONAL) - set(table.columns)
    with transaction.atomic():
        made: dict[str, Provider] = {}
        for item in planned:
            provider = item.values["provider"]
            if provider.pk is None:
                provider = made.get(item.provider_key)
                if provider is None:
                    provider = _saved(Provider(name=item.provider_name,
                                               company_number=item.company_number,
                                               website=item.website,
                                               created_by=actor.user), actor)
                    made[item.provider_key] = provider
                    result.providers_created += 1
            else:
                fill = {}
                if item.company_number and not provider.company_number:
                    fill["company_number"] = item.company_number
                if item.website and not provider.website:
                    fill["website"] = item.website
                if fill:
                    for name, value in fill.items():
                        setattr(provider, name, value)
                    _saved(provider, actor)
                    result.providers_updated += 1
            values = {**item.values, "provider": provider}
            product = _existing_product(provider, values)
            if product is None:
                product = Product(created_by=actor.user)
                _apply(product, values)
                _saved(product, actor)
                _set_organisations(product, values["organisations"])
                if item.skills:
                    _write_skills(product, item.skills, actor)
                result.products_created += 1
                result.created_ids.append(product.pk)
                continue
            values = _keep_absent(product, values, absent)
            changed = _apply(product, values)
            if changed:
                _saved(product, actor)
            if _set_organisations(product, values["organisations"]):
                changed.append("organisations")
            if item.skills is not None and _write_skills(product, item.skills, actor):
                changed.append("skills")
            if changed:
                result.products_updated += 1
            else:
                result.products_unchanged += 1
        record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                     summary=f"Learning catalogue {filename}"
                             f"{' checked (dry run)' if dry_run else ' imported'}: "
                             f"{result.products_created} created, "
                             f"{result.products_updated} updated",
                     data={"filename": filename, **result.as_dict()})
        if dry_run:
            transaction.set_rollback(True)
    return result
