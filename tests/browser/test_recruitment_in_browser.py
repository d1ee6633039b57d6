"""Issue 21 in the browser: a recruitment campaign from a vacancy gone external to an
appointment, through a two-stage panel, and a reserve-list offer to a second department.

Department A's head of profession starts a campaign from the vacancy on its page, sets the
plan (one criterion at the sift, one at interview) and a pay range against the benchmark,
and opens it. An external candidate's application is recorded (after one bad input) and an
internal candidate applies. The hub seats a chair and two members from other departments
and allocates each stage; the members score independently, the chair moderates and
decides. One candidate is appointed; the other, appointable and willing, goes on the reserve
list and gets their feedback. Department B's head of profession offers them its similar
campaign; the candidate accepts and is appointed there without a second assessment.
Set up with services: the people, accounts, departments, the vacancy, a market pay figure
and Department B's open campaign."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.mobility.tests.mobility_setup import mob  # noqa: F401
from cadre.recruitment.models import Application, ApplicationState, Campaign
from cadre.recruitment.services import pay as pay_services
from cadre.recruitment.tests.campaigns_fixtures import external, opened
from tests.browser.test_people_in_browser import sign_in
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLI = Actor.command_line("browser test")
SIFT_TEXT = "Designs data platforms used across several services"
INTERVIEW_TEXT = "Presents a plan for the first 100 days"
GOOD = "3: good evidence"


def _page(browser):  # noqa: ANN001, ANN202
    """A page in a context of its own (its own sign-in); the session's browser closes it."""
    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    return page


def _main(page) -> str:  # noqa: ANN001
    return page.locator("main").inner_text()


def _score_everything(page, panel_url: str, stage: str, comment: str) -> int:  # noqa: ANN001
    """Submit every score sheet waiting for this member at ``stage``; how many."""
    done = 0
    while True:
        page.goto(panel_url)
        waiting = page.locator(f"#stage-{stage}").get_by_role(
            "link", name=re.compile(r"^Score it"))
        if not waiting.count():
            return done
        waiting.first.click()
        assert page.get_by_role("heading", level=1).inner_text() == "Your score sheet"
        page.get_by_role("radio", name=GOOD).check()
        page.get_by_label("Comment on", exact=False).fill(comment)
        page.get_by_role("button", name="Submit your scores").click()
        assert "Your scores are submitted" in _main(page)
        done += 1


def _moderate_and_decide(page, panel_url: str, stage: str, name: str,  # noqa: ANN001
                         outcome: str, reasons: str) -> None:
    """The chair agrees the scores and records the stage's decision on one application."""
    page.goto(panel_url)
    page.locator(f"#stage-{stage}").get_by_role("link", name=re.compile(
        rf"^Application \d+: {re.escape(name)}$")).click()
    page.get_by_role("radio", name=GOOD).check()
    page.get_by_role("button", name="Save the agreed scores").click()
    assert "The agreed scores are saved." in _main(page)
    assert "3" in page.locator("#moderation").inner_text()
    page.get_by_role("radio", name=outcome, exact=True).check()
    page.get_by_label("Reasons for the decision").fill(reasons)
    page.get_by_role("button", name="Record the decision").click()
    assert "The decision is recorded." in _main(page)
    assert outcome in page.locator("#decision").inner_text()


