"""The framework JSON format: reading a stored framework into it, and its shape.

The format is documented in docs/framework-json.md. Export, import and export
again gives the same document (only the version label differs for a copy).
"""

from __future__ import annotations

from typing import Any

from cadre.framework.documents import FORMAT
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
)


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The whole framework as plain data, in a stable order."""
    levels = list(SkillLevel.objects.filter(framework=framework).order_by("ordinal"))
    descriptors: dict[int, dict[str, str]] = {}
    for d in SkillDescriptor.objects.filter(skill__framework=framework).select_related("level"):
        descriptors.setdefault(d.skill_id, {})[d.level.name] = d.description
    routes: dict[int, list[dict[str, Any]]] = {}
    for r in EntryRoute.objects.filter(role__framework=framework).select_related("entry_level"):
        routes.setdefault(r.role_id, []).append({
            "kind": r.kind, "entry_level": r.entry_level.name if r.entry_level else None,
            "description": r.description,
        })
    return {
        "format": FORMAT,
        "framework": {
            "name": framework.name, "version": framework.version, "source": framework.source,
            "licence": framework.licence,
            "published_on": framework.published_on.isoformat() if framework.published_on
            else None,
        },
        "levels": [{"name": lv.name, "ordinal": lv.ordinal, "description": lv.description}
                   for lv in levels],
        "role_families": [{"name": f.name, "description": f.description}
                          for f in RoleFamily.objects.filter(framework=framework)
                          .order_by("name")],
        "roles": [{"name": r.name, "family": r.family.name, "description": r.description,
                   "entry_routes": sorted(routes.get(r.pk, []),
                                          key=lambda x: (x["kind"], x["entry_level"] or ""))}
                  for r in Role.objects.filter(framework=framework).select_related("family")
                  .order_by("name")],
        "role_levels": [{
            "role": lv.role.name, "name": lv.name, "description": lv.description,
            "order": lv.order, "seniority": lv.seniority, "track": lv.track,
            "is_senior_civil_service": lv.is_senior_civil_service,
            "grade_from": lv.grade_from, "grade_to": lv.grade_to,
            "qualifications": lv.qualifications, "experience": lv.experience,
        } for lv in RoleLevel.objects.filter(framework=framework).select_related("role")
            .order_by("role__name", "order", "name")],
        "skills": [{
            "name": s.name, "description": s.description, "category": s.category,
            "is_core": s.is_core, "code": s.code,
            "descriptors": {name: descriptors.get(s.pk, {}).get(name, "")
                            for name in (lv.name for lv in levels)
                            if name in descriptors.get(s.pk, {})},
        } for s in Skill.objects.filter(framework=framework).order_by("name")],
        "requirements": [{
            "role": r.role_level.role.name, "role_level": r.role_level.name,
            "skill": r.skill.name, "level": r.level.name,
        } for r in Requirement.objects.filter(role_level__framework=framework)
            .select_related("role_level__role", "skill", "level")
            .order_by("role_level__role__name", "role_level__name", "skill__name")],
    }
