"""Issue 12 in a real browser: the analyst reads truthful hidden-number labels with their
legend, follows the headline's link to its definition, and downloads an aggregate in ODS."""

from __future__ import annotations

import re

import pytest

from cadre.access.roles import Role
from cadre.core.tabular import read_ods_values
from cadre.workforce.tests.test_picture_pages import data  # noqa: F401 - fixture
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_downloads_the_picture_in_ods(page, live_server, data, make_account,  # noqa: ANN001, F811
                                             tmp_path) -> None:
    analyst = make_account(Role.ANALYST)
    sign_in(page, live_server, analyst.email, start="/workforce/")
    page.get_by_role("link", name="Department A (DA)").click()
    legend = page.locator("#suppression-notice")
    assert "fewer than 5" in legend.inner_text() and "[c]" in legend.inner_text()
    row = page.get_by_role("table", name="Headcount by role family").get_by_role(
        "row", name="Software development")
    assert row.inner_text().split("\t")[-1].strip() == "[c]"  # a share, not a small count
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^ODS\W+Headcount by role family$")).click()
    assert download.value.suggested_filename.endswith(".ods")
    target = tmp_path / "picture.ods"
    download.value.save_as(target)
    grid = read_ods_values(target.read_bytes())
    assert ["Software development", "fewer than 5", "fewer than 5", 6.0, "[c]"] in grid
    page.locator("#what-it-counts").get_by_role("link").first.click()
    assert page.url.endswith("/definitions#in-the-profession")
    assert page.locator("#in-the-profession").is_visible()
