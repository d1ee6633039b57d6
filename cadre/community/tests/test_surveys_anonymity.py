# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""No stored response can be linked to an account or person: the response's fields,
every relation to it, history tables, the audit trail, and every other table in the
database. A second response is refused, also when two submissions race (PostgreSQL)."""

from __future__ import annotations

import json
import random

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from simple_history.models import registered_models

from cadre.audit.models import AuditEvent
from cadre.community.models import (
    ItemKind,
    Survey,
    SurveyParticipation,
    SurveyResponse,
)
from cadre.community.services import surveys as services
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answer,
    answered_baseline,
    baseline,
    make_survey,
    survey_world,
)
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


def test_a_response_stores_only_answers_and_three_facts() -> None:
    fields = {f.name: f for f in SurveyResponse._meta.concrete_fields}
    assert set(fields) == {"id", "survey", "organisation", "role_family", "grade_band",
                           "scores", "comments"}
    assert isinstance(fields["id"], models.UUIDField)  # random: no order of submission
    assert not any(isinstance(f, models.DateField | models.TimeField | models.AutoField)
                   for f in fields.values())  # DateTimeField is a DateField
    related = {f.related_model._meta.label for f in fields.values() if f.is_relation}
    assert related == {"community.Survey", "organisations.Organisation",
                       "framework.RoleFamily"}


def test_nothing_points_at_a_response_and_participation_does_not_either() -> None:
    pointing = [f for model in apps.get_models() for f in model._meta.get_fields()
                if f.is_relation and f.concrete and f.related_model is SurveyResponse]
    assert pointing == []
    participation = {f.name for f in SurveyParticipation._meta.concrete_fields}
    assert participation == {"id", "survey", "person"}
    assert isinstance(SurveyParticipation._meta.pk, models.UUIDField)


def test_history_does_not_track_responses_or_participation() -> None:
    tracked = set(registered_models.values()) | set(registered_models)
    labels = {getattr(m, "_meta", None) and m._meta.label for m in tracked
              if hasattr(m, "_meta")}
    assert "community.SurveyResponse" not in labels
    assert "community.SurveyParticipation" not in labels
    assert not hasattr(SurveyResponse, "history")
    assert not hasattr(SurveyParticipation, "history")
    assert not any(m._meta.label.startswith("community.HistoricalSurveyResponse")
                   or m._meta.label.startswith("community.HistoricalSurveyParticipation")
                   for m in apps.get_models())


def _every_stored_value() -> str:
    """Every row of every table (except the responses themselves) as text."""
    dumps = []
    for model in apps.get_models():
        if model is SurveyResponse or not model._meta.managed or model._meta.proxy:
            continue
        dumps.extend(json.dumps(row, default=str) for row in model._default_manager.values())
    return "\n".join(dumps)


def test_no_table_holds_a_response_key_or_its_words(answered_baseline, survey_world) -> None:  # noqa: ANN001
    responses = list(SurveyResponse.objects.filter(survey=answered_baseline))
    assert len(responses) == len(survey_world.people)
    stored = _every_stored_value()
    for response in responses:
        assert str(response.id) not in stored
        assert response.id.hex not in stored
        for text in response.comments.values():
            assert text not in stored, text
    # The audit trail says who took part, never which response or what they answered.
    took_part = AuditEvent.objects.filter(summary__startswith="Took part in survey")
    assert took_part.count() == len(survey_world.people)
    for event in took_part:
        assert event.target_type == "community.Survey"
        assert event.data == {"survey": answered_baseline.pk}


def test_pages_and_api_answer_without_returning_the_response(baseline, survey_world,
                                                              web_client, api_client) -> None:  # noqa: ANN001
    services.open_survey(actor=CLI, survey_id=baseline.pk)
    first, second = baseline.items.filter(kind=ItemKind.STATEMENT)
    person_web, person_api = survey_world.people[0], survey_world.people[1]
    url = reverse("community:survey-respond", args=[baseline.pk])
    page = web_client(person_web.account).post(url, {f"score_{first.pk}": "4",
                                                     f"score_{second.pk}": "2"})
    assert page.status_code == 200 and b"Thank you" in page.content
    api_url = reverse("api:community-survey-responses", args=[baseline.pk])
    client = api_client(person_api.account)
    done = client.post(api_url, {"scores": {str(first.pk): 3, str(second.pk): 5}},
                       format="json")
    assert done.status_code == 201 and done.json() == {"survey": baseline.pk, "recorded": True}
    for response in SurveyResponse.objects.all():
        assert str(response.id) not in page.content.decode()
        assert str(response.id) not in done.content.decode()
    # A second response: 409 on both channels, with a clear message.
    again = web_client(person_web.account).post(url, {f"score_{first.pk}": "1",
                                                      f"score_{second.pk}": "1"})
    assert again.status_code == 409 and b"already answered" in again.content
    twice = client.post(api_url, {"scores": {str(first.pk): 1, str(second.pk): 1}},
                        format="json")
    assert twice.status_code == 409 and "already answered" in twice.json()["detail"]
    assert SurveyResponse.objects.count() == 2


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_make_one_response(survey_world) -> None:  # noqa: ANN001
    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    person = survey_world.people[0]
    scores = {item.pk: 3 for item in survey.items.filter(kind=ItemKind.STATEMENT)}
    results = run_together([
        lambda: services.respond(actor=person.account, survey_id=survey.pk, scores=scores),
        lambda: services.respond(actor=person.account, survey_id=survey.pk, scores=scores),
        lambda: services.respond(actor=person.account, survey_id=survey.pk, scores=scores),
    ])
    assert sum(isinstance(r, services.AlreadyResponded) for r in results) == 2, results
    assert sum(r is None for r in results) == 1, results
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyParticipation.objects.filter(survey=survey, person=person).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_response_racing_the_close_is_either_in_or_refused(survey_world) -> None:  # noqa: ANN001
    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(2)
    people = survey_world.people[:4]
    results = run_together(
        [lambda p=p: answer(survey, p, rng) for p in people]
        + [lambda: services.close_survey(actor=CLI, survey_id=survey.pk)])
    answered = sum(r is None for r in results[:4])
    assert isinstance(results[4], Survey)
    assert SurveyResponse.objects.filter(survey=survey).count() == answered
    assert SurveyParticipation.objects.filter(survey=survey).count() == answered


@needs_postgres
def test_closing_rewrites_responses_so_the_database_does_not_pair_them(survey_world) -> None:  # noqa: ANN001
    from django.db import connection

    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(3)
    for person in survey_world.people[:12]:
        answer(survey, person, rng, comment="words")
    before = {(r.id, json.dumps(r.scores)) for r in SurveyResponse.objects.all()}

    def writers() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(DISTINCT xmin::text) FROM community_surveyresponse "
                           "WHERE survey_id = %s", [survey.pk])
            return cursor.fetchone()[0]

    assert writers() == 12  # each response written in its own (sub)transaction
    services.close_survey(actor=CLI, survey_id=survey.pk)
    assert writers() == 1  # now all written by the closing transaction
    assert {(r.id, json.dumps(r.scores)) for r in SurveyResponse.objects.all()} == before
