"""Assessors (ADR 23): an assessor for an organisation sees the agreed assessments of its
people and validates them; nothing before a line manager has agreed, nothing elsewhere.
Learning leads see skill coverage as suppressed counts, never names."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cadre.access.roles import Role
from cadre.assessments import services
from cadre.assessments.models import AssessmentRound, SkillAssessment, Source
from cadre.assessments.selectors import capability_people, rounds_to_validate
from cadre.core.actor import Actor
from cadre.framework.models import RoleLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(people, default_framework):  # noqa: ANN001, ANN201
    """An agreed assessment of a_staff1 (DA) and a draft of b_staff (DB)."""
    level = RoleLevel.objects.get(framework=default_framework, name="Developer")
    system = Actor.system()
    round_ = services.start_round(actor=system, person=people.a_staff1, role_level=level)
    services.save_self_assessment(actor=system, round_=round_, evidence={},
                                  levels={i.pk: i.required_level_id for i in round_.items.all()})
    services.transition_round(actor=system, round_id=round_.pk, action="submit")
    services.transition_round(actor=system, round_id=round_.pk, action="agree")
    draft = services.start_round(actor=system, person=people.a_staff2, role_level=level)
    other = services.start_round(actor=system, person=people.b_staff, role_level=level)
    return {"agreed": round_, "draft": draft, "other": other}


def test_an_assessor_sees_agreed_assessments_of_their_organisation_only(
        agreed, people, org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001
    assessor = make_account(Role.ASSESSOR, org_a)
    assert list(capability_people(assessor)) == [people.a_staff1]
    client = web_client(assessor)
    page = client.get(reverse("assessments:round", args=[agreed["agreed"].pk]))
    assert page.status_code == 200 and b"Validate the agreed levels" in page.content
    for hidden in (agreed["draft"], agreed["other"]):
        assert client.get(reverse("assessments:round", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("assessments:person", args=[people.a_staff2.pk])).status_code \
        == 404
    elsewhere = web_client(make_account(Role.ASSESSOR, org_b))
    assert elsewhere.get(reverse("assessments:round", args=[agreed["agreed"].pk])
                         ).status_code == 404
    assert elsewhere.post(reverse("assessments:round", args=[agreed["agreed"].pk]),
                          {"action": "validate"}).status_code == 404
    assert not SkillAssessment.objects.filter(source=Source.VALIDATED).exists()


def test_validating_records_validated_levels_once(agreed, org_a, make_account,
                                                  web_client) -> None:  # noqa: ANN001
    assessor = make_account(Role.ASSESSOR, org_a)
    round_ = agreed["agreed"]
    assert list(rounds_to_validate(assessor)) == [round_]
    response = web_client(assessor).post(reverse("assessments:round", args=[round_.pk]),
                                         {"action": "validate"}, follow=True)
    assert b"Assessment validated" in response.content
    validated = SkillAssessment.objects.filter(round=round_, source=Source.VALIDATED)
    assert validated.count() == round_.items.count()
    assert set(validated.values_list("assessed_by", flat=True)) == {assessor.pk}
    assert list(rounds_to_validate(assessor)) == []
    with pytest.raises(ValidationError, match="validated already"):
        services.validate_round(actor=Actor.for_user(assessor), round_id=round_.pk)


def test_only_agreed_assessments_and_only_assessors_validate(agreed, org_a, people,
                                                             make_account) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="agreed"):
        services.validate_round(actor=Actor.system(), round_id=agreed["draft"].pk)
    for somebody in (make_account(Role.HEAD_OF_PROFESSION, org_a),
                     make_account(Role.LEARNING_LEAD, org_a),
                     make_account(person=people.a_manager)):
        with pytest.raises(PermissionDenied):
            services.validate_round(actor=Actor.for_user(somebody),
                                    round_id=agreed["agreed"].pk)
    assert AssessmentRound.objects.get(pk=agreed["agreed"].pk).state == "completed"


def test_an_assessor_role_names_its_organisation(make_account) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="needs an organisation"):
        make_account(Role.ASSESSOR)


def test_learning_leads_see_coverage_counts_not_names(agreed, org_a, make_account,
                                                      web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.LEARNING_LEAD, org_a))
    page = client.get(reverse("assessments:coverage"))
    assert page.status_code == 200 and b"Astaffone" not in page.content
    assert client.get(reverse("assessments:organisation", args=[org_a.pk])).status_code == 403
