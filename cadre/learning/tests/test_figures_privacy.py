"""Who sees the spend figures: the LEARNING_FIGURES roles (learning leads, heads of
profession, analysts, the central team, administrators) every organisation's; signed out,
nothing (sign-in or 401/403); a professional without those roles, 403 everywhere. No person
is named in them."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.learning.tests.figures_fixtures import world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

PAGES = ["/learning/figures/baseline/", "/learning/figures/baseline/download/",
         "/learning/figures/variance/", "/learning/figures/variance/download/",
         "/learning/figures/variance/products/{pk}/"]
APIS = ["/api/v1/learning/figures/baseline/", "/api/v1/learning/figures/variance/"]
NAMES = ["learning:baseline", "learning:baseline-download", "learning:variance",
         "learning:variance-download", "learning:variance-product",
         "api:learning-baseline", "api:learning-variance"]


def _urls(world) -> list[str]:  # noqa: ANN001, F811
    return [u.replace("{pk}", str(world.x.pk)) for u in PAGES]


def test_every_name_is_listed() -> None:
    for name in NAMES:
        args = [1] if name == "learning:variance-product" else []
        assert reverse(name, args=args) in [u.replace("{pk}", "1") for u in PAGES + APIS]


def test_signed_out_gets_nothing(world) -> None:  # noqa: ANN001, F811
    for url in _urls(world):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in APIS:
        assert APIClient().get(url).status_code in (401, 403), url


def test_a_professional_without_the_role_is_refused(world, make_account, web_client,  # noqa: ANN001, F811
                                                    api_client) -> None:
    from cadre.people.models import Person

    person = Person.objects.filter(organisation=world.a).first()
    professional = make_account(None, person=person)
    for user in (professional, make_account(Role.ASSESSOR, organisation=world.a)):
        web, api = web_client(user), api_client(user)
        for url in _urls(world):
            assert web.get(url).status_code == 403, url
        for url in APIS:
            assert api.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION, Role.ANALYST,
                                  Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_figure_roles_see_every_organisation(world, make_account, web_client, api_client,  # noqa: ANN001, F811
                                             role: str) -> None:
    scoped = role in (Role.LEARNING_LEAD, Role.HEAD_OF_PROFESSION)
    user = make_account(role, organisation=world.b if scoped else None)
    web, api = web_client(user), api_client(user)
    for url in _urls(world):
        response = web.get(url)
        assert response.status_code == 200, (role, url)
    page = web.get("/learning/figures/baseline/").content.decode()
    assert "Department A" in page and "Department C" in page
    # No person: the fixture's people are "P 0", "P 1" ...; staff numbers A0, B0 ... Looked
    # for as words in the page's text, not inside its random tokens (CSRF, nonce).
    text = re.sub(r"<[^>]*>", " ", page)
    assert not re.search(r"\bP 0\b", text) and not re.search(r"\bA0\b", text)
    data = api.get("/api/v1/learning/figures/baseline/").json()
    assert {r["organisation"] for r in data["by_organisation"]} == {
        "Department A", "Department B", "Department C"}
    assert api.get("/api/v1/learning/figures/variance/").status_code == 200
