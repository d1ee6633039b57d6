# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""The survey pages end to end: an organiser writes a survey, adds items, opens it; a
member answers it from the list; the organiser closes it; the results and change pages
and their downloads."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from cadre.community.models import ItemKind, Survey, SurveyResponse, SurveyState
from cadre.community.services import surveys as services
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answer,
    answered_baseline,
    survey_world,
)

pytestmark = pytest.mark.django_db


def test_write_open_answer_close(survey_world, make_account, web_client) -> None:  # noqa: ANN001
    central = web_client(make_account("central_team"))
    form = central.get(reverse("community:survey-create"))
    assert form.status_code == 200 and b"---------" not in form.content
    created = central.post(reverse("community:survey-create"),
                           {"title": "Pulse", "description": "Quick check"})
    survey = Survey.objects.get(title="Pulse")
    assert created.status_code == 302 and created["Location"] == reverse(
        "community:survey", args=[survey.pk])
    central.post(reverse("community:survey-item-add", args=[survey.pk]),
                 {"kind": ItemKind.STATEMENT, "text": "I feel part of a profession"})
    central.post(reverse("community:survey-item-add", args=[survey.pk]),
                 {"kind": ItemKind.FREE_TEXT, "text": "Why?"})
    assert survey.items.count() == 2
    central.post(reverse("community:survey-open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.state == SurveyState.OPEN
    member = web_client(survey_world.people[0].account)
    listing = member.get(reverse("community:surveys")).content.decode()
    respond = reverse("community:survey-respond", args=[survey.pk])
    assert respond in listing
    page = member.get(respond)
    assert b"anonymous" in page.content and b"Strongly agree" in page.content
    statement = survey.items.get(kind=ItemKind.STATEMENT)
    question = survey.items.get(kind=ItemKind.FREE_TEXT)
    done = member.post(respond, {f"score_{statement.pk}": "5",
                                 f"comment_{question.pk}": "Because"})
    assert b"Thank you" in done.content
    assert b"You have answered" in member.get(reverse("community:surveys")).content
    assert SurveyResponse.objects.get().scores == {str(statement.pk): 5}
    central.post(reverse("community:survey-close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.state == SurveyState.CLOSED
    closed = member.get(respond)
    assert b"cannot be answered" in closed.content


def test_results_and_change_pages(answered_baseline, survey_world, make_account,
                                  web_client) -> None:  # noqa: ANN001
    repeat = services.create_survey(actor=CLI, title="Repeat", baseline=answered_baseline)
    services.open_survey(actor=CLI, survey_id=repeat.pk)
    rng = random.Random(2)
    for person in survey_world.people:
        answer(repeat, person, rng, shift=1)
    web = web_client(make_account("head_of_profession", survey_world.orgs["DA"]))
    waiting = web.get(reverse("community:survey-change", args=[repeat.pk]))
    assert waiting.status_code == 409 and b"published when it closes" in waiting.content
    services.close_survey(actor=CLI, survey_id=repeat.pk)
    results = web.get(reverse("community:survey-results", args=[answered_baseline.pk]))
    text = results.content.decode()
    assert "41 responses" in text and "Department A" in text and "Comment number 3" in text
    change = web.get(reverse("community:survey-change", args=[repeat.pk])).content.decode()
    assert "Change in mean (95% interval)" in change and "Fewer than" not in change
    for fmt in ("csv", "xlsx", "ods"):
        download = web.get(reverse("community:survey-change", args=[repeat.pk]),
                           {"format": fmt})
        assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert web.get(reverse("community:survey-change", args=[answered_baseline.pk])
                   ).status_code == 404
