"""An IT Academy selection from nominations to a cadre, in the browser."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.programmes.models import Candidate, Membership
from cadre.programmes.services import academies as services
from cadre.workforce.models import WorkforceRecord
from tests.browser.test_people_in_browser import sign_in
from tests.factories import GradeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_academy_selection_from_nominations_to_a_cadre(browser, live_server, people, org_a,
                                                       make_account) -> None:  # noqa: ANN001
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    people.a_staff1.grade = g7
    people.a_staff1.save(update_fields=["grade"])
    WorkforceRecord.objects.create(person=people.a_staff1, in_profession=True)
    academy = services.create_academy(actor=None, name="IT Academy", kind="it", grades=[g7])
    round_ = services.create_round(actor=None, academy=academy, name="2026 cadre",
                                   starts_on=dt.date(2026, 9, 1), capacity=25,
                                   criteria=[("Leadership", 2)])
    central = make_account(Role.CENTRAL_TEAM)
    hop_a = make_account(Role.HEAD_OF_PROFESSION, org_a)
    nominee = make_account(person=people.a_staff1)
    contexts = [browser.new_context() for _ in range(3)]
    team, hop, member = (c.new_page() for c in contexts)
    for p in (team, hop, member):
        p.set_default_timeout(15000)

    # Department A's head of profession finds the round from the talent section and nominates.
    sign_in(hop, live_server, hop_a.email, start="/")
    hop.get_by_role("link", name="Talent", exact=True).first.click()
    hop.get_by_role("link", name="IT and CIO Academies").first.click()
    hop.get_by_role("link", name="IT Academy").click()
    hop.get_by_role("link", name="2026 cadre").first.click()
    hop.get_by_label("Nominee").select_option(label=f"{people.a_staff1.full_name} (A3, DA)")
    hop.get_by_role("button", name="Nominate").click()
    assert "Nominated" in hop.locator("#candidates").inner_text()

    # The central team closes nominations.
    round_url = f"/programmes/academies/rounds/{round_.pk}/"
    sign_in(team, live_server, central.email, start=round_url)
    team.get_by_role("button", name="Close nominations and take applications").click()
    assert "Taking applications" in team.locator("#round").inner_text()

    # The nominee applies.
    sign_in(member, live_server, nominee.email, start=round_url)
    member.get_by_role("link", name=people.a_staff1.full_name).click()
    member.get_by_label("Your statement").fill("I lead our platform team.")
    member.get_by_role("button", name="Send the application").click()
    assert "Applied" in member.locator("#candidate").inner_text()

    # The panel scores, closes scoring and offers a place; the round is closed.
    team.reload()
    team.get_by_role("button", name="Close applications and start scoring").click()
    team.get_by_role("link", name=people.a_staff1.full_name).click()
    team.get_by_label("Leadership (weight 2)").fill("4")
    team.get_by_role("button", name="Save the scores").click()
    team.get_by_role("button", name="Close scoring for this candidate").click()
    team.get_by_label("Offer a place", exact=True).check()
    team.get_by_label("Feedback to the candidate").fill("Strong leadership evidence.")
    team.get_by_role("button", name="Record the decision").click()
    assert "Offered a place" in team.locator("#candidate").inner_text()
    team.goto(live_server.url + round_url)
    team.get_by_role("button", name="Close the round").click()
    assert "Decided" in team.locator("#round").inner_text()

    # The cadre page lists the new member; the nominee sees the feedback.
    team.get_by_role("link", name="2026 cadre").last.click()
    assert people.a_staff1.full_name in team.locator("#members").inner_text()
    member.reload()
    assert "Strong leadership evidence." in member.locator("#candidate").inner_text()
    assert Candidate.objects.get().state == Candidate.State.OFFERED
    assert Membership.objects.filter(cadre=round_.cadre, person=people.a_staff1).exists()
    for c in contexts:
        c.close()
