"""The shared layout: scroll regions for wide tables, breadcrumbs, the collapsing service
navigation, the feedback link and the signed-out page."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from cadre.access.roles import Role

pytestmark = pytest.mark.django_db


def render(text: str, **context: object) -> str:
    return Template("{% load cadre_layout %}" + text).render(Context(context))


def test_a_wide_table_sits_in_a_focusable_region_named_by_its_caption() -> None:
    html = render('{% scroll_table %}<table><caption class="x">Counts <b>by</b> grade'
                  '</caption></table>{% end_scroll_table %}')
    assert html.startswith('<div class="cadre-table-scroll" role="region" '
                           'aria-label="Table: Counts by grade" tabindex="0"><table>')
    assert render('{% scroll_table label %}<table></table>{% end_scroll_table %}',
                  label="Given & named").count('aria-label="Given &amp; named"') == 1
    assert 'aria-label="Table"' in render("{% scroll_table %}<table></table>{% end_scroll_table %}")


def test_pages_below_the_top_level_have_breadcrumbs_from_the_navigation(
        make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.CENTRAL_TEAM))
    home = client.get("/").content.decode()
    assert "govuk-breadcrumbs" not in home
    assert "govuk-breadcrumbs" not in client.get("/talent/").content.decode()
    page = client.get("/talent/vacancies/manage/").content.decode()
    crumbs = page[page.index('class="govuk-breadcrumbs"'):page.index("</nav>", page.index(
        'class="govuk-breadcrumbs"'))]
    assert crumbs.index('href="/"') < crumbs.index('href="/talent/"') < crumbs.index(
        'href="/talent/vacancies/"')


def test_breadcrumbs_leave_out_pages_the_account_may_not_open(
        make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.PROFESSIONAL))
    page = client.get("/workforce/review/try/").content.decode()
    assert 'href="/workforce/"' not in page.split("<main")[0].split("govuk-breadcrumbs")[-1]


def test_the_service_navigation_collapses_and_the_banner_asks_for_feedback(
        make_account, web_client, settings) -> None:  # noqa: ANN001
    settings.CADRE_FEEDBACK_URL = "mailto:feedback@example.gov.uk"
    page = web_client(make_account(Role.ANALYST)).get("/").content.decode()
    assert 'class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"' in page
    assert 'aria-controls="navigation"' in page and 'id="navigation"' in page
    banner = page[page.index("govuk-phase-banner__text"):]
    assert 'href="mailto:feedback@example.gov.uk">feedback</a>' in banner[:300]


def test_signing_out_ends_on_a_page_that_says_so(make_account, web_client) -> None:  # noqa: ANN001
    client = web_client(make_account(Role.ANALYST))
    response = client.post("/sign-out/", follow=True)
    assert response.redirect_chain[-1][0] == "/signed-out/"
    assert "You have signed out" in response.content.decode()
    assert client.get("/").status_code == 302
