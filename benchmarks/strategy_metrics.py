"""The strategy metrics computed from Cadre's own data (issue 19 point 3: "a benchmark
computes the whole metric set for 50,000 people and 50 organisations in under 5 s").

``python -m benchmarks.strategy_metrics`` (also run by ``make bench``). Writes, in bulk,
``BENCH_STRATEGY_PEOPLE`` people (default 50,000) over ``BENCH_STRATEGY_ORGS``
organisations (default 50), one in eight contingent with a day rate, each with a workforce
record (six in ten in the profession), and for the period measured (the financial year
before this one): a self-assessment round each (six in ten completed), development plans
for four in ten (half agreed), awards for one in ten, one vacancy per ten people (one in
seven at a Senior Civil Service grade, half filled, each fill in the vacancy's
history), one completed managed move per 25 people, apprentice starts for one in fifty,
one in 47 people a fast streamer with two published postings, two spend lines per person
and a critical post per 25 people with successors. The database is
``BENCH_DATABASE_URL`` (or a fresh SQLite file; a database already holding the people is
reused).

Then it measures, median and 90th percentile of ``BENCH_REPEATS`` runs (after one first
run), each source's ``compute`` and the whole set (``compute_all``), with the queries of
one run, beside the baseline of the same run: one grouped count of the people in post by
organisation (the least any per-organisation figure over the workforce costs).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from benchmarks.common import record, setup_fresh_django, tables_from_models, timed

if TYPE_CHECKING:
    from cadre.strategy.selectors.metric_sources import Period

PEOPLE = int(os.environ.get("BENCH_STRATEGY_PEOPLE", "50000"))
ORGS = int(os.environ.get("BENCH_STRATEGY_ORGS", "50"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "10"))
TARGET_MS = 5000
PREFIX = "Bench strategy"
BATCH = 5000


def _period() -> Period:
    from django.utils import timezone

    from cadre.strategy.selectors.metric_sources import Period

    today = timezone.localdate()
    first = today.year - 1 if today.month >= 4 else today.year - 2
    return Period(label=f"{first}-{(first + 1) % 100:02d}", start=dt.date(first, 4, 1),
                  end=dt.date(first + 1, 3, 31))


def _build(period: Period) -> None:  # noqa: PLR0915 - one straight list of bulk writes
    """Everything every source reads, in bulk (a few seconds at 50,000 people)."""
    import random

    from django.utils import timezone

    from cadre.accreditation.models import Award, Scheme, SchemeLevel
    from cadre.assessments.models import AssessmentRound, DevelopmentPlan
    from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
    from cadre.learning.models import MatchStatus, SpendImport, SpendLine
    from cadre.mobility.models import MoveRequest, Vacancy
    from cadre.organisations.models import Grade, GradeScheme, Organisation, OrganisationType
    from cadre.people.models import EmploymentType, Person
    from cadre.programmes.models import (
        Apprentice,
        ApprenticeCohort,
        ApprenticeshipStandard,
        FastStreamer,
        Intake,
        Posting,
        PostingOffer,
        PostingRound,
    )
    from cadre.programmes.models import Scheme as FastStreamScheme
    from cadre.talent.models import CriticalPost, Readiness, Successor
    from cadre.workforce.models import WorkforceRecord

    rng = random.Random(19)
    start, end = period.start, period.end
    days = (end - start).days

    def day(i: int) -> dt.date:
        return start + dt.timedelta(days=(i * 7919) % days)

    def moment(on: dt.date, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(on, dt.time(hour)))

    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"{PREFIX} {i}", abbreviation=f"BS{i:03d}",
                     type=OrganisationType.MINISTERIAL_DEPARTMENT) for i in range(ORGS))
    g7 = Grade.objects.create(code="BSG7", name="Bench G7", scheme=GradeScheme.CIVIL_SERVICE,
                              rank=6)
    scs = Grade.objects.create(code="BSSCS1", name="Bench SCS1",
                               scheme=GradeScheme.CIVIL_SERVICE, rank=9,
                               is_senior_civil_service=True)
    fw = Framework.objects.create(name=f"{PREFIX} framework", version="1")
    family = RoleFamily.objects.create(framework=fw, name=f"{PREFIX} family")
    role = Role.objects.create(framework=fw, family=family, name=f"{PREFIX} role")
    level = RoleLevel.objects.create(framework=fw, role=role, name="Practitioner", order=0,
                                     seniority=4)
    kinds = [EmploymentType.PERMANENT] * 6 + [EmploymentType.FIXED_TERM,
                                              EmploymentType.CONTRACTOR]
    people = Person.objects.bulk_create(
        (Person(organisation=orgs[i % ORGS], staff_number=f"BS{i:07d}", first_name="Bench",
                last_name=f"Strategy {i}", grade=scs if i % 100 == 0 else g7,
                employment_type=kinds[i % 8],
                end_date=day(i) if i % 40 == 0 else None)
         for i in range(PEOPLE)), batch_size=BATCH)
    WorkforceRecord.objects.bulk_create(
        (WorkforceRecord(person=p, in_profession=rng.random() < 0.6,
                         day_rate=Decimal(400 + i % 500) if i % 8 == 7 else None)
         for i, p in enumerate(people)), batch_size=BATCH)
    DevelopmentPlan.objects.bulk_create(
        (DevelopmentPlan(person=p, state="agreed" if i % 2 else "draft")
         for i, p in enumerate(people) if i % 5 < 2), batch_size=BATCH)
    scheme = Scheme.objects.create(name=f"{PREFIX} scheme")
    slevel = SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    Award.objects.bulk_create(
        (Award(person=p, level=slevel, awarded_on=start - dt.timedelta(days=100),
               expires_on=end + dt.timedelta(days=300 - i % 600), status_index=500_000 + i)
         for i, p in enumerate(people[::10])), batch_size=BATCH)
    AssessmentRound.objects.bulk_create(
        (AssessmentRound(person=p, role_level=level,
                         state="completed" if i % 10 < 6 else "submitted",
                         completed_at=moment(day(i) + dt.timedelta(days=20))
                         if i % 10 < 6 else None)
         for i, p in enumerate(people)), batch_size=BATCH)
    AssessmentRound.objects.update(started_at=moment(start + dt.timedelta(days=30)))
    vacancies = Vacancy.objects.bulk_create(
        (Vacancy(organisation=orgs[i % ORGS], title=f"{PREFIX} vacancy {i}", role_level=level,
                 grade=scs if i % 7 == 0 else g7, closing_date=day(i) + dt.timedelta(30),
                 state="filled" if i % 2 else "open", opened_on=day(i),
                 filled_by=people[(i * 37) % PEOPLE] if i % 2 else None)
         for i in range(PEOPLE // 10)), batch_size=BATCH)
    history = Vacancy.history.model
    history.objects.bulk_create(
        (history(id=v.pk, organisation_id=v.organisation_id, title=v.title,
                 role_level_id=v.role_level_id, grade_id=v.grade_id,
                 closing_date=v.closing_date, state=v.state, opened_on=v.opened_on,
                 filled_by_id=v.filled_by_id, hybrid=True, security_clearance="bpss",
                 created_at=moment(v.opened_on), updated_at=moment(v.opened_on),
                 history_date=moment(v.opened_on + dt.timedelta(days=i % 60)),
                 history_type="~")
         for i, v in enumerate(vacancies) if v.state == "filled"), batch_size=BATCH)
    MoveRequest.objects.bulk_create(
        (MoveRequest(person=p, releasing=orgs[i % ORGS], receiving=orgs[(i + 1) % ORGS],
                     state="completed", completed_at=moment(day(i)))
         for i, p in enumerate(people[::25])), batch_size=BATCH)
    MoveRequest.objects.update(proposed_at=moment(start - dt.timedelta(days=30)))
    standard = ApprenticeshipStandard.objects.create(
        reference_number="ST9999", version="1.0", title=f"{PREFIX} standard", level=4,
        route="Digital", typical_duration=24, max_funding=18000)
    cohort = ApprenticeCohort.objects.create(name=f"{PREFIX} cohort", standard=standard,
                                             starts_on=start)
    Apprentice.objects.bulk_create(
        (Apprentice(person=p, cohort=cohort, employer=p.organisation, training_provider="X",
                    started_on=day(i)) for i, p in enumerate(people[3::50])), batch_size=BATCH)
    fs_scheme = FastStreamScheme.objects.create(name=f"{PREFIX} scheme", posting_pattern=[6, 6])
    intake = Intake.objects.create(scheme=fs_scheme, year=start.year)
    streamers = FastStreamer.objects.bulk_create(
        (FastStreamer(person=p, intake=intake, home_organisation=p.organisation)
         for p in people[7::47]), batch_size=BATCH)
    for r, on in enumerate((start + dt.timedelta(days=10), start + dt.timedelta(days=190))):
        rnd = PostingRound.objects.create(scheme=fs_scheme, name=f"{PREFIX} round {r}",
                                          starts_on=on, state="published")
        offers = PostingOffer.objects.bulk_create(
            (PostingOffer(round=rnd, title=f"Offer {i}", host_organisation_id=(
                s.home_organisation_id if i % 3 <= r else orgs[(i * (r + 3)) % ORGS].pk))
             for i, s in enumerate(streamers)),
            batch_size=BATCH)
        Posting.objects.bulk_create(
            (Posting(round=rnd, fast_streamer=s, offer=o)
             for s, o in zip(streamers, offers, strict=True)), batch_size=BATCH)
    for org in orgs:
        SpendImport.objects.create(organisation=org, filename=f"{PREFIX}.csv")
    imports = {s.organisation_id: s.pk for s in SpendImport.objects.filter(
        filename=f"{PREFIX}.csv")}
    SpendLine.objects.bulk_create(
        (SpendLine(spend_import_id=imports[p.organisation_id],
                   organisation_id=p.organisation_id, row=2 * i + k, spent_on=day(2 * i + k),
                   year=start.year, supplier_text="Supplier", amount=Decimal(50 + i % 400),
                   match_status=MatchStatus.MATCHED)
         for i, p in enumerate(people) for k in range(2)), batch_size=BATCH * 2)
    posts = CriticalPost.objects.bulk_create(
        (CriticalPost(organisation=p.organisation, title=f"Post {i}", role_level=level,
                      incumbent=p) for i, p in enumerate(people[::25])), batch_size=BATCH)
    readiness = [Readiness.NOW, Readiness.ONE_TO_TWO, Readiness.THREE_PLUS]
    Successor.objects.bulk_create(
        (Successor(post=post, person=people[(i * 13 + k) % PEOPLE], readiness=readiness[k])
         for i, post in enumerate(posts) for k in range(i % 3)), batch_size=BATCH)


def _queries(func: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def main() -> int:
    setup_fresh_django("strategy-metrics")
    tables_from_models()
    from cadre.people.models import Person
    from cadre.strategy.selectors import metric_sources as ms

    period = _period()
    from django.db import connection

    if not Person.objects.filter(staff_number="BS0000000").exists():
        _build(period)
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load: statistics for the planner
            # and the visibility map that lets index-only scans skip the tables.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql"
                           else "ANALYZE")

    engine = connection.vendor
    people = Person.objects.filter(staff_number__startswith="BS").count()
    print(f"Strategy metrics over {people:,} people, {ORGS} organisations ({engine}), "
          f"period {period.label}")
    baseline = timed(lambda: ms.headcount(period.end), max(REPEATS, 20), 2)
    record(f"baseline: grouped headcount [{engine}, {people:,} people]", baseline[0],
           p90_ms=baseline[1])
    for key, source in ms.SOURCES.items():
        whole = source.compute(period)[None]
        print(f"    {source.name}, whole of government: {whole.value} ({whole.people} people)")
        median, p90 = timed(lambda s=source: s.compute(period), REPEATS, 2)
        record(f"{key} [{engine}]", median, baseline="grouped headcount",
               baseline_value=baseline[0], p90_ms=p90,
               queries=_queries(lambda s=source: s.compute(period)))
    ms.compute_all(period)
    median, p90 = timed(lambda: ms.compute_all(period), REPEATS, 1)
    queries = _queries(lambda: ms.compute_all(period))
    record(f"whole metric set [{engine}, {people:,} people, {ORGS} organisations]", median,
           baseline="grouped headcount", baseline_value=baseline[0], p90_ms=p90,
           queries=queries, target_ms=TARGET_MS)
    if median >= TARGET_MS:
        print(f"  whole metric set: {median} ms, over the {TARGET_MS} ms target")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
