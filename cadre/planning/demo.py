"""Demo data for workforce plans (``cadre demo talent``).

Adds a workforce plan for the role family with the most classified people, over
whatever people and organisations already exist. Safe to run twice.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from django.db.models import Count
from django.utils import timezone

from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.planning import services as services_plans
from cadre.planning.models import WorkforcePlan
from cadre.planning.selectors import YEARS, family_levels
from cadre.workforce.models import WorkforceRecord

SPECIALISTS = 6
PROGRAMMES = ["Border systems modernisation", "Tax platform migration",
              "Benefits data service", "Cyber resilience review"]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add a workforce plan; return lines to print."""
    framework = default_framework()
    if framework is None or not Person.objects.exists():
        return ["Workforce plans: no framework or people yet; skipped."]
    return _plan(actor, rng, framework)


def _plan(actor: Any, rng: random.Random, framework: Any) -> list[str]:
    counts = (WorkforceRecord.objects.filter(in_profession=True,
                                             role_level__framework=framework)
              .values("person__organisation_id", "role_level__role__family_id")
              .annotate(n=Count("id")).order_by("-n")[:1])
    if counts:
        org_id = counts[0]["person__organisation_id"]
        family_id = counts[0]["role_level__role__family_id"]
    else:
        org = Organisation.objects.order_by("id").first()
        family = framework.families.order_by("name").first()
        if org is None or family is None:
            return ["Workforce plans: no organisation or role family; skipped."]
        org_id, family_id = org.pk, family.pk
    if WorkforcePlan.objects.filter(organisation_id=org_id, role_family_id=family_id).exists():
        return ["Workforce plans: the demo plan already exists."]
    plan = services_plans.create_plan(
        actor=actor, organisation=Organisation.objects.get(pk=org_id),
        role_family=framework.families.get(pk=family_id),
        first_year=timezone.localdate().year + 1, attrition_rate="0.1")
    supply = Counter(WorkforceRecord.objects.filter(
        in_profession=True, person__organisation_id=org_id,
        role_level__role__family_id=family_id).values_list("role_level_id", flat=True))
    levels = family_levels(plan.role_family)
    cells = {}
    for level in levels:
        base = supply.get(level.pk, 0)
        if base == 0 and rng.random() < 0.7:
            continue
        growth = rng.uniform(0.0, 0.08)
        for k in range(YEARS):
            cells[(plan.first_year + k, level.pk)] = max(1, round((base or 2) * (1 + growth) ** k))
    services_plans.set_demand(actor=actor, plan=plan, cells=cells, source="demo")
    return [f"Workforce plans: {plan} with {len(cells)} demand cell(s)."]
