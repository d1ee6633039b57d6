"""Accreditation end to end in the browser: an application with a supporter, allocation of
two assessors, both assessments, reconciliation, the panel's decision, the credential
downloaded by the holder and checked on the public page without signing in."""

from __future__ import annotations

import json

import pytest

from cadre.accreditation.models import Allocation, Application, Assessor, Award
from cadre.accreditation.tests.apps_fixtures import make_scheme
from tests.browser.test_people_in_browser import sign_in
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_page(browser):  # noqa: ANN001, ANN202
    page = browser.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(20000)
    return page


def test_accreditation_from_application_to_public_verification(
        browser, live_server, people, make_account) -> None:  # noqa: ANN001
    setup = make_scheme(people, make_account)
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    c_person = PersonFactory(organisation=org_c, staff_number="C1", last_name="Cpanel")
    c_account = make_account(person=c_person)
    # The pool: two people in Department B and one in Department C. Department A's people
    # (the applicant's organisation) may not assess; whoever is not allocated sits on the
    # panel.
    accounts = {people.b_head.pk: setup.other_supporter, people.b_staff.pk: setup.stranger,
                c_person.pk: c_account}
    for person in (people.b_head, people.b_staff, c_person):
        Assessor.objects.create(person=person, default_capacity=5)

    applicant, supporter, team = (_new_page(browser) for _ in range(3))

    # The applicant starts an application, writes statements and names a supporter.
    sign_in(applicant, live_server, setup.applicant.email, start="/accreditation/applications/")
    applicant.get_by_role("link", name="Start an application").click()
    applicant.get_by_label("Scheme and level").select_option(
        label="Digital practice: Practitioner")
    applicant.get_by_role("button", name="Start the application").click()
    assert "Name a supporter" in applicant.locator("#before-submitting").inner_text()
    applicant.get_by_role("link", name="Write or change your statements").click()
    applicant.get_by_label("Criterion 1:").fill("I analyse service data every week.")
    applicant.get_by_label("Criterion 2:").fill("I keep to the code of conduct.")
    applicant.get_by_role("button", name="Save the statements").click()
    applicant.get_by_role("link", name="Name a supporter").click()
    applicant.get_by_label("Your supporter's staff number").fill("A2")
    applicant.get_by_role("button", name="Ask them to support you").click()
    assert "waiting for them to confirm" in applicant.locator("#supporter").inner_text()

    # The supporter finds the request on their home page and confirms.
    sign_in(supporter, live_server, setup.supporter.email, start="/")
    supporter.get_by_role("link", name=f"Support {people.a_staff1.full_name}'s application",
                          exact=False).first.click()
    assert "I analyse service data every week." in supporter.content()
    supporter.get_by_label("I confirm the statements").check()
    supporter.get_by_role("button", name="Send your answer").click()

    # The applicant submits.
    applicant.reload()
    applicant.get_by_role("button", name="Submit the application").click()
    assert "Submitted" in applicant.locator("#application").inner_text()
    application = Application.objects.get()

    # The central team allocates two assessors from the round page.
    sign_in(team, live_server, setup.runner.email,
            start=f"/accreditation/rounds/{setup.round.pk}/")
    team.get_by_role("link", name="Allocate assessors").click()
    team.get_by_role("button", name="Allocate the assessors").click()
    allocations = list(Allocation.objects.filter(application=application)
                       .select_related("assessor__person"))
    assert len(allocations) == 2
    assert {a.assessor.person.organisation_id for a in allocations} != {people.a_staff1
                                                                        .organisation_id}

    # Both assessors score; they are two levels apart on criterion 1.
    assessors = []
    for allocation, first_score in zip(allocations, (3, 5), strict=True):
        page = _new_page(browser)
        assessors.append(page)
        sign_in(page, live_server, accounts[allocation.assessor.person_id].email,
                start="/accreditation/assessing/")
        page.get_by_role("link", name=people.a_staff1.full_name).first.click()
        page.get_by_label(f"1. {setup.skills_rule.text}").fill(str(first_score))
        page.get_by_label(f"2. {setup.conduct.text}").fill("3")
        page.get_by_role("button", name="Save your scores").click()
        page.get_by_role("button", name="Submit your scores").click()
    application.refresh_from_db()
    assert application.state == Application.State.RECONCILIATION

    # Reconciliation: the second assessor moves to 4 and sends it to the panel.
    second = assessors[1]
    second.reload()
    second.get_by_label(f"1. {setup.skills_rule.text}").fill("4")
    second.get_by_label("Why the score changed, or why it stands").fill(
        "The first assessor's reading of the evidence is fair.")
    second.get_by_role("button", name="Save the reconciled scores").click()
    second.get_by_role("button", name="Send to the review panel").click()
    application.refresh_from_db()
    assert application.state == Application.State.PANEL

    # The panel awards.
    allocated = {a.assessor.person_id for a in allocations}
    panel_member = next(p for p in (people.b_head, people.b_staff, c_person)
                        if p.pk not in allocated)
    team.goto(f"{live_server.url}/accreditation/panel/")
    team.get_by_role("link", name=people.a_staff1.full_name).first.click()
    team.get_by_label("Award", exact=True).check()
    team.get_by_label("The panel's reasons").fill("Both criteria are met with good evidence.")
    team.get_by_label(panel_member.full_name, exact=False).first.check()
    team.get_by_role("button", name="Record the decision").click()
    application.refresh_from_db()
    assert application.state == Application.State.AWARDED
    award = Award.objects.get(person=people.a_staff1)

    # The holder downloads the signed credential.
    applicant.goto(f"{live_server.url}/accreditation/credentials/")
    response = applicant.request.get(
        f"{live_server.url}/accreditation/credentials/{award.public_id}/credential.json")
    assert response.status == 200
    body = response.text()
    assert "OpenBadgeCredential" in body or body.count(".") >= 2  # JSON, or a bare VC-JWT
    if body.lstrip().startswith("{"):
        json.loads(body)

    # Anyone, signed out, checks it on the public page.
    public = _new_page(browser)
    public.goto(f"{live_server.url}/accreditation/credentials/{award.public_id}/")
    assert "/sign-in/" not in public.url
    assert "Valid" in public.locator("#credential-status").inner_text()
    assert people.a_staff1.full_name in public.locator("#credential").inner_text()
