"""Talent matching benchmarks: the ranking module alone, and the matches API end to end.

``python -m benchmarks.talent`` (also run by ``make bench``).

1. ``matching.rank`` on random data: 1,000 / 10,000 / 50,000 people x 190 skills (every
   skill asked for: the worst case) and x 15 skills (a typical vacancy).
2. The API ``GET /api/v1/mobility/vacancies/<id>/matches/`` with 50,000 people, all open to
   opportunities, each with assessments of 20 of the default framework's skills, in a
   fresh SQLite file (BENCH_TALENT_PEOPLE changes the number).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

import numpy as np

from benchmarks.common import health_check_ms, record, record_timed, setup_fresh_django, timed

SIZES = (1_000, 10_000, 50_000)
SKILLS = 190
PEOPLE = int(os.environ.get("BENCH_TALENT_PEOPLE", "50000"))
ASSESSED = int(os.environ.get("BENCH_TALENT_ASSESSED", "20"))
ORGANISATIONS = 50


def module_bench() -> None:
    from cadre.mobility import matching

    rng = np.random.default_rng(7)
    print("matching.rank (median / p90 of 20 runs; inputs already in memory)")
    for k in (SKILLS, 15):
        row = []
        for n in SIZES:
            held = rng.integers(0, 6, size=(n, k)).astype(np.int8)
            required = rng.integers(1, 6, size=k)
            essential = rng.random(k) < 0.6
            gaps = rng.integers(-2, 3, size=n)
            fit = rng.choice([0.0, 0.5, 1.0], size=n)
            median, p90 = timed(lambda held=held, required=required, essential=essential,
                                gaps=gaps, fit=fit: matching.rank(held, required, essential,
                                                                  gaps, fit), 20, 2)
            row.append(median)
            # Baseline: the same ranking at the smallest size, in the same run (growth).
            record(f"matching.rank, {n:,} people x {k} skills", median,
                   baseline=f"matching.rank, {SIZES[0]:,} people", baseline_value=row[0],
                   p90_ms=p90)
            print(f"  {n:>6,} people x {k:>3} skills: median {median:7.2f} ms, "
                  f"p90 {p90:7.2f} ms")
        print(f"  growth 1,000 -> 50,000 people ({k} skills): x{row[-1] / row[0]:.0f} "
              f"for x50 people")


def api_bench() -> None:
    setup_fresh_django("talent")
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.assessments.models import SkillAssessment
    from cadre.framework.models import RoleLevel
    from cadre.framework.selectors import default_framework
    from cadre.mobility import selectors, services
    from cadre.mobility.models import MobilityPreference
    from cadre.organisations.models import Grade, Location, Organisation
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())
    framework = default_framework()
    start = time.perf_counter()
    rng = random.Random(11)  # noqa: S311
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Talent bench {i}", abbreviation=f"TB{i:02d}",
                     type="ministerial_department") for i in range(ORGANISATIONS))
    grades = list(Grade.objects.filter(scheme="civil_service"))
    locations = Location.objects.bulk_create(Location(name=f"Bench town {i}")
                                             for i in range(12))
    people = Person.objects.bulk_create(
        (Person(organisation=orgs[i % ORGANISATIONS], staff_number=f"T{i:06d}",
                first_name="P", last_name=f"{i}", grade=rng.choice(grades),
                location=rng.choice(locations)) for i in range(PEOPLE)), batch_size=5000)
    prefs = MobilityPreference.objects.bulk_create(
        (MobilityPreference(person=p, open_to_opportunities=True) for p in people),
        batch_size=5000)
    through = MobilityPreference.locations.through
    through.objects.bulk_create(
        (through(mobilitypreference_id=pref.pk, location_id=rng.choice(locations).pk)
         for pref in prefs), batch_size=5000)
    skill_ids = list(framework.skills.values_list("pk", flat=True))
    level_ids = list(framework.levels.order_by("ordinal").values_list("pk", flat=True))
    sources = ["self", "manager", "validated"]
    batch: list[SkillAssessment] = []
    total = 0
    for p in people:
        for skill_id in rng.sample(skill_ids, min(ASSESSED, len(skill_ids))):
            batch.append(SkillAssessment(person_id=p.pk, skill_id=skill_id,
                                         level_id=rng.choice(level_ids),
                                         source=rng.choice(sources)))
        if len(batch) >= 50_000:
            SkillAssessment.objects.bulk_create(batch, batch_size=5000)
            total += len(batch)
            batch = []
    SkillAssessment.objects.bulk_create(batch, batch_size=5000)
    total += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\nBuilt {PEOPLE:,} people (all open to opportunities) with {total:,} assessments "
          f"on {len(skill_ids)} skills in {time.perf_counter() - start:.0f} s")

    level = (RoleLevel.objects.filter(framework=framework).annotate(n=Count("requirements"))
             .order_by("-n", "pk").first())
    central, _ = get_or_create_account(email="bench-talent@example.org", actor=None)
    grant_role(user=central, role="central_team", actor=None)
    vacancy = services.create_vacancy(
        actor=central, organisation=orgs[0], title="Bench vacancy", role_level=level,
        grade=grades[len(grades) // 2],
        closing_date=dt.date.today() + dt.timedelta(days=30), locations=locations[:2])
    services.open_vacancy(actor=central, vacancy=vacancy)
    n_skills = vacancy.skills.count()
    from cadre.assessments.selectors import held_levels_matrix

    skill_ids = list(vacancy.skills.values_list("skill_id", flat=True))
    pool = timed(lambda: selectors._candidates(vacancy), 5)
    ids = selectors._candidates(vacancy)[:, 0]
    load = timed(lambda: held_levels_matrix(ids, skill_ids), 5)
    print(f"Vacancy with {n_skills} skills; {ids.shape[0]:,} people ranked")
    health = health_check_ms(Client())
    record_timed("/healthz", (health, health), health)
    record_timed(f"candidate pool ({ids.shape[0]:,} people)", pool, health)
    record_timed(f"held-levels matrix from the database ({n_skills} skills)", load, health)
    print(f"  candidate pool with grades and locations: median {pool[0]} ms, p90 {pool[1]} ms")
    print(f"  held-levels matrix from the database: median {load[0]} ms, p90 {load[1]} ms")
    whole = timed(lambda: selectors.match(vacancy, limit=50), 5)
    print(f"  selectors.match (all queries + rank + top 50 explained): median {whole[0]} ms, "
          f"p90 {whole[1]} ms")
    record_timed("selectors.match (limit 50)", whole, health)
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/api/v1/mobility/vacancies/{vacancy.pk}/matches/?limit=50"
    assert client.get(url).status_code == 200
    api = timed(lambda: client.get(url), 10)
    print(f"  GET {url}: median {api[0]} ms, p90 {api[1]} ms (10 requests)")
    record_timed("vacancy matches API (limit 50)", api, health)
    page = timed(lambda: client.get(f"/talent/vacancies/{vacancy.pk}/matches/"), 5)
    print(f"  matches page (includes the count of people not opted in): median {page[0]} ms, "
          f"p90 {page[1]} ms (5 requests)")
    record_timed("vacancy matches page", page, health)


def main() -> int:
    module_bench()
    api_bench()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
