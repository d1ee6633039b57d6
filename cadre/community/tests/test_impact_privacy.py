"""Who sees the impact figures (COMMUNITY_FIGURES: heads of profession, analysts, the
central team, administrators); signed out, nothing; a professional, an organiser or a
community lead, 403. No person is named, and groups under 5 are not shown to anyone."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.community.tests.impact_fixtures import build_world

pytestmark = pytest.mark.django_db

NAMES = ["community:impact", "community:impact-download", "api:community-impact"]
PAGES = ["/community/impact/", "/community/impact/download/",
         "/community/impact/download/?format=xlsx", "/community/impact/download/?format=ods"]
APIS = ["/api/v1/community/impact/"]


def test_every_name_is_listed() -> None:
    for name in NAMES:
        assert reverse(name) in PAGES + APIS


def test_signed_out_gets_nothing() -> None:
    build_world()
    for url in PAGES:
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in APIS:
        assert APIClient().get(url).status_code in (401, 403), url


def test_accounts_without_the_role_are_refused(make_account, web_client,  # noqa: ANN001
                                               api_client) -> None:
    world = build_world()
    professional = make_account(None, person=world.participants[0])
    others = [professional]
    for role in (Role.ASSESSOR, Role.LEARNING_LEAD):
        others.append(make_account(role, organisation=world.participants[0].organisation))
    for user in others:
        web, api = web_client(user), api_client(user)
        for url in PAGES:
            assert web.get(url).status_code == 403, (user, url)
        for url in APIS:
            assert api.get(url).status_code == 403, (user, url)


@pytest.mark.parametrize("role", [Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.CENTRAL_TEAM,
                                  Role.ADMINISTRATOR])
def test_figure_roles_see_the_figures(make_account, web_client, api_client,  # noqa: ANN001
                                      role: str) -> None:
    world = build_world()
    scoped = role == Role.HEAD_OF_PROFESSION
    user = make_account(role, organisation=world.participants[0].organisation
                        if scoped else None)
    web, api = web_client(user), api_client(user)
    for url in PAGES:
        assert web.get(f"{url}{'&' if '?' in url else '?'}year={world.year}"
                       ).status_code == 200, (role, url)
    page = web.get(f"/community/impact/?year={world.year}").content.decode()
    assert "association, not a cause" in page
    # No person: the fixture's people are "P 0", "P 1" ...; staff numbers I0000 ...
    assert "I0000" not in page and ">P 0<" not in page
    data = api.get(f"/api/v1/community/impact/?year={world.year}").json()
    assert data["association_not_cause"] is True
    assert {r["kind"] for r in data["results"]} >= {"overall", "communities", "events"}
