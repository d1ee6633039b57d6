"""The computed strategy metrics make as many queries with 300 more people (and their
vacancies, moves, rounds, awards, apprentices, postings, spend, successors and
recruitment appointments) as on the
small world, and at most three each: their cost grows with the rows the database reads,
not with Python work per person (the house check, as ``tests/test_query_counts_flat.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.accreditation.models import Award
from cadre.assessments.models import AssessmentRound, DevelopmentPlan
from cadre.learning.models import MatchStatus, SpendImport, SpendLine
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.people.models import EmploymentType, Person
from cadre.programmes.models import Apprentice, FastStreamer, Posting, PostingOffer
from cadre.recruitment.models import Application, Campaign, Candidate
from cadre.strategy.selectors.metric_sources import SOURCES
from cadre.strategy.tests.metric_sources_fixtures import PERIOD, World, at, build
from cadre.talent.models import CriticalPost, Readiness, Successor
from cadre.workforce.models import WorkforceRecord

pytestmark = pytest.mark.django_db

GROW = 300
KINDS = [EmploymentType.PERMANENT, EmploymentType.CONTRACTOR, EmploymentType.INTERIM]


def _grow(world: World) -> None:
    """GROW more people over A and B, in bulk, each with rows every source reads."""
    refs = world.refs
    made = Person.objects.bulk_create(
        Person(organisation=world.a if i % 2 else world.b, staff_number=f"G{i:05d}",
               first_name="Grown", last_name=f"Person {i}", employment_type=KINDS[i % 3])
        for i in range(GROW))
    WorkforceRecord.objects.bulk_create(
        WorkforceRecord(person=p, in_profession=i % 2 == 0,
                        day_rate=Decimal("450") if i % 3 else None)
        for i, p in enumerate(made))
    DevelopmentPlan.objects.bulk_create(DevelopmentPlan(person=p, state="agreed")
                                        for p in made[::2])
    Award.objects.bulk_create(
        Award(person=p, level=refs.scheme_level, awarded_on=dt.date(2025, 1, 1),
              expires_on=dt.date(2027, 1, 1), status_index=20000 + i)
        for i, p in enumerate(made[::3]))
    rounds = AssessmentRound.objects.bulk_create(
        AssessmentRound(person=p, role_level=refs.level, state="completed",
                        completed_at=at(dt.date(2025, 6, 1))) for p in made)
    AssessmentRound.objects.filter(pk__in=[r.pk for r in rounds]).update(
        started_at=at(dt.date(2025, 5, 1)))
    vacancies = Vacancy.objects.bulk_create(
        Vacancy(organisation=p.organisation, title="Grown", role_level=refs.level,
                grade=refs.scs if i % 5 == 0 else refs.g7, closing_date=dt.date(2025, 8, 1),
                state="filled", opened_on=dt.date(2025, 7, 1), filled_by=p)
        for i, p in enumerate(made))
    history = Vacancy.history.model
    history.objects.bulk_create(
        history(id=v.pk, organisation_id=v.organisation_id, title=v.title,
                role_level_id=v.role_level_id, grade_id=v.grade_id,
                closing_date=v.closing_date, state="filled", opened_on=v.opened_on,
                filled_by_id=v.filled_by_id, hybrid=True, security_clearance="bpss",
                created_at=at(dt.date(2025, 7, 1)), updated_at=at(dt.date(2025, 7, 1)),
                history_date=at(dt.date(2025, 7, 10)), history_type="~")
        for v in vacancies)
    MoveRequest.objects.bulk_create(
        MoveRequest(person=p, releasing=world.c, receiving=p.organisation, state="completed",
                    completed_at=at(dt.date(2025, 9, 1))) for p in made)
    Apprentice.objects.bulk_create(
        Apprentice(person=p, cohort=refs.cohort, employer=p.organisation,
                   training_provider="X", started_on=dt.date(2025, 9, 1)) for p in made[::4])
    streamers = FastStreamer.objects.bulk_create(
        FastStreamer(person=p, intake=refs.intake, home_organisation=p.organisation)
        for p in made[1::4])
    r1 = refs.rounds["R1"]
    offers = PostingOffer.objects.bulk_create(
        PostingOffer(round=r1, host_organisation=world.b if i % 2 else world.a, title="Grown")
        for i in range(len(streamers)))
    Posting.objects.bulk_create(Posting(round=r1, fast_streamer=s, offer=o)
                                for s, o in zip(streamers, offers, strict=True))
    spend = SpendImport.objects.create(organisation=world.a, filename="grown.csv")
    SpendLine.objects.bulk_create(
        SpendLine(spend_import=spend, organisation=p.organisation, row=i + 2,
                  spent_on=dt.date(2025, 10, 1), year=2025, supplier_text="S",
                  amount=Decimal("25"), match_status=MatchStatus.MATCHED)
        for i, p in enumerate(made))
    posts = CriticalPost.objects.bulk_create(
        CriticalPost(organisation=p.organisation, title="Grown", role_level=refs.level)
        for p in made[::5])
    Successor.objects.bulk_create(Successor(post=post, person=made[i], readiness=Readiness.NOW)
                                  for i, post in enumerate(posts[::2]))
    campaigns = Campaign.objects.bulk_create(
        Campaign(organisation=p.organisation, title="Grown", role_level=refs.level,
                 grade=refs.scs, location="Leeds", closing_date=dt.date(2025, 8, 1),
                 state="closed", opened_at=at(dt.date(2025, 7, 1))) for p in made[::3])
    candidates = Candidate.objects.bulk_create(Candidate(name="Grown") for _ in campaigns)
    Application.objects.bulk_create(
        Application(campaign=c, candidate=k, internal=i % 2 == 0, state="appointed",
                    submitted_at=at(dt.date(2025, 7, 2)), closed_at=at(dt.date(2025, 9, 1)))
        for i, (c, k) in enumerate(zip(campaigns, candidates, strict=True)))


def _queries(key: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        figures = SOURCES[key].compute(PERIOD)
    return len(captured), figures


def test_query_counts_stay_flat_as_the_data_grows() -> None:
    world = build()
    small = {key: _queries(key) for key in SOURCES}
    _grow(world)
    large = {key: _queries(key) for key in SOURCES}
    for key in SOURCES:
        assert small[key][0] == large[key][0] <= 3, key
        # The grown data is counted (the figures moved), so the same queries read it.
        assert large[key][1][None] != small[key][1][None], key
