"""Sign in through the real page in headless Chromium and use the people pages."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from tests.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email: str, start: str = "/people/") -> None:  # noqa: ANN001
    page.goto(f"{live_server.url}{start}")
    assert "/sign-in/" in page.url
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_head_of_profession_signs_in_and_sees_their_people(
    page, live_server, people, org_a, make_account  # noqa: ANN001
) -> None:
    user = make_account(Role.HEAD_OF_PROFESSION, org_a)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, user.email)
    assert page.url.endswith("/people/")
    table = page.locator("#people")
    assert "Astaffone" in table.inner_text()
    assert "Bstaff" not in table.inner_text()
    # GOV.UK Frontend's JavaScript ran (no CSP or module errors).
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    assert not errors, errors
    page.get_by_role("link", name="Astaffone, ").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Astaffone")


def test_wrong_password_shows_the_error_summary(page, live_server, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.CENTRAL_TEAM)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
