"""Classifying an organisation's people and reviewing the suggestions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.audit.models import AuditEvent
from cadre.framework.models import RoleLevel
from cadre.workforce.models import ReviewStatus, TitleClassification, WorkforceRecord
from cadre.workforce.services_review import classify_organisation, review_classification
from tests.factories import GradeFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def titled(people, default_framework):  # noqa: ANN001, ANN201
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    seo = GradeFactory(code="SEO", name="Senior Executive Officer", rank=5)
    for person, title, grade in [
        (people.a_head, "Head of Software Development", g7),
        (people.a_manager, "Snr Dev", seo),
        (people.a_staff1, "Senior Developer", seo),
        (people.a_staff2, "Finance Business Partner", g7),
        (people.a_other, "", None),
    ]:
        person.job_title, person.grade = title, grade
        person.save()
    return people


def test_classify_organisation_creates_records_and_suggestions(titled, org_a):  # noqa: ANN001
    count = classify_organisation(actor=None, organisation=org_a)
    assert count == 5
    assert WorkforceRecord.objects.filter(person__organisation=org_a).count() == 5
    senior = TitleClassification.objects.get(organisation=org_a, title_key="senior developer",
                                             grade_code="SEO")
    # "Snr Dev" and "Senior Developer" share one normalised title.
    assert senior.people_count == 2
    assert senior.status == ReviewStatus.SUGGESTED
    assert senior.in_profession and senior.role_level.name == "Senior developer"
    assert senior.reason and senior.alternatives
    finance = TitleClassification.objects.get(organisation=org_a, grade_code="G7",
                                              title_key="finance business partner")
    assert not finance.in_profession and finance.role_level is None
    record = WorkforceRecord.objects.get(person=titled.a_manager)
    assert record.in_profession and record.classification == senior
    assert WorkforceRecord.objects.get(person=titled.a_other).in_profession is None
    assert not TitleClassification.objects.filter(organisation__abbreviation="DB").exists()
    assert AuditEvent.objects.filter(summary__contains="classified").exists()


def test_review_is_remembered_and_used_first(titled, org_a):  # noqa: ANN001
    classify_organisation(actor=None, organisation=org_a)
    finance = TitleClassification.objects.get(title_key="finance business partner")
    lead = RoleLevel.objects.get(name="Lead business relationship manager")
    review_classification(actor=None, classification=finance, in_profession=True,
                          role_level=lead)
    finance.refresh_from_db()
    assert finance.status == ReviewStatus.CORRECTED
    assert WorkforceRecord.objects.get(person=titled.a_staff2).role_level == lead
    # Classifying again keeps the reviewer's decision.
    classify_organisation(actor=None, organisation=org_a)
    finance.refresh_from_db()
    assert finance.in_profession and finance.role_level == lead
    assert finance.status == ReviewStatus.CORRECTED
    # The same title at another grade starts from the reviewer's decision.
    seo = GradeFactory(code="SEO")
    PersonFactory(organisation=org_a, job_title="Finance business partner", grade=seo)
    classify_organisation(actor=None, organisation=org_a)
    other = TitleClassification.objects.get(title_key="finance business partner",
                                            grade_code="SEO")
    assert other.in_profession and other.status == ReviewStatus.SUGGESTED
    assert other.role_level.role.name == "Business relationship manager"
    assert "reviewer" in other.reason


def test_a_remembered_decision_has_probabilities_that_match_it(titled, org_a):  # noqa: ANN001
    from cadre.workforce.services_review import REMEMBERED_CONFIDENCE, _remembered

    classify_organisation(actor=None, organisation=org_a)
    finance = TitleClassification.objects.get(title_key="finance business partner")
    senior = TitleClassification.objects.get(title_key="senior developer")
    lead = RoleLevel.objects.get(name="Lead business relationship manager")
    review_classification(actor=None, classification=finance, in_profession=True,
                          role_level=lead)
    review_classification(actor=None, classification=senior, in_profession=False)
    decided = {row.title_key: row for row in TitleClassification.objects.filter(
        organisation=org_a, title_key__in=["finance business partner", "senior developer"])}
    kept_in = _remembered(None, decided, "finance business partner", "SEO")
    assert kept_in.in_profession and kept_in.profession_probability == 1.0
    assert kept_in.profession_confidence == 1.0
    assert kept_in.confidence == kept_in.role_confidence == REMEMBERED_CONFIDENCE
    kept_out = _remembered(None, decided, "senior developer", "G7")
    assert not kept_out.in_profession and kept_out.profession_probability == 0.0
    assert kept_out.profession_confidence == 1.0 and kept_out.role_confidence == 0.0
    assert kept_out.confidence == REMEMBERED_CONFIDENCE
    assert _remembered(None, decided, "nobody decided this", "G7") is None


def test_accept_as_is_and_validation(titled, org_a):  # noqa: ANN001
    classify_organisation(actor=None, organisation=org_a)
    senior = TitleClassification.objects.get(title_key="senior developer")
    review_classification(actor=None, classification=senior, in_profession=True,
                          role_level=senior.role_level)
    senior.refresh_from_db()
    assert senior.status == ReviewStatus.ACCEPTED
    with pytest.raises(ValidationError) as error:
        review_classification(actor=None, classification=senior, in_profession=True)
    assert "role_level" in error.value.message_dict
    review_classification(actor=None, classification=senior, in_profession=False)
    assert not WorkforceRecord.objects.filter(classification=senior, in_profession=True).exists()


def test_review_command_classifies_and_lists(titled, org_a) -> None:  # noqa: ANN001
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("workforce_review", "--organisation", org_a.abbreviation, "--classify",
                 stdout=out)
    text = out.getvalue()
    assert "Classified the job titles of 5 people" in text
    assert "(SEO), 2 people -> Software developer: Senior developer" in text
    # The least confident first, as in the review queue.
    order = TitleClassification.objects.filter(organisation=org_a).order_by(
        "confidence", "-people_count", "title")
    positions = [text.index(f"] {c.title} (") for c in order]
    assert len(positions) > 1 and positions == sorted(positions)
