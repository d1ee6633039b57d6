"""A Fast Stream posting round from offers to published postings, in the browser."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.organisations.models import Location
from cadre.programmes import services
from cadre.programmes.models import Posting, PostingRound
from tests.browser.gov_forms import fill_date
from tests.browser.test_people_in_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_posting_round_from_offers_to_published_postings(browser, live_server, people, org_a,
                                                         org_b, make_account) -> None:  # noqa: ANN001
    Location.objects.create(name="London")
    scheme = services.create_scheme(actor=None, name="Digital and Technology",
                                    posting_pattern=[6, 6, 6, 6, 12, 12])
    intake = services.create_intake(actor=None, scheme=scheme, year=2025)
    services.enrol_fast_streamer(actor=None, person=people.a_staff1, intake=intake)
    central = make_account(Role.CENTRAL_TEAM)
    hop_b = make_account(Role.HEAD_OF_PROFESSION, org_b)
    streamer = make_account(person=people.a_staff1)
    contexts = [browser.new_context() for _ in range(3)]
    team, host, fast = (c.new_page() for c in contexts)
    for p in (team, host, fast):
        p.set_default_timeout(15000)

    # The central team starts a round from Fast Stream in the header's talent section.
    sign_in(team, live_server, central.email, start="/")
    team.get_by_role("link", name="Talent", exact=True).first.click()
    team.get_by_role("link", name="Fast Stream", exact=True).first.click()
    team.get_by_label("Scheme").select_option(label="Digital and Technology")
    team.get_by_label("Name").fill("Spring round")
    fill_date(team, "Postings start", dt.date.today() + dt.timedelta(days=60))
    team.get_by_role("button", name="Create the round").click()
    assert "Open for offers" in team.locator("#round").inner_text()
    round_ = PostingRound.objects.get()

    # Department B's head of profession offers a posting.
    sign_in(host, live_server, hop_b.email, start=f"/programmes/fast-stream/rounds/{round_.pk}/")
    host.get_by_role("link", name="Add an offer").click()
    host.get_by_label("Host organisation").select_option(label=str(org_b))
    host.get_by_label("Role", exact=True).fill("Data engineer")
    host.get_by_label("Location").select_option(label="London")
    host.get_by_role("button", name="Add the offer").click()
    assert "Data engineer" in host.locator("#offers").inner_text()

    team.reload()
    team.get_by_role("button", name="Close offers and take preferences").click()
    assert "Taking preferences" in team.locator("#round").inner_text()

    # The fast streamer ranks the offer.
    sign_in(fast, live_server, streamer.email,
            start=f"/programmes/fast-stream/rounds/{round_.pk}/")
    fast.get_by_role("link", name="Rank the offers").click()
    fast.get_by_label("Choice 1").select_option(label="Data engineer (DB, London)")
    fast.get_by_role("button", name="Save your preferences").click()
    assert "Data engineer (DB)" in fast.locator("#my-preferences").inner_text()

    # The central team checks the dry run, allocates and publishes.
    team.get_by_role("link", name="See the allocation and allocate").click()
    assert "First choice." in team.locator("#allocation").inner_text()
    assert not Posting.objects.exists()
    team.get_by_role("button", name="Allocate the postings").click()
    team.get_by_role("button", name="Publish the postings").click()
    assert "Published" in team.locator("#round").inner_text()

    fast.goto(f"{live_server.url}/programmes/fast-stream/mine/")
    assert "Data engineer" in fast.locator("#postings").inner_text()
    for c in contexts:
        c.close()
