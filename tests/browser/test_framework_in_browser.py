"""The framework explorer, compare and path finder pages in headless Chromium."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from tests.browser.gov_forms import choose
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_explore_compare_and_find_a_path(page, live_server, make_account,
                                        default_framework) -> None:  # noqa: ANN001
    user = make_account(Role.PROFESSIONAL)
    sign_in(page, live_server, user.email, start="/framework/")
    # Explorer: families, roles and levels.
    assert page.get_by_role("heading", name="Software development").is_visible()
    page.get_by_role("link", name="Junior developer", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Junior developer"
    assert page.locator("#requirements tbody tr").count() > 3
    # Compare with the next level up.
    page.get_by_role("link", name="compare", exact=True).first.click()
    assert "needs" in page.locator("#compare-summary").inner_text()
    assert page.locator("#compare-table tbody tr").count() > 0
    # Path finder: choose two levels and read the route.
    page.get_by_role("link", name="Career path finder").first.click()
    choose(page, "From", "Junior developer")
    choose(page, "To", "Lead data engineer")
    page.get_by_role("button", name="Find a route").click()
    assert "skill development in all" in page.locator("#path-summary").inner_text()
    assert page.locator("svg.cadre-path").is_visible()
    steps = page.locator("#path-steps > li")
    assert steps.count() >= 2
    assert "Lead data engineer" in steps.last.inner_text()
