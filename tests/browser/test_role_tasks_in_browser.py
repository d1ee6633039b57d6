"""Issue 12: each demo role does its main task in Chromium, starting from its home page.

The demo site (``tests/demo_site.py``, the same commands as ``make demo``) is loaded; each
test signs in through the sign-in page with a demo sign-in and the demo password, then
only clicks links and buttons and fills fields by their labels, as a person would:

- the professional starts and sends a self-assessment from "Your self-assessment to start";
- the line manager agrees a report's assessment from "Assessments waiting for your review";
- the head of profession calibrates a nine-box rating from "Nine-box ratings to calibrate";
- the central team drafts a vacancy, opens it on the board and sees its ranked matches;
- the analyst downloads an aggregate of the workforce picture as ODS.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from cadre.access.models import User
from cadre.assessments.models import AssessmentRound
from cadre.core.tabular import read_ods_values
from cadre.mobility.models import Vacancy
from cadre.people import demo
from cadre.talent.models import TalentRating
from tests.browser.gov_forms import choose, fill_date
from tests.demo_site import load_demo_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROFESSIONAL = "professional.dwp@cadre.example"
MANAGER = "manager.dwp@cadre.example"
HEAD_OF_PROFESSION = "hop.dwp@cadre.example"
CENTRAL = "central@cadre.example"
ANALYST = "analyst@cadre.example"


@pytest.fixture
def demo_site(transactional_db) -> None:  # noqa: ANN001
    load_demo_site()


def sign_in_at_home(page, live_server, email: str) -> None:  # noqa: ANN001
    """Open the home page, get sent to sign in, sign in and land on the home page."""
    page.goto(f"{live_server.url}/")
    assert "/sign-in/" in page.url
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).inner_text() == "Your work in Cadre"


def todo_item(page, label: str):  # noqa: ANN001, ANN201
    """The home page's "Waiting for you" line whose link reads ``label``."""
    item = page.locator("li.cadre-todo").filter(
        has=page.get_by_role("link", name=label, exact=True))
    assert item.count() == 1, f"no to-do item '{label}' on the home page"
    return item


def count_of(item) -> int:  # noqa: ANN001
    """The count a to-do item shows ("3 waiting")."""
    return int(item.locator(".govuk-tag").inner_text().split()[0])


def success_banner(page) -> str:  # noqa: ANN001
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_professional_sends_a_self_assessment(page, live_server, demo_site) -> None:  # noqa: ANN001
    sign_in_at_home(page, live_server, PROFESSIONAL)
    todo_item(page, "Your self-assessment to start").get_by_role("link").first.click()
    # Their capability page: the current role level is already chosen.
    page.get_by_role("button", name="Start an assessment").click()
    assert "Draft" in page.locator("main").inner_text().split("\n", 3)[0]
    groups = page.locator("main fieldset").filter(has=page.get_by_role("radio", name="Expert"))
    assert groups.count() >= 3
    for group in groups.all():
        group.get_by_role("radio", name="Practitioner", exact=True).check()
    page.get_by_label(re.compile(r"^Evidence for ")).first.fill(
        "Led the discovery research for the new claims service.")
    page.get_by_role("button", name="Send to my line manager").click()
    assert "Sent to your line manager" in success_banner(page)
    me = User.objects.get(email=PROFESSIONAL).person
    round_ = AssessmentRound.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert round_.person == me and round_.state == AssessmentRound.State.SUBMITTED
    # It is now on the line manager's home page, named.
    manager = Client()
    manager.force_login(User.objects.get(email=MANAGER),
                        backend="django.contrib.auth.backends.ModelBackend")
    assert f"Review {me.full_name}&#x27;s assessment" in manager.get("/").content.decode()


def test_line_manager_agrees_an_assessment(page, live_server, demo_site) -> None:  # noqa: ANN001
    sign_in_at_home(page, live_server, MANAGER)
    item = todo_item(page, "Assessments waiting for your review")
    waiting = count_of(item)
    first = item.get_by_role("link", name=re.compile(r"^Review .*'s assessment$")).first
    name = re.match(r"Review (.*)'s assessment", first.inner_text()).group(1)
    first.click()
    assert name in page.get_by_role("heading", level=1).inner_text() or name in page.locator(
        "main").inner_text()
    page.get_by_role("button", name="Agree the assessment").click()
    assert "Assessment agreed" in success_banner(page)
    round_ = AssessmentRound.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert round_.person.full_name == name
    assert round_.state != AssessmentRound.State.SUBMITTED
    # One fewer waiting on the home page.
    page.get_by_role("link", name="Home", exact=True).first.click()
    if waiting > 1:
        assert count_of(todo_item(page, "Assessments waiting for your review")) == waiting - 1
    else:
        assert page.get_by_role("link", name="Assessments waiting for your review").count() == 0


