"""Who opens the community hub: nobody signed out (sent to sign in); every signed-in
account, which sees only the links the permission map lets it open."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from cadre.access.navigation import may_open
from cadre.access.roles import Role

pytestmark = pytest.mark.django_db


def test_signed_out_is_sent_to_sign_in() -> None:
    response = Client().get(reverse("community:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.PROFESSIONAL, Role.ANALYST, Role.LEARNING_LEAD,
                                  Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_every_signed_in_account_sees_only_links_it_may_open(role, make_account,  # noqa: ANN001
                                                              web_client) -> None:  # noqa: ANN001
    from tests.factories import OrganisationFactory

    scoped = role in (Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION)
    user = make_account(role, OrganisationFactory() if scoped else None)
    response = web_client(user).get("/community/")
    assert response.status_code == 200
    body = response.content.decode()
    main = body[body.index('id="main-content"'):]
    for href in re.findall(r'href="(/community/[^"]*)"', main):
        match = resolve(href)
        assert may_open(user, f"{match.namespace}:{match.url_name}", match.args), href
