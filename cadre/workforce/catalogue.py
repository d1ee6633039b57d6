"""The classifier's catalogue, built from a framework in the database (Django side)."""

from __future__ import annotations

import os
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Max

from cadre.framework.models import Framework
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Grade
from cadre.workforce.classifier import (
    GradeInfo,
    LevelInfo,
    RoleCatalogue,
    RoleInfo,
    bundled_catalogue,
    default_engine,
)
from cadre.workforce.semantic import semantic_available, semantic_engine


def _grades() -> tuple[GradeInfo, ...]:
    rows = Grade.objects.select_related("civil_service_equivalent").order_by("scheme", "rank")
    grades = tuple(
        GradeInfo(g.code, g.name,
                  g.civil_service_equivalent.code if g.civil_service_equivalent else "")
        for g in rows
    )
    if grades:
        return grades
    return bundled_catalogue().grades


def load_catalogue(framework: Framework | None = None) -> RoleCatalogue:
    """The roles and levels of ``framework`` (default: the default framework) and all grades.

    Falls back to the embedded default framework when the database holds none.
    """
    framework = framework or default_framework()
    if framework is None:
        return bundled_catalogue()
    return _load(framework.pk, framework.revision, _grade_signature())


def _grade_signature() -> tuple[int, int]:
    """Changes when grades are added or removed, so the cached catalogue is rebuilt."""
    seen = Grade.objects.aggregate(n=Count("id"), last=Max("id"))
    return seen["n"], seen["last"] or 0


@lru_cache(maxsize=8)
def _load(framework_id: int, revision: int, grades_signature: tuple[int, int]) -> RoleCatalogue:
    framework = Framework.objects.get(pk=framework_id)
    roles = tuple(RoleInfo(r.name, r.family.name)
                  for r in framework.roles.select_related("family").order_by("name"))
    levels = tuple(
        LevelInfo(lv.role.name, lv.name, lv.order, lv.seniority, lv.track)
        for lv in framework.role_levels.select_related("role").order_by("role__name", "order")
    )
    families = tuple(framework.families.order_by("name").values_list("name", flat=True))
    return RoleCatalogue(families=families, roles=roles, levels=levels, grades=_grades())


def engine_name(requested: str | None = None) -> str:
    """The engine to use: ``requested``, else settings/env CADRE_CLASSIFIER, else "default"."""
    name = requested or getattr(settings, "CADRE_CLASSIFIER", "") or os.environ.get(
        "CADRE_CLASSIFIER", "")
    return name if name in ("default", "semantic") else "default"


def get_engine(name: str | None = None, catalogue: RoleCatalogue | None = None,
               strict: bool = False):  # noqa: ANN201
    """A classifier engine by name. The semantic engine is used only when installed;
    with ``strict`` asking for it when it is absent raises ``RuntimeError``."""
    catalogue = catalogue or load_catalogue()
    if engine_name(name) == "semantic":
        if semantic_available():
            return semantic_engine(catalogue)
        if strict:
            raise RuntimeError(
                "The semantic engine is not installed: pip install '.[semantic]'.")
    return default_engine(catalogue)


def safe_catalogue() -> RoleCatalogue:
    """``load_catalogue()``, or the embedded framework when the database cannot be read."""
    try:
        return load_catalogue()
    except DatabaseError:
        return bundled_catalogue()
