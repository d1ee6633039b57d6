"""Issue 19 in the browser: a central team member rates a milestone's delivery confidence on
its page; a head of profession updates their department's progress on the commitments
comparison page; each then sees the other's work: the head of profession the central
rating on the workstream, the central team member the new progress in the comparison."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.strategy.models import CommitmentEntry, ConfidenceRating
from cadre.strategy.services import commitments as commitment_services
from cadre.strategy.services import workstreams as workstream_services
from tests.browser.test_people_in_browser import sign_in
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLI = Actor.command_line("browser test")
PROGRESS = "Digital leads are named in every service team; 240 people finished the course."


def _new_page(browser):  # noqa: ANN001, ANN202
    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    return page


def test_a_rating_and_a_commitment_update_meet_on_the_comparison_pages(
        browser, live_server, make_account) -> None:  # noqa: ANN001
    dept_a = OrganisationFactory(name="Department of Examples", abbreviation="DEX")
    dept_b = OrganisationFactory(name="Ministry of Samples", abbreviation="MOS")
    strategy = workstream_services.create_strategy(actor=CLI, name="Capability Strategy",
                                                   published=dt.date(2024, 10, 1))
    workstream = workstream_services.create_workstream(
        actor=CLI, strategy=strategy, name="Career paths", lead_organisation=dept_a)
    milestone = workstream_services.create_milestone(
        actor=CLI, workstream=workstream, title="Framework published", date_text="by March 2025")
    scale = workstream_services.create_scale(
        actor=CLI, name="Five-point", levels=("Green", "Amber-green", "Amber", "Amber-red", "Red"))
    today = dt.date.today()
    workstream_services.create_period(
        actor=CLI, label=f"{today.year} now", starts_on=(today - dt.timedelta(days=30)).isoformat(),
        ends_on=(today + dt.timedelta(days=60)).isoformat(), scale=scale)
    action = commitment_services.create_action(actor=CLI, strategy_name="Capability Strategy",
                                               name="Action 1: grow digital skills")
    for organisation, text in ((dept_a, "Every service team will have a digital lead."),
                               (dept_b, "Half of data roles will be permanent staff.")):
        commitment_services.save_entry(actor=CLI, action=action, organisation=organisation,
                                       kind="commitment", period="2024-12", text=text)
    central_account = make_account(Role.CENTRAL_TEAM)
    hop_account = make_account(Role.HEAD_OF_PROFESSION, organisation=dept_a)
    central, hop = _new_page(browser), _new_page(browser)

    # The central team member finds the milestone from the hub and gives the central rating.
    sign_in(central, live_server, central_account.email, start="/strategy/")
    central.get_by_role("link", name="Strategies, workstreams and milestones").click()
    central.get_by_role("link", name="Capability Strategy").click()
    central.get_by_role("link", name="Career paths").click()
    central.get_by_role("link", name="Framework published").click()
    central.locator("#rate-central").click()
    central.get_by_role("radio", name="Amber-red").check()
    central.get_by_label("Comment", exact=False).fill("Drafting started late.")
    central.get_by_role("button", name="Save the rating").click()
    central.wait_for_load_state()
    rating = ConfidenceRating.objects.get(milestone=milestone, rater_kind="central")
    assert rating.level.label == "Amber-red" and rating.comment == "Drafting started late."

    # The head of profession adds their department's progress on the comparison page.
    sign_in(hop, live_server, hop_account.email,
            start=f"/strategy/commitments/actions/{action.pk}/")
    table = hop.locator("#comparison")
    assert "Half of data roles will be permanent staff." in table.inner_text()
    hop.get_by_role("link", name="Add an entry for Department of Examples").click()
    hop.get_by_role("radio", name="Progress").check()
    hop.get_by_label("Period").fill("2025")
    hop.get_by_label("Text").fill(PROGRESS)
    hop.get_by_role("button", name="Save").click()
    hop.wait_for_load_state()
    entry = CommitmentEntry.objects.get(action=action, organisation=dept_a, kind="progress")
    assert entry.period == "2025" and entry.text == PROGRESS
    # Only their own department's row can be changed.
    assert hop.get_by_role("link", name="Add an entry for Ministry of Samples").count() == 0

    # Each sees the other's work: the central team the progress beside the commitments...
    central.goto(f"{live_server.url}/strategy/commitments/actions/{action.pk}/")
    comparison = central.locator("#comparison").inner_text()
    assert PROGRESS in comparison and "Every service team will have a digital lead." in comparison
    # ...and the head of profession the central rating on their workstream and milestone.
    hop.goto(f"{live_server.url}/strategy/workstreams/{workstream.pk}/")
    assert "Amber-red" in hop.locator("main").inner_text()
    hop.get_by_role("link", name="Framework published").click()
    main = hop.locator("main").inner_text()
    assert "Amber-red" in main and "Drafting started late." in main
