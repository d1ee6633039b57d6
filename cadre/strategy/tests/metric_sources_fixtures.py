"""A small world for the computed strategy metrics (issue 19 point 3), worked by hand.

Period P = 1 April 2025 to 31 March 2026. Organisations A and B hold data; C holds none
(no figure for C from any source). Nobody has a start date except a4 (1 January 2026);
a5 left on 31 December 2025.

People (employment type, day rate, in the profession):
- A: a1 permanent, in profession, agreed plan, active award; a2 contractor (£500 a day,
  in profession); a3 consultant (£700, not in profession); a4 permanent from 1 Jan 2026
  (not classified); a5 permanent, left 31 Dec 2025 (in profession, active award, agreed
  plan: counted nowhere at the end of P).
- B: b1 interim (no day rate, in profession); b2 permanent (draft plan); b3 permanent
  (award expired on 1 Jan 2026).
In post on 31 March 2026: A 4 (a1-a4), B 3. On 1 April 2025: A 4 (a1, a2, a3, a5), B 3.

Hand-worked figures:
- contingent share: A 2/4 = 50%, B 1/3, whole 3/7.
- contingent day cost: A £1,200 (2 people); B no figure (nobody with a day rate);
  whole £1,200.
- in-profession headcount: A 2, B 1, whole 3.
- vacancies filled inside (policy 20 days): A opened in P v1 (filled day 14: inside), v2
  (filled day 44), v3 (open), v6 (SCS, filled day 91), v7 (SCS equivalent, open); v4
  withdrawn and v5 opened before P are left out: 1/5. B: v8 filled on day 20, the day
  the policy first lets B recruit outside (opened + 20 days, as mobility): 0/1.
  Whole 1/6.
- senior posts filled inside: A v6 filled, v7 open: 1/2; B no figure; whole 1/2.
- managed move days (mean, receiving organisation): A 10 and 20.5 -> 15.25 (2 moves);
  B 5 (1); whole 35.5/3. A move completed before P and a cancelled one are left out.
- assessment completion: A rounds started in P: a1 (completed in P), a2 (submitted),
  a1 again (completed after P): 1/3, 2 people; B b2 completed 1/1; whole 2/4, 3 people.
- development plan share: A 1/4, B 0/3, whole 1/7.
- accredited people: A 1, B 0, whole 1.
- apprentice starts: A 1 start in P (another before P) over 4 -> 25%; B 0/3; whole 1/7.
- fast streamers posted outside: A fs1 (to B: outside), fs2 (to A, and outside P to B):
  1/2; fs3 (home B) only in a round not published: no figure for B; whole 1/2.
- learning spend per head: A 1000 + 600 - 200 = £1,400 over 4 = £350 (a line before P
  left out); B £300 / 3 = £100; whole £1,700 / 7.
- senior posts filled inside through recruitment campaigns (appointments recorded in P):
  A r1 (SCS grade, inside), r2 (principal level at G7, outside), r3 (SCS-equivalent
  grade, inside); r4 (G7 practitioner, inside) is not senior, r5 was before P and r7 is
  offered, not appointed: 2/3. B r6 (SCS, outside): 0/1. Whole 2/4.
- succession coverage: A 3 posts, 1 with a successor ready now: 1/3; B 1 post with two
  ready now: 1/1; whole 2/4.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from cadre.accreditation.models import Award, SchemeLevel
from cadre.accreditation.models import Scheme as AccreditationScheme
from cadre.assessments.models import AssessmentRound, DevelopmentPlan
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel
from cadre.learning.models import MatchStatus, SpendImport, SpendLine
from cadre.mobility.models import MobilityPolicy, MoveRequest, Vacancy
from cadre.organisations.models import Grade, GradeScheme, Organisation
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
from cadre.recruitment.models import Application, Campaign, Candidate
from cadre.strategy.selectors.metric_sources import Period
from cadre.talent.models import CriticalPost, Readiness, Successor
from cadre.workforce.models import WorkforceRecord
from tests.factories import GradeFactory, OrganisationFactory, PersonFactory

PERIOD = Period(label="2025-26", start=dt.date(2025, 4, 1), end=dt.date(2026, 3, 31))


@dataclass
class World:
    a: Organisation
    b: Organisation
    c: Organisation
    people: SimpleNamespace
    refs: SimpleNamespace


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _person(org: Organisation, kind: str = EmploymentType.PERMANENT, **extra: Any) -> Person:
    return PersonFactory(organisation=org, employment_type=kind, **extra)


def build() -> World:
    a, b, c = (OrganisationFactory(name=f"Metric org {x}", abbreviation=f"MO{x}")
               for x in "ABC")
    g7 = GradeFactory()
    scs = GradeFactory(code="SCS1", name="Deputy director", rank=9,
                       is_senior_civil_service=True)
    scs_like = Grade.objects.create(code="NHS9", name="Band 9", scheme=GradeScheme.NHS,
                                    rank=9, civil_service_equivalent=scs)
    fw = Framework.objects.create(name="Metric framework", version="1")
    family = RoleFamily.objects.create(framework=fw, name="Metric family")
    role = Role.objects.create(framework=fw, family=family, name="Metric role")
    level = RoleLevel.objects.create(framework=fw, role=role, name="Practitioner", order=0,
                                     seniority=4)

    p = SimpleNamespace(
        a1=_person(a), a2=_person(a, EmploymentType.CONTRACTOR),
        a3=_person(a, EmploymentType.CONSULTANT),
        a4=_person(a, start_date=d("2026-01-01")), a5=_person(a, end_date=d("2025-12-31")),
        b1=_person(b, EmploymentType.INTERIM), b2=_person(b), b3=_person(b))
    for person, rate, prof in ((p.a1, None, True), (p.a2, "500", True), (p.a3, "700", False),
                               (p.a4, None, None), (p.a5, None, True), (p.b1, None, True),
                               (p.b2, None, None), (p.b3, None, False)):
        WorkforceRecord.objects.create(person=person, in_profession=prof,
                                       day_rate=Decimal(rate) if rate else None)
    for person, state in ((p.a1, "agreed"), (p.a5, "agreed"), (p.b2, "draft")):
        DevelopmentPlan.objects.create(person=person, state=state)

    # Accreditation.
    scheme = AccreditationScheme.objects.create(name="Metric scheme")
    slevel = SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    for i, (person, expires, status) in enumerate((
            (p.a1, "2027-01-01", Award.Status.ACTIVE), (p.a1, "2027-06-01", Award.Status.ACTIVE),
            (p.a2, "2027-01-01", Award.Status.SUSPENDED),
            (p.a5, "2027-01-01", Award.Status.ACTIVE),
            (p.b3, "2026-01-01", Award.Status.ACTIVE))):
        Award.objects.create(person=person, level=slevel, awarded_on=d("2024-01-01"),
                             expires_on=d(expires), status=status, status_index=9000 + i)

    # Vacancies and their fills (history dates planted).
    MobilityPolicy.objects.create(internal_days=20)
    vacancies = {}
    for name, org, grade, opened, state, filled in (
            ("v1", a, g7, "2025-05-01", "filled", "2025-05-15"),
            ("v2", a, g7, "2025-06-01", "filled", "2025-07-15"),
            ("v3", a, g7, "2025-07-01", "open", None),
            ("v4", a, g7, "2025-08-01", "withdrawn", None),
            ("v5", a, g7, "2024-12-01", "filled", "2024-12-02"),
            ("v6", a, scs, "2025-09-01", "filled", "2025-12-01"),
            ("v7", a, scs_like, "2025-10-01", "open", None),
            ("v8", b, g7, "2025-05-01", "filled", "2025-05-21")):
        vacancy = Vacancy.objects.create(organisation=org, title=name, role_level=level,
                                         grade=grade, closing_date=d(opened) + dt.timedelta(30),
                                         state="open", opened_on=d(opened))
        if filled:
            vacancy.state, vacancy.filled_by = state, p.b2
            vacancy.save()
            Vacancy.history.filter(id=vacancy.pk).exclude(state="filled").update(
                history_date=at(d(opened)))
            Vacancy.history.filter(id=vacancy.pk, state="filled").update(
                history_date=at(d(filled), 15))
        elif state != "open":
            vacancy.state = state
            vacancy.save()
        vacancies[name] = vacancy

    # Managed moves.
    for org, proposed, completed, state in (
            (a, at(d("2025-05-01")), at(d("2025-05-11")), "completed"),
            (a, at(d("2025-06-01")), at(d("2025-06-21"), 12), "completed"),
            (a, at(d("2025-01-01")), at(d("2025-03-01")), "completed"),
            (a, at(d("2025-05-01")), None, "cancelled"),
            (b, at(d("2025-07-01")), at(d("2025-07-06")), "completed")):
        move = MoveRequest.objects.create(person=p.b3, releasing=c, receiving=org, state=state,
                                          completed_at=completed)
        MoveRequest.objects.filter(pk=move.pk).update(proposed_at=proposed)

    # Assessment rounds.
    for person, started, state, completed in (
            (p.a1, "2025-05-01", "completed", "2025-06-01"),
            (p.a2, "2025-07-01", "submitted", None),
            (p.a1, "2025-08-01", "completed", "2026-04-10"),
            (p.a3, "2025-02-01", "completed", "2025-02-10"),
            (p.b2, "2025-09-01", "completed", "2025-09-10")):
        rnd = AssessmentRound.objects.create(
            person=person, role_level=level, state=state,
            completed_at=at(d(completed)) if completed else None)
        AssessmentRound.objects.filter(pk=rnd.pk).update(started_at=at(d(started), 9))

    # Apprentices.
    standard = ApprenticeshipStandard.objects.create(
        reference_number="ST0001", version="1.0", title="Metric standard", level=4,
        route="Digital", typical_duration=24, max_funding=18000)
    cohort = ApprenticeCohort.objects.create(name="Metric cohort", standard=standard,
                                             starts_on=d("2025-09-01"))
    Apprentice.objects.create(person=p.a1, cohort=cohort, employer=a, training_provider="X",
                              started_on=d("2025-09-01"))
    Apprentice.objects.create(person=p.a2, cohort=cohort, employer=a, training_provider="X",
                              started_on=d("2024-09-01"))

    # Fast Stream postings.
    fs_scheme = FastStreamScheme.objects.create(name="Metric scheme", posting_pattern=[6, 6])
    intake = Intake.objects.create(scheme=fs_scheme, year=2025)
    fs1, fs2 = (FastStreamer.objects.create(person=x, intake=intake, home_organisation=a)
                for x in (p.a3, p.a4))
    fs3 = FastStreamer.objects.create(person=p.b1, intake=intake, home_organisation=b)
    rounds = {name: PostingRound.objects.create(scheme=fs_scheme, name=name, starts_on=d(day),
                                                state=state)
              for name, day, state in (("R0", "2024-09-01", "published"),
                                       ("R1", "2025-09-01", "published"),
                                       ("R2", "2025-10-01", "allocated"))}

    def post(streamer: FastStreamer, rnd: str, host: Organisation) -> None:
        offer = PostingOffer.objects.create(round=rounds[rnd], host_organisation=host,
                                            title=f"Offer {rnd}")
        Posting.objects.create(round=rounds[rnd], fast_streamer=streamer, offer=offer)

    post(fs1, "R1", b)
    post(fs2, "R1", a)
    post(fs2, "R0", b)
    post(fs3, "R2", a)

    # Learning spend.
    for org, lines in ((a, (("2025-05-01", "1000"), ("2025-06-01", "600"),
                            ("2025-07-01", "-200"), ("2025-03-01", "5000"))),
                       (b, (("2025-10-01", "300"),))):
        spend = SpendImport.objects.create(organisation=org, filename="spend.csv")
        for row, (day, amount) in enumerate(lines, start=2):
            on = d(day)
            SpendLine.objects.create(
                spend_import=spend, organisation=org, row=row, spent_on=on,
                year=on.year if on.month >= 4 else on.year - 1, supplier_text="Supplier",
                amount=Decimal(amount), match_status=MatchStatus.UNMATCHED)

    # Succession.
    posts = [CriticalPost.objects.create(organisation=org, title=f"Post {i}", role_level=level)
             for i, org in enumerate((a, a, a, b))]
    for post_, person, readiness in ((posts[0], p.a2, Readiness.NOW),
                                     (posts[1], p.a3, Readiness.ONE_TO_TWO),
                                     (posts[3], p.b2, Readiness.NOW),
                                     (posts[3], p.b3, Readiness.NOW)):
        Successor.objects.create(post=post_, person=person, readiness=readiness)

    # Recruitment campaigns and their appointments.
    principal = RoleLevel.objects.create(framework=fw, role=role, name="Principal", order=1,
                                         seniority=10)
    for name, org, grade, rlevel, internal, state, day in (
            ("r1", a, scs, level, True, "appointed", "2025-06-10"),
            ("r2", a, g7, principal, False, "appointed", "2025-08-01"),
            ("r3", a, scs_like, level, True, "appointed", "2025-11-01"),
            ("r4", a, g7, level, True, "appointed", "2025-07-01"),
            ("r5", a, scs, level, True, "appointed", "2025-03-01"),
            ("r6", b, scs, level, False, "appointed", "2025-09-01"),
            ("r7", a, scs, level, True, "offered", "2025-09-01")):
        on = d(day)
        campaign = Campaign.objects.create(
            organisation=org, title=name, role_level=rlevel, grade=grade, location="Leeds",
            closing_date=on - dt.timedelta(days=30), state="closed",
            opened_at=at(on - dt.timedelta(days=60)))
        Application.objects.create(
            campaign=campaign, candidate=Candidate.objects.create(name=f"Candidate {name}"),
            internal=internal, state=state, submitted_at=at(on - dt.timedelta(days=50)),
            closed_at=at(on, 11) if state == "appointed" else None)

    refs = SimpleNamespace(g7=g7, scs=scs, level=level, vacancies=vacancies, cohort=cohort,
                           intake=intake, rounds=rounds, scheme_level=slevel,
                           standard=standard, fs_scheme=fs_scheme, principal=principal)
    return World(a=a, b=b, c=c, people=p, refs=refs)
