"""Who reads one Fast Stream offer through the API (``GET api:programme-offer-detail``):
the central team, the host's heads of profession, the host manager and the scheme's fast
streamers; anyone else gets a 404 (or 403 from the permission map) and never the offer."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(offer) -> str:  # noqa: ANN001
    return reverse("api:programme-offer-detail", args=[offer.pk])


def test_the_right_people_read_the_offer(
    fast_stream, people, central, make_account, api_client
) -> None:  # noqa: ANN001
    offer = fast_stream.data  # hosted by B, host manager b_head
    readers = [
        central,
        make_account(Role.ADMINISTRATOR),
        make_account(Role.HEAD_OF_PROFESSION, offer.host_organisation),
        make_account(person=people.b_head),  # the host manager
        make_account(person=people.a_staff1),  # a fast streamer of the scheme
    ]
    for user in readers:
        response = api_client(user).get(_url(offer))
        assert response.status_code == 200
        assert response.json()["title"] == "Data engineer"


def test_outsiders_get_nothing(fast_stream, people, make_account, api_client) -> None:  # noqa: ANN001
    offer = fast_stream.data
    org_d = OrganisationFactory(name="Department D", abbreviation="DD")
    outsiders = [
        make_account(person=people.a_other),  # a person, not a fast streamer
        make_account(),  # no person, no role
        make_account(Role.ANALYST),
        make_account(Role.PROFESSIONAL),
        make_account(Role.HEAD_OF_PROFESSION, org_d),  # no streamer or offer in D
        make_account(Role.LEARNING_LEAD, offer.host_organisation),
    ]
    for user in outsiders:
        response = api_client(user).get(_url(offer))
        assert response.status_code in (403, 404)
        assert b"Data engineer" not in response.content
    response = APIClient().get(_url(offer))
    assert response.status_code in (401, 403)
    assert b"Data engineer" not in response.content


def test_an_unknown_or_huge_id_is_a_404(central, api_client) -> None:  # noqa: ANN001
    client = api_client(central)
    for pk in (999_999, 10**20):
        assert client.get(f"/api/v1/programmes/offers/{pk}/").status_code == 404
