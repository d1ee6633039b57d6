"""Shared set-up for the talent identification tests: an open cycle in organisation A
with a rating of a_staff1 (rated by a_manager), a pool with a_staff1 in it, and a
critical post (incumbent a_head) naming a_staff1 as a successor."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.framework.models import (
    Framework,
    Requirement,
    Role,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)
from cadre.talent import services


def small_role_level() -> RoleLevel:
    """A role level needing two skills, on a tiny framework (quicker than the default)."""
    framework = Framework.objects.create(name="Small", version="1", is_default=True)
    levels = [SkillLevel.objects.create(framework=framework, name=n, ordinal=i)
              for i, n in enumerate(["Awareness", "Working", "Practitioner"], start=1)]
    family = RoleFamily.objects.create(framework=framework, name="Architecture")
    role = Role.objects.create(framework=framework, family=family, name="Architect")
    level = RoleLevel.objects.create(framework=framework, role=role, name="Lead architect",
                                     order=0, seniority=5)
    for name in ("Strategy", "Design"):
        skill = Skill.objects.create(framework=framework, name=name)
        Requirement.objects.create(role_level=level, skill=skill, level=levels[2])
    return level


@pytest.fixture
def talent_records(people, org_a):  # noqa: ANN001, ANN201
    today = dt.date.today()
    cycle = services.open_cycle(actor=None, organisation=org_a, name="Year end",
                                opens_on=today - dt.timedelta(days=5),
                                closes_on=today + dt.timedelta(days=30))
    rating = services.rate(actor=None, rater=people.a_manager, cycle=cycle,
                           person=people.a_staff1, performance=3, potential=2)
    pool = services.create_pool(actor=None, name="Ready for SCS", organisation=org_a)
    membership = services.add_member(actor=None, pool=pool, person=people.a_staff1,
                                     review_on=today + dt.timedelta(days=90), note="Strong")
    action = services.add_action(actor=None, membership=membership,
                                 description="Lead a programme")
    level = small_role_level()
    post = services.create_critical_post(actor=None, organisation=org_a, title="Chief architect",
                                         role_level=level, incumbent=people.a_head,
                                         risk_of_loss="high", risk_reason="Retiring")
    successor = services.add_successor(actor=None, post=post, person=people.a_staff1,
                                       readiness="now")
    return {"cycle": cycle.pk, "rating": rating.pk, "pool": pool.pk,
            "membership": membership.pk, "post": post.pk, "level": level.pk,
            "successor": successor.pk, "action": action.pk}
