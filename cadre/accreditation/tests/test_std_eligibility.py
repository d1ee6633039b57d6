"""Eligibility from a person's agreed or validated assessments (selectors.standards)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cadre.accreditation.selectors import standards as sel
from cadre.accreditation.services import standards as svc
from cadre.accreditation.tests.std_fixtures import standards  # noqa: F401
from cadre.assessments.models import SkillAssessment, Source
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _assess(person, skill, level, source, days_ago=0):  # noqa: ANN001, ANN202
    return SkillAssessment.objects.create(
        person=person,
        skill=skill,
        level=level,
        source=source,
        assessed_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def _years_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=int(n * 365.25) + 2)


def test_current_criteria_is_the_latest_published(standards):  # noqa: F811, ANN001
    assert sel.current_criteria(standards.senior) == standards.senior_v1
    assert sel.current_criteria(standards.practitioner) is None
    draft = svc.create_draft(actor=None, level=standards.senior)
    assert sel.current_criteria(standards.senior) == standards.senior_v1
    svc.publish(actor=None, version_id=draft.pk)
    current = sel.current_criteria(standards.senior.pk)
    assert current.pk == draft.pk and current.number == 2
    assert [c.text for c in current.criteria.all()] == [
        c.text for c in standards.senior_v1.criteria.all()
    ]


def test_eligible_with_agreed_and_validated_levels(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory(start_date=_years_ago(6))
    _assess(person, s.programming, s.levels[5], Source.MANAGER)
    _assess(person, s.testing, s.levels[4], Source.VALIDATED)
    _assess(person, s.data_engineering, s.levels[3], Source.MANAGER)
    result = sel.eligibility(person, s.senior)
    assert result.eligible is True
    assert result.criteria == s.senior_v1
    assert [r.met for r in result.results] == [True, True, True, None]
    assert "Programming, Testing" in result.results[0].detail
    assert "level 4 (Enable)" in result.results[0].detail
    assert result.results[3].status == "Judged by the assessors"
    assert result.summary == "You could apply now"


def test_self_assessment_alone_does_not_count(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory(start_date=_years_ago(6))
    _assess(person, s.programming, s.levels[7], Source.SELF)
    _assess(person, s.testing, s.levels[7], Source.SELF)
    _assess(person, s.data_engineering, s.levels[3], Source.MANAGER)
    result = sel.eligibility(person, s.senior)
    assert result.eligible is False
    first = result.results[0]
    assert first.met is False
    assert "2 more skills" in first.detail and "You have none yet" in first.detail
    assert [m.criterion.position for m in result.missing] == [1, 2]
    assert result.summary == "2 criteria not met yet"


def test_validated_beats_a_later_agreed_level(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory(start_date=_years_ago(6))
    _assess(person, s.programming, s.levels[2], Source.VALIDATED, days_ago=30)
    _assess(person, s.programming, s.levels[6], Source.MANAGER, days_ago=1)
    assert sel.counting_levels(person.pk) == {s.programming.pk: 2}


def test_family_limits_which_skills_count(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory(start_date=_years_ago(6))
    _assess(person, s.programming, s.levels[5], Source.MANAGER)
    _assess(person, s.data_engineering, s.levels[6], Source.MANAGER)  # Data, not Software
    _assess(person, s.ethics, s.levels[6], Source.MANAGER)  # no family
    result = sel.eligibility(person, s.senior)
    assert result.results[0].met is False
    assert "1 more skill at level 4 (Enable) or above in Software" in result.results[0].detail
    assert result.results[1].met is True


def test_experience_unknown_is_left_to_assessors_and_short_is_missing(standards):  # noqa: F811, ANN001
    s = standards
    unknown = PersonFactory(start_date=None)
    short = PersonFactory(start_date=_years_ago(2))
    assert sel.eligibility(unknown, s.senior).results[2].met is None
    result = sel.eligibility(short, s.senior).results[2]
    assert result.met is False and "shows 2 years" in result.detail


def test_not_held_assessment_counts_as_zero(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory()
    _assess(person, s.programming, s.levels[5], Source.MANAGER, days_ago=10)
    _assess(person, s.programming, None, Source.MANAGER, days_ago=1)
    assert sel.counting_levels(person.pk) == {s.programming.pk: 0}


def test_schemes_for_lists_every_level_with_published_criteria(standards):  # noqa: F811, ANN001
    s = standards
    person = PersonFactory(start_date=_years_ago(6))
    listed = sel.schemes_for(person)
    assert [e.level for e in listed] == [s.senior]
    assert listed[0].eligible is False


def test_eligibility_without_criteria(standards):  # noqa: F811, ANN001
    result = sel.eligibility(PersonFactory(), standards.practitioner)
    assert result.eligible is False and result.criteria is None
    assert result.summary == "No criteria published yet"


def test_eligible_count_matches_the_per_person_answer(standards):  # noqa: F811, ANN001
    s = standards
    people = [PersonFactory(start_date=_years_ago(y)) for y in (1, 6, 6, 9)]
    for p in people[:3]:
        _assess(p, s.programming, s.levels[5], Source.MANAGER)
        _assess(p, s.testing, s.levels[4], Source.VALIDATED)
        _assess(p, s.data_engineering, s.levels[3], Source.MANAGER)
    _assess(people[2], s.testing, s.levels[4], Source.SELF)
    expected = sum(sel.eligibility(p, s.senior).eligible for p in people)
    assert expected == 2
    assert sel.eligible_count(s.senior) == 2
