"""Who may open the outcomes page and endpoint, and what each account sees there.

``recruitment:outcomes`` and ``api:recruitment-outcomes`` are for RECRUITMENT_FIGURES:
heads of profession (their organisations' lines and every organisation's totals),
analysts, the central team and administrators. Signed-out visitors and other accounts get
nothing; no one sees a candidate's name or a count of 1 to 4 people as a number."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.recruitment.tests.outcomes_fixtures import world  # noqa: F401

pytestmark = pytest.mark.django_db

PAGE = "recruitment:outcomes"
API = "api:recruitment-outcomes"
SECRETS = ("Secret Candidate", "secret1@example.org")


def _urls() -> tuple[str, str, str]:
    page = reverse(PAGE)
    return page, f"{page}?format=csv", reverse(API)


def test_signed_out_visitors_get_nothing(world) -> None:  # noqa: ANN001, F811
    page, download, api = _urls()
    for url in (page, download):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    assert APIClient().get(api).status_code in (401, 403)


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.PROGRAMME_MANAGER, Role.ASSESSOR,
                                  Role.LEARNING_LEAD])
def test_other_accounts_are_refused(world, make_account, web_client, api_client,  # noqa: ANN001, F811
                                    role: str) -> None:
    organisation = world.a if role in (Role.ASSESSOR, Role.LEARNING_LEAD) else None
    user = make_account(role, organisation=organisation)
    page, download, api = _urls()
    for url in (page, download):
        assert web_client(user).get(url).status_code == 403, url
    assert api_client(user).get(api).status_code == 403


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CENTRAL_TEAM, Role.ADMINISTRATOR])
def test_figure_accounts_see_every_organisation(world, make_account, web_client,  # noqa: ANN001, F811
                                                api_client, role: str) -> None:
    user = make_account(role)
    page, download, api = _urls()
    for url in (page, download):
        text = web_client(user).get(url).content.decode("utf-8-sig")
        assert "Department A" in text and "Department B" in text, url
        assert not any(secret in text for secret in SECRETS)
    body = api_client(user).get(api).json()
    assert [line["organisation"] for line in body["organisations"]] == [
        "Department A", "Department B"]


def test_a_head_of_profession_sees_their_lines_and_the_totals(world, make_account,  # noqa: ANN001, F811
                                                             web_client, api_client) -> None:
    user = make_account(Role.HEAD_OF_PROFESSION, organisation=world.a)
    page, download, api = _urls()
    for url in (page, download):
        response = web_client(user).get(url)
        text = response.content.decode("utf-8-sig")
        assert response.status_code == 200
        assert "Department A" in text and "All organisations" in text
        assert "Department B" not in text, url
        assert not any(secret in text for secret in SECRETS)
    body = api_client(user).get(api).json()
    assert [line["organisation"] for line in body["organisations"]] == ["Department A"]
    assert body["total"]["appointments"] == 11
    # Another organisation cannot be chosen, on the page or through the API.
    assert web_client(user).get(page, {"organisation": "DB"}).status_code == 400
    assert api_client(user).get(api, {"organisation": "DB"}).status_code == 400


def test_small_counts_are_never_numbers(world, make_account, api_client) -> None:  # noqa: ANN001, F811
    body = api_client(make_account(Role.ANALYST)).get(reverse(API)).json()
    lines = [*body["organisations"], body["total"], *body["quarters"], body["quarters_total"]]
    for line in lines:
        for key in ("appointments", "internal", "external", "appointable", "total"):
            value = line.get(key)
            assert not (isinstance(value, int) and 0 < value < 5), (line, key)


def test_the_hub_links_to_outcomes_only_for_those_who_may_open_them(world, make_account,  # noqa: ANN001, F811
                                                                    web_client) -> None:
    hub = reverse("recruitment:home")
    page = reverse(PAGE)
    assert Client().get(hub).status_code == 302
    for role, shown in ((Role.ANALYST, True), (Role.CENTRAL_TEAM, True),
                        (Role.PROFESSIONAL, False), (Role.PROGRAMME_MANAGER, False)):
        html = web_client(make_account(role)).get(hub).content.decode()
        assert (page in html) is shown, role
        assert not any(secret in html for secret in SECRETS)
