"""The capability pages not tied to one person's URL (my capability, my data, my team, an
organisation's coverage, drill-down and cycles, the cross-government coverage) and the round
list and send-back endpoints show outsiders nobody else's capability and let them change
nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.assessments.models import AssessmentRound
from cadre.assessments.tests.test_privacy import records  # noqa: F401
from cadre.framework.models import Skill

pytestmark = pytest.mark.django_db


def test_my_pages_show_only_me(records, people, make_account, web_client) -> None:  # noqa: ANN001, F811
    colleague = web_client(make_account(person=people.a_staff2))
    for name in ("assessments:mine", "assessments:my-data"):
        response = colleague.get(reverse(name), follow=True)
        assert response.status_code == 200 and b"Astaffone" not in response.content
    # The team page is for line managers: someone with no reports is not offered it.
    assert colleague.get(reverse("assessments:team")).status_code == 403
    # An account with no person record has no capability pages of its own.
    analyst = web_client(make_account(Role.ANALYST))
    for name in ("assessments:mine", "assessments:team", "assessments:my-data"):
        assert b"Astaffone" not in analyst.get(reverse(name)).content


def test_starting_a_round_for_someone_else_is_refused(records, people, org_b, make_account,  # noqa: F811
                                                     web_client) -> None:  # noqa: ANN001
    url = reverse("assessments:start-round", args=[records["person"]])
    before = AssessmentRound.objects.count()
    response = web_client(make_account(person=people.a_staff2)).post(
        url, {"role_level": records["level"]})
    assert response.status_code == 404
    # Only people start (their own) assessments: an account with no person record is
    # refused by the permission map.
    response = web_client(make_account(Role.HEAD_OF_PROFESSION, org_b)).post(
        url, {"role_level": records["level"]})
    assert response.status_code == 403
    assert AssessmentRound.objects.count() == before


def test_rounds_endpoints_hide_other_peoples_rounds(records, people, org_b, make_account,  # noqa: F811
                                                   api_client) -> None:  # noqa: ANN001
    send_back = reverse("api:assessment-round-send-back", args=[records["round"]])
    state = AssessmentRound.objects.get(pk=records["round"]).state
    api = api_client(make_account(person=people.a_staff2))
    assert api.get(reverse("api:assessment-round-list")).json()["results"] == []
    response = api.post(send_back, {"reason": "Not mine to judge"}, format="json")
    assert response.status_code == 404
    api = api_client(make_account(Role.HEAD_OF_PROFESSION, org_b))
    assert api.get(reverse("api:assessment-round-list")).json()["results"] == []
    # Sending back is a line manager's step: no person record, refused outright.
    response = api.post(send_back, {"reason": "Not mine to judge"}, format="json")
    assert response.status_code == 403
    assert AssessmentRound.objects.get(pk=records["round"]).state == state
    for refused in (make_account(Role.ANALYST),
                    make_account(Role.LEARNING_LEAD, people.a_head.organisation)):
        assert api_client(refused).get(
            reverse("api:assessment-round-list")).status_code == 403


def test_coverage_with_names_is_for_the_organisations_managers(
        records, people, org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001, F811
    skill = Skill.objects.first()
    pages = [reverse("assessments:organisation", args=[org_a.pk]),
             reverse("assessments:skill-drilldown", args=[org_a.pk, skill.pk]),
             reverse("assessments:cycles", args=[org_a.pk])]
    b_hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_b))
    for url in pages:
        assert b_hop.get(url).status_code == 404
    assert b_hop.post(pages[2], {"name": "Theirs", "opens_on": "2027-01-01",
                                 "closes_on": "2027-02-01"}).status_code == 404
    for outsider in (make_account(person=people.a_manager), make_account(Role.ANALYST),
                     make_account(Role.LEARNING_LEAD, org_a)):
        for url in pages:
            assert web_client(outsider).get(url).status_code == 403
    # Cross-government coverage: counts only, for aggregate roles.
    assert web_client(make_account(person=people.a_manager)).get(
        reverse("assessments:coverage")).status_code == 403
    page = web_client(make_account(Role.ANALYST)).get(reverse("assessments:coverage"))
    assert page.status_code == 200 and b"Astaffone" not in page.content
