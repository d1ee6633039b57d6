# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""Who opens the pay benchmark pages and API: figures for heads of profession, analysts,
the central team and administrators (``RECRUITMENT_FIGURES``); market figures written
only by the hub (``RECRUITMENT_HUB``); nobody signed out. Every URL name of the area."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.services.pay import add_market_figure
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db

FIGURES_ROLES = (Role.HEAD_OF_PROFESSION, Role.ANALYST, Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
HUB_ROLES = (Role.CENTRAL_TEAM, Role.ADMINISTRATOR)
OTHERS = (None, Role.PROFESSIONAL, Role.PROGRAMME_MANAGER, Role.LEARNING_LEAD)


def _account(make_account, role, org):  # noqa: ANN001, ANN202
    scoped = role in (Role.HEAD_OF_PROFESSION, Role.LEARNING_LEAD)
    return make_account(role, org if scoped else None)


def _figure(w):  # noqa: ANN001, ANN202
    return add_market_figure(actor=Actor.command_line("t"), role_level_id=w.senior.pk,
                             low=1, median=2, high=3, source="Survey",
                             source_date=dt.date(2025, 1, 1))


def _pages(w, figure) -> dict[str, str]:  # noqa: ANN001
    return {
        "benchmarks": reverse("recruitment:pay-benchmarks") + f"?role_level={w.developer.pk}",
        "add": reverse("recruitment:pay-market-add"),
        "withdraw": reverse("recruitment:pay-market-withdraw", args=[figure.pk]),
    }


def test_signed_out_gets_nothing(pay_world) -> None:  # noqa: ANN001
    figure = _figure(pay_world)
    for url in _pages(pay_world, figure).values():
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"]
    api = APIClient()
    assert api.get("/api/v1/recruitment/pay/benchmark/",
                   {"role_level": pay_world.developer.pk}).status_code in (401, 403)
    assert api.get("/api/v1/recruitment/pay/market-figures/").status_code in (401, 403)


@pytest.mark.parametrize("role", [*FIGURES_ROLES, *OTHERS])
def test_pages_by_role(pay_world, make_account, web_client, role) -> None:  # noqa: ANN001
    w = pay_world
    figure = _figure(w)
    client = web_client(_account(make_account, role, w.org_a))
    pages = _pages(w, figure)
    sees = role in FIGURES_ROLES
    enters = role in HUB_ROLES
    page = client.get(pages["benchmarks"])
    assert page.status_code == (200 if sees else 403)
    if not sees:
        assert "£" not in page.content.decode()
    assert client.get(pages["add"]).status_code == (200 if enters else 403)
    assert client.get(pages["withdraw"]).status_code == (200 if enters else 403)
    client.post(pages["withdraw"], {"reason": "x"})
    figure.refresh_from_db()
    assert (figure.withdrawn_at is not None) is enters


@pytest.mark.parametrize("role", [*FIGURES_ROLES, *OTHERS])
def test_api_by_role(pay_world, make_account, api_client, role) -> None:  # noqa: ANN001
    w = pay_world
    client = api_client(_account(make_account, role, w.org_a))
    sees = role in FIGURES_ROLES
    enters = role in HUB_ROLES
    response = client.get("/api/v1/recruitment/pay/benchmark/", {"role_level": w.developer.pk})
    assert response.status_code == (200 if sees else 403)
    assert client.get("/api/v1/recruitment/pay/market-figures/").status_code == (
        200 if sees else 403)
    posted = client.post("/api/v1/recruitment/pay/market-figures/", {
        "role_level": w.senior.pk, "low": 1, "median": 2, "high": 3, "source": "S",
        "source_date": "2025-01-01"}, format="json")
    assert posted.status_code == (201 if enters else 403)
    assert MarketFigure.objects.count() == (1 if enters else 0)


def test_no_individual_pay_is_shown(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    """Only quartiles of 5 or more people: no single person's pay appears."""
    client = web_client(make_account(Role.CENTRAL_TEAM))
    body = client.get(reverse("recruitment:pay-benchmarks"),
                      {"role_level": pay_world.senior.pk}).content.decode()
    for pay in ("£70,000", "£75,000", "£80,000"):
        assert pay not in body
