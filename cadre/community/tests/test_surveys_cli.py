# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""``cadre community surveys list|create|open|close|results`` and the demo part."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from django.core.management import CommandError, call_command

from cadre.community.demo import surveys as demo
from cadre.community.models import Survey, SurveyResponse, SurveyState
from cadre.community.selectors import surveys as sel
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answered_baseline,
    survey_world,
)
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("community_surveys", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_create_open_close_and_list(survey_world) -> None:  # noqa: ANN001
    said = _run("create", "--title", "Pulse", "--statement", "I feel part of a profession",
                "--question", "Why?", "--closes-on", "2099-01-01")
    survey = Survey.objects.get(title="Pulse")
    assert f"Created survey {survey.pk} (2 item(s))" in said
    assert "is open" in _run("open", "--survey", str(survey.pk))
    listed = json.loads(_run("list"))
    assert listed["rows"][0]["state"] == "open" and listed["rows"][0]["items"] == 2
    assert "is closed" in _run("close", "--survey", str(survey.pk))
    assert Survey.objects.get(pk=survey.pk).state == SurveyState.CLOSED
    rows = list(csv.DictReader(io.StringIO(_run("list", "--format", "csv"))))
    assert rows[0]["title"] == "Pulse"


def test_refusals_are_clear(survey_world) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="No survey 999"):
        _run("open", "--survey", "999")
    with pytest.raises(CommandError, match="title"):
        _run("create", "--title", "x" * 201)
    _run("create", "--title", "Empty")
    survey = Survey.objects.get(title="Empty")
    with pytest.raises(CommandError, match="Nothing was changed"):
        _run("close", "--survey", str(survey.pk))
    with pytest.raises(CommandError, match="opens_on"):
        _run("create", "--title", "Dates", "--opens-on", "1 May")
    with pytest.raises(CommandError, match="baseline"):
        _run("results", "--survey", str(survey.pk), "--table", "change")


def test_results_as_json_and_csv(answered_baseline) -> None:  # noqa: ANN001
    found = json.loads(_run("results", "--survey", str(answered_baseline.pk)))
    assert found["rows"] == json.loads(json.dumps(
        sel.result_rows(sel.results(answered_baseline))))
    rows = list(csv.DictReader(io.StringIO(_run("results", "--survey",
                                                str(answered_baseline.pk), "--format", "csv"))))
    assert len(rows) == len(found["rows"])


def test_demo_makes_surveys_once(db) -> None:  # noqa: ANN001
    orgs = [OrganisationFactory() for _ in range(3)]
    for index in range(60):
        PersonFactory(organisation=orgs[0 if index < 40 else 1 if index < 55 else 2])
    lines = demo.load(actor=CLI, rng=random.Random(1))
    assert "baseline" in lines[0]
    baseline = Survey.objects.get(title=demo.BASELINE)
    repeat = Survey.objects.get(title=demo.REPEAT)
    assert baseline.state == SurveyState.CLOSED and repeat.state == SurveyState.CLOSED
    assert Survey.objects.get(title=demo.NEXT).state == SurveyState.OPEN
    assert Survey.objects.get(title=demo.DRAFT).state == SurveyState.DRAFT
    assert SurveyResponse.objects.filter(survey=baseline).count() == 60
    assert SurveyResponse.objects.filter(survey=repeat).count() == 40
    assert any(not c.note for c in sel.change(repeat))
    orgs_found = {g.name: g for k, _, gs in sel.results(baseline).breakdowns
                  if k == "organisation" for g in gs}
    assert orgs_found[orgs[2].name].note == sel.FEWER_LABEL
    assert demo.load(actor=CLI, rng=random.Random(1)) == ["Perception surveys: already there."]
    assert Survey.objects.count() == 4
