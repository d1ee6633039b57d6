"""A head of profession uploads an HR extract, checks the mapping and imports it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cadre.access.roles import Role
from cadre.people.models import Person
from cadre.workforce.tests.extract_data import DATA, make_grades
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_map_check_and_import(page, live_server, org_a, make_account) -> None:  # noqa: ANN001
    make_grades()
    user = make_account(Role.HEAD_OF_PROFESSION, org_a)
    sign_in(page, live_server, user.email, start="/workforce/extracts/upload/")
    page.get_by_label("HR extract (CSV or XLSX)").set_input_files(
        str(DATA / "corrected_extract.csv"))
    page.get_by_role("button", name="Continue").click()
    assert "Match the columns" in page.content(), page.locator("main").inner_text()
    assert page.get_by_label("Pay Grade").input_value() == "grade"  # suggested
    page.get_by_label("Job Description").select_option(label="Ignore this column")
    page.get_by_label("Save this mapping as (optional)").fill("default")
    page.get_by_role("button", name="Check the file").click()
    assert page.locator("#count-joiners").inner_text() == "12"
    assert not Person.objects.exists()
    page.get_by_role("button", name="Import 12 rows").click()
    # The import runs as a background job; its page links to the extract's report.
    page.get_by_role("link", name="See the result").click()
    expect(page.locator("body")).to_contain_text("HR extract of")
    assert page.locator("#changes").count() == 1
    assert Person.objects.filter(organisation=org_a).count() == 12