def test_a_campaign_to_appointment_and_a_reserve_offer_to_a_second_department(
        browser, live_server, mob, make_account) -> None:  # noqa: ANN001, F811
    people = mob.people
    org_c = OrganisationFactory(name="Department C", abbreviation="DC")
    c_person = PersonFactory(organisation=org_c, staff_number="C1", last_name="Cpanel")
    vacancy = external(mob, title="Senior data engineer, Leeds")
    pay_services.add_market_figure(
        actor=CLI, role_level_id=mob.role_level.pk, low=55000, median=62000, high=70000,
        source="Hub survey of 40 adverts", source_date=dt.date.today() - dt.timedelta(days=30))
    target = opened(SimpleNamespace(org_a=mob.org_a, role_level=mob.role_level, g6=mob.g6),
                    organisation=mob.org_b, title="Senior data engineer (DB)")
    hop_a, hop_b, hub = mob.a_hop, mob.b_hop, mob.central
    candidate_user = mob.a_staff_user
    chair_user = make_account(Role.PROFESSIONAL, person=people.b_head)
    member_users = {"b": mob.b_staff_user,
                    "c": make_account(Role.PROFESSIONAL, person=c_person)}
    internal_name = people.a_staff1.full_name
    a, h, cand = _page(browser), _page(browser), _page(browser)

    # -- Department A's head of profession starts the campaign from the vacancy's page.
    sign_in(a, live_server, hop_a.email, start=f"/talent/vacancies/{vacancy.pk}/")
    a.get_by_role("link", name=re.compile("^Start a recruitment campaign")).click()
    assert a.get_by_role("heading", level=1).inner_text() == "Start a recruitment campaign"
    assert "Senior data engineer, Leeds" in a.locator(".govuk-inset-text").inner_text()
    assert a.get_by_label("Title of the role").input_value() == "Senior data engineer, Leeds"
    a.get_by_role("button", name="Start the campaign").click()
    assert "Campaign started as a draft" in _main(a)
    assert a.locator("#campaign-state").inner_text() == "Draft"
    campaign = Campaign.objects.get(vacancy=vacancy)
    campaign_url = a.url
    summary = a.locator("#campaign-summary").inner_text()
    assert "Department A" in summary and "Not set yet" in summary
    # The benchmark is on the page before the range is set.
    benchmark = a.locator("#pay-benchmark").inner_text()
    assert "Hub survey of 40 adverts" in benchmark and "£62,000" in benchmark

    # The plan: the first seeded criterion becomes the sift's, the other goes, and an
    # interview criterion is added.
    a.get_by_role("link", name=re.compile("^Change the assessment plan")).click()
    assert a.get_by_role("heading", level=1).inner_text() == "Assessment plan"
    a.get_by_role("link", name="Change criterion 2").click()
    a.get_by_label("Criterion", exact=True).fill(SIFT_TEXT)
    a.get_by_role("group", name="When it is assessed").get_by_role(
        "radio", name="Sift", exact=True).check()
    a.get_by_role("button", name="Save").click()
    assert "Criterion saved." in _main(a)
    a.get_by_role("button", name="Remove criterion 1").click()
    assert "Criterion removed" in _main(a)
    a.get_by_label("Criterion", exact=True).fill(INTERVIEW_TEXT)
    a.get_by_role("group", name="When it is assessed").get_by_role(
        "radio", name="Interview", exact=True).check()
    a.get_by_role("group", name="How it is assessed").get_by_role(
        "radio", name="Presentation").check()
    a.get_by_role("button", name="Add the criterion").click()
    plan = a.locator("#criteria").inner_text()
    assert SIFT_TEXT in plan and INTERVIEW_TEXT in plan and "Presentation" in plan
    assert a.locator("#criteria caption").inner_text() == "2 criteria"

    # The pay range: too low is flagged against the benchmark; a fair one is not.
    a.goto(campaign_url)
    a.get_by_role("link", name=re.compile("^Change the details and pay range")).click()
    a.get_by_label("Lowest pay (optional for now)").fill("40000")
    a.get_by_label("Highest pay (optional for now)").fill("45000")
    a.get_by_role("button", name="Save").click()
    assert "Campaign details saved." in _main(a)
    assert "£45,000" in a.locator("#pay-flags").inner_text()
    a.get_by_role("link", name=re.compile("^Change the details and pay range")).click()
    a.get_by_label("Lowest pay (optional for now)").fill("58000")
    a.get_by_label("Highest pay (optional for now)").fill("66000")
    a.get_by_role("button", name="Save").click()
    assert a.locator("#pay-range").inner_text() == "£58,000 to £66,000 a year"
    assert a.locator("#pay-flags").count() == 0
    a.get_by_role("button", name="Open for applications").click()
    assert a.locator("#campaign-state").inner_text() == "Open for applications"

    # -- Applications: an external one recorded (a bad email first), an internal one made.
    a.get_by_role("link", name=re.compile(r"^0 applications")).click()
    a.get_by_role("link", name="Record an application").click()
    a.get_by_label("Candidate's name").fill("Priya Raman")
    a.get_by_label("Email address").fill("priya at example")
    a.get_by_label(f"Evidence: {SIFT_TEXT}").fill("Led the platform for three services.")
    a.get_by_role("button", name="Record the application").click()
    errors = a.locator(".govuk-error-summary")
    assert errors.is_visible() and "There is a problem" in errors.inner_text()
    assert "email" in errors.inner_text().lower()
    a.get_by_label("Email address").fill("priya@example.com")
    a.get_by_role("button", name="Record the application").click()
    assert a.get_by_role("heading", level=1).inner_text() == "Application from Priya Raman"
    assert "Outside government" in a.locator("#application-summary").inner_text()

    sign_in(cand, live_server, candidate_user.email, start=campaign_url.replace(
        live_server.url, ""))
    cand.get_by_role("link", name="Apply for this role").click()
    cand.get_by_label(f"Evidence: {SIFT_TEXT}").fill("Built the department's data lake.")
    cand.get_by_label("I agree to be offered similar roles").check()
    cand.get_by_role("button", name="Send your application").click()
    assert cand.get_by_role("heading", level=1).inner_text() == "Your application"
    assert cand.locator("#application-state").inner_text() == "Submitted"
    assert "Agreed on" in cand.locator("#application-summary").inner_text()

    a.goto(campaign_url)
    a.get_by_role("button", name="Close applications and start the sift").click()
    assert a.locator("#campaign-state").inner_text() == "Sift"

    # -- The hub seats the panel: a chair and two members, none from Department A.
    sign_in(h, live_server, hub.email, start=f"/recruitment/campaigns/{campaign.pk}/")
    h.get_by_role("link", name=re.compile("^Sift and interview panel")).click()
    panel_url = h.url
    for person, role in ((people.b_head, "Chair"), (people.b_staff, "Member"),
                         (c_person, "Member")):
        h.get_by_role("link", name="Add someone to the panel").click()
        h.get_by_label("Person").fill(person.staff_number)
        h.get_by_role("radio", name=role, exact=True).check()
        h.get_by_role("button", name="Add to the panel").click()
        assert f"{person.full_name} is on the panel as {role.lower()}." in _main(h)
    members = h.locator("#panel-members").inner_text()
    assert "Department B" in members and "Department C" in members
    assert "Department A" not in members
    h.get_by_role("link", name="Allocate the sift").click()
    assert h.get_by_role("heading", level=1).inner_text() == "Allocate the sift"
    assert "Priya Raman" in h.locator("#plan").inner_text()
    h.get_by_role("button", name="Allocate the sift").click()
    assert "The sift is allocated: 4 place(s) given on 2 application(s)." in _main(h)

    # -- Members score the sift on their own; the chair moderates and decides.
    chair = _page(browser)
    sign_in(chair, live_server, chair_user.email, start="/recruitment/panels/")
    scorers = {"chair": chair}
    for key, user in member_users.items():
        scorers[key] = _page(browser)
        sign_in(scorers[key], live_server, user.email, start="/recruitment/panels/")
    assert sum(_score_everything(p, panel_url, "sift", f"Sift view of {k}.")
               for k, p in scorers.items()) == 4
    for name in ("Priya Raman", internal_name):
        _moderate_and_decide(chair, panel_url, "sift", name,
                             "Sifted in: invited to interview", "Strong written evidence.")

    a.goto(campaign_url)
    a.get_by_role("button", name="Start interviews").click()
    assert a.locator("#campaign-state").inner_text() == "Interviews"
    h.goto(panel_url)
    h.get_by_role("link", name="Allocate the interviews").click()
    h.get_by_role("button", name="Allocate the interview").click()
    assert "6 place(s) given on 2 application(s)" in _main(h)

    # -- Interviews: scores stay hidden from a member until they submit their own.
    first, second = scorers["b"], scorers["c"]
    assert _score_everything(first, panel_url, "interview", "Clear plan.") == 2
    second.goto(panel_url)
    second.locator("#stage-interview").get_by_role(
        "link", name=re.compile(rf"^Application \d+: {re.escape(internal_name)}$")).click()
    assert "you see their scores once you have submitted yours" in _main(second)
    assert "Clear plan." not in _main(second)
    assert _score_everything(second, panel_url, "interview", "Good answers.") == 2
    second.locator("#stage-interview").get_by_role(
        "link", name=re.compile(rf"^Application \d+: {re.escape(internal_name)}$")).click()
    assert "Clear plan." in _main(second)
    assert _score_everything(chair, panel_url, "interview", "Agreed.") == 2
    for name in ("Priya Raman", internal_name):
        _moderate_and_decide(chair, panel_url, "interview", name, "Appointable",
                             "Met every criterion at interview.")
    # The chair writes the internal candidate's feedback and releases it.
    chair.get_by_label("Feedback to the candidate").fill(
        "A strong plan; appointable. Not appointed this time: one post, two candidates.")
    chair.get_by_role("button", name="Save the feedback").click()
    chair.get_by_role("button", name="Release the feedback to the candidate").click()
    assert "The feedback is released to the candidate." in _main(chair)

    # -- Department A decides, appoints Priya and puts the other candidate on the reserve.
    a.goto(campaign_url)
    a.get_by_role("button", name="Record that decisions are made").click()
    assert a.locator("#campaign-state").inner_text() == "Decided"
    a.get_by_role("link", name=re.compile(r"^2 applications")).click()
    table = a.locator("#applications").inner_text()
    assert table.count("Appointable") == 2
    a.get_by_role("link", name="Priya Raman").click()
    for step, shown in (("Offered the role", "Offered the role"), ("Appointed", "Appointed")):
        a.get_by_role("radio", name=step, exact=True).check()
        a.get_by_role("button", name="Save the step").click()
        assert a.locator("#application-state").inner_text() == shown
    a.goto(f"{live_server.url}/recruitment/reserve/")
    a.get_by_role("link", name="Add a candidate to the reserve list").click()
    a.get_by_label("Candidate").select_option(
        label=f"{internal_name}, Senior data engineer, Leeds (Appointable)")
    a.get_by_role("button", name="Add to the reserve list").click()
    assert f"{internal_name} is on the reserve list until" in _main(a)
    assert a.locator("#entry-state").inner_text() == "On the reserve list"

    # The candidate sees the panel's decisions and the feedback on their application.
    cand.goto(f"{live_server.url}/recruitment/applications/mine/")
    cand.get_by_role("link", name="Senior data engineer, Leeds").click()
    assert cand.locator("#application-state").inner_text() == "Appointable"
    assert "Appointable" in cand.locator("#panel-decisions").inner_text()
    assert "one post, two candidates" in cand.locator("#panel-feedback").inner_text()

    # -- Department B's head of profession offers the reserve candidate its campaign.
    b = _page(browser)
    sign_in(b, live_server, hop_b.email, start="/recruitment/reserve/")
    entry_link = b.get_by_role("link", name=re.compile(r"^Reserve candidate R\d+$"))
    entry_link.click()
    assert "Senior data engineer (DB)" in b.locator("#similar-roles").inner_text()
    b.get_by_role("link", name="Offer this candidate a role").click()
    b.get_by_label("Campaign: Senior data engineer (DB)", exact=False).check()
    b.get_by_role("button", name="Make the offer").click()
    assert b.locator("#offer-state").inner_text() == "Waiting for an answer"
    assert b.get_by_role("heading", level=1).inner_text() == f"Offer to {internal_name}"

    # The candidate accepts it themselves.
    cand.goto(f"{live_server.url}/recruitment/reserve/")
    cand.get_by_role("link", name=internal_name).click()
    cand.locator("#offers").get_by_role("link", name="Senior data engineer (DB)").click()
    cand.get_by_role("link", name="Record the answer").click()
    cand.get_by_role("radio", name="Accept the role").check()
    cand.get_by_role("button", name="Send the answer").click()
    assert "the candidate is appointed" in _main(cand)
    assert cand.locator("#offer-state").inner_text() == "Accepted"
    assert "without a second assessment" in cand.locator("#offer-summary").inner_text()

    # Department B sees the appointment in its campaign, marked as from the reserve list.
    b.goto(f"{live_server.url}/recruitment/campaigns/{target.pk}/applications/")
    b.get_by_role("link", name=internal_name).click()
    assert b.locator("#application-state").inner_text() == "Appointed"
    assert "from the reserve list" in b.locator("#application-summary").inner_text()
    placed = Application.objects.get(campaign=target)
    assert placed.state == ApplicationState.APPOINTED and placed.from_reserve
    assert not placed.assignments.exists()
    assert Application.objects.get(campaign=campaign, internal=False).state == "appointed"
