"""Demand for learning from skill gaps and development plans (issue 17 point 5).

What counts as a need (stated on the page and in ``docs/limits.md``):

- **From a development plan**: an objective (skill, target level, target date) of a
  current person's plan, draft or agreed, unless it has activities and every one is done.
  It falls in the calendar quarter of its target date (past quarters included: the need is
  overdue, not gone).
- **From a gap**: a skill the requirements of the person's current role level ask for at a
  level their agreed or validated assessments do not reach (the level that counts among
  those: validated above agreed, then the latest; self-assessments do not count, and no such
  assessment means not held). It has no date ("No date set").
- **One person counts once per skill**: an open plan objective for the skill wins over the
  gap (its level and date are used); of several open objectives for one skill, the highest
  target level counts, at its earliest date.
- Only current people (no leaving date, or one still to come).

Counts are made by the database: one query returns (organisation, skill, level, due date,
people) already grouped, so the work does not grow with one Python object per person. The
table of the whole government is suppressed once (``cadre.learning.demand``) and every
page, answer and file shows cells and totals of that one table, whoever asks: demand is
aggregate for every account with the learning figures rule, and names no one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Min, QuerySet
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.assessments.models import (
    Activity,
    CapabilityProfile,
    DevelopmentPlan,
    Objective,
    SkillAssessment,
    Source,
)
from cadre.core.inputs import parse_id
from cadre.core.suppression import legend
from cadre.framework.models import Requirement, RoleFamily, Skill, SkillLevel
from cadre.framework.selectors import default_framework
from cadre.learning import demand as calc
from cadre.learning.models import Contract, Lot, ProductSkill, RateCardEntry
from cadre.organisations.models import Organisation
from cadre.people.models import Person

THRESHOLD = calc.THRESHOLD
#: Products listed per (skill, level) on the page; the rest are counted.
PRODUCTS_SHOWN = 5
LIST_PRICE = "list price"
CONTRACTED_PRICE = "contracted price"
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)

DEFINITIONS = (
    "A need from a development plan is an objective of a current person's plan (draft or "
    "agreed): the skill, its target level and the calendar quarter of its target date. An "
    "objective whose activities are all done does not count; one with no activities yet does.",
    "A need from a gap is a skill the person's current role level requires at a level that "
    "their agreed or validated assessments do not reach (validated counts above agreed, then "
    "the latest; self-assessments do not count). It has no date: \"No date set\".",
    "Each person counts once per skill: an open plan objective for the skill wins over the "
    "gap, and of several objectives for one skill the highest target level counts, at its "
    "earliest date. Only current people are counted, and no one is named.",
    "The same table of the whole government is suppressed for everyone: counts from 1 to 4 "
    "are hidden, and other cells where a total would give them away. Filters choose which "
    "rows and quarters to show; the totals are always those of the whole table.",
)


# --- The counts -----------------------------------------------------------------------------

def _tables() -> dict[str, str]:
    q = connection.ops.quote_name
    return {name: q(model._meta.db_table) for name, model in (
        ("person", Person), ("profile", CapabilityProfile), ("req", Requirement),
        ("scale", SkillLevel), ("assessment", SkillAssessment), ("plan", DevelopmentPlan),
        ("objective", Objective), ("activity", Activity))}


def need_rows(on: dt.date | None = None) -> list[tuple]:
    """(organisation id, skill id, level ordinal, due date or None, people), grouped by the
    database. One query whatever the number of people."""
    today = on or timezone.localdate()
    t = _tables()
    precedence = (f"CASE a.source WHEN '{Source.VALIDATED.value}' THEN 2 "
                  f"WHEN '{Source.MANAGER.value}' THEN 1 ELSE 0 END")
    current = "(p.end_date IS NULL OR p.end_date > %s)"
    # Only table names (from the models), fixed words and placeholders are in the text.
    sql = (
        "WITH obj AS ("  # noqa: S608
        "SELECT p.organisation_id AS org, pl.person_id AS person, o.skill_id AS skill, "
        "lv.ordinal AS level, o.target_date AS due, ROW_NUMBER() OVER (PARTITION BY "
        "pl.person_id, o.skill_id ORDER BY lv.ordinal DESC, o.target_date, o.id) AS rn "
        f"FROM {t['objective']} o JOIN {t['plan']} pl ON pl.id = o.plan_id "
        f"JOIN {t['person']} p ON p.id = pl.person_id "
        f"JOIN {t['scale']} lv ON lv.id = o.target_level_id "
        f"WHERE {current} AND (NOT EXISTS (SELECT 1 FROM {t['activity']} x "
        "WHERE x.objective_id = o.id) OR EXISTS (SELECT 1 FROM "
        f"{t['activity']} y WHERE y.objective_id = o.id AND y.status <> %s))), "
        "firsts AS (SELECT org, person, skill, level, due FROM obj WHERE rn = 1), "
        "held AS (SELECT a.person_id, a.skill_id, a.level_id, ROW_NUMBER() OVER ("
        f"PARTITION BY a.person_id, a.skill_id ORDER BY {precedence} DESC, a.assessed_on "
        f"DESC, a.id DESC) AS rn FROM {t['assessment']} a WHERE a.source IN (%s, %s)), "
        "gaps AS (SELECT p.organisation_id AS org, p.id AS person, r.skill_id AS skill, "
        f"need.ordinal AS level FROM {t['person']} p "
        f"JOIN {t['profile']} cp ON cp.person_id = p.id "
        f"JOIN {t['req']} r ON r.role_level_id = cp.current_role_level_id "
        f"JOIN {t['scale']} need ON need.id = r.level_id "
        "LEFT JOIN held h ON h.person_id = p.id AND h.skill_id = r.skill_id AND h.rn = 1 "
        f"LEFT JOIN {t['scale']} hl ON hl.id = h.level_id "
        f"WHERE {current} AND COALESCE(hl.ordinal, 0) < need.ordinal) "
        "SELECT org, skill, level, due, COUNT(*) FROM ("
        "SELECT org, skill, level, due FROM firsts UNION ALL "
        "SELECT g.org, g.skill, g.level, NULL FROM gaps g WHERE NOT EXISTS ("
        "SELECT 1 FROM firsts f WHERE f.person = g.person AND f.skill = g.skill)) n "
        "GROUP BY org, skill, level, due")
    params = [today, Activity.Status.DONE.value, Source.VALIDATED.value,
              Source.MANAGER.value, today]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


#: Seconds the suppressed table stays in the shared cache. Its key carries every data stamp
#: (ADR 27), so a change to people, profiles, assessments or plans saved through the ORM is
#: seen at once; this bounds how long a bulk write that bumps no stamp can go unseen.
DEMAND_CACHE_SECONDS = 600


def government_table(on: dt.date | None = None) -> calc.DemandTable:
    """The whole government's demand, suppressed: the one table every view shows. From the
    shared cache when no data stamp changed since it was counted (one small query), else
    counted again (:func:`need_rows`, :func:`calc.count_needs`, :func:`calc.demand_table`)."""
    from django.core.cache import cache

    from cadre.core import stamps

    today = on or timezone.localdate()
    key = stamps.key("learning-demand", stamps.overall_token(stamps.tokens()), today)
    table = cache.get(key)
    if table is None:
        table = calc.demand_table(calc.count_needs(need_rows(today)), threshold=THRESHOLD)
        cache.set(key, table, DEMAND_CACHE_SECONDS)
    return table


def connect_stamps() -> None:
    """Saves of development plans, objectives and activities bump the person's
    organisation's data stamp, so cached demand is counted again (called from the app's
    ``ready``; assessments watches profiles and assessments itself)."""
    from cadre.assessments.cache_versions import organisation_of_person
    from cadre.core import stamps

    def of_plan(plan_id: int | None) -> list[int | None]:
        return list(DevelopmentPlan.objects.filter(pk=plan_id)
                    .values_list("person__organisation_id", flat=True))

    def of_objective(objective_id: int | None) -> list[int | None]:
        return list(Objective.objects.filter(pk=objective_id)
                    .values_list("plan__person__organisation_id", flat=True))

    # Saves only: plans go with their person (whose stamp is bumped), and Cadre deletes no
    # objective or activity by itself; a cascade stays one query per model, not per row.
    stamps.watch(DevelopmentPlan, lambda row: organisation_of_person(row.person_id),
                 deletes=False)
    stamps.watch(Objective, lambda row: of_plan(row.plan_id), deletes=False)
    stamps.watch(Activity, lambda row: of_objective(row.objective_id), deletes=False)


# --- Names ----------------------------------------------------------------------------------

@dataclass
class Names:
    organisations: dict[int, tuple[str, str]]   # id -> (name, abbreviation)
    skills: dict[int, tuple[str, int]]          # id -> (name, framework id)
    levels: dict[tuple[int, int], str]          # (framework id, ordinal) -> name

    def level(self, skill_id: int, ordinal: int) -> str:
        framework = self.skills.get(skill_id, ("", 0))[1]
        return self.levels.get((framework, ordinal), f"Level {ordinal}")


def _names(rows: list[calc.RowKey]) -> Names:
    org_ids = {r[0] for r in rows}
    skill_ids = {r[1] for r in rows}
    orgs = {pk: (name, abbr) for pk, name, abbr in Organisation.objects.filter(
        pk__in=org_ids).values_list("pk", "name", "abbreviation")}
    skills = {pk: (name, fw) for pk, name, fw in Skill.objects.filter(
        pk__in=skill_ids).values_list("pk", "name", "framework_id")}
    frameworks = {fw for _n, fw in skills.values()}
    levels = {(fw, o): name for fw, o, name in SkillLevel.objects.filter(
        framework_id__in=frameworks).values_list("framework_id", "ordinal", "name")}
    return Names(orgs, skills, levels)


# --- Filters --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    organisation: Organisation | None = None
    family: RoleFamily | None = None
    quarter_from: int | None = None
    quarter_to: int | None = None
    skills: frozenset[int] | None = None   # a lot's skills (None: every skill)

    def describe(self) -> str:
        parts = []
        if self.organisation is not None:
            parts.append(self.organisation.name)
        if self.family is not None:
            parts.append(f"skills of {self.family.name}")
        if self.quarter_from is not None:
            parts.append(f"from {calc.quarter_label(self.quarter_from)}")
        if self.quarter_to is not None:
            parts.append(f"to {calc.quarter_label(self.quarter_to)}")
        return ", ".join(parts) or "whole government"


def quarter_code(key: int) -> str:
    """``2027-Q1`` for a quarter key."""
    return f"{key // 4}-Q{key % 4 + 1}"


def parse_quarter(value: object, *, field: str) -> int | None:
    """A quarter written ``2027-Q1`` (or ``2027Q1``), as its key; blank is None."""
    if value is None or not str(value).strip():
        return None
    match = _QUARTER.match(str(value).strip())
    if not match:
        raise ValidationError({field: [f"Give a quarter as YEAR-Qn, e.g. 2027-Q1, not "
                                       f"'{str(value)[:20]}'."]})
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise ValidationError({field: ["Give a year from 2000 to 2100."]})
    return year * 4 + int(match.group(2)) - 1


def parse_filters(*, organisation: object = None, family: object = None,
                  quarter_from: object = None, quarter_to: object = None) -> Filters:
    """Filters from text (API query, command line); errors name the field, all at once."""
    errors: dict[str, list[str]] = {}
    org = fam = None
    start = end = None
    if organisation not in (None, ""):
        org = Organisation.objects.filter(abbreviation__iexact=str(organisation)[:50]).first()
        if org is None:
            errors["organisation"] = [f"No organisation with abbreviation "
                                      f"'{str(organisation)[:50]}'."]
    if family not in (None, ""):
        try:
            fam = RoleFamily.objects.filter(pk=parse_id(family, field="family")).first()
        except ValidationError:
            fam = None
        if fam is None:
            errors["family"] = [f"No role family with id '{str(family)[:20]}'."]
    for name, raw in (("quarter_from", quarter_from), ("quarter_to", quarter_to)):
        try:
            value = parse_quarter(raw, field=name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if name == "quarter_from":
            start = value
        else:
            end = value
    if start is not None and end is not None and start > end and "quarter_to" not in errors:
        errors["quarter_to"] = ["The last quarter must not be before the first."]
    if errors:
        raise ValidationError(errors)
    return Filters(org, fam, start, end)


def family_skill_ids(family: RoleFamily) -> frozenset[int]:
    """Skills a role family's role levels require (a skill's families)."""
    return frozenset(Requirement.objects.filter(role_level__role__family=family)
                     .values_list("skill_id", flat=True).distinct())


def family_choices() -> QuerySet[RoleFamily]:
    framework = default_framework()
    qs = RoleFamily.objects.order_by("name")
    return qs.filter(framework=framework) if framework is not None else qs


# --- Products -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProductMatch:
    product_id: int
    title: str
    provider: str
    level: str
    price: Decimal
    basis: str
    list_price: Decimal
    contracted_price: Decimal | None = None


def _offers(product_ids: set[int] | None = None,
            prices: dict[int, Decimal] | None = None) -> tuple[list[calc.Offer], dict]:
    qs = ProductSkill.objects.filter(product__withdrawn=False)
    if product_ids is not None:
        qs = qs.filter(product_id__in=product_ids)
    offers, info = [], {}
    for pid, skill, ordinal, title, provider, price in qs.values_list(
            "product_id", "skill_id", "level__ordinal", "product__title",
            "product__provider__name", "product__list_price"):
        contracted = (prices or {}).get(pid)
        offers.append(calc.Offer(pid, skill, ordinal, contracted if contracted is not None
                                 else price))
        info[pid] = (title, provider, price, contracted)
    return offers, info


def _matches(keys: set[tuple[int, int]], names: Names, product_ids: set[int] | None = None,
             prices: dict[int, Decimal] | None = None) -> dict[tuple[int, int], list]:
    offers, info = _offers(product_ids, prices)
    out: dict[tuple[int, int], list[ProductMatch]] = {}
    for key, found in calc.match_products(sorted(keys), offers).items():
        out[key] = [ProductMatch(
            o.product, info[o.product][0], info[o.product][1], names.level(o.skill, o.level),
            o.price, CONTRACTED_PRICE if info[o.product][3] is not None else LIST_PRICE,
            info[o.product][2], info[o.product][3]) for o in found]
    return out


# --- The view of the table ------------------------------------------------------------------

@dataclass
class DemandRow:
    organisation: str
    abbreviation: str
    skill: str
    level: str
    skill_id: int
    ordinal: int
    cells: list[int | str]
    total: int | str
    products: list[ProductMatch] = field(default_factory=list)


@dataclass
class DemandView:
    filters: Filters
    quarters: list[tuple[int | None, str]]
    rows: list[DemandRow]
    quarter_totals: list[int | str]
    grand_total: int | str
    any_hidden: bool
    threshold: int = THRESHOLD

    @property
    def legend(self) -> str:
        return legend(self.threshold)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filters": self.filters.describe(),
            "threshold": self.threshold,
            "hidden_values": self.legend,
            "definitions": list(DEFINITIONS),
            "quarters": [{"quarter": quarter_code(k) if k is not None else None,
                          "label": label, "people_all_organisations": total}
                         for (k, label), total in zip(self.quarters, self.quarter_totals,
                                                      strict=True)],
            "people_whole_table": self.grand_total,
            "rows": [{
                "organisation": r.abbreviation, "organisation_name": r.organisation,
                "skill": r.skill, "level": r.level,
                "people_by_quarter": [{"quarter": quarter_code(k) if k is not None else None,
                                       "label": label, "people": c}
                                      for (k, label), c in zip(self.quarters, r.cells,
                                                               strict=True)],
                "people_all_quarters": r.total,
                "products": [{"id": p.product_id, "title": p.title, "provider": p.provider,
                              "level": p.level, "price": str(p.price), "price_basis": p.basis}
                             for p in r.products],
            } for r in self.rows],
        }


def _quarter_shown(key: int | None, filters: Filters) -> bool:
    if key is None:
        return True  # needs with no date are always shown, in their own column
    if filters.quarter_from is not None and key < filters.quarter_from:
        return False
    return not (filters.quarter_to is not None and key > filters.quarter_to)


def demand_view(filters: Filters, *, table: calc.DemandTable | None = None,
                products: bool = True, on: dt.date | None = None) -> DemandView:
    """The rows and quarters the filters choose, from the one suppressed table."""
    table = table if table is not None else government_table(on)
    skills = filters.skills
    if filters.family is not None:
        fam = family_skill_ids(filters.family)
        skills = fam if skills is None else skills & fam
    cols = [j for j, q in enumerate(table.quarters) if _quarter_shown(q, filters)]
    chosen = [i for i, (o, s, _lv) in enumerate(table.rows)
              if (filters.organisation is None or o == filters.organisation.pk)
              and (skills is None or s in skills)]
    names = _names([table.rows[i] for i in chosen])
    rows = []
    for i in chosen:
        o, s, lv = table.rows[i]
        org = names.organisations.get(o, ("", ""))
        rows.append(DemandRow(org[0], org[1], names.skills.get(s, ("", 0))[0],
                              names.level(s, lv), s, lv, [table.cell(i, j) for j in cols],
                              table.row_total(i)))
    rows.sort(key=lambda r: (r.organisation.lower(), r.skill.lower(), r.ordinal))
    if products and rows:
        matches = _matches({(r.skill_id, r.ordinal) for r in rows}, names)
        for r in rows:
            r.products = matches.get((r.skill_id, r.ordinal), [])
    return DemandView(
        filters=filters,
        quarters=[(table.quarters[j], calc.quarter_label(table.quarters[j])) for j in cols],
        rows=rows, quarter_totals=[table.quarter_total(j) for j in cols],
        grand_total=table.grand_total(), any_hidden=table.any_hidden)


def quarter_choices(table: calc.DemandTable) -> list[tuple[str, str]]:
    return [(quarter_code(q), calc.quarter_label(q)) for q in table.quarters if q is not None]


# --- The demand pack per lot ----------------------------------------------------------------

PACK_FIXED = ("organisation", "organisation_name", "skill", "level")
PACK_AFTER = ("people_all_quarters", "product", "provider", "unit_price", "price_basis",
              "estimate")


@dataclass
class PackRow:
    row: DemandRow
    product: ProductMatch | None
    estimate: Decimal | str | None
    on_lot: bool


@dataclass
class DemandPack:
    lot: Lot
    view: DemandView
    rows: list[PackRow]
    products: list[tuple[str, str, list[ProductMatch], bool]]  # skill, level, matches, on lot
    estimate_shown: Decimal
    contracts_seen: bool

    @property
    def columns(self) -> list[str]:
        return [*PACK_FIXED, *(label for _k, label in self.view.quarters), *PACK_AFTER]

    def file_rows(self) -> list[dict[str, object]]:
        out = []
        for p in self.rows:
            r = p.row
            row: dict[str, object] = {"organisation": r.abbreviation,
                                      "organisation_name": r.organisation,
                                      "skill": r.skill, "level": r.level}
            for (_k, label), cell in zip(self.view.quarters, r.cells, strict=True):
                row[label] = cell
            row["people_all_quarters"] = r.total
            row["product"] = p.product.title if p.product else ""
            row["provider"] = p.product.provider if p.product else ""
            row["unit_price"] = p.product.price if p.product else ""
            row["price_basis"] = (p.product.basis + ("" if p.on_lot else ", not on this lot")
                                  if p.product else "")
            row["estimate"] = "" if p.estimate is None else p.estimate
            out.append(row)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "lot": {"id": self.lot.pk, "framework": self.lot.framework.name,
                    "number": self.lot.number, "title": self.lot.title},
            "demand": self.view.as_dict(),
            "rows": [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in r.items()}
                     for r in self.file_rows()],
            "estimate_of_rows_shown": str(self.estimate_shown),
            "estimate_note": ESTIMATE_NOTE,
        }


ESTIMATE_NOTE = (
    "Estimate = people in all quarters x the unit price of the first matching product (the "
    "lowest sufficient level, then the cheapest): its contracted price where a current "
    "contract under the lot that you may see has one, else its list price; the price basis "
    "says which. A row whose people are hidden has its estimate hidden too ([c]); the total "
    "adds up the estimates shown only.")


def lot_choices() -> QuerySet[Lot]:
    """Every framework lot (lots are commercial reference data, not anyone's records)."""
    return Lot.objects.select_related("framework").order_by("framework__name", "number")


def contract_prices(lot: Lot, contracts: QuerySet[Contract], on: dt.date
                    ) -> tuple[set[int], dict[int, Decimal]]:
    """Products on the rate card of any contract under the lot (any date: what the lot
    offers is not secret), and the lowest contracted price of each under a current one among
    ``contracts`` (the contracts whose prices the account may see)."""
    on_lot = set(RateCardEntry.objects.filter(contract__lot=lot)
                 .values_list("product_id", flat=True))
    entries = RateCardEntry.objects.filter(contract__in=contracts.filter(lot=lot))
    prices = {pid: Decimal(str(low)).quantize(Decimal("0.01")) for pid, low in
              entries.filter(contract__starts_on__lte=on, contract__ends_on__gte=on)
              .values("product_id").annotate(low=Min("unit_price"))
              .values_list("product_id", "low")}
    return on_lot, prices


def all_contracts() -> QuerySet[Contract]:
    return Contract.objects.all()


def demand_pack(lot: Lot, *, contracts: QuerySet[Contract], organisation: Organisation | None
                = None, on: dt.date | None = None, table: calc.DemandTable | None = None,
                ) -> DemandPack:
    """The lot's skills' demand (the same suppressed cells), the products that build them
    (on the lot first, with contracted prices from ``contracts``), and an estimate."""
    today = on or timezone.localdate()
    skills = frozenset(lot.skills.values_list("pk", flat=True))
    view = demand_view(Filters(organisation=organisation, skills=skills), table=table,
                       products=False, on=today)
    on_lot, prices = contract_prices(lot, contracts, today)
    keys = {(r.skill_id, r.ordinal) for r in view.rows}
    names = _names([(0, s, lv) for s, lv in keys])
    lot_matches = _matches(keys, names, on_lot, prices) if keys else {}
    any_matches = _matches(keys, names) if keys else {}
    chosen: dict[tuple[int, int], tuple[list[ProductMatch], bool]] = {}
    for key in keys:
        found = lot_matches.get(key, [])
        chosen[key] = (found, True) if found else (any_matches.get(key, []), False)
    rows, total = [], Decimal("0")
    for r in view.rows:
        found, mine = chosen[(r.skill_id, r.ordinal)]
        best = found[0] if found else None
        estimate = calc.derived(r.total, best.price) if best else None
        if isinstance(estimate, Decimal):
            total += estimate
        rows.append(PackRow(r, best, estimate, mine))
    products = sorted(((names.skills.get(s, ("", 0))[0], names.level(s, lv), found, mine, lv)
                       for (s, lv), (found, mine) in chosen.items()),
                      key=lambda x: (x[0].lower(), x[4]))
    return DemandPack(lot, view, rows, [p[:4] for p in products], total,
                      contracts_seen=contracts.exists())


def contracts_for(user: Any) -> QuerySet[Contract]:
    """Contracts whose prices the account may see (the contracts area's scope)."""
    from cadre.learning.selectors.contracts import visible_contracts

    return visible_contracts(user)


def may_see_demand(user: Any) -> bool:
    """The LEARNING_FIGURES rule (the permission map checks it too)."""
    from cadre.access.roles import Role

    return scope_for(user).has(Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION, Role.ANALYST,
                               Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
