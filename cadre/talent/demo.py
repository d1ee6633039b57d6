"""Demo data for talent identification and succession (``cadre demo talent``).

Over the largest organisation that has line managers: an appraisal cycle open today
with nine-box ratings by each manager of their reports (a few calibrated), a pool of
high-potential people with development actions, and a critical post with successors.
Safe to run twice: an organisation that already has the demo cycle is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Count
from django.utils import timezone

from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person
from cadre.talent import services
from cadre.talent.models import AppraisalCycle, Readiness

CYCLE_NAME = "Demo year-end talent review"
MAX_RATINGS = 300


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add a cycle with ratings, a pool and a critical post; return lines to print."""
    managers = (Person.objects.filter(reports__isnull=False)
                .values("organisation_id").annotate(n=Count("reports", distinct=True))
                .order_by("-n"))
    first = managers.first()
    if first is None:
        return ["Talent identification: no line-management chains yet; skipped."]
    organisation = Organisation.objects.get(pk=first["organisation_id"])
    if AppraisalCycle.objects.filter(organisation=organisation, name=CYCLE_NAME).exists():
        return [f"Talent identification: demo data already in {organisation.abbreviation}."]
    today = timezone.localdate()
    cycle = services.open_cycle(actor=actor, organisation=organisation, name=CYCLE_NAME,
                                opens_on=today - dt.timedelta(days=14),
                                closes_on=today + dt.timedelta(days=30))
    rated = []
    reports = (Person.objects.filter(organisation=organisation, line_manager__isnull=False)
               .select_related("line_manager").order_by("id")[:MAX_RATINGS])
    for person in reports:
        rating = services.rate(actor=actor, rater=person.line_manager, cycle=cycle,
                               person=person, performance=rng.choice([1, 2, 2, 2, 3, 3]),
                               potential=rng.choice([1, 2, 2, 3]), today=today)
        rated.append(rating)
    for rating in rng.sample(rated, min(3, len(rated))):
        services.calibrate(actor=actor, rating=rating,
                           performance=min(3, rating.performance + 1),
                           potential=rating.potential,
                           reason="Calibration panel: evidence of delivery beyond the grade")
    lines = [f"Talent identification: cycle '{CYCLE_NAME}' in {organisation.abbreviation} "
             f"with {len(rated)} ratings (3 calibrated)."]
    # A report of a line manager who signs in first, so the demo manager sees a pool place
    # and a succession plan of their own team.
    signed_in = [r.person for r in rated if r.person.line_manager.account_id is not None][:1]
    high = signed_in + [r.person for r in rated
                        if r.final_potential == 3 and r.person not in signed_in][:7]
    pool = services.create_pool(actor=actor, name=f"High potential ({organisation.abbreviation})",
                                organisation=organisation,
                                description="High-potential people ready for a step up.",
                                review_on=today + dt.timedelta(days=180))
    for person in high:
        membership = services.add_member(actor=actor, pool=pool, person=person,
                                         review_on=today + dt.timedelta(days=90))
        services.add_action(actor=actor, membership=membership,
                            description=rng.choice(["Lead a cross-team programme",
                                                    "Shadow a director for a month",
                                                    "Complete the leadership course"]),
                            due_on=today + dt.timedelta(days=rng.randint(30, 120)))
    lines.append(f"Talent pool '{pool.name}' with {len(high)} member(s).")
    framework = default_framework()
    level = (RoleLevel.objects.filter(framework=framework, requirements__isnull=False)
             .order_by("-seniority", "pk").first()) if framework else None
    if level is not None:
        incumbent = (Person.objects.filter(organisation=organisation, line_manager__isnull=True)
                     .order_by("id").first())
        post = services.create_critical_post(
            actor=actor, organisation=organisation, title=f"Chief {level.role.name.lower()}",
            role_level=level, incumbent=incumbent, risk_of_loss="high",
            risk_reason="Incumbent has said they will retire next year.")
        choices = [p for p in high if p != incumbent][:3]
        for person, readiness in zip(choices, Readiness.values, strict=False):
            services.add_successor(actor=actor, post=post, person=person, readiness=readiness)
        lines.append(f"Critical post '{post.title}' with {len(choices)} successor(s).")
    return lines
