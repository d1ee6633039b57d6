"""Nine-box calibration benchmark: the head of profession's page for 5,000 rated people.

``python -m benchmarks.ninebox`` (also run by ``make bench``). Builds one organisation of
5,000 people (line-management chains of four, 20 units, civil service grades) all rated in
one appraisal cycle, 200 of them calibrated, in a fresh SQLite file; then requests the
calibration page (unfiltered, one box, filtered by grade) and the nine-box API endpoint
as the head of profession and reports the median and 90th percentile.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from benchmarks.common import health_check_ms, record_timed, setup_fresh_django, timed

PEOPLE = int(os.environ.get("BENCH_NINEBOX_PEOPLE", "5000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))


def main() -> int:
    setup_fresh_django("ninebox")
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.organisations.models import Grade, Organisation, Unit
    from cadre.people.models import Person
    from cadre.talent.models import AppraisalCycle, TalentRating

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())
    start = time.perf_counter()
    rng = random.Random(6)  # noqa: S311
    org = Organisation.objects.create(name="Nine-box bench department", abbreviation="NBOX",
                                      type="ministerial_department")
    units = [Unit.objects.create(organisation=org, name=f"Unit {i}", path=f"Unit {i}")
             for i in range(20)]
    grades = list(Grade.objects.filter(scheme="civil_service"))
    people = Person.objects.bulk_create(
        Person(organisation=org, staff_number=f"N{i:05d}", first_name=f"First{i}",
               last_name=f"Last{rng.randint(0, 9999):04d}", grade=rng.choice(grades),
               unit=rng.choice(units)) for i in range(PEOPLE))
    for k, person in enumerate(people[1:], start=1):
        person.line_manager_id = people[(k - 1) // 4].pk
    Person.objects.bulk_update(people[1:], ["line_manager"], batch_size=5000)
    today = dt.date.today()
    cycle = AppraisalCycle.objects.create(organisation=org, name="Bench year end",
                                          opens_on=today - dt.timedelta(days=10),
                                          closes_on=today + dt.timedelta(days=10))
    ratings = []
    for i, person in enumerate(people):
        rating = TalentRating(cycle=cycle, person=person,
                              performance=rng.choice([1, 2, 2, 2, 3]),
                              potential=rng.choice([1, 2, 2, 3]))
        if i % 25 == 0:
            rating.calibrated_performance = rng.randint(1, 3)
            rating.calibrated_potential = rng.randint(1, 3)
            rating.calibration_reason = "Bench"
            rating.calibrated_at = dt.datetime.now(dt.UTC)
        ratings.append(rating)
    TalentRating.objects.bulk_create(ratings, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Built {PEOPLE:,} rated people in one organisation in "
          f"{time.perf_counter() - start:.1f} s")

    hop, _ = get_or_create_account(email="bench-ninebox-hop@example.org", actor=None)
    grant_role(user=hop, role="head_of_profession", organisation=org, actor=None)
    client = Client()
    client.force_login(hop, backend="django.contrib.auth.backends.ModelBackend")
    grade = grades[len(grades) // 2]
    health = health_check_ms(client)
    record_timed("/healthz", (health, health), health)
    for label, url in (
        ("calibration page", f"/talent/identification/cycles/{cycle.pk}/"),
        ("calibration page, one box", f"/talent/identification/cycles/{cycle.pk}/?box=5"),
        ("calibration page, by grade", f"/talent/identification/cycles/{cycle.pk}/"
                                       f"?grade={grade.pk}"),
        ("GET /api/v1/talent/cycles/N/ninebox/", f"/api/v1/talent/cycles/{cycle.pk}/ninebox/"),
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        median, p90 = timed(lambda url=url: client.get(url), REPEATS)
        print(f"Nine-box {label} ({PEOPLE:,} rated): median {median} ms, p90 {p90} ms "
              f"({REPEATS} requests)")
        record_timed(f"nine-box {label} ({PEOPLE:,} rated)", (median, p90), health)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
