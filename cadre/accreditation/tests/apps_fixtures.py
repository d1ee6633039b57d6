"""A scheme to apply to, for the applications tests.

"Digital practice" has one level, "Practitioner", whose published criteria (version 1) are:
1. one skill at level 3 or above (any family); 2. a professional conduct statement.
A second version (2, a draft) is never current. A round "Spring" is open today.

a_staff1 (with an account) holds "Data analysis" at level 3, agreed by their line manager,
so they are eligible; a_staff2 has only a self-assessment, so they are not. a_manager and
b_head have accounts (supporters); a_other has none.
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
    CriteriaVersion,
    Criterion,
    CriterionKind,
    Scheme,
    SchemeLevel,
)
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import Framework, Skill, SkillLevel


@dataclass
class Setup:
    scheme: Scheme
    level: SchemeLevel
    version: CriteriaVersion
    skills_rule: Criterion
    conduct: Criterion
    round: AccreditationRound
    skill: Skill
    applicant: Any  # a_staff1's account
    supporter: Any  # a_manager's account
    other_supporter: Any  # b_head's account
    runner: Any  # central team
    stranger: Any  # an account with a person unrelated to the application


def make_scheme(people: Any, make_account: Any) -> Setup:
    framework = Framework.objects.filter(is_default=True).first() or Framework.objects.create(
        name="Test framework", version="1", is_default=True)
    levels = {}
    for ordinal in range(1, 8):
        levels[ordinal], _ = SkillLevel.objects.get_or_create(
            framework=framework, ordinal=ordinal, defaults={"name": f"Step {ordinal}"})
    skill, _ = Skill.objects.get_or_create(framework=framework, name="Data analysis")
    scheme = Scheme.objects.create(name="Digital practice")
    level = SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    version = CriteriaVersion.objects.create(
        level=level, number=1, published_on=timezone.localdate() - dt.timedelta(days=30))
    skills_rule = Criterion.objects.create(
        version=version, position=1, kind=CriterionKind.SKILLS_AT_LEVEL, count=1,
        min_level=3, text="Practise one skill at level 3 or above.")
    conduct = Criterion.objects.create(
        version=version, position=2, kind=CriterionKind.CONDUCT,
        text="Show how you keep to the code of conduct.")
    CriteriaVersion.objects.create(level=level, number=2)  # a draft: never current
    today = timezone.localdate()
    round_ = AccreditationRound.objects.create(
        scheme=scheme, name="Spring", opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30))
    SkillAssessment.objects.create(person=people.a_staff1, skill=skill, level=levels[3],
                                   source=Source.MANAGER)
    SkillAssessment.objects.create(person=people.a_staff2, skill=skill, level=levels[5],
                                   source=Source.SELF)
    return Setup(
        scheme=scheme, level=level, version=version, skills_rule=skills_rule,
        conduct=conduct, round=round_, skill=skill,
        applicant=make_account(person=people.a_staff1),
        supporter=make_account(person=people.a_manager),
        other_supporter=make_account(person=people.b_head),
        runner=make_account(Role.CENTRAL_TEAM),
        stranger=make_account(person=people.b_staff),
    )


@pytest.fixture
def setup(db, people, make_account) -> Setup:  # noqa: ANN001
    return make_scheme(people, make_account)


def ready_application(setup: Setup, people: Any) -> Any:
    """a_staff1's draft with both statements written and a_manager confirmed as supporter."""
    from cadre.accreditation.services import applications as services

    application = services.start_application(actor=setup.applicant, level=setup.level)
    services.save_statements(actor=setup.applicant, application=application, texts={
        setup.skills_rule.pk: "I analyse data every day.",
        setup.conduct.pk: "I follow the code."})
    services.name_supporter(actor=setup.applicant, application=application,
                            supporter=people.a_manager)
    return services.respond_as_supporter(actor=setup.supporter,
                                         application_id=application.pk, confirm=True)
