"""Writes to frameworks: storing a framework document, choosing the default,
correcting level order. Keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core import stamps
from cadre.core.actor import history_user
from cadre.framework.documents import check_document
from cadre.framework.models import (
    EntryRoute,
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillDescriptor,
    SkillLevel,
    SkillMapping,
)


@transaction.atomic
def import_document(
    *, actor: Any, document: dict[str, Any], version: str | None = None,
    make_default: bool | None = None, source_name: str = "",
) -> Framework:
    """Store a checked framework document as a new framework version.

    ``version`` overrides the document's label (to import a copy). The first
    framework stored becomes the default unless ``make_default`` says otherwise.
    """
    check_document(document)
    header = document["framework"]
    label = version or header["version"]
    if Framework.objects.filter(name=header["name"], version=label).exists():
        raise ValidationError(
            {"version": f"{header['name']} {label} already exists; choose another version label."}
        )
    published = header.get("published_on")
    framework = Framework.objects.create(
        name=header["name"], version=label, source=header.get("source") or "",
        licence=header.get("licence") or "",
        published_on=dt.date.fromisoformat(published) if published else None,
    )
    levels = {lv["name"]: SkillLevel.objects.create(
        framework=framework, name=lv["name"], ordinal=lv["ordinal"],
        description=lv.get("description", "")) for lv in document["levels"]}
    families = {f["name"]: RoleFamily.objects.create(
        framework=framework, name=f["name"], description=f.get("description", ""))
        for f in document["role_families"]}
    roles = {r["name"]: Role.objects.create(
        framework=framework, family=families[r["family"]], name=r["name"],
        description=r.get("description", "")) for r in document["roles"]}
    role_levels = {
        (lv["role"], lv["name"]): lv_obj
        for lv, lv_obj in zip(document["role_levels"], RoleLevel.objects.bulk_create(
            RoleLevel(
                framework=framework, role=roles[lv["role"]], name=lv["name"],
                description=lv.get("description", ""), order=lv.get("order", 0),
                seniority=lv.get("seniority", 4), track=lv.get("track", "technical"),
                is_senior_civil_service=bool(lv.get("is_senior_civil_service")),
                grade_from=lv.get("grade_from", ""), grade_to=lv.get("grade_to", ""),
                qualifications=lv.get("qualifications", ""),
                experience=lv.get("experience", ""),
            ) for lv in document["role_levels"]
        ), strict=True)
    }
    for r in document["roles"]:
        for route in r.get("entry_routes") or []:
            EntryRoute.objects.create(
                role=roles[r["name"]], kind=route["kind"],
                entry_level=role_levels.get((r["name"], route.get("entry_level"))),
                description=route.get("description", ""),
            )
    skills = {s["name"]: s_obj for s, s_obj in zip(document["skills"], Skill.objects.bulk_create(
        Skill(framework=framework, name=s["name"], description=s.get("description", ""),
              category=s.get("category", ""), is_core=bool(s.get("is_core")),
              code=s.get("code", "")) for s in document["skills"]), strict=True)}
    SkillDescriptor.objects.bulk_create(
        SkillDescriptor(skill=skills[s["name"]], level=levels[level], description=text)
        for s in document["skills"] for level, text in (s.get("descriptors") or {}).items()
    )
    Requirement.objects.bulk_create(
        (Requirement(role_level=role_levels[(r["role"], r["role_level"])],
                     skill=skills[r["skill"]], level=levels[r["level"]])
         for r in document["requirements"]), batch_size=2000,
    )
    first = not Framework.objects.exclude(pk=framework.pk).exists()
    if make_default or (make_default is None and first):
        set_default_framework(actor=actor, framework=framework)
    record_event(
        actor=actor, action=AuditEvent.Action.IMPORT, target=framework,
        summary=f"Framework {framework} imported{f' from {source_name}' if source_name else ''}",
        data={"role_families": len(families), "roles": len(roles),
              "role_levels": len(role_levels), "skills": len(skills),
              "requirements": len(document["requirements"])},
    )
    return framework


@transaction.atomic
def set_default_framework(*, actor: Any, framework: Framework) -> Framework:
    Framework.objects.exclude(pk=framework.pk).filter(is_default=True).update(is_default=False)
    framework.is_default = True
    framework._history_user = history_user(actor)
    framework.save(update_fields=["is_default"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=framework,
                 summary=f"{framework} is now the default framework")
    return framework


@transaction.atomic
def set_level_order(*, actor: Any, role: Role, names_in_order: list[str]) -> None:
    """Let an administrator correct the derived order of a role's levels."""
    levels = {lv.name: lv for lv in role.levels.all()}
    if sorted(names_in_order) != sorted(levels):
        raise ValidationError({"order": "List every level of the role exactly once."})
    before = [lv.name for lv in role.levels.order_by("order")]
    for position, name in enumerate(names_in_order):
        level = levels[name]
        if level.order != position:
            level.order = position
            level._history_user = history_user(actor)
            level.save(update_fields=["order"])
    Framework.objects.filter(pk=role.framework_id).update(revision=F("revision") + 1)
    stamps.bump_all()  # a queryset update sends no signals (ADR 27)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=role,
                 summary=f"Level order of {role} changed",
                 data={"before": before, "after": names_in_order})


def parse_level_correspondence(text: str) -> dict[str, int]:
    """``"1:2,2:3"`` -> ``{"1": 2, "2": 3}`` (source level ordinal -> target ordinal)."""
    pairs: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        source, _, target = part.partition(":")
        if not (source.strip().isdigit() and target.strip().isdigit()):
            raise ValidationError({"levels": f"'{part}' is not SOURCE:TARGET, e.g. 2:3"})
        pairs[str(int(source))] = int(target)
    return pairs


@transaction.atomic
def map_skill(
    *, actor: Any, source: Skill, target: Skill, levels: dict[str, int], note: str = ""
) -> SkillMapping:
    """Record that a skill in one framework corresponds to a skill in another."""
    if source.framework_id == target.framework_id:
        raise ValidationError({"target": "Map skills between two different frameworks."})
    source_max = source.framework.levels.count()
    target_max = target.framework.levels.count()
    for s, t in levels.items():
        if not 1 <= int(s) <= source_max or not 1 <= t <= target_max:
            raise ValidationError({"levels": f"{s}:{t} is outside the two level scales "
                                             f"(1-{source_max} and 1-{target_max})"})
    mapping, _ = SkillMapping.objects.update_or_create(
        source=source, target=target, defaults={"level_correspondence": levels, "note": note}
    )
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=mapping,
                 summary=f"Skill mapping {source} ({source.framework}) -> {target} "
                         f"({target.framework})", data={"levels": levels})
    return mapping


@transaction.atomic
def describe_scale(*, actor: Any, framework: Framework, meanings: dict[str, str]) -> int:
    """Fill in the general meaning of scale levels that have none (never overwrites).

    Used when the embedded default is loaded again over a copy stored before its
    scale was described. Returns how many levels were described.
    """
    described = []
    for level in SkillLevel.objects.select_for_update().filter(framework=framework,
                                                               description=""):
        text = (meanings.get(level.name) or "").strip()
        if text:
            level.description = text
            level.save(update_fields=["description"])
            described.append(level.name)
    if described:
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=framework,
                     summary=f"Skill level scale of {framework} described",
                     data={"levels": described})
    return len(described)
