# ruff: noqa: F811 - pytest fixtures imported from pay_fixtures are named as arguments
"""The pay benchmark pages: choosing a role level and grade, tables with captions and
sources, suppressed groups said truly, the hub's add and withdraw forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.recruitment.models import MarketFigure
from cadre.recruitment.services.pay import add_market_figure
from cadre.recruitment.tests.pay_fixtures import pay_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _hub(make_account, web_client):  # noqa: ANN001, ANN202
    return web_client(make_account(Role.CENTRAL_TEAM))


def test_benchmarks_of_a_role_level(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    w = pay_world
    client = _hub(make_account, web_client)
    blank = client.get(reverse("recruitment:pay-benchmarks"))
    assert blank.status_code == 200 and "Choose a role level" in blank.content.decode()
    page = client.get(reverse("recruitment:pay-benchmarks"),
                      {"role_level": w.developer.pk, "grade": w.g7.pk})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Figures behind the benchmark (whole pounds a year)</caption>" in body
    assert "Market figures for Developer: Developer" in body
    assert "£52,500 to £57,500, median £55,000" in body
    assert "Contractor cost a year" in body and "220 working days" in body
    senior = client.get(reverse("recruitment:pay-benchmarks"),
                        {"role_level": w.senior.pk}).content.decode()
    assert "Not shown: fewer than 5 people" in senior
    assert "Not shown: no people" in senior
    assert "There is nothing to compare a pay range with yet." in senior


def test_a_role_level_not_on_the_list_is_named(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    page = _hub(make_account, web_client).get(reverse("recruitment:pay-benchmarks"),
                                              {"role_level": "424242"})
    assert page.status_code == 400
    body = page.content.decode()
    assert "govuk-error-summary" in body and "Role level" in body


def test_the_hub_adds_a_market_figure(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    w = pay_world
    client = _hub(make_account, web_client)
    form = client.get(reverse("recruitment:pay-market-add"), {"role_level": w.senior.pk})
    assert form.status_code == 200
    response = client.post(reverse("recruitment:pay-market-add"), {
        "role_level": str(w.senior.pk), "grade": str(w.g7.pk), "low": "70000",
        "median": "80000", "high": "90000", "source": "Digital salary survey",
        "source_date_0": "1", "source_date_1": "3", "source_date_2": "2026"})
    assert response.status_code == 302
    figure = MarketFigure.objects.get()
    assert (figure.median, figure.grade, figure.source_date) == (80_000, w.g7,
                                                                dt.date(2026, 3, 1))
    page = client.get(response["Location"]).content.decode()
    assert "Digital salary survey" in page and "£80,000" in page


def test_the_median_below_the_low_figure_is_named(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    w = pay_world
    response = _hub(make_account, web_client).post(reverse("recruitment:pay-market-add"), {
        "role_level": str(w.senior.pk), "grade": "", "low": "90000", "median": "80000",
        "high": "95000", "source": "Survey", "source_date_0": "1", "source_date_1": "3",
        "source_date_2": "2026"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "The median cannot be below the low figure." in body and 'href="#id_median"' in body
    assert not MarketFigure.objects.exists()


def test_the_hub_withdraws_a_figure(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    w = pay_world
    figure = add_market_figure(actor=Actor.command_line("t"), role_level_id=w.senior.pk,
                               low=1, median=2, high=3, source="Old survey",
                               source_date=dt.date(2025, 1, 1))
    client = _hub(make_account, web_client)
    url = reverse("recruitment:pay-market-withdraw", args=[figure.pk])
    assert "Withdraw the figure" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Out of date"}).status_code == 302
    figure.refresh_from_db()
    assert figure.withdrawn_reason == "Out of date"
    assert "was withdrawn on" in client.get(url).content.decode()
    assert client.get(reverse("recruitment:pay-market-withdraw", args=[424242])
                      ).status_code == 404


def test_role_levels_with_figures_are_linked_to_their_withdraw_links(  # noqa: ANN001
        pay_world, make_account, web_client) -> None:  # noqa: ANN001
    w = pay_world
    figure = add_market_figure(actor=Actor.command_line("t"), role_level_id=w.senior.pk,
                               low=1, median=2, high=3, source="Old survey",
                               source_date=dt.date(2025, 1, 1))
    client = _hub(make_account, web_client)
    level_link = f'{reverse("recruitment:pay-benchmarks")}?role_level={w.senior.pk}"'
    blank = client.get(reverse("recruitment:pay-benchmarks")).content.decode()
    listed = blank.split('id="levels-with-figures"')[1].split("</ul>")[0]
    assert level_link in listed
    assert listed.count("<li>") == len(set(MarketFigure.objects.filter(
        withdrawn_at__isnull=True).values_list("role_level_id", flat=True)))
    chosen = client.get(reverse("recruitment:pay-benchmarks"),
                        {"role_level": w.senior.pk}).content.decode()
    assert reverse("recruitment:pay-market-withdraw", args=[figure.pk]) in chosen
    client.post(reverse("recruitment:pay-market-withdraw", args=[figure.pk]),
                {"reason": "Out of date"})
    again = client.get(reverse("recruitment:pay-benchmarks")).content.decode()
    assert level_link not in again


def test_the_hub_page_links_to_benchmarks(pay_world, make_account, web_client) -> None:  # noqa: ANN001
    hub = _hub(make_account, web_client).get(reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:pay-benchmarks") in hub
    assert reverse("recruitment:pay-market-add") in hub
    analyst = web_client(make_account(Role.ANALYST)).get(
        reverse("recruitment:home")).content.decode()
    assert reverse("recruitment:pay-benchmarks") in analyst
    assert reverse("recruitment:pay-market-add") not in analyst
