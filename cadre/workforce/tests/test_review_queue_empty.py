"""An empty review queue says truly why it is empty, and lists the organisations whose
job titles were never classified (issue 12: "No job titles to show. Titles appear here
after an HR extract is imported" while 55 extracts were loaded)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cadre.access.roles import Role
from cadre.workforce.models import Extract, ReviewStatus, TitleClassification
from cadre.workforce.services_review import classify_organisation

pytestmark = pytest.mark.django_db
OLD_MESSAGE = "Titles appear here after an HR extract is imported"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def titled(people, org_a, org_b, default_framework):  # noqa: ANN001, ANN201
    """Organisation A's people hold job titles and A has an extract, as the demo
    government leaves them: nothing classified yet."""
    for person, title in [(people.a_head, "Head of Digital"), (people.a_manager, "Developer"),
                          (people.a_staff1, "Developer"), (people.a_staff2, "Policy Advisor"),
                          (people.b_staff, "Data Scientist")]:
        person.job_title = title
        person.save()
    Extract.objects.create(organisation=org_a, taken_on=dt.date(2026, 3, 31),
                           filename="generated-a.csv", rows=5)
    return org_a


def test_extracts_without_classifications_are_named_and_offered_for_classifying(
        titled, org_a, org_b, make_account, web_client) -> None:  # noqa: ANN001
    central = web_client(make_account(Role.CENTRAL_TEAM))
    body = central.get("/workforce/review/").content.decode()
    text = _text(body)
    assert OLD_MESSAGE not in text
    assert "No job titles have been classified yet, although 1 HR extract is loaded" in text
    assert "5 current people hold job titles that have no suggestion yet" in text
    table = _text(body[body.index('id="unclassified"'):body.index("</table>",
                                                                    body.index('id="unclassified"'))])
    assert f"{org_a.name} 4 Classify" in table and f"{org_b.name} 1 Classify" in table
    # Classifying (the button posts here) fills the queue and empties the list.
    assert central.post("/workforce/review/classify/",
                        {"organisation": org_a.pk}).status_code == 302
    body = central.get("/workforce/review/").content.decode()
    assert "Developer" in body and "queue-empty" not in body
    start = body.index('id="unclassified"')
    table = _text(body[start:body.index("</table>", start)])
    assert org_a.name not in table and f"{org_b.name} 1 Classify" in table


def test_a_head_of_profession_sees_only_their_organisation(titled, org_a, org_b,
                                                           make_account, web_client) -> None:  # noqa: ANN001
    head_b = web_client(make_account(Role.HEAD_OF_PROFESSION, org_b))
    text = _text(head_b.get("/workforce/review/").content.decode())
    assert "1 current person holds a job title that has no suggestion yet" in text
    assert "extract" not in text.split("No job titles have been classified yet")[1][:20]
    assert org_a.name not in text


def test_filters_that_match_nothing_say_what_there_is(titled, org_a, make_account,
                                                      web_client) -> None:  # noqa: ANN001
    classify_organisation(actor=None, organisation=org_a)
    TitleClassification.objects.filter(organisation=org_a).update(status=ReviewStatus.ACCEPTED)
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    text = _text(head.get("/workforce/review/?status=suggested").content.decode())
    assert "No job titles match what you chose" in text
    assert (f"{org_a.name} has 3 job titles: 0 waiting for review, 3 accepted and "
            "0 corrected") in text
    assert OLD_MESSAGE not in text


def test_no_extract_and_no_titles(org_a, default_framework, make_account,
                                  web_client) -> None:  # noqa: ANN001
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    text = _text(head.get("/workforce/review/").content.decode())
    assert "No job titles yet. Importing an HR extract classifies the job titles in it" in text
