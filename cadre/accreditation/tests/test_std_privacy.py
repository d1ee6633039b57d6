"""Who sees standards and eligibility: nothing signed out; drafts only to runners; a
person's eligibility (which names their agreed skills) only to them and to those who see
their capability."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.accreditation.selectors import standards as sel
from cadre.accreditation.services import standards as svc
from cadre.accreditation.tests.std_fixtures import standards  # noqa: F401
from cadre.assessments.models import SkillAssessment, Source

pytestmark = pytest.mark.django_db


def test_signed_out_sees_nothing(standards, people):  # noqa: F811, ANN001
    s = standards
    pages = [
        "/accreditation/schemes/",
        f"/accreditation/schemes/{s.scheme.pk}/",
        f"/accreditation/criteria-versions/{s.senior_v1.pk}/",
        "/accreditation/eligibility/",
        f"/accreditation/people/{people.a_staff1.pk}/eligibility/",
    ]
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in (
        "/api/v1/accreditation/schemes/",
        "/api/v1/accreditation/eligibility/",
        f"/api/v1/accreditation/criteria-versions/{s.senior_v1.pk}/",
    ):
        assert APIClient().get(url).status_code in (401, 403), url
    assert not sel.visible_schemes(None).exists()


def test_selectors_hide_drafts_from_non_runners(standards, make_account, people):  # noqa: F811, ANN001
    draft = svc.create_draft(actor=None, level=standards.senior)
    staff = make_account(person=people.a_staff1)
    hop = make_account(Role.HEAD_OF_PROFESSION, organisation=people.a_staff1.organisation)
    central = make_account(Role.CENTRAL_TEAM)
    for user in (staff, hop):
        assert sel.version_detail(user, draft.pk) is None
        assert list(sel.visible_versions(user, standards.senior)) == [standards.senior_v1]
    assert sel.version_detail(central, draft.pk) == draft
    assert set(sel.visible_versions(central, standards.senior)) == {standards.senior_v1, draft}
    # A draft is never anyone's current criteria.
    assert sel.current_criteria(standards.senior) == standards.senior_v1


def test_eligibility_never_shows_someone_elses_skills(
    standards,  # noqa: F811
    make_account,
    web_client,
    api_client,
    people,
):  # noqa: ANN001
    s = standards
    SkillAssessment.objects.create(
        person=people.a_staff1, skill=s.programming, level=s.levels[6], source=Source.VALIDATED
    )
    # a_staff2 sees only their own page, never a_staff1's skills.
    own = web_client(make_account(person=people.a_staff2)).get("/accreditation/eligibility/")
    assert "Programming" not in own.content.decode()
    # An assessor of another organisation cannot look a_staff1 up.
    assessor = make_account(Role.ASSESSOR, organisation=people.b_staff.organisation)
    assert web_client(assessor).get(
        f"/accreditation/people/{people.a_staff1.pk}/eligibility/"
    ).status_code in (403, 404)
    assert api_client(assessor).get(
        f"/api/v1/accreditation/eligibility/?person={people.a_staff1.pk}"
    ).status_code in (403, 404)


def test_home_links_to_eligibility_once_criteria_are_published(
    standards,  # noqa: F811
    make_account,
    web_client,
    people,
):  # noqa: ANN001
    from cadre.accreditation.todo_std import own

    with_person = make_account(person=people.a_staff1)
    assert [i.url_name for i in own(with_person)] == ["accreditation:eligibility"]
    assert own(make_account()) == []
    text = web_client(with_person).get("/").content.decode()
    assert "/accreditation/eligibility/" in text
