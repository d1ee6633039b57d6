"""The workforce picture in a real browser: charts are named images, tables beside them."""

from __future__ import annotations

import re

import pytest

from cadre.access.roles import Role
from cadre.workforce.tests.test_picture_pages import data  # noqa: F401 - fixture
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_reads_the_suppressed_picture(page, live_server, data, make_account) -> None:  # noqa: ANN001, F811
    analyst = make_account(Role.ANALYST)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, analyst.email, start="/workforce/")
    page.get_by_role("link", name="Department A (DA)").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Department A")
    # Each chart is an image with an accessible name, and a table with a caption beside it.
    chart = page.get_by_role("img", name="Headcount by role family: Headcount")
    assert chart.count() == 1
    table = page.get_by_role("table", name="Headcount by role family")
    row = table.get_by_role("row", name="Software development")
    assert "fewer than 5" in row.inner_text()
    assert "fewer than 5" in page.locator("#chart-contingent-cost").text_content()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^CSV\W+Headcount by role family$")).click()
    assert download.value.suggested_filename.startswith("workforce-da-role-family")
    assert not errors
