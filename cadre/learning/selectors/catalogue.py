"""Reads of the learning catalogue (issue 17 point 1).

The catalogue holds no one's personal data: everyone signed in reads every provider and
product. Writing is for learning leads, the central team and administrators
(``may_supply``). ``products_building`` is the selector other areas use: the products
that build a skill to at least a level, optionally only those a person may take.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.framework.models import Framework, Skill, SkillLevel
from cadre.learning.models import Audience, Product, ProductSkill, Provider
from cadre.organisations.models import Grade, Organisation

#: The roles that keep the catalogue (the LEARNING_SUPPLY rule).
SUPPLY_ROLES = (Role.LEARNING_LEAD, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def may_supply(user: Any) -> bool:
    """Whether the account may change the catalogue."""
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and scope_for(user).has(*SUPPLY_ROLES))


def providers(*, search: str = "") -> QuerySet[Provider]:
    """Every provider, by name, with how many products (not withdrawn) each sells."""
    qs = Provider.objects.annotate(
        product_count=Count("products", filter=Q(products__withdrawn=False)))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(company_number__iexact=search))
    return qs.order_by("name", "pk")


def provider_products(provider: Provider, *, include_withdrawn: bool = True) -> QuerySet[Product]:
    qs = product_rows().filter(provider=provider)
    return qs if include_withdrawn else qs.filter(withdrawn=False)


def _skills_prefetch() -> Prefetch:
    return Prefetch("skills", queryset=ProductSkill.objects.select_related("skill", "level")
                    .order_by("skill__name"))


def product_rows() -> QuerySet[Product]:
    """Products with their provider and skills loaded (no query per row)."""
    return Product.objects.select_related("provider").prefetch_related(_skills_prefetch())


def products(*, skill: Skill | int | None = None, min_level: int | None = None,
             kind: str = "", mode: str = "", provider: Provider | int | None = None,
             search: str = "", include_withdrawn: bool = False) -> QuerySet[Product]:
    """The catalogue filtered: a skill (and a lowest level ordinal for it, or for any skill
    when no skill is given), kind, mode, provider, words in the title, code, description or
    provider's name; withdrawn products only when asked."""
    qs = product_rows()
    if not include_withdrawn:
        qs = qs.filter(withdrawn=False)
    if skill is not None or min_level is not None:
        built = ProductSkill.objects.all()
        if skill is not None:
            built = built.filter(skill=skill)
        if min_level is not None:
            built = built.filter(level__ordinal__gte=min_level)
        qs = qs.filter(pk__in=built.values("product_id"))
    if kind:
        qs = qs.filter(kind=kind)
    if mode:
        qs = qs.filter(mode=mode)
    if provider is not None:
        qs = qs.filter(provider=provider)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(code__iexact=search)
                       | Q(description__icontains=search) | Q(provider__name__icontains=search))
    return qs.order_by("title", "provider__name", "pk")


def _ordinal(level: SkillLevel | int | None) -> int:
    if level is None:
        return 0
    return level.ordinal if isinstance(level, SkillLevel) else int(level)


def available_to(qs: QuerySet[Product], *, organisation_id: int | None = None,
                 grade_code: str = "") -> QuerySet[Product]:
    """``qs`` narrowed to products open to everyone, or to the organisation, or to the
    grade. Grade lists are JSON, which SQLite cannot search inside, so the few products
    for named grades are checked here and kept by id."""
    allowed = Q(audience=Audience.OPEN)
    if organisation_id is not None:
        allowed |= Q(audience=Audience.ORGANISATIONS, audience_organisations=organisation_id)
    if grade_code:
        graded = [pk for pk, grades in qs.filter(audience=Audience.GRADES)
                  .values_list("pk", "audience_grades") if grade_code in (grades or [])]
        allowed |= Q(pk__in=graded)
    return qs.filter(pk__in=Product.objects.filter(allowed).values("pk"))


def products_building(skill: Skill | int, level: SkillLevel | int | None = None, *,
                      person: Any = None, include_withdrawn: bool = False) -> QuerySet[Product]:
    """Products that build ``skill`` to at least ``level`` (a ``SkillLevel`` or its
    ordinal; None: any level), by title. With ``person`` (a ``people.Person``), only
    products open to everyone, to the person's organisation or to their grade's code."""
    built = ProductSkill.objects.filter(skill=skill, level__ordinal__gte=_ordinal(level))
    qs = product_rows().filter(pk__in=built.values("product_id"))
    if not include_withdrawn:
        qs = qs.filter(withdrawn=False)
    if person is not None:
        grade = getattr(person, "grade", None)
        qs = available_to(qs, organisation_id=person.organisation_id,
                          grade_code=grade.code if grade is not None else "")
    return qs.order_by("title", "provider__name", "pk")


