"""Only administrators see or change how organisations sign in: pages and API refuse
everyone else and change nothing (ADR 29)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cadre.access.roles import Role
from cadre.identity.models import OrganisationSignIn
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hmx():  # noqa: ANN201
    return OrganisationFactory(name="HM Example", abbreviation="HMX")


def _passwords_off(organisation) -> bool:  # noqa: ANN001
    return OrganisationSignIn.objects.filter(organisation=organisation,
                                             local_passwords=False).exists()


@pytest.mark.parametrize("role", [Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM, None])
def test_the_pages_are_for_administrators_only(make_account, hmx, web_client, role):  # noqa: ANN001
    organisation = hmx if role == Role.HEAD_OF_PROFESSION else None
    client = web_client(make_account(role=role, organisation=organisation))
    assert client.get(reverse("identity:organisations")).status_code == 403
    url = reverse("identity:organisation", args=[hmx.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"local_passwords": "off", "confirmed": "True"}).status_code == 403
    assert not _passwords_off(hmx)
    assert reverse("identity:organisations") not in client.get(
        reverse("access:accounts")).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(hmx):  # noqa: ANN001
    response = Client().get(reverse("identity:organisations"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert "HM Example" not in Client().get(
        reverse("identity:organisation", args=[hmx.pk]), follow=True).content.decode()


def test_the_api_is_for_administrators_only(make_account, hmx, api_client):  # noqa: ANN001
    client = api_client(make_account(role=Role.HEAD_OF_PROFESSION, organisation=hmx))
    url = reverse("api:identity-organisation-sign-in", args=[hmx.pk])
    assert client.get(url).status_code == 403
    assert client.patch(url, {"local_passwords": False}, format="json").status_code == 403
    assert not _passwords_off(hmx)
    assert Client().get(url).status_code in (401, 403)
