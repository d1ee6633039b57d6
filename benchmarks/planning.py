"""Specialist bench and workforce plan benchmarks.

``python -m benchmarks.planning`` (also run by ``make bench``). Builds, in a fresh
SQLite file, one organisation of 5,000 people classified across the default
framework's Data family, with apprentices, fast streamers and talent pool
members, a five-year plan with demand at every level, and 2,000 bench windows.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from benchmarks.common import health_check_ms, record_timed, setup_fresh_django, timed

PEOPLE = int(os.environ.get("BENCH_PLANNING_PEOPLE", "5000"))
WINDOWS = int(os.environ.get("BENCH_PLANNING_WINDOWS", "2000"))


def main() -> int:
    setup_fresh_django("planning")
    import io

    import numpy as np
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.bench.models import BenchAvailability
    from cadre.framework.models import Skill
    from cadre.framework.selectors import default_framework
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person
    from cadre.planning import selectors as selectors_plans
    from cadre.planning import services as services_plans
    from cadre.planning.projection import project
    from cadre.talent.models import PoolMembership, TalentPool
    from cadre.workforce.models import WorkforceRecord

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())
    framework = default_framework()
    family = framework.families.get(name="Data")
    levels = selectors_plans.family_levels(family)
    org = Organisation.objects.create(name="Bench department", abbreviation="BENCH",
                                      type="ministerial_department")
    rng = random.Random(6)  # noqa: S311
    start = time.perf_counter()
    kinds = ["permanent"] * 94 + ["apprentice"] * 3 + ["fast_streamer"] * 3
    people = Person.objects.bulk_create(
        Person(organisation=org, staff_number=f"P{i:05d}", first_name="P", last_name=f"{i}",
               employment_type=rng.choice(kinds),
               end_date=dt.date(2027 + rng.randrange(6), 8, 31) if rng.random() < 0.05
               else None)
        for i in range(PEOPLE))
    WorkforceRecord.objects.bulk_create(
        WorkforceRecord(person=p, in_profession=True, role_level=rng.choice(levels))
        for p in people)
    pool = TalentPool.objects.create(name="Bench pool", organisation=org,
                                     review_on=dt.date(2028, 4, 1))
    PoolMembership.objects.bulk_create(PoolMembership(pool=pool, person=p)
                                       for p in rng.sample(people, PEOPLE // 20))
    plan = services_plans.create_plan(actor=None, organisation=org, role_family=family,
                                      first_year=2027, attrition_rate="0.1")
    services_plans.set_demand(actor=None, plan=plan, cells={
        (2027 + k, lv.pk): rng.randint(50, 200) for k in range(5) for lv in levels})
    skills = list(Skill.objects.filter(framework=framework))
    windows = BenchAvailability.objects.bulk_create(
        BenchAvailability(person=p, available_from=dt.date(2027, 1, 1)
                          + dt.timedelta(days=rng.randrange(300)),
                          available_to=dt.date(2028, 1, 1)
                          + dt.timedelta(days=rng.randrange(300)))
        for p in rng.sample(people, min(WINDOWS, PEOPLE)))
    through = BenchAvailability.skills.through
    through.objects.bulk_create(through(benchavailability_id=w.pk, skill_id=s.pk)
                                for w in windows for s in rng.sample(skills, 3))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Built {PEOPLE:,} people on {len(levels)} Data role levels, "
          f"{len(windows):,} bench windows in {time.perf_counter() - start:.1f} s")

    n = len(levels)
    args = {"supply": np.full(n, 100.0), "demand": np.full((5, n), 120.0),
            "joiners": np.ones((5, n)), "promotions": np.ones((5, n)),
            "next_level": np.array([i + 1 if i + 1 < n else -1 for i in range(n)]),
            "attrition_rate": 0.1}
    from django.test import Client as HealthClient

    health = health_check_ms(HealthClient())
    record_timed("/healthz", (health, health), health)
    maths = timed(lambda: project(**args), 200, digits=3)
    record_timed(f"projection maths ({n} levels x 5 years)", maths, health)
    print(f"Projection maths ({n} levels x 5 years): median {maths[0]} ms, p90 {maths[1]} ms")
    inputs = timed(lambda: selectors_plans.plan_data(plan), 20)
    print(f"Plan inputs and projection from the database ({PEOPLE:,} people): "
          f"median {inputs[0]} ms, p90 {inputs[1]} ms")
    record_timed(f"plan inputs and projection ({PEOPLE:,} people)", inputs, health)

    hop, _ = get_or_create_account(email="bench-hop@example.org", actor=None)
    grant_role(user=hop, role="head_of_profession", organisation=org, actor=None)
    client = Client()
    client.force_login(hop, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/talent/plans/{plan.pk}/").status_code == 200
    page = timed(lambda: client.get(f"/talent/plans/{plan.pk}/"), 20)
    print(f"Plan page (chart and tables): median {page[0]} ms, p90 {page[1]} ms (20 requests)")
    record_timed(f"plan page ({PEOPLE:,} people)", page, health)
    api = timed(lambda: client.get(f"/api/v1/workforce-plans/{plan.pk}/"), 20)
    print(f"Plan API detail: median {api[0]} ms, p90 {api[1]} ms (20 requests)")
    record_timed(f"plan API detail ({PEOPLE:,} people)", api, health)
    skill = skills[0].pk
    search = timed(lambda: client.get(f"/talent/bench/?skill={skill}&on=2027-12-01"), 20)
    print(f"Bench search page ({len(windows):,} windows, one skill and date): "
          f"median {search[0]} ms, p90 {search[1]} ms (20 requests)")
    record_timed(f"bench search page ({len(windows):,} windows)", search, health)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
