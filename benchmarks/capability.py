"""Capability benchmarks: gap analysis, the organisation heat grid, the team matrix page.

``python -m benchmarks.capability`` (also run by ``make bench``). Builds 10,000
people in one organisation on the default framework's role levels, each with
agreed assessments of the skills their level needs, in a fresh SQLite file.
"""

from __future__ import annotations

import os
import random
import time

from benchmarks.common import health_check_ms, record, setup_fresh_django, timed

PEOPLE = int(os.environ.get("BENCH_CAPABILITY_PEOPLE", "10000"))


def main() -> int:
    setup_fresh_django("capability")
    import io

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role
    from cadre.assessments import selectors
    from cadre.assessments.coverage import coverage
    from cadre.assessments.models import CapabilityProfile, SkillAssessment
    from cadre.framework.models import RoleLevel
    from cadre.framework.selectors import default_framework
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())
    framework = default_framework()
    org = Organisation.objects.create(name="Bench department", abbreviation="BENCH",
                                      type="ministerial_department")
    rng = random.Random(4)  # noqa: S311
    levels = list(RoleLevel.objects.filter(framework=framework))
    needs = {lv.pk: list(lv.requirements.values_list("skill_id", "level_id")) for lv in levels}
    scale = {lv.pk: lv.ordinal for lv in framework.levels.all()}
    by_ordinal = {o: pk for pk, o in scale.items()}
    start = time.perf_counter()
    manager = Person.objects.create(organisation=org, staff_number="M0", first_name="Bench",
                                    last_name="Manager")
    people = Person.objects.bulk_create(
        Person(organisation=org, staff_number=f"P{i:05d}", first_name="P", last_name=f"{i}",
               line_manager=manager if i < 10 else None) for i in range(PEOPLE))
    chosen = [rng.choice(levels) for _ in people]
    CapabilityProfile.objects.bulk_create(
        CapabilityProfile(person=p, current_role_level=lv) for p, lv in zip(people, chosen,
                                                                            strict=True))
    rows = []
    for person, level in zip(people, chosen, strict=True):
        for skill_id, level_id in needs[level.pk]:
            ordinal = max(1, min(4, scale[level_id] + rng.choice([-1, 0, 0, 1])))
            rows.append(SkillAssessment(person=person, skill_id=skill_id,
                                        level_id=by_ordinal[ordinal], source="manager"))
    SkillAssessment.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Built {PEOPLE:,} people with {len(rows):,} assessments on "
          f"{framework.skills.count()} skills in {time.perf_counter() - start:.1f} s")

    baseline = health_check_ms(Client())
    record("/healthz", baseline, baseline="health check", baseline_value=baseline)

    def keep(name: str, median: float, p90: float, **details: object) -> None:
        record(name, median, baseline="health check", baseline_value=baseline, p90_ms=p90,
               **details)

    start = time.perf_counter()
    data = selectors.coverage_inputs(Person.objects.filter(organisation=org), framework)
    loaded = time.perf_counter() - start
    families = sorted(set(data.families))
    index = {f: i for i, f in enumerate(families)}
    grid_start = time.perf_counter()
    coverage(data.required, data.held, [index[f] for f in data.families], len(families))
    grid = time.perf_counter() - grid_start
    print(f"Organisation heat grid, cold ({PEOPLE:,} people x {len(data.skills)} skills by "
          f"role family): load {loaded * 1000:.0f} ms + compute {grid * 1000:.1f} ms = "
          f"{(loaded + grid) * 1000:.0f} ms")
    keep(f"heat grid, cold, {PEOPLE:,} people: load", round(loaded * 1000, 1),
         round(loaded * 1000, 1))
    keep(f"heat grid, cold, {PEOPLE:,} people: compute", round(grid * 1000, 2),
         round(grid * 1000, 2))

    person = people[0]
    gap = timed(lambda: selectors.gap_report(person, chosen[0]), 50)
    print(f"Gap analysis for one person (database reads included): median {gap[0]} ms, "
          f"p90 {gap[1]} ms")
    keep("gap analysis, one person (database reads included)", gap[0], gap[1])

    hop, _ = get_or_create_account(email="bench-hop@example.org", actor=None)
    grant_role(user=hop, role="head_of_profession", organisation=org, actor=None)
    client = Client()
    client.force_login(hop, backend="django.contrib.auth.backends.ModelBackend")
    page = timed(lambda: client.get(f"/capability/organisations/{org.pk}/"), 5)
    print(f"Organisation coverage page ({PEOPLE:,} people): median {page[0]} ms, "
          f"p90 {page[1]} ms (5 requests)")
    keep(f"organisation coverage page ({PEOPLE:,} people)", page[0], page[1])
    boss, _ = get_or_create_account(email="bench-manager@example.org", actor=None)
    Person.objects.filter(pk=manager.pk).update(account=boss)
    client = Client()
    client.force_login(boss, backend="django.contrib.auth.backends.ModelBackend")
    team = timed(lambda: client.get("/capability/team/"), 30)
    print(f"Team matrix page (10 direct reports): median {team[0]} ms, p90 {team[1]} ms "
          "(30 requests)")
    keep("team matrix page (10 direct reports)", team[0], team[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
