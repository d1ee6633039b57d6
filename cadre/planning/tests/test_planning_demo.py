"""The bench and planning demo data load over small data, and twice without harm."""

from __future__ import annotations

import random

import pytest

from cadre.bench import demo as demo_bench
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.framework.models import Framework, RoleFamily, RoleLevel, Skill
from cadre.framework.models import Role as FrameworkRole
from cadre.planning import demo as demo_planning
from cadre.planning.models import WorkforcePlan

pytestmark = pytest.mark.django_db


def test_nothing_to_do_on_an_empty_database():
    assert "skipped" in demo_planning.load(actor=None, rng=random.Random(1))[0]
    assert "skipped" in demo_bench.load(actor=None, rng=random.Random(1))[0]


def test_loads_over_small_data_and_again(people):
    fw = Framework.objects.create(name="Test", version="1", is_default=True)
    for name in ("Data engineering", "Testing", "Cloud"):
        Skill.objects.create(framework=fw, name=name)
    family = RoleFamily.objects.create(framework=fw, name="Data")
    role = FrameworkRole.objects.create(framework=fw, family=family, name="Data engineer")
    RoleLevel.objects.create(framework=fw, role=role, name="Data engineer", order=0,
                             seniority=4)
    rng = random.Random(1)
    lines = demo_bench.load(actor=None, rng=rng) + demo_planning.load(actor=None, rng=rng)
    assert BenchAvailability.objects.count() == 6
    assert DeploymentRequest.objects.count() == 1
    assert WorkforcePlan.objects.count() == 1
    assert any("Workforce plans" in line for line in lines)
    demo_planning.load(actor=None, rng=random.Random(2))
    assert WorkforcePlan.objects.count() == 1
