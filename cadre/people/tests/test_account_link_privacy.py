"""Privacy of linking accounts to people (ADR 23): only administrators and the person's
heads of profession may; everyone else gets 403, or the same answer as for nobody."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.access.roles import Role

pytestmark = pytest.mark.django_db

OUTSIDERS = [Role.PROFESSIONAL, Role.ANALYST, Role.CENTRAL_TEAM, Role.PROGRAMME_MANAGER,
             Role.ASSESSOR]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_403_from_the_page_the_unlink_and_the_api(role, people, make_account,
                                                                web_client, api_client) -> None:  # noqa: ANN001
    scoped = role in (Role.ASSESSOR,)
    user = make_account(role, people.a_head.organisation if scoped else None,
                        person=people.a_staff1 if role == Role.PROFESSIONAL else None)
    client = web_client(user)
    assert client.get(reverse("people:link-account")).status_code == 403
    assert client.post(reverse("people:unlink-account", args=[people.a_staff2.pk])
                       ).status_code == 403
    response = api_client(user).post(reverse("api:account-link"), {
        "email": user.email, "organisation": "DA", "staff_number": "A4"}, format="json")
    assert response.status_code == 403
    assert "A4" not in response.content.decode()


def test_a_head_of_profession_sees_no_other_organisations_people_or_accounts(
        people, make_account, web_client, org_a) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    waiting = make_account()
    client = web_client(hop)
    page = client.get(reverse("people:link-account")).content.decode()
    assert waiting.email not in page  # the list of accounts is for administrators
    assert "Department B" not in page  # only their organisations to choose from
    # Unlinking another organisation's person: 404, as for a person that does not exist.
    make_account(person=people.b_staff)
    assert client.post(reverse("people:unlink-account", args=[people.b_staff.pk])
                       ).status_code == 404
    assert client.post("/people/999999/account/unlink/").status_code == 404
    people.b_staff.refresh_from_db()
    assert people.b_staff.account is not None


def test_a_learning_lead_who_sees_the_person_still_cannot_unlink(people, make_account,
                                                                 web_client, org_a) -> None:  # noqa: ANN001
    lead = make_account(Role.LEARNING_LEAD, org_a)
    make_account(person=people.a_staff1)
    response = web_client(lead).post(reverse("people:unlink-account", args=[people.a_staff1.pk]))
    assert response.status_code == 403
    people.a_staff1.refresh_from_db()
    assert people.a_staff1.account is not None
