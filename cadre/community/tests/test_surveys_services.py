# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""Survey writes: drafts, items, the one transition service, repeats copying their
baseline's statements, responses (validated, once per person), and who may do what."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.audit.models import AuditEvent
from cadre.community.models import ItemKind, Survey, SurveyResponse, SurveyState
from cadre.community.services import surveys as services
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answer,
    answered_baseline,
    baseline,
    make_survey,
    survey_world,
)
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def test_a_survey_moves_draft_open_closed_once(baseline) -> None:  # noqa: ANN001
    assert baseline.state == SurveyState.DRAFT
    opened = services.open_survey(actor=CLI, survey_id=baseline.pk)
    assert opened.state == SurveyState.OPEN and opened.opens_on is not None
    with pytest.raises(TransitionConflict):
        services.open_survey(actor=CLI, survey_id=baseline.pk)
    closed = services.close_survey(actor=CLI, survey_id=baseline.pk)
    assert closed.state == SurveyState.CLOSED and closed.closes_on is not None
    with pytest.raises(TransitionConflict):
        services.close_survey(actor=CLI, survey_id=baseline.pk)
    steps = AuditEvent.objects.filter(action="transition", target_id=str(baseline.pk),
                                      target_type="community.Survey")
    assert steps.count() == 2


def test_a_survey_without_items_does_not_open(survey_world) -> None:  # noqa: ANN001
    survey = services.create_survey(actor=CLI, title="Empty")
    with pytest.raises(ValidationError, match="at least one"):
        services.open_survey(actor=CLI, survey_id=survey.pk)


def test_items_change_only_in_a_draft(baseline) -> None:  # noqa: ANN001
    services.open_survey(actor=CLI, survey_id=baseline.pk)
    with pytest.raises(TransitionConflict, match="draft"):
        services.add_item(actor=CLI, survey_id=baseline.pk, kind=ItemKind.STATEMENT,
                          text="Another")


def test_bad_input_names_the_field(survey_world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        services.create_survey(actor=CLI, title="x" * 201)
    assert "title" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.create_survey(actor=CLI, title="Dates", opens_on=dt.date(2026, 5, 1),
                               closes_on=dt.date(2026, 4, 1))
    assert "closes_on" in caught.value.message_dict
    survey = services.create_survey(actor=CLI, title="Items")
    for kind, text, field in ((ItemKind.STATEMENT, "y" * 301, "text"),
                              ("likert", "Fine", "kind"), (ItemKind.STATEMENT, " ", "text")):
        with pytest.raises(ValidationError) as caught:
            services.add_item(actor=CLI, survey_id=survey.pk, kind=kind, text=text)
        assert field in caught.value.message_dict


def test_a_repeat_copies_its_baselines_statements(answered_baseline) -> None:  # noqa: ANN001
    repeat = make_survey("Repeat 2027", baseline=answered_baseline)
    statements = list(repeat.items.filter(kind=ItemKind.STATEMENT))
    originals = list(answered_baseline.items.filter(kind=ItemKind.STATEMENT))
    assert [s.text for s in statements] == [s.text for s in originals]
    assert [s.baseline_item_id for s in statements] == [s.pk for s in originals]
    with pytest.raises(ValidationError) as caught:
        services.create_survey(actor=CLI, title="Repeat of a repeat", baseline=repeat)
    assert "baseline" in caught.value.message_dict


def test_only_survey_organisers_write(baseline, survey_world, make_account) -> None:  # noqa: ANN001
    member = survey_world.people[0].account
    with pytest.raises(PermissionDenied):
        services.create_survey(actor=member, title="Mine")
    with pytest.raises(PermissionDenied):
        services.open_survey(actor=make_account("analyst"), survey_id=baseline.pk)
    central = make_account("central_team")
    assert services.create_survey(actor=central, title="Central").created_by == central


def test_a_response_is_validated(baseline, survey_world) -> None:  # noqa: ANN001
    services.open_survey(actor=CLI, survey_id=baseline.pk)
    person = survey_world.people[0]
    first, second = baseline.items.filter(kind=ItemKind.STATEMENT)
    question = baseline.items.get(kind=ItemKind.FREE_TEXT)
    cases = [({first.pk: 5}, {}, f"scores.{second.pk}"),
             ({first.pk: 6, second.pk: 1}, {}, f"scores.{first.pk}"),
             ({first.pk: "2.5", second.pk: 1}, {}, f"scores.{first.pk}"),
             ({first.pk: 1, second.pk: 1, 999999: 3}, {}, "scores.999999"),
             ({first.pk: 1, second.pk: 1}, {question.pk: "z" * 2001}, f"comments.{question.pk}"),
             ({first.pk: 1, second.pk: 1}, {first.pk: "words"}, f"comments.{first.pk}")]
    for scores, comments, field in cases:
        with pytest.raises(ValidationError) as caught:
            services.respond(actor=person.account, survey_id=baseline.pk, scores=scores,
                             comments=comments)
        assert field in caught.value.message_dict, (scores, caught.value.message_dict)
    assert not SurveyResponse.objects.exists()
    services.respond(actor=person.account, survey_id=baseline.pk,
                     scores={str(first.pk): "4", second.pk: 2}, comments={question.pk: " Hi "})
    stored = SurveyResponse.objects.get()
    assert stored.scores == {str(first.pk): 4, str(second.pk): 2}
    assert stored.comments == {str(question.pk): "Hi"}
    assert stored.organisation_id == person.organisation_id
    assert stored.role_family_id == survey_world.families["Data"].pk
    assert stored.grade_band == "seo_heo"


def test_a_second_response_is_refused(baseline, survey_world) -> None:  # noqa: ANN001
    services.open_survey(actor=CLI, survey_id=baseline.pk)
    person, rng = survey_world.people[0], random.Random(3)
    answer(baseline, person, rng)
    with pytest.raises(services.AlreadyResponded, match="already answered"):
        answer(baseline, person, rng)
    assert SurveyResponse.objects.filter(survey=baseline).count() == 1


def test_only_an_open_survey_is_answered(baseline, survey_world, make_account) -> None:  # noqa: ANN001
    person = survey_world.people[0]
    with pytest.raises(TransitionConflict, match="Draft"):
        answer(baseline, person, random.Random(1))
    services.open_survey(actor=CLI, survey_id=baseline.pk)
    Survey.objects.filter(pk=baseline.pk).update(opens_on=dt.date(2000, 1, 1),
                                                 closes_on=dt.date(2000, 1, 2))
    with pytest.raises(TransitionConflict, match="closed on"):
        answer(baseline, person, random.Random(1))
    with pytest.raises(PermissionDenied):
        services.respond(actor=make_account("central_team"), survey_id=baseline.pk,
                         scores={})
    with pytest.raises(PermissionDenied):
        services.respond(actor=CLI, survey_id=baseline.pk, scores={})
