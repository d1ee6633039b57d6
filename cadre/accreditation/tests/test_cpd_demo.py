"""The accreditation demo on a small government (built like the programmes demo tests'):
a scheme with published criteria, a round with submitted applications, assessors with a
declared conflict that the allocation respects, two scored assessments (one reconciled), an
award with its credential, and CPD."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command, load_command_class

from cadre.accreditation import demo
from cadre.accreditation.models import (
    Allocation,
    Application,
    Award,
    CpdRecord,
    CriterionScore,
    DeclaredConflict,
    Exclusion,
    ExclusionReason,
    Scheme,
)
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import Framework, RoleFamily, Skill, SkillLevel
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def government() -> None:
    """Three organisations, each a head (with an account) and four staff; the staff of the
    first two have manager-agreed Programming 4 and Testing 4."""
    framework = Framework.objects.create(name="Demo framework", version="1", is_default=True)
    levels = {
        i: SkillLevel.objects.create(framework=framework, name=f"Level {i}", ordinal=i)
        for i in range(1, 8)
    }
    skills = [Skill.objects.create(framework=framework, name=n) for n in ("Programming", "Testing")]
    for name in ("Software", "Data"):
        RoleFamily.objects.create(framework=framework, name=name)
    for n in range(3):
        org = OrganisationFactory(name=f"Department {n}", abbreviation=f"D{n}")
        head = PersonFactory(organisation=org, account=UserFactory())
        for _ in range(4):
            person = PersonFactory(organisation=org, line_manager=head)
            if n < 2:  # noqa: PLR2004
                for skill in skills:
                    SkillAssessment.objects.create(
                        person=person, skill=skill, level=levels[4], source=Source.MANAGER
                    )


def test_the_demo_runs_a_round_to_an_award(government) -> None:  # noqa: ANN001
    lines = demo.load(actor=None, rng=random.Random(1))
    assert any("credential issued" in line for line in lines), lines
    scheme = Scheme.objects.get(name=demo.SCHEME)
    assert scheme.levels.count() == 3
    assert all(
        level.versions.filter(published_on__isnull=False).exists() for level in scheme.levels.all()
    )
    applications = Application.objects.filter(round__scheme=scheme)
    assert applications.count() == demo.APPLICANTS
    assert not applications.filter(state=Application.State.DRAFT).exists()
    # The declared conflict is held as data and respected.
    conflict = DeclaredConflict.objects.get()
    assert Exclusion.objects.filter(
        assessor=conflict.assessor,
        reason=ExclusionReason.DECLARED,
        application__person=conflict.person,
    ).exists()
    assert not Allocation.objects.filter(
        assessor=conflict.assessor, application__person=conflict.person
    ).exists()
    # No one assesses a colleague of their own organisation.
    for allocation in Allocation.objects.select_related("assessor__person", "application__person"):
        assert (
            allocation.assessor.person.organisation_id
            != allocation.application.person.organisation_id
        )
    assert CriterionScore.objects.filter(reconciled=True).exists()
    award = Award.objects.get()
    assert award.status == Award.Status.ACTIVE
    assert SkillAssessment.objects.filter(person=award.person, source=Source.VALIDATED).exists()
    assert CpdRecord.objects.filter(person=award.person).count() == 2
    assert applications.filter(state=Application.State.PANEL).exists()  # the reconciled one
    assert demo.load(actor=None, rng=random.Random(1)) == [
        f"{demo.SCHEME}: demo scheme already there."
    ]


def test_cadre_demo_accreditation_runs_the_demo(government) -> None:  # noqa: ANN001
    assert "accreditation" in load_command_class("cadre.core", "demo").kinds()
    out = io.StringIO()
    call_command("demo_accreditation", stdout=out)
    assert "credential issued" in out.getvalue()
