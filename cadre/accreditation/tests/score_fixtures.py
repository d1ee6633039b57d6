"""An application with two allocated assessors, for the assessment and decision tests.

Framework "Score framework" (levels 1..7), family Software (its role requires Programming
and Testing); Ethics is in no family. Scheme "Technology profession" (appeals within 28
days), level "Senior practitioner" with published criteria version 1:

1. ``skills``: at least 2 Software skills at level 4 or above;
2. ``conduct``: a professional conduct statement.

a_staff1 (account ``applicant``) applies, supported by a_manager (account ``supporter``);
their line manager agreed Programming 5, Testing 4 and Ethics 3. The application is in the
round "Autumn", allocated to assessors ``one`` (b_head) and ``two`` (b_staff); a third
assessor ``barred`` (c_person, organisation C) is excluded (declared conflict), and a fourth,
``idle`` (c_idle), is in the pool but not allocated. ``runner`` is the central team (no
person); ``panellist`` and ``appeal_panellist`` are people of organisation C with no part in
the application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Application,
    Assessor,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Exclusion,
    ExclusionReason,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.services.workflow import transition_application
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import (
    Framework,
    Requirement,
    RoleFamily,
    RoleLevel,
    Skill,
    SkillLevel,
)
from cadre.framework.models import (
    Role as FrameworkRole,
)
from cadre.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory


@dataclass
class Scored:
    application: Application
    skills: Criterion
    conduct: Criterion
    one: Allocation
    two: Allocation
    applicant: Any
    supporter: Any
    assessor_one: Any
    assessor_two: Any
    assessor_barred: Any
    assessor_idle: Any
    runner: Any
    panellist: Person
    appeal_panellist: Person
    programming: Skill
    testing: Skill
    ethics: Skill
    levels: dict[int, SkillLevel]


def _framework() -> tuple[dict[int, SkillLevel], RoleFamily, dict[str, Skill]]:
    framework = Framework.objects.create(name="Score framework", version="1", is_default=True)
    levels = {i: SkillLevel.objects.create(framework=framework, name=f"Level {i}", ordinal=i)
              for i in range(1, 8)}
    software = RoleFamily.objects.create(framework=framework, name="Software")
    skills = {n: Skill.objects.create(framework=framework, name=n)
              for n in ("Programming", "Testing", "Ethics")}
    role = FrameworkRole.objects.create(framework=framework, family=software,
                                        name="Software engineer")
    rl = RoleLevel.objects.create(framework=framework, role=role, name="Senior", order=1,
                                  seniority=3)
    for name in ("Programming", "Testing"):
        Requirement.objects.create(role_level=rl, skill=skills[name], level=levels[4])
    return levels, software, skills


def _assessor(make_account: Any, person: Person) -> Any:
    Assessor.objects.create(person=person)
    return make_account(person=person)


@pytest.fixture
def scored(db, people, make_account) -> Scored:  # noqa: ANN001
    levels, software, skills = _framework()
    scheme = Scheme.objects.create(name="Technology profession", appeal_days=28)
    level = SchemeLevel.objects.create(scheme=scheme, name="Senior practitioner", ordinal=1)
    version = CriteriaVersion.objects.create(level=level, number=1,
                                             published_on=dt.date(2026, 1, 1))
    c_skills = Criterion.objects.create(version=version, position=1,
                                        kind=CriterionKind.SKILLS_AT_LEVEL,
                                        text="Two software skills at level 4", count=2,
                                        min_level=4)
    c_skills.families.set([software])
    conduct = Criterion.objects.create(version=version, position=2, kind=CriterionKind.CONDUCT,
                                       text="Professional conduct")
    today = timezone.localdate()
    round_ = AccreditationRound.objects.create(scheme=scheme, name="Autumn", opens_on=today,
                                               closes_on=today + dt.timedelta(days=30))
    for name, ordinal in (("Programming", 5), ("Testing", 4), ("Ethics", 3)):
        SkillAssessment.objects.create(person=people.a_staff1, skill=skills[name],
                                       level=levels[ordinal], source=Source.MANAGER)
    applicant = make_account(person=people.a_staff1)
    supporter = make_account(person=people.a_manager)
    application = Application.objects.create(
        person=people.a_staff1, level=level, criteria=version, round=round_,
        supporter=people.a_manager, supporter_confirmed_at=timezone.now(),
        state=Application.State.SUBMITTED, submitted_at=timezone.now())
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    c_person = PersonFactory(organisation=org_c, staff_number="C1", last_name="Cperson")
    c_idle = PersonFactory(organisation=org_c, staff_number="C2", last_name="Cidle")
    panellist = PersonFactory(organisation=org_c, staff_number="C3", last_name="Cpanel")
    appeal_panellist = PersonFactory(organisation=org_c, staff_number="C4", last_name="Cappeal")
    one_user = _assessor(make_account, people.b_head)
    two_user = _assessor(make_account, people.b_staff)
    barred_user = _assessor(make_account, c_person)
    idle_user = _assessor(make_account, c_idle)
    one = Allocation.objects.create(application=application, assessor=people.b_head.assessor)
    two = Allocation.objects.create(application=application, assessor=people.b_staff.assessor)
    Exclusion.objects.create(application=application, assessor=c_person.assessor,
                             reason=ExclusionReason.DECLARED)
    transition_application(actor=None, application_id=application.pk, action="allocate")
    application.refresh_from_db()
    return Scored(application, c_skills, conduct, one, two, applicant, supporter,
                  one_user, two_user, barred_user, idle_user,
                  make_account(Role.CENTRAL_TEAM), panellist, appeal_panellist,
                  skills["Programming"], skills["Testing"], skills["Ethics"], levels)