def test_head_of_profession_calibrates_a_rating(page, live_server, demo_site) -> None:  # noqa: ANN001
    sign_in_at_home(page, live_server, HEAD_OF_PROFESSION)
    item = todo_item(page, "Nine-box ratings to calibrate")
    waiting = count_of(item)
    item.get_by_role("link", name=re.compile(r"^Calibrate ratings in ")).first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Calibration: ")
    # Open one box of the grid, then one person's rating in it.
    page.locator("#ninebox").get_by_role(
        "link", name=re.compile(r"^Moderate performance, moderate potential: [1-9]")).click()
    # The first person in the box whose rating nobody has calibrated yet.
    rows = page.locator("main table").nth(1).locator("tbody tr").filter(
        has=page.get_by_role("link", name=re.compile(r"^Adjust rating of ")))
    row = next(r for r in rows.all() if not r.locator("td").nth(4).inner_text().strip())
    adjust = row.get_by_role("link", name=re.compile(r"^Adjust rating of "))
    person = adjust.inner_text().split("rating of ", 1)[1].strip()
    rating_id = int(adjust.get_attribute("href").rstrip("/").rsplit("/", 1)[1])
    adjust.click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Rating of {person}"
    assert "Moderate performance, moderate potential" in page.locator("main").inner_text()
    page.get_by_role("group", name="Performance").get_by_label("High", exact=True).check()
    page.get_by_role("group", name="Potential").get_by_label("Moderate", exact=True).check()
    page.get_by_label("Reason for the adjustment").fill(
        "Calibration panel: led the migration off the legacy platform.")
    page.get_by_role("button", name="Save calibration").click()
    # Back on the grid.
    assert "Calibration saved" in success_banner(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Calibration: ")
    rating = TalentRating.objects.get(pk=rating_id)
    assert rating.person.full_name == person and rating.calibrated_at is not None
    assert (rating.final_performance, rating.final_potential) == (3, 2)
    page.get_by_role("link", name="Home", exact=True).first.click()
    assert count_of(todo_item(page, "Nine-box ratings to calibrate")) == waiting - 1


def test_central_team_opens_a_vacancy_and_sees_matches(page, live_server, demo_site) -> None:  # noqa: ANN001
    sign_in_at_home(page, live_server, CENTRAL)
    todo_item(page, "Vacancies to fill").get_by_role("link").first.click()
    page.get_by_role("link", name="Draft a vacancy").click()
    choose(page, "Which role level is it?", "Data engineer: Senior data engineer",
           "Senior data engineer")
    page.get_by_role("button", name="Continue").click()
    choose(page, "Hiring organisation", "Department for Work and Pensions (DWP)",
           "Work and Pensions")
    page.get_by_label("Title", exact=True).fill("Senior data engineer, Leeds")
    choose(page, "Grade", "Grade 7")
    page.get_by_role("group", name="Locations").get_by_label("Leeds", exact=True).check()
    fill_date(page, "Closing date", dt.date.today() + dt.timedelta(days=60))
    page.get_by_role("button", name="Save as a draft").click()
    assert "Draft" in page.locator("main").inner_text()
    page.get_by_role("button", name="Open on the board").click()
    vacancy = Vacancy.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert vacancy.title == "Senior data engineer, Leeds"
    assert vacancy.state == Vacancy.State.OPEN
    page.get_by_role("link", name="See matches").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Matches for Senior data engineer, Leeds")
    rows = page.get_by_role("table", name=re.compile("^Ranked matches")).locator("tbody tr")
    assert rows.count() >= 1
    first = rows.first.inner_text()
    # Each match says who, from where, its score and the score's parts in words.
    assert re.search(r"\d+\.\d", first) and "points for skills" in first
    assert "Propose a move" in first


def test_analyst_downloads_an_aggregate_in_ods(page, live_server, demo_site,  # noqa: ANN001
                                               tmp_path) -> None:
    sign_in_at_home(page, live_server, ANALYST)
    assert page.locator("#nothing-waiting").is_visible()
    page.locator("main").get_by_role("link", name="Workforce", exact=True).click()
    page.get_by_role("link", name="Department for Work and Pensions (DWP)", exact=True).click()
    table = page.get_by_role("table", name="Headcount by grade")
    on_page = [row.locator("th, td").all_inner_texts() for row in table.locator("tr").all()]
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^ODS\W+Headcount by grade$")).click()
    assert download.value.suggested_filename.endswith(".ods")
    # Named from words and the date, not from internal ids.
    assert re.fullmatch(r"workforce-dwp-grade-\d{8}\.ods", download.value.suggested_filename)
    target = tmp_path / "grade.ods"
    download.value.save_as(target)
    grid = read_ods_values(target.read_bytes())
    # The file holds the table the page shows: its rows by grade name, the same cells
    # (hidden ones as the same words), and never a count below 5 written out.
    names = [row[0] for row in grid[1:] if row]
    assert "Grade 7" in names or "Senior Executive Officer" in names, names
    page_rows = {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in on_page[1:]
                 if cells}
    for row in grid[1:]:
        if row and row[0] in page_rows:
            for value, shown in zip(row[1:], page_rows[row[0]], strict=False):
                if isinstance(value, float) and shown.endswith("%"):
                    assert abs(float(shown[:-1]) - value * (100 if value <= 1 else 1)) < 0.1
                elif isinstance(value, float):
                    assert value >= 5 or value == 0, row
                    assert float(shown.replace(",", "")) == value, (row, shown)
                else:
                    assert value == shown, (row, shown)
