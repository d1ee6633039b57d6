"""Framework changes bump the ``all`` data stamp (``cadre.core.stamps``, ADR 27)."""

from __future__ import annotations

from cadre.core import stamps


def connect() -> None:
    from cadre.framework.models import Framework, Requirement, RoleLevel, Skill, SkillLevel

    for model in (Framework, Requirement, RoleLevel, Skill, SkillLevel):
        stamps.watch_all(model)
