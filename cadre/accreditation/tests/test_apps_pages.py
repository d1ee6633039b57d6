"""Application pages: the applicant's journey, the supporter's to-do and confirmation page,
who may open what, bad input shown on the form, and the central team's round pages."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import AccreditationRound, Application
from cadre.accreditation.tests.apps_fixtures import ready_application, setup  # noqa: F401
from cadre.assessments.models import SkillAssessment
from cadre.core.inputs import LONG_TEXT

pytestmark = pytest.mark.django_db


def test_the_applicant_journey_with_a_supporter(setup, people, web_client) -> None:  # noqa: ANN001, F811
    me = web_client(setup.applicant)
    assert me.get("/accreditation/applications/").status_code == 200
    page = me.get("/accreditation/applications/start/")
    assert "Digital practice: Practitioner" in page.content.decode()
    response = me.post("/accreditation/applications/start/", {"level": setup.level.pk})
    application = Application.objects.get(person=people.a_staff1)
    assert response.status_code == 302
    assert response["Location"] == f"/accreditation/applications/{application.pk}/"
    base = response["Location"]
    page = me.get(base).content.decode()
    assert "Write a statement for criteria 1, 2" in page
    assert me.post(base + "statements/", {
        f"criterion_{setup.skills_rule.pk}": "I analyse data.",
        f"criterion_{setup.conduct.pk}": "I follow the code."}).status_code == 302
    own = SkillAssessment.objects.get(person=people.a_staff1)
    assert me.post(base + "evidence/", {"criterion": setup.skills_rule.pk,
                                        "skill_assessment": own.pk}).status_code == 302
    assert me.post(base + "supporter/", {"staff_number": "A2"}).status_code == 302

    supporter = web_client(setup.supporter)
    home = supporter.get("/").content.decode()
    assert "Accreditation applications to support" in home
    assert f"/accreditation/applications/{application.pk}/support/" in home
    page = supporter.get(base + "support/").content.decode()
    assert "I analyse data." in page
    assert supporter.post(base + "support/", {"answer": "confirm"}).status_code == 302
    assert "Accreditation applications to support" not in supporter.get("/").content.decode()

    page = me.get(base).content.decode()
    assert "you can submit it" in page
    assert me.post(base, {"action": "submit"}).status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.round == setup.round
    assert me.post(base, {"action": "withdraw", "reason": "Later"}).status_code == 302
    assert me.post(base, {"action": "reopen"}).status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT


def test_submit_refused_on_the_page_names_what_is_missing(setup, people, web_client) -> None:  # noqa: ANN001, F811
    me = web_client(setup.applicant)
    me.post("/accreditation/applications/start/", {"level": setup.level.pk})
    application = Application.objects.get(person=people.a_staff1)
    response = me.post(f"/accreditation/applications/{application.pk}/", {"action": "submit"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert "Name a supporter" in text


def test_bad_input_is_shown_on_the_form(setup, people, web_client) -> None:  # noqa: ANN001, F811
    me = web_client(setup.applicant)
    me.post("/accreditation/applications/start/", {"level": setup.level.pk})
    base = f"/accreditation/applications/{Application.objects.get().pk}/"
    response = me.post(base + "statements/",
                       {f"criterion_{setup.conduct.pk}": "x" * (LONG_TEXT + 1)})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    response = me.post(base + "supporter/", {"staff_number": "A3"})  # themselves
    assert response.status_code == 400
    assert "someone else" in response.content.decode()
    response = me.post(base + "supporter/", {"staff_number": "NOPE"})
    assert response.status_code == 400
    theirs = SkillAssessment.objects.get(person=people.a_staff2)
    response = me.post(base + "evidence/", {"skill_assessment": theirs.pk})
    assert response.status_code == 400
    assert me.post("/accreditation/applications/start/", {"level": 999999}).status_code == 400
    response = me.post(base + "support/", {"answer": "confirm"})
    assert response.status_code == 403


def test_who_may_open_an_application(setup, people, web_client) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    base = f"/accreditation/applications/{application.pk}/"
    assert web_client(setup.stranger).get(base).status_code in (403, 404)
    assert web_client(setup.other_supporter).get(base + "support/").status_code in (403, 404)
    supporter = web_client(setup.supporter)
    assert supporter.get(base).status_code == 200
    assert supporter.get(base + "statements/").status_code == 403
    assert supporter.post(base, {"action": "submit"}).status_code == 403
    assert web_client(setup.runner).get(base).status_code == 200
    assert web_client(setup.applicant).get("/accreditation/applications/999999/").status_code \
        == 404


def test_supporter_declines_and_the_applicant_sees_why(setup, people, web_client) -> None:  # noqa: ANN001, F811
    me = web_client(setup.applicant)
    me.post("/accreditation/applications/start/", {"level": setup.level.pk})
    base = f"/accreditation/applications/{Application.objects.get().pk}/"
    me.post(base + "supporter/", {"staff_number": "A2"})
    supporter = web_client(setup.supporter)
    assert supporter.post(base + "support/", {"answer": "decline"}).status_code == 400
    assert supporter.post(base + "support/", {"answer": "decline",
                                              "comment": "I do not know this work."}
                          ).status_code == 302
    assert "I do not know this work." in me.get(base).content.decode()


def test_round_pages_are_the_central_teams(setup, web_client) -> None:  # noqa: ANN001, F811
    assert web_client(setup.applicant).get("/accreditation/rounds/").status_code == 403
    central = web_client(setup.runner)
    assert "Spring" in central.get("/accreditation/rounds/").content.decode()
    response = central.post("/accreditation/rounds/new/", {
        "scheme": setup.scheme.pk, "name": "Autumn", "opens_on": "2027-09-01",
        "closes_on": "2027-08-01"})
    assert response.status_code == 400
    response = central.post("/accreditation/rounds/new/", {
        "scheme": setup.scheme.pk, "name": "Autumn", "opens_on": "2027-09-01",
        "closes_on": "2027-10-01"})
    assert response.status_code == 302
    autumn = AccreditationRound.objects.get(name="Autumn")
    assert central.get(f"/accreditation/rounds/{autumn.pk}/").status_code == 200
    assert central.post(f"/accreditation/rounds/{autumn.pk}/",
                        {"action": "close"}).status_code == 302
    autumn.refresh_from_db()
    assert autumn.state == AccreditationRound.State.CLOSED
    assert central.post(f"/accreditation/rounds/{autumn.pk}/",
                        {"action": "close"}).status_code == 403  # no longer a step
