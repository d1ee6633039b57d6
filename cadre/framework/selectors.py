"""Reads of frameworks. Framework content is open to every signed-in account."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q, QuerySet

from cadre.core.objects import parse_id
from cadre.framework.models import (
    Framework,
    Requirement,
    Role,
    RoleLevel,
    Skill,
    SkillDescriptor,
    SkillLevel,
)
from cadre.framework.paths import CareerGraph


def default_framework() -> Framework | None:
    return Framework.objects.filter(is_default=True).first() or Framework.objects.order_by(
        "-created_at").first()


def framework_by_label(name: str | None = None, version: str | None = None) -> Framework | None:
    """A framework by name and version; latest version of a name; else the default."""
    qs = Framework.objects.all()
    if name:
        qs = qs.filter(name=name)
    if version:
        qs = qs.filter(version=version)
    if not name and not version:
        return default_framework()
    return qs.order_by("-created_at").first()


def framework_from_param(value: str | None) -> Framework | None:
    """The framework whose id is ``value``, or the default when no id is given."""
    if value and value.isdigit():
        # isdigit() also passes digits such as "¹" that int() refuses; parse_id gives None
        # for those and for ids no key column holds, so they find nothing (not a 500).
        pk = parse_id(value)
        return Framework.objects.filter(pk=pk).first() if pk is not None else None
    return default_framework()


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(
        role_count=Count("roles", distinct=True), skill_count=Count("skills", distinct=True)
    ).order_by("name", "-created_at")


def families_with_roles(framework: Framework):  # noqa: ANN201
    return framework.families.prefetch_related("roles__levels").order_by("name")


def role_level_detail(framework: Framework, pk: int) -> RoleLevel | None:
    return (RoleLevel.objects.filter(framework=framework, pk=pk)
            .select_related("role__family").first())


def requirements_of(role_level: RoleLevel) -> QuerySet[Requirement]:
    return (role_level.requirements.select_related("skill", "level")
            .order_by("-level__ordinal", "skill__name"))


def level_scale(framework_id: int | None) -> list[SkillLevel]:
    """The framework's skill level scale, lowest first, each with its general meaning."""
    if framework_id is None:
        return []
    return list(SkillLevel.objects.filter(framework_id=framework_id).order_by("ordinal"))


@dataclass(frozen=True)
class LevelMeaning:
    """What one level means for one skill: the framework's own text for the skill when it
    has one (``for_skill``), else the scale's general meaning (possibly empty)."""

    level: SkillLevel
    text: str
    for_skill: bool


def skill_level_meanings(framework_id: int | None,
                         skill_ids: list[int]) -> dict[int, list[LevelMeaning]]:
    """Skill id -> the meaning of every level of the scale for that skill (two queries)."""
    scale = level_scale(framework_id)
    own: dict[tuple[int, int], str] = {
        (skill_id, level_id): text
        for skill_id, level_id, text in SkillDescriptor.objects.filter(
            skill_id__in=skill_ids).exclude(description="").values_list(
            "skill_id", "level_id", "description")
    }
    return {
        skill_id: [LevelMeaning(level, own[(skill_id, level.pk)], True)
                   if (skill_id, level.pk) in own
                   else LevelMeaning(level, level.description, False) for level in scale]
        for skill_id in skill_ids
    }


def requirements_with_meanings(role_level: RoleLevel) -> list[Requirement]:
    """The role level's requirements, each with ``meaning``: what the level needed means
    for that skill (a ``LevelMeaning``)."""
    requirements = list(requirements_of(role_level))
    meanings = skill_level_meanings(role_level.framework_id,
                                    [r.skill_id for r in requirements])
    for r in requirements:
        r.meaning = next((m for m in meanings[r.skill_id] if m.level.pk == r.level_id),
                         LevelMeaning(r.level, r.level.description, False))
    return requirements


def skill_detail(framework: Framework, pk: int) -> Skill | None:
    return Skill.objects.filter(framework=framework, pk=pk).first()


def search(framework: Framework, text: str) -> tuple[QuerySet[Role], QuerySet[RoleLevel],
                                                      QuerySet[Skill]]:
    text = text.strip()
    roles = Role.objects.filter(framework=framework).filter(
        Q(name__icontains=text) | Q(description__icontains=text)).select_related(
        "family").prefetch_related("levels")
    levels = RoleLevel.objects.filter(framework=framework, name__icontains=text).select_related(
        "role")
    skills = Skill.objects.filter(framework=framework).filter(
        Q(name__icontains=text) | Q(description__icontains=text))
    return roles[:50], levels[:50], skills[:50]


@dataclass
class GraphIndex:
    """A career graph with the database ids behind its node and skill numbers."""

    graph: CareerGraph
    levels: list[RoleLevel]
    skills: list[Skill]
    scale: list[SkillLevel]
    node_of: dict[int, int]

    def level_name(self, ordinal: int) -> str:
        return self.scale[ordinal - 1].name if 0 < ordinal <= len(self.scale) else "none"


_GRAPHS: dict[tuple, GraphIndex] = {}
_GRAPH_CACHE_SIZE = 8


def career_graph(framework: Framework) -> GraphIndex:
    """The framework's career graph, built once per framework revision in each process."""
    stamp = Framework.objects.filter(pk=framework.pk).values_list(
        "created_at", "revision").first()
    key = (framework.pk, *(stamp or ()))
    if key not in _GRAPHS:
        if len(_GRAPHS) >= _GRAPH_CACHE_SIZE:
            _GRAPHS.pop(next(iter(_GRAPHS)))
        _GRAPHS[key] = build_career_graph(framework)
    return _GRAPHS[key]


def build_career_graph(framework: Framework) -> GraphIndex:
    """Build the framework's career graph (three queries, then NumPy)."""
    levels = list(RoleLevel.objects.filter(framework=framework).select_related("role")
                  .order_by("role__name", "order"))
    skills = list(Skill.objects.filter(framework=framework).order_by("name"))
    scale = list(SkillLevel.objects.filter(framework=framework).order_by("ordinal"))
    node_of = {lv.pk: i for i, lv in enumerate(levels)}
    skill_of = {s.pk: j for j, s in enumerate(skills)}
    required = np.zeros((len(levels), len(skills)), dtype=np.int16)
    for role_level_id, skill_id, ordinal in Requirement.objects.filter(
        role_level__framework=framework
    ).values_list("role_level_id", "skill_id", "level__ordinal"):
        required[node_of[role_level_id], skill_of[skill_id]] = ordinal
    graph = CareerGraph(
        roles=[lv.role_id for lv in levels], orders=[lv.order for lv in levels],
        seniority=[lv.seniority for lv in levels], required=required,
        tracks=[lv.track for lv in levels],
    )
    return GraphIndex(graph, levels, skills, scale, node_of)
