"""An application at the review panel, for the credentials tests.

Framework "Cred framework" (levels 1..7, "Level 1".."Level 7"), skills Programming (code
PROG) and Testing (TEST). Scheme "Technology profession" (renewal 24 months) with levels
Practitioner (1) and Senior practitioner (2); Senior practitioner's published criteria
version 1 has two criteria. a_staff1 (account ``holder``) applied; the application is with
the panel and the panel validated Programming at 5 and Testing at 4. ``runner`` is the
central team (no person); ``stranger`` is b_staff's account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation.models import (
    Application,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Scheme,
    SchemeLevel,
)
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import Framework, Skill, SkillLevel


@dataclass
class CredSetup:
    scheme: Scheme
    senior: SchemeLevel
    application: Application
    holder: Any
    runner: Any
    stranger: Any
    programming: Skill
    testing: Skill


@pytest.fixture
def cred(db, people, make_account) -> CredSetup:  # noqa: ANN001
    framework = Framework.objects.create(name="Cred framework", version="2", is_default=True)
    levels = {i: SkillLevel.objects.create(framework=framework, name=f"Level {i}", ordinal=i)
              for i in range(1, 8)}
    programming = Skill.objects.create(framework=framework, name="Programming", code="PROG")
    testing = Skill.objects.create(framework=framework, name="Testing", code="TEST")
    scheme = Scheme.objects.create(name="Technology profession", renewal_months=24)
    SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    senior = SchemeLevel.objects.create(scheme=scheme, name="Senior practitioner", ordinal=2,
                                        description="Leads technical work across teams.")
    version = CriteriaVersion.objects.create(level=senior, number=1,
                                             published_on=dt.date(2026, 1, 1))
    Criterion.objects.create(version=version, position=1, kind=CriterionKind.SKILLS_AT_LEVEL,
                             count=2, min_level=4, text="Two skills at level 4 or above.")
    Criterion.objects.create(version=version, position=2, kind=CriterionKind.CONDUCT,
                             text="Keeps to the code of conduct.")
    holder = make_account(person=people.a_staff1)
    runner = make_account(Role.CENTRAL_TEAM)
    stranger = make_account(person=people.b_staff)
    application = Application.objects.create(
        person=people.a_staff1, level=senior, criteria=version, state=Application.State.PANEL,
        submitted_at=timezone.now() - dt.timedelta(days=20))
    for skill, level in ((programming, 5), (testing, 4)):
        SkillAssessment.objects.create(person=people.a_staff1, skill=skill, level=levels[level],
                                       source=Source.VALIDATED, assessed_by=runner)
    return CredSetup(scheme, senior, application, holder, runner, stranger, programming, testing)


def award_for(cred: CredSetup) -> Any:
    from cadre.accreditation.services.credentials import issue_award

    return issue_award(actor=cred.runner, application=cred.application)