def is_available_to(product: Product, person: Any) -> bool:
    """Whether ``person`` may take ``product`` (its audience)."""
    if product.audience == Audience.OPEN:
        return True
    if product.audience == Audience.ORGANISATIONS:
        return product.audience_organisations.filter(pk=person.organisation_id).exists()
    grade = getattr(person, "grade", None)
    return grade is not None and grade.code in (product.audience_grades or [])


def audience_words(product: Product) -> str:
    """Who may take the product, in words: open, or the organisations or grades named."""
    if product.audience == Audience.ORGANISATIONS:
        names = [o.name for o in product.audience_organisations.all()]
        return "Only " + _listed(names) if names else "Named organisations (none named yet)"
    if product.audience == Audience.GRADES:
        codes = list(product.audience_grades or [])
        names = dict(Grade.objects.filter(code__in=codes).values_list("code", "name"))
        listed = [names.get(code, code) for code in codes]
        return "Only people at " + _listed(listed) if listed else "Named grades (none yet)"
    return "Open to anyone in the profession"


def _listed(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def organisation_choices() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def grade_choices() -> list[tuple[str, str]]:
    return [(g.code, f"{g.name} ({g.code})" if g.name != g.code else g.code)
            for g in Grade.objects.order_by("scheme", "rank", "code")]


def default_framework() -> Framework | None:
    return Framework.objects.filter(is_default=True).order_by("-created_at").first()


def skill_choices(framework: Framework | None = None) -> QuerySet[Skill]:
    framework = framework or default_framework()
    if framework is None:
        return Skill.objects.none()
    return Skill.objects.filter(framework=framework).order_by("name")


def level_choices(framework: Framework | None = None) -> QuerySet[SkillLevel]:
    framework = framework or default_framework()
    if framework is None:
        return SkillLevel.objects.none()
    return SkillLevel.objects.filter(framework=framework).order_by("ordinal")


def product_facts(product: Product, *, url: str) -> dict[str, Any]:
    """The product as plain data for ``learning.jsonld.course_document``; ``url`` is the
    product page's absolute address."""
    skills = list(product.skills.all())
    framework = skills[0].skill.framework if skills else None
    return {
        "url": url,
        "title": product.title,
        "description": product.description,
        "code": product.code,
        "kind": product.get_kind_display(),
        "mode": product.mode,
        "mode_label": product.get_mode_display(),
        "duration_hours": product.duration_hours,
        "list_price": product.list_price,
        "audience": audience_words(product),
        "withdrawn": product.withdrawn,
        "link": product.url,
        "framework": str(framework) if framework is not None else "",
        "provider": {
            "name": product.provider.name,
            "website": product.provider.website,
            "company_number": product.provider.company_number,
            "aliases": list(product.provider.aliases or []),
        },
        "skills": [{"skill": s.skill.name, "code": s.skill.code, "level": s.level.name,
                    "ordinal": s.level.ordinal} for s in skills],
    }


EXPORT_PRODUCT_COLUMNS = ("id", "provider", "company_number", "title", "code", "kind", "mode",
                          "description", "duration_hours", "list_price", "audience",
                          "organisations", "grades", "skills", "url", "xapi_activity_id",
                          "withdrawn")
EXPORT_PROVIDER_COLUMNS = ("id", "name", "company_number", "website", "aliases", "products")


def product_export_rows(qs: QuerySet[Product]) -> list[dict[str, Any]]:
    """One row per product in the import file's own columns (so an export imports back)."""
    qs = qs.prefetch_related("audience_organisations")
    return [{
        "id": p.pk, "provider": p.provider.name, "company_number": p.provider.company_number,
        "title": p.title, "code": p.code, "kind": p.kind, "mode": p.mode,
        "description": p.description, "duration_hours": str(p.duration_hours),
        "list_price": str(p.list_price),
        "audience": p.audience,
        "organisations": "; ".join(o.abbreviation for o in p.audience_organisations.all()),
        "grades": "; ".join(p.audience_grades or []),
        "skills": "; ".join(f"{s.skill.name}: {s.level.name}" for s in p.skills.all()),
        "url": p.url, "xapi_activity_id": p.xapi_activity_id, "withdrawn": p.withdrawn,
    } for p in qs]


def provider_export_rows(qs: QuerySet[Provider]) -> list[dict[str, Any]]:
    return [{"id": p.pk, "name": p.name, "company_number": p.company_number,
             "website": p.website, "aliases": "; ".join(p.aliases or []),
             "products": getattr(p, "product_count", None)} for p in qs]
