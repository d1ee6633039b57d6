"""The impact of taking part (issue 18 point 6) over a large workforce.

``python -m benchmarks.community_impact`` (also run by ``make bench``). Writes
``BENCH_COMMUNITY_IMPACT_PEOPLE`` people (default 20,000) over 20 organisations of 4
types, 4 grades and 6 role families (capability profiles), each with a history record
dated two years ago, and two agreed assessments of 3 skills (a year and a half ago and
half a year ago); one in ten joined a community last year (a day spread over the year)
and one in fifty was promoted a year ago. The database is ``BENCH_DATABASE_URL`` (or a
fresh SQLite file). Then it measures, signed in as the central team, the impact page and
API for last year beside the health check (``/healthz``), and the queries of one request
(two grouped queries whatever the size).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import datetime as dt  # noqa: E402

import numpy as np  # noqa: E402

from benchmarks.common import (  # noqa: E402
    health_check_ms,
    measure_url,
    record,
    setup_fresh_django,
    tables_from_models,
)

PEOPLE = int(os.environ.get("BENCH_COMMUNITY_IMPACT_PEOPLE", "20000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "10"))
TARGET_MS = 2000
PREFIX = "Bench impact"


def _build() -> int:
    """The workforce, its history, assessments and memberships; the year compared."""
    from django.utils import timezone

    from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
    from cadre.community.models import Community, Membership
    from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel, Skill, SkillLevel
    from cadre.organisations.models import Grade, GradeScheme, Organisation, OrganisationType
    from cadre.people.models import Person

    rng = np.random.default_rng(18)
    today = timezone.localdate()
    year = today.year - 1
    types = [OrganisationType.MINISTERIAL_DEPARTMENT, OrganisationType.AGENCY,
             OrganisationType.LOCAL_AUTHORITY, OrganisationType.NHS_BODY]
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"{PREFIX} {i}", abbreviation=f"BI{i:02d}", type=types[i % 4])
        for i in range(20))
    grades = Grade.objects.bulk_create(
        Grade(code=f"BI{r}", name=f"Bench grade {r}", scheme=GradeScheme.CIVIL_SERVICE, rank=r)
        for r in range(4))
    fw = Framework.objects.create(name=f"{PREFIX} framework", version="1")
    scale = SkillLevel.objects.bulk_create(
        SkillLevel(framework=fw, name=f"L{i}", ordinal=i) for i in range(1, 6))
    skills = Skill.objects.bulk_create(
        Skill(framework=fw, name=f"{PREFIX} skill {i}") for i in range(3))
    levels = []
    for f in range(6):
        family = RoleFamily.objects.create(framework=fw, name=f"{PREFIX} family {f}")
        role = Role.objects.create(framework=fw, family=family, name=f"{PREFIX} role {f}")
        levels.append(RoleLevel.objects.create(framework=fw, role=role, name="Practitioner",
                                               order=0, seniority=4))
    org_ix = rng.integers(0, 20, PEOPLE)
    grade_ix = rng.integers(0, 3, PEOPLE)
    people = Person.objects.bulk_create(
        (Person(organisation=orgs[int(org_ix[i])], grade=grades[int(grade_ix[i])],
                staff_number=f"BI{i:06d}", first_name="Bench", last_name=f"Impact {i}")
         for i in range(PEOPLE)), batch_size=5000)
    history = Person.history.model
    then = timezone.now() - dt.timedelta(days=730)
    history.objects.bulk_create(
        (history(id=p.pk, organisation_id=p.organisation_id, grade_id=p.grade_id,
                 staff_number=p.staff_number, first_name=p.first_name, last_name=p.last_name,
                 employment_type=p.employment_type, history_date=then, history_type="+")
         for p in people), batch_size=5000)
    promoted = [p for i, p in enumerate(people) if i % 50 == 0]
    history.objects.bulk_create(
        (history(id=p.pk, organisation_id=p.organisation_id,
                 grade_id=grades[int(grade_ix[i * 50]) + 1].pk, staff_number=p.staff_number,
                 first_name=p.first_name, last_name=p.last_name,
                 employment_type=p.employment_type,
                 history_date=timezone.now() - dt.timedelta(days=365), history_type="~")
         for i, p in enumerate(promoted)), batch_size=5000)
    CapabilityProfile.objects.bulk_create(
        (CapabilityProfile(person=p, current_role_level=levels[i % 6])
         for i, p in enumerate(people)), batch_size=5000)
    before, after = today - dt.timedelta(days=550), today - dt.timedelta(days=180)
    draws = rng.integers(1, 5, (PEOPLE, 3, 2))
    SkillAssessment.objects.bulk_create(
        (SkillAssessment(person=p, skill=skills[s], level=scale[int(draws[i, s, k])],
                         source=Source.MANAGER, assessed_on=on)
         for i, p in enumerate(people) for s in range(3)
         for k, on in enumerate((before, after))), batch_size=10000)
    community = Community.objects.create(name=f"{PREFIX} community")
    days = rng.integers(0, 365, PEOPLE)
    Membership.objects.bulk_create(
        (Membership(community=community, person=p,
                    joined_on=dt.date(year, 1, 1) + dt.timedelta(days=int(days[i]) % 365))
         for i, p in enumerate(people) if i % 10 == 3), batch_size=5000)
    return year


def main() -> int:
    setup_fresh_django("community-impact")
    tables_from_models()
    year = _build()
    from django.db import connection
    from django.test import Client

    from cadre.access.services import get_or_create_account, grant_role

    central, _ = get_or_create_account(email="bench-impact-central@example.org", actor=None)
    grant_role(user=central, role="central_team", actor=None)
    client = Client()
    client.force_login(central, backend="django.contrib.auth.backends.ModelBackend")
    health = health_check_ms(client)
    engine = connection.vendor
    print(f"Community impact over {PEOPLE:,} people ({engine}); health check {health} ms")
    failed = False
    for name, url in (("impact (API)", f"/api/v1/community/impact/?year={year}"),
                      ("impact page", f"/community/impact/?year={year}")):
        result = measure_url(client, url, REPEATS)
        print(f"    first request {result['first_ms']} ms, p90 {result['p90_ms']} ms, "
              f"{result['queries']} queries")
        record(f"{name} [{engine}, {PEOPLE:,} people]", result["median_ms"],
               baseline="health check", baseline_value=health, p90_ms=result["p90_ms"],
               first_ms=result["first_ms"], queries=result["queries"], target_ms=TARGET_MS)
        if result["median_ms"] >= TARGET_MS:
            print(f"  {name}: over the {TARGET_MS} ms target")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
