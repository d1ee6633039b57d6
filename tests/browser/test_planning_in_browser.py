"""A programme manager deploys a specialist from the bench; a head of profession plans."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.bench import services as services_bench
from cadre.bench.models import DeploymentRequest
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from tests.browser.gov_forms import fill_date
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bench_deployment_and_workforce_plan(browser, live_server, people, org_a, org_b,
                                             make_account) -> None:  # noqa: ANN001
    framework = Framework.objects.create(name="Test", version="1", is_default=True)
    family = RoleFamily.objects.create(framework=framework, name="Data")
    role = FrameworkRole.objects.create(framework=framework, family=family, name="Data engineer")
    RoleLevel.objects.create(framework=framework, role=role, name="Data engineer", order=0,
                             seniority=4)
    start = dt.date.today() + dt.timedelta(days=30)
    services_bench.add_window(actor=None, person=people.a_staff1, available_from=start,
                              available_to=start + dt.timedelta(days=90))
    pm = make_account(Role.PROGRAMME_MANAGER)
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    pm_context, hop_context = browser.new_context(), browser.new_context()

    # The programme manager finds the specialist and asks for them.
    page = pm_context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, pm.email, start="/talent/bench/")
    page.get_by_role("link", name=people.a_staff1.full_name).click()
    page.get_by_role("link", name="Request this specialist").click()
    page.get_by_label("Programme").fill("Border systems")
    page.get_by_label("Requesting organisation").select_option(label=str(org_b))
    fill_date(page, "Starts", start + dt.timedelta(days=5))
    fill_date(page, "Ends", start + dt.timedelta(days=20))
    page.get_by_role("button", name="Send the request").click()
    assert "Deployment requested" in page.content()

    # The specialist's head of profession accepts, then sets up a workforce plan.
    boss = hop_context.new_page()
    boss.set_default_timeout(15000)
    sign_in(boss, live_server, hop.email, start="/talent/bench/requests/")
    boss.locator("#to-decide").get_by_role("link", name="Border systems").click()
    boss.get_by_role("button", name="Accept").click()
    assert "Accepted" in boss.locator("#request").inner_text()

    page.reload()
    page.get_by_label("Reason or outcome").fill("Delivered the new data pipeline")
    page.get_by_role("button", name="Mark completed").click()
    assert DeploymentRequest.objects.get().state == "completed"

    boss.goto(f"{live_server.url}/talent/plans/")
    boss.get_by_label("Organisation").select_option(label=str(org_a))
    boss.get_by_label("Role family").select_option(label="Data")
    boss.get_by_label("First planned year").fill("2027")
    boss.get_by_label("Attrition rate").fill("0.1")
    boss.get_by_role("button", name="Create the plan").click()
    boss.get_by_label("Data engineer in 2027").fill("12")
    boss.get_by_role("button", name="Save planned demand").click()
    assert "12" in boss.locator("#totals").inner_text()
    assert boss.locator("svg[role=img] title").first.text_content().startswith("Projected")
    pm_context.close()
    hop_context.close()
