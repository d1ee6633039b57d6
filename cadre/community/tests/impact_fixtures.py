"""A small world for the impact figures (issue 18 point 6), worked by hand.

Year Y = last year; every participant joins the "Data" community on 1 March Y (so the
comparison date, the participants' median start, is 1 March Y too).

Stratum A (family Data, grade SEO, ministerial department):
- 7 participants. 6 have an agreed assessment before (level 2, 1 Feb Y) and after
  (level 3, 1 Sep Y): change +1. The 7th has no assessment after: left out of capability.
  The first also has a second skill assessed (4) only after: not counted (capability
  is compared over the skills assessed both before and after).
  2 of the 7 were promoted to G7 on 1 June Y. 5 of the 7 also attended an event in May Y.
- 8 comparison people: assessed 2 before and 2 after (change 0); 1 promoted on 1 June Y.
  Their self-assessments at level 4 are ignored (only agreed ones count).
Stratum B (family Data, grade G7, local authority): 2 participants and nobody to compare
them with: the stratum is dropped and counted.
Stratum C (no family, grade SEO, ministerial): 3 comparison people with no participants
(not used) and 1 person who joined a community the year before Y (in the comparison
group for Y); none assessed.

So: capability, overall: participants 6 (mean +1), comparison 8 (0), difference +1, no
spread (interval +1 to +1); 3 participants left out (1 in A and 2 in B: no assessment
before and after); comparison left out 4 (stratum C people).
Progression, overall: participants 7 (2/7), comparison 8 (1/8); stratum B dropped (2).
Events: 5 participants (all in A, all assessed, none of the promoted): capability 5 vs 8.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cadre.assessments.models import CapabilityProfile, SkillAssessment, Source
from cadre.community.models import (
    Attendance,
    Community,
    CommunityEvent,
    Membership,
    Registration,
    RegistrationStatus,
)
from cadre.framework.models import Framework, Role, RoleFamily, RoleLevel, Skill, SkillLevel
from cadre.organisations.models import Grade, GradeScheme, Organisation, OrganisationType
from cadre.people.models import Person


@dataclass
class World:
    year: int
    participants: list[Person]
    comparison: list[Person]


def _at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12))


def _backdate(person: Person, when: dt.datetime) -> None:
    Person.history.filter(id=person.pk).update(history_date=when)


def _promote(person: Person, grade: Grade, when: dt.datetime) -> None:
    person.grade = grade
    person.save()
    latest = Person.history.filter(id=person.pk).order_by("-history_id").first()
    Person.history.filter(history_id=latest.history_id).update(history_date=when)


def build_world() -> World:
    y = timezone.localdate().year - 1
    fw = Framework.objects.create(name="Impact framework", version="1")
    levels = {i: SkillLevel.objects.create(framework=fw, name=f"L{i}", ordinal=i)
              for i in range(1, 5)}
    skill = Skill.objects.create(framework=fw, name="Data modelling")
    other_skill = Skill.objects.create(framework=fw, name="Data quality")
    family = RoleFamily.objects.create(framework=fw, name="Data")
    role = Role.objects.create(framework=fw, family=family, name="Data analyst")
    level = RoleLevel.objects.create(framework=fw, role=role, name="Analyst", order=0,
                                     seniority=4)
    dept = Organisation.objects.create(name="Dept", abbreviation="DPT",
                                       type=OrganisationType.MINISTERIAL_DEPARTMENT)
    council = Organisation.objects.create(name="Council", abbreviation="CNL",
                                          type=OrganisationType.LOCAL_AUTHORITY)
    seo = Grade.objects.create(code="SEO", name="SEO", scheme=GradeScheme.CIVIL_SERVICE, rank=5)
    g7 = Grade.objects.create(code="G7", name="Grade 7", scheme=GradeScheme.CIVIL_SERVICE,
                              rank=6)
    community = Community.objects.create(name="Data community")
    earlier = Community.objects.create(name="Older community")
    event = CommunityEvent.objects.create(
        community=community, title="Meet-up", format="online", starts_at=_at(y, 5, 10),
        ends_at=_at(y, 5, 10) + dt.timedelta(hours=2), capacity=50, cpd_hours=2)
    counter = iter(range(1000))

    def person(org: Organisation, grade: Grade, *, with_family: bool = True) -> Person:
        n = next(counter)
        p = Person.objects.create(organisation=org, grade=grade, staff_number=f"I{n:04d}",
                                  first_name="P", last_name=f"{n}")
        _backdate(p, _at(y - 1, 1, 1))
        if with_family:
            CapabilityProfile.objects.create(person=p, current_role_level=level)
            CapabilityProfile.history.filter(person_id=p.pk).update(
                history_date=_at(y - 1, 1, 1))
        return p

    def assess(p: Person, before: int | None, after: int | None) -> None:
        for value, on in ((before, dt.date(y, 2, 1)), (after, dt.date(y, 9, 1))):
            if value is not None:
                SkillAssessment.objects.create(person=p, skill=skill, level=levels[value],
                                               source=Source.MANAGER, assessed_on=on)
                SkillAssessment.objects.create(person=p, skill=skill, level=levels[4],
                                               source=Source.SELF, assessed_on=on)

    participants = []
    for i in range(7):
        p = person(dept, seo)
        Membership.objects.create(community=community, person=p, joined_on=dt.date(y, 3, 1))
        assess(p, 2, 3 if i < 6 else None)
        if i == 0:  # a skill assessed only after: not in the change
            SkillAssessment.objects.create(person=p, skill=other_skill, level=levels[4],
                                           source=Source.VALIDATED, assessed_on=dt.date(y, 9, 2))
        if i in (5, 6):
            _promote(p, g7, _at(y, 6, 1))
        if i < 5:
            Registration.objects.create(event=event, person=p,
                                        status=RegistrationStatus.REGISTERED,
                                        registered_at=_at(y, 4, 1),
                                        attendance=Attendance.ATTENDED)
        participants.append(p)
    for _ in range(2):
        p = person(council, g7)
        Membership.objects.create(community=community, person=p, joined_on=dt.date(y, 3, 1))
        participants.append(p)
    comparison = []
    for i in range(8):
        p = person(dept, seo)
        assess(p, 2, 2)
        if i == 0:
            _promote(p, g7, _at(y, 6, 1))
        comparison.append(p)
    for _ in range(3):
        person(dept, seo, with_family=False)
    old = person(dept, seo, with_family=False)
    Membership.objects.create(community=earlier, person=old, joined_on=dt.date(y - 1, 6, 1))
    # A leaver before the comparison date is in neither group.
    gone = person(dept, seo)
    gone.end_date = dt.date(y, 1, 31)
    gone.save()
    assess(gone, 2, None)
    return World(year=y, participants=participants, comparison=comparison)
