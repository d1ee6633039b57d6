# ruff: noqa: F811 - pytest fixtures imported from rates_fixtures are named as arguments
"""Who sees contractor rates: figures (suppressed below 5) for learning leads, heads of
profession, analysts, the central team and administrators; named rates only for people
managers, in their organisations; pay range changes only for the central team."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.learning.tests.rates_fixtures import pay_ranges, rates_world  # noqa: F401

pytestmark = pytest.mark.django_db

FIGURE_PAGES = ("learning:rates", "learning:rates-variance", "learning:rates-above",
                "learning:rates-costs", "learning:pay-ranges")
FIGURE_API = ("api:learning-rates", "api:learning-rates-variance", "api:learning-rates-above",
              "api:learning-rates-costs", "api:learning-pay-range-list")


def _pay_range_urls(pay_ranges) -> tuple[str, str]:  # noqa: ANN001
    pk = pay_ranges["HEO"].pk
    return (reverse("learning:pay-range-edit", args=[pk]),
            reverse("api:learning-pay-range-detail", args=[pk]))


def test_signed_out_sees_nothing(rates_world, pay_ranges) -> None:  # noqa: ANN001
    edit, detail = _pay_range_urls(pay_ranges)
    for url in [reverse(n) for n in (*FIGURE_PAGES, "learning:rates-named",
                                     "learning:pay-range-add")] + [edit]:
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url
    for url in [reverse(n) for n in (*FIGURE_API, "api:learning-rates-named")] + [detail]:
        assert APIClient().get(url).status_code in (401, 403), url


@pytest.mark.parametrize("role", [None, "programme_manager", "assessor"])
def test_accounts_without_a_figures_role_get_nothing(rates_world, pay_ranges, make_account,
                                                     web_client, api_client, role) -> None:  # noqa: ANN001
    person = rates_world.people["a700"]
    user = make_account(role, rates_world.org_a if role == "assessor" else None,
                        person=person)
    web, api = web_client(user), api_client(user)
    edit, detail = _pay_range_urls(pay_ranges)
    for url in [reverse(n) for n in (*FIGURE_PAGES, "learning:rates-named",
                                     "learning:pay-range-add")] + [edit]:
        response = web.get(url)
        assert response.status_code == 403, url
        assert b"Dev700" not in response.content and b"675" not in response.content
    for url in [reverse(n) for n in (*FIGURE_API, "api:learning-rates-named")] + [detail]:
        assert api.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["analyst", "learning_lead"])
def test_figures_but_no_names_and_no_pay_changes(rates_world, pay_ranges, make_account,
                                                web_client, api_client, role) -> None:  # noqa: ANN001
    user = make_account(role, rates_world.org_a if role == "learning_lead" else None)
    web, api = web_client(user), api_client(user)
    for name in FIGURE_PAGES:
        response = web.get(reverse(name))
        assert response.status_code == 200, name
        assert b"Dev700" not in response.content and b"Dev1000" not in response.content
    for name in FIGURE_API:
        assert api.get(reverse(name)).status_code == 200, name
    edit, detail = _pay_range_urls(pay_ranges)
    assert web.get(reverse("learning:rates-named")).status_code == 403
    assert api.get(reverse("api:learning-rates-named")).status_code == 403
    assert web.get(reverse("learning:pay-range-add")).status_code == 403
    assert web.get(edit).status_code == 403
    assert api.patch(detail, {"minimum": 1}, format="json").status_code == 403
    assert api.post(reverse("api:learning-pay-range-list"), {}, format="json"
                    ).status_code == 403


def test_heads_of_profession_see_names_of_their_organisation_only(
        rates_world, make_account, web_client, api_client) -> None:  # noqa: ANN001
    user = make_account("head_of_profession", rates_world.org_a)
    page = web_client(user).get(reverse("learning:rates-named"))
    assert page.status_code == 200
    assert b"Dev700" in page.content and b"Dev1000" in page.content
    b_names = [rates_world.people[k].last_name.encode() for k in ("b340", "b350")]
    assert not any(name in page.content for name in b_names)
    other = web_client(user).get(reverse("learning:rates-named"), {"organisation": "DB"})
    assert not any(name in other.content for name in b_names)
    api = api_client(user).get(reverse("api:learning-rates-named"))
    assert {r["name"].split()[-1] for r in api.json()["results"]} == {"Dev700", "Dev1000"}
    api_b = api_client(user).get(reverse("api:learning-rates-named"), {"organisation": "DB"})
    assert api_b.status_code == 200 and api_b.json()["results"] == []
    # The figures pages show no names to them either.
    assert b"Dev700" not in web_client(user).get(reverse("learning:rates-above")).content


def test_the_central_team_sees_every_flagged_name(rates_world, make_account, api_client) -> None:  # noqa: ANN001
    user = make_account("central_team")
    rows = api_client(user).get(reverse("api:learning-rates-named")).json()["results"]
    assert len(rows) == 4
    assert {r["organisation"] for r in rows} == {"Department A", "Department B"}


def test_a_line_manager_without_a_role_gets_no_names(rates_world, make_account,
                                                     web_client) -> None:  # noqa: ANN001
    manager = rates_world.people["a400"]
    rates_world.people["a700"].line_manager = manager
    rates_world.people["a700"].save()
    user = make_account(None, person=manager)
    assert web_client(user).get(reverse("learning:rates-named")).status_code == 403
