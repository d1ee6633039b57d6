"""A line manager rates their team; the head of profession calibrates on the nine-box grid,
puts a high-potential person in a pool and names them as a successor."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.talent import services
from cadre.talent.models import PoolMembership, Successor, TalentRating
from cadre.talent.tests.identification_data import small_role_level
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rate_calibrate_pool_and_succession(browser, live_server, people, org_a,  # noqa: ANN001
                                            make_account) -> None:
    today = dt.date.today()
    cycle = services.open_cycle(actor=None, organisation=org_a, name="Year end",
                                opens_on=today, closes_on=today + dt.timedelta(days=20))
    post = services.create_critical_post(actor=None, organisation=org_a,
                                         title="Chief architect",
                                         role_level=small_role_level(),
                                         incumbent=people.a_head)
    manager = make_account(person=people.a_manager)
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)

    # The line manager rates someone in their team.
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, manager.email, start="/talent/identification/ratings/")
    staff = people.a_staff1
    page.locator(f"#id_performance_{staff.pk}").select_option(label="High")
    page.locator(f"#id_potential_{staff.pk}").select_option(label="Moderate")
    page.get_by_role("button", name=f"Save rating for {staff.full_name}").click()
    assert f"Rating saved for {staff.full_name}" in page.content()
    context.close()

    # The head of profession sees them on the grid and calibrates with a reason.
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, hop.email, start=f"/talent/identification/cycles/{cycle.pk}/")
    assert "High performance, moderate potential: 1" in page.locator("#box-6").inner_text()
    page.get_by_role("link", name=f"Adjust rating of {staff.full_name}").click()
    page.get_by_role("group", name="Potential").get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Save calibration").click()
    assert "Enter reason for the adjustment" in page.content()
    # What was chosen is kept on the page that reports the error.
    assert page.get_by_role("group", name="Potential").get_by_label(
        "High", exact=True).is_checked()
    page.get_by_label("Reason for the adjustment").fill("Panel saw leadership across teams")
    page.get_by_role("button", name="Save calibration").click()
    assert "High performance, high potential: 1" in page.locator("#box-9").inner_text()
    rating = TalentRating.objects.get(cycle=cycle, person=staff)
    assert (rating.potential, rating.calibrated_potential) == (2, 3)

    # Into a pool, and named as a successor from the matching candidates.
    page.goto(f"{live_server.url}/talent/pools/")
    page.get_by_label("Name").fill("Ready for SCS")
    page.get_by_role("button", name="Create the pool").click()
    page.get_by_label("Person").select_option(label=f"{staff.full_name} ({staff.staff_number})")
    page.get_by_role("button", name="Add to the pool").click()
    assert PoolMembership.objects.filter(person=staff, pool__name="Ready for SCS").exists()
    page.goto(f"{live_server.url}/talent/succession/{post.pk}/")
    page.get_by_role("button", name=f"Add {staff.full_name}").click()
    assert Successor.objects.filter(post=post, person=staff, readiness="now").exists()
    assert staff.full_name in page.locator("#successors").inner_text()
    context.close()
