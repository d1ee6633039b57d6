# ruff: noqa: F811 - pytest fixtures imported from cred_fixtures are named as arguments
"""Who sees CPD, the measures and the hub: a person their own CPD; their heads of profession
and the central team theirs; nobody else (404); the measures only for aggregate roles
(403); the hub for everyone signed in, with only the links they may open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.accreditation.services import cpd as services
from cadre.accreditation.tests.cred_fixtures import cred  # noqa: F401
from cadre.core.actor import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(cred):  # noqa: ANN001, ANN201, F811
    return services.record_cpd(
        actor=Actor.for_user(cred.holder),
        person=cred.application.person,
        activity="Secure coding course",
        category="formal",
        completed_on=timezone.localdate(),
        credits=5,
    )


def test_signed_out_sees_nothing(record) -> None:  # noqa: ANN001
    person = record.person_id
    for url in (
        "/accreditation/",
        "/accreditation/cpd/",
        f"/accreditation/cpd/records/{record.pk}/",
        f"/accreditation/cpd/people/{person}/",
        "/accreditation/measures/",
    ):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in (
        "/api/v1/accreditation/cpd/",
        f"/api/v1/accreditation/cpd/{record.pk}/",
        "/api/v1/accreditation/measures/",
    ):
        assert APIClient().get(url).status_code in (401, 403), url


def test_the_person_sees_and_changes_their_own_cpd(
    cred,
    record,
    web_client,  # noqa: F811
    api_client,
) -> None:  # noqa: ANN001
    web, api = web_client(cred.holder), api_client(cred.holder)
    page = web.get(reverse("accreditation:cpd"))
    assert page.status_code == 200 and "Secure coding course" in page.content.decode()
    assert web.get(reverse("accreditation:cpd-record", args=[record.pk])).status_code == 200
    assert api.get(reverse("api:accreditation-cpd-list")).json()["count"] == 1
    assert api.get(reverse("api:accreditation-cpd-detail", args=[record.pk])).status_code == 200


def test_someone_else_gets_nothing(cred, record, web_client, api_client) -> None:  # noqa: ANN001, F811
    web, api = web_client(cred.stranger), api_client(cred.stranger)
    person = record.person_id
    assert web.get(reverse("accreditation:cpd-record", args=[record.pk])).status_code in (403, 404)
    assert api.get(reverse("api:accreditation-cpd-detail", args=[record.pk])).status_code == 404
    assert (
        api.patch(
            reverse("api:accreditation-cpd-detail", args=[record.pk]),
            {"credits": 50},
            format="json",
        ).status_code
        == 404
    )
    assert api.get(reverse("api:accreditation-cpd-list"), {"person": person}).status_code == 404
    # Their own list does not hold the record.
    own = web.get(reverse("accreditation:cpd"))
    assert own.status_code == 200 and "Secure coding course" not in own.content.decode()
    record.refresh_from_db()
    assert record.credits == 5


def test_heads_of_profession_see_their_organisations_people_only(
    cred, record, make_account, people, web_client, api_client
) -> None:  # noqa: ANN001, F811
    person = record.person_id
    url = reverse("accreditation:cpd-person", args=[person])
    own_hop = make_account(Role.HEAD_OF_PROFESSION, organisation=people.a_staff1.organisation)
    other_hop = make_account(Role.HEAD_OF_PROFESSION, organisation=people.b_staff.organisation)
    page = web_client(own_hop).get(url)
    assert page.status_code == 200 and "Secure coding course" in page.content.decode()
    assert web_client(other_hop).get(url).status_code == 404
    assert (
        api_client(other_hop)
        .get(reverse("api:accreditation-cpd-list"), {"person": person})
        .status_code
        == 404
    )
    # A colleague without the role is refused by the permission map.
    assert web_client(cred.stranger).get(url).status_code == 403
    # The central team sees anyone's, but may not type records in as them.
    assert web_client(cred.runner).get(url).status_code == 200


def test_the_measures_are_for_aggregate_roles_only(
    cred,
    record,
    make_account,  # noqa: F811
    web_client,
    api_client,
) -> None:  # noqa: ANN001
    for user in (cred.holder, cred.stranger):
        assert web_client(user).get(reverse("accreditation:measures")).status_code == 403
        assert api_client(user).get(reverse("api:accreditation-measures")).status_code == 403
    analyst = make_account(Role.ANALYST)
    assert web_client(analyst).get(reverse("accreditation:measures")).status_code == 200
    assert api_client(analyst).get(reverse("api:accreditation-measures")).status_code == 200


def test_the_hub_links_only_what_the_account_may_open(
    cred,
    make_account,  # noqa: F811
    web_client,
) -> None:  # noqa: ANN001
    page = web_client(cred.holder).get(reverse("accreditation:home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("accreditation:cpd") in html and "Your CPD" in html
    assert reverse("accreditation:applications") in html
    assert reverse("accreditation:eligibility") in html
    assert reverse("accreditation:credentials") in html
    for hidden in (
        "accreditation:measures",
        "accreditation:panel",
        "accreditation:assessors",
        "accreditation:rounds",
        "accreditation:assessing",
    ):
        assert reverse(hidden) not in html, hidden
    analyst = web_client(make_account(Role.ANALYST)).get(reverse("accreditation:home"))
    html = analyst.content.decode()
    assert analyst.status_code == 200 and reverse("accreditation:measures") in html
    assert reverse("accreditation:cpd") not in html  # no person record: nothing of their own
    central = web_client(cred.runner).get(reverse("accreditation:home")).content.decode()
    for shown in (
        "accreditation:panel",
        "accreditation:assessors",
        "accreditation:rounds",
        "accreditation:measures",
    ):
        assert reverse(shown) in central, shown


def test_the_header_links_to_the_hub(cred, web_client) -> None:  # noqa: ANN001, F811
    page = web_client(cred.holder).get(reverse("core:home"))
    assert f'href="{reverse("accreditation:home")}"' in page.content.decode()
