"""A small framework and a scheme for the standards tests.

Framework "Test framework" with levels 1..7 (Follow, Assist, Apply, Enable, Ensure,
Initiate, Inspire); two families: Software (roles require "Programming" and "Testing")
and Data (roles require "Data engineering" and "Testing"); "Ethics" belongs to no family.
Scheme "Technology professional" has levels Practitioner (1) and Senior practitioner (2);
Senior practitioner's version 1 is published with four criteria:

1. at least 2 skills at level 4 or above in Software;
2. breadth: at least 3 skills at level 3 or above;
3. at least 5 years of experience;
4. professional conduct.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cadre.accreditation.models import CriteriaVersion, Scheme, SchemeLevel
from cadre.accreditation.services import standards as svc
from cadre.framework.models import (
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)

LEVEL_NAMES = ["Follow", "Assist", "Apply", "Enable", "Ensure", "Initiate", "Inspire"]


@dataclass
class Standards:
    framework: Framework
    levels: dict[int, SkillLevel]
    software: RoleFamily
    data: RoleFamily
    programming: Skill
    testing: Skill
    data_engineering: Skill
    ethics: Skill
    scheme: Scheme
    practitioner: SchemeLevel
    senior: SchemeLevel
    senior_v1: CriteriaVersion


def build_framework(
    name: str = "Test framework", *, default: bool = True
) -> tuple[Framework, dict[int, SkillLevel], dict[str, RoleFamily], dict[str, Skill]]:
    framework = Framework.objects.create(name=name, version="1", is_default=default)
    levels = {
        i: SkillLevel.objects.create(framework=framework, name=n, ordinal=i)
        for i, n in enumerate(LEVEL_NAMES, start=1)
    }
    families = {
        n: RoleFamily.objects.create(framework=framework, name=n) for n in ("Software", "Data")
    }
    skills = {
        n: Skill.objects.create(framework=framework, name=n)
        for n in ("Programming", "Testing", "Data engineering", "Ethics")
    }
    for family, names in (
        ("Software", ("Programming", "Testing")),
        ("Data", ("Data engineering", "Testing")),
    ):
        role = Role.objects.create(
            framework=framework, family=families[family], name=f"{family} engineer"
        )
        rl = RoleLevel.objects.create(
            framework=framework, role=role, name=f"{family} senior", order=1, seniority=3
        )
        for name in names:
            Requirement.objects.create(role_level=rl, skill=skills[name], level=levels[4])
    return framework, levels, families, skills


@pytest.fixture
def standards(db) -> Standards:  # noqa: ANN001
    framework, levels, families, skills = build_framework()
    scheme = svc.create_scheme(
        actor=None, name="Technology professional", description="For the profession."
    )
    practitioner = svc.add_level(actor=None, scheme=scheme, name="Practitioner")
    senior = svc.add_level(actor=None, scheme=scheme, name="Senior practitioner")
    v1 = svc.create_draft(actor=None, level=senior)
    svc.add_criterion(
        actor=None,
        version=v1,
        kind="skills_at_level",
        text="Two software skills at Enable or above",
        count=2,
        min_level=4,
        families=[families["Software"]],
    )
    svc.add_criterion(
        actor=None,
        version=v1,
        kind="breadth",
        text="Three skills at Apply or above",
        count=3,
        min_level=3,
    )
    svc.add_criterion(
        actor=None, version=v1, kind="experience", text="Five years in the profession", years=5
    )
    svc.add_criterion(
        actor=None, version=v1, kind="conduct", text="Show how you follow the code of conduct"
    )
    svc.publish(actor=None, version_id=v1.pk)
    v1.refresh_from_db()
    return Standards(
        framework,
        levels,
        families["Software"],
        families["Data"],
        skills["Programming"],
        skills["Testing"],
        skills["Data engineering"],
        skills["Ethics"],
        scheme,
        practitioner,
        senior,
        v1,
    )
