"""A vacancy is posted, matched and filled through a managed move that completes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cadre.mobility.models import MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401
from tests.browser.gov_forms import choose, fill_date
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vacancy_to_completed_move(browser, live_server, mob) -> None:  # noqa: ANN001, F811
    hiring, releasing = browser.new_context(), browser.new_context()
    a = hiring.new_page()
    a.set_default_timeout(15000)
    # The hiring head of profession drafts a vacancy from a role level and opens it.
    sign_in(a, live_server, mob.a_hop.email, start="/talent/vacancies/new/")
    choose(a, "Which role level is it?", "Data engineer: Senior data engineer",
           "Senior data engineer")
    a.get_by_role("button", name="Continue").click()
    assert a.locator("#skill-0").input_value() == str(mob.skills[0].pk)
    a.get_by_label("Title").fill("Senior data engineer, Leeds")
    choose(a, "Grade", "Grade 7")
    a.get_by_role("button", name="Save as a draft").click()
    assert "Draft" in a.locator("#vacancy-state").inner_text()
    a.get_by_role("button", name="Open on the board").click()
    assert "Open" in a.locator("#vacancy-state").inner_text()
    # The ranked matches include the opted-in person from the other organisation.
    a.get_by_role("link", name="See matches").click()
    staff = mob.people.b_staff
    row = a.locator(f"#match-{staff.pk}")
    assert staff.full_name in row.inner_text() and "short by 1" in row.inner_text()
    row.get_by_role("button", name="Propose a move").click()
    assert "Proposed" in a.locator("#move-state").inner_text()
    a.get_by_role("button", name=re.compile(r"^Agree for .*\(DA\) \(receiving\)$")).click()
    move_url = a.url
    # The releasing organisation agrees and arranges the logistics.
    b = releasing.new_page()
    b.set_default_timeout(15000)
    sign_in(b, live_server, mob.b_hop.email, start=move_url.replace(live_server.url, ""))
    b.get_by_role("button", name=re.compile(r"^Agree for .*\(DB\) \(releasing\)$")).click()
    assert "both organisations" in b.locator("#move-state").inner_text()
    receiving = mob.people.a_head.organisation.name
    fill_date(b, f"Start date in {receiving}", dt.date.today() + dt.timedelta(days=21))
    for label in ("Security clearance transferred", "Pay and pension agreed",
                  "Equipment ready", "Building and system access ready"):
        b.get_by_label(label).check()
    b.get_by_role("button", name="Save logistics").click()
    assert b.locator("#missing").inner_text().strip() == "None"
    # The receiving organisation completes the move.
    a.goto(move_url)
    choose(a, f"Line manager in {receiving}", mob.people.a_head.full_name)
    a.get_by_role("button", name="Complete the move").click()
    assert "Completed" in a.locator("#move-state").inner_text()
    a.get_by_role("link", name="Senior data engineer, Leeds").click()
    assert "Filled" in a.locator("#vacancy-state").inner_text()
    assert staff.full_name in a.locator("#filled-by").inner_text()
    staff.refresh_from_db()
    assert staff.organisation == mob.org_a and staff.line_manager == mob.people.a_head
    assert Vacancy.objects.get().state == Vacancy.State.FILLED
    assert MoveRequest.objects.get().state == MoveRequest.State.COMPLETED
    hiring.close()
    releasing.close()
