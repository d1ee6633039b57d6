"""Who opens the strategy hub: nobody signed out (sent to sign in); every signed-in
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
    response = Client().get(reverse("strategy:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("role", [None, Role.PROFESSIONAL, Role.ANALYST,
                                  Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                                  Role.ADMINISTRATOR])
def test_every_signed_in_account_sees_only_links_it_may_open(role, make_account,  # noqa: ANN001
                                                              web_client) -> None:  # noqa: ANN001
    from tests.factories import OrganisationFactory

    scoped = role == Role.HEAD_OF_PROFESSION
    user = make_account(role, OrganisationFactory() if scoped else None)
    response = web_client(user).get("/strategy/")
    assert response.status_code == 200
    body = response.content.decode()
    main = body[body.index('id="main-content"'):]
    for href in re.findall(r'href="(/strategy/[^"]*)"', main):
        match = resolve(href)
        assert may_open(user, f"{match.namespace}:{match.url_name}", match.args), href


def test_a_professional_sees_only_what_everyone_may_read(make_account, web_client) -> None:  # noqa: ANN001
    """Editing links (imports, set-ups) are for the central team, not a professional."""
    professional = make_account(Role.PROFESSIONAL)
    central = make_account(Role.CENTRAL_TEAM)
    mine = web_client(professional).get("/strategy/").content.decode()
    theirs = web_client(central).get("/strategy/").content.decode()
    assert reverse("strategy:commitments-import") in theirs
    assert reverse("strategy:commitments-import") not in mine
