"""The home page as each demo role's to-do list (issue 12): what waits for them with a count,
their own record, the areas they may open; every link on it opens (no 403, 404 or 500)."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from cadre.access.models import User
from cadre.core import todo
from cadre.core.todo import HomeItem
from cadre.people import demo

pytestmark = pytest.mark.django_db

MANAGER = "manager.dwp@cadre.example"
PROFESSIONAL = "professional.dwp@cadre.example"

#: What each demo sign-in finds waiting on its home page after the demo commands
#: (label: count). Labels not named here must be absent.
EXPECTED: dict[str, dict[str, int]] = {
    "admin@cadre.example": {
        "Managed moves waiting for your next step": 3,
        "Deployment requests to accept or decline": 2,
        "Nine-box ratings to calibrate": 56,
        "Vacancies to fill": 4,
    },
    "central@cadre.example": {
        "Managed moves waiting for your next step": 3,
        "Deployment requests to accept or decline": 2,
        "Nine-box ratings to calibrate": 56,
        "Vacancies to fill": 4,
    },
    # The demo professional's move (to be released) and bench request (to decide).
    "hop.dwp@cadre.example": {
        "Managed moves waiting for your next step": 1,
        "Deployment requests to accept or decline": 1,
        "Nine-box ratings to calibrate": 56,
        "Vacancies to fill": 1,
    },
    "analyst@cadre.example": {},
    "programme@cadre.example": {
        "Deployment requests you raised that are still open": 1,
        "Specialists on the bench available in the next three months": 7},
    "learning.dwp@cadre.example": {
        "Skills most people who need them are short of, in your organisations": 7},
    "assessor@cadre.example": {"Agreed assessments to validate": 2},
    MANAGER: {
        "Assessments waiting for your review": 2,
        "Development plans to agree": 1,
        "Your self-assessment to start": 1,
    },
    PROFESSIONAL: {"Your self-assessment to start": 1},
}
#: Role codes that must never show on the page; role names are in words.
CODES = ("central_team", "head_of_profession", "learning_lead", "programme_manager")


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """The demo sign-ins and their work, loaded once for the module and rolled back after."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            for command in ("load_defaults", "demo_load", "demo_capability", "demo_talent"):
                call_command(command, stdout=out)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_every_demo_role_has_an_expectation() -> None:
    assert set(EXPECTED) == {a.email for a in demo.DEMO_ACCOUNTS}


@pytest.mark.parametrize("email", list(EXPECTED))
def test_home_lists_the_work_waiting_with_counts(email, demo_data) -> None:  # noqa: ANN001
    response = _client(email).get("/")
    assert response.status_code == 200
    waiting = {item.label: item.count for item in response.context["waiting"]}
    assert waiting == EXPECTED[email]
    page = _main(response.content.decode())
    text = html.unescape(page)
    for label, count in EXPECTED[email].items():
        assert re.search(re.escape(label) + r"</a>\s*<strong[^>]*>" + str(count) + "<span",
                         text), label
    if not EXPECTED[email]:
        assert "Nothing is waiting for you." in page
    assert not any(code in page for code in CODES)
    assert "not linked to a person record" not in page or email == PROFESSIONAL


@pytest.mark.parametrize("email", list(EXPECTED))
def test_every_link_on_the_home_page_opens(email, demo_data) -> None:  # noqa: ANN001
    client = _client(email)
    page = _main(client.get("/").content.decode())
    links = sorted(set(re.findall(r'href="(/[^"#]*)"', page)))
    assert links
    broken = {}
    for link in links:
        status = client.get(link.replace("&amp;", "&"), follow=True).status_code
        if status != 200:
            broken[link] = status
    assert not broken, f"{email}: {broken}"


def test_own_record_and_areas(demo_data) -> None:  # noqa: ANN001
    page = _main(_client(MANAGER).get("/").content.decode())
    assert "Your record" in page and "Your person record (" in page
    assert "Your development plan" in page
    central = _main(_client("central@cadre.example").get("/").content.decode())
    assert "Your record" not in central  # no person record, and none expected
    assert "as Central profession team" in central
    hop = _main(_client("hop.dwp@cadre.example").get("/").content.decode())
    assert "Head of profession for Department for Work and Pensions" in hop


def test_an_unlinked_professional_is_told_how_to_get_linked(make_account, web_client) -> None:  # noqa: ANN001
    page = _main(web_client(make_account("professional")).get("/").content.decode())
    assert "not linked to a person record yet" in page
    assert "Nothing is waiting for you." in page


def test_items_the_account_may_not_open_are_left_out(make_account, monkeypatch) -> None:  # noqa: ANN001
    user = make_account("analyst")
    monkeypatch.setattr(todo, "_providers", {
        (todo.WAITING, "x"): (0, lambda u: [HomeItem("Closed", "audit:list", count=3),
                                            HomeItem("Open", "jobs:list", count=2),
                                            HomeItem("Nothing", "jobs:list", count=0)])})
    assert [i.label for i in todo.items_for(user, todo.WAITING)] == ["Open"]
