"""A person and their line manager complete an assessment and agree a development plan."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from cadre.assessments import services
from cadre.framework.models import RoleLevel
from tests.browser.gov_forms import choose, fill_date, first_choice
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_assessment_round_and_plan(browser, live_server, people, make_account,
                                   default_framework) -> None:  # noqa: ANN001
    level = RoleLevel.objects.get(name="Junior developer")
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    services.set_profile(actor=None, person=people.a_staff1, current_role_level=level,
                         targets=[])
    # The person assesses themselves.
    person_context, manager_context = browser.new_context(), browser.new_context()
    page = person_context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, staff.email, start="/capability/")
    page.get_by_role("button", name="Start an assessment").click()
    skills = page.locator(".cadre-level-choice")
    assert skills.count() > 0
    for i in range(skills.count()):
        skills.nth(i).get_by_role("radio", name="Working", exact=True).check()
    page.get_by_role("button", name="Send to my line manager").click()
    expect(page.locator("body")).to_contain_text("Sent to your line manager")
    # And adds an objective to their plan.
    page.goto(f"{live_server.url}/capability/people/{people.a_staff1.pk}/plan/")
    choose(page, "Skill", first_choice(page, "skill"))
    choose(page, "Target level", "Practitioner")
    fill_date(page, "Target date", dt.date.today() + dt.timedelta(days=60))
    page.get_by_role("button", name="Add objective").click()
    page.get_by_role("group", name="Kind of activity").get_by_role("radio").first.check()
    page.get_by_label("Activity", exact=True).fill("Shadow the on-call engineer")
    page.get_by_role("button", name="Add activity").click()
    expect(page.locator("body")).to_contain_text("Shadow the on-call engineer")
    # The manager sees what is waiting, agrees the assessment and the plan.
    boss = manager_context.new_page()
    boss.set_default_timeout(15000)
    sign_in(boss, live_server, manager.email, start="/capability/team/")
    boss.get_by_role("link", name="Review").first.click()
    boss.get_by_role("button", name="Agree the assessment").click()
    expect(boss.locator("body")).to_contain_text("Assessment agreed")
    boss.goto(f"{live_server.url}/capability/people/{people.a_staff1.pk}/plan/")
    boss.get_by_role("button", name="Agree the plan").click()
    assert "Agreed" in boss.locator("#plan-state").inner_text()
    # The person sees the agreed levels counting.
    page.goto(f"{live_server.url}/capability/people/{people.a_staff1.pk}/")
    assert "Agreed with line manager" in page.locator("#held").inner_text()
    person_context.close()
    manager_context.close()
