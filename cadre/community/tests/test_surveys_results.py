# ruff: noqa: F811 - pytest fixtures imported from surveys_fixtures are named as arguments
"""Results: per statement, overall, by organisation and by role family, with primary and
secondary suppression and true labels; free text only overall from 10 responses; the
change from the baseline with its intervals, hidden when either side is under 10."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cadre.community import survey_stats as st
from cadre.community.models import ItemKind, SurveyResponse
from cadre.community.selectors import surveys as sel
from cadre.community.services import surveys as services
from cadre.community.tests.surveys_fixtures import (  # noqa: F401
    CLI,
    answer,
    answered_baseline,
    make_survey,
    survey_world,
)

pytestmark = pytest.mark.django_db


def _groups(found: sel.Results, key: str) -> dict[str, sel.Group]:
    return {g.name: g for k, _, groups in found.breakdowns if k == key for g in groups}


def test_results_overall_and_by_group_with_suppression(answered_baseline) -> None:  # noqa: ANN001
    found = sel.results(answered_baseline)
    assert found.total == 41
    first = found.statements[0]
    scores = [r.scores[str(first.pk)] for r in SurveyResponse.objects.all()]
    assert found.overall.cells[0].count == 41
    assert found.overall.cells[0].mean == pytest.approx(np.mean(scores))
    assert found.overall.cells[0].share_agreeing == pytest.approx(
        sum(s >= 4 for s in scores) / 41)
    orgs = _groups(found, "organisation")
    assert orgs["Department A"].count == 25 and not orgs["Department A"].hidden
    assert orgs["Department C"].note == sel.FEWER_LABEL  # 4 responses
    assert orgs["Department B"].note == sel.SECONDARY_LABEL  # 12, hidden with C
    assert orgs["Department B"].count is None and orgs["Department C"].count is None
    assert all(c.mean is None for c in orgs["Department B"].cells)
    families = _groups(found, "role_family")
    assert families["Data"].count == 30
    assert families["Digital"].note == sel.FEWER_LABEL  # 8
    assert families[sel.NOT_RECORDED].note == sel.FEWER_LABEL  # 3; together 11: enough


def test_flat_rows_carry_the_same_suppression(answered_baseline) -> None:  # noqa: ANN001
    rows = sel.result_rows(sel.results(answered_baseline))
    assert len(rows) == 2 * (1 + 3 + 3)
    for row in rows:
        if row["note"]:
            assert row["responses"] is None and row["mean"] is None
            assert row["share_agreeing_percent"] is None
        else:
            assert row["responses"] >= st.THRESHOLD


def test_a_small_survey_shows_nothing(survey_world) -> None:  # noqa: ANN001
    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(4)
    for person in survey_world.people[:9]:
        answer(survey, person, rng, comment="Something only I would say")
    with pytest.raises(sel.ResultsNotPublished):
        sel.results(survey)
    services.close_survey(actor=CLI, survey_id=survey.pk)
    survey.refresh_from_db()
    found = sel.results(survey)
    assert found.overall.note == sel.FEWER_LABEL
    assert all(row["mean"] is None for row in sel.result_rows(found))
    assert sel.free_text(survey) == (False, [])


def test_no_figures_while_a_survey_is_open(survey_world) -> None:  # noqa: ANN001
    """Figures before and after a known person answers would give away their answers."""
    survey = make_survey()
    services.open_survey(actor=CLI, survey_id=survey.pk)
    rng = random.Random(5)
    for person in survey_world.people[:20]:
        answer(survey, person, rng)
    for read in (sel.results, sel.free_text):
        with pytest.raises(sel.ResultsNotPublished, match="published when it closes"):
            read(survey)
    repeat = make_survey("Repeat 2027", baseline=survey)
    with pytest.raises(sel.ResultsNotPublished):
        sel.change(repeat)


def test_free_text_only_overall_from_ten_responses(answered_baseline) -> None:  # noqa: ANN001
    shown, texts = sel.free_text(answered_baseline)
    assert shown
    [(question, answers)] = texts
    assert question.kind == ItemKind.FREE_TEXT and len(answers) == 41


def _repeat(baseline, people, shift: int):  # noqa: ANN001, ANN202
    repeat = make_survey("Repeat 2027", baseline=baseline)
    services.open_survey(actor=CLI, survey_id=repeat.pk)
    rng = random.Random(9)
    for person in people:
        answer(repeat, person, rng, shift=shift)
    services.close_survey(actor=CLI, survey_id=repeat.pk)
    repeat.refresh_from_db()
    return repeat


def test_change_from_the_baseline_with_intervals(answered_baseline, survey_world) -> None:  # noqa: ANN001
    repeat = _repeat(answered_baseline, survey_world.people, shift=2)
    changes = sel.change(repeat)
    assert len(changes) == 2
    for c in changes:
        a = [r.scores[str(c.item.pk)] for r in repeat.responses.all()]
        b = [r.scores[str(c.item.baseline_item_id)] for r in answered_baseline.responses.all()]
        assert not c.note
        assert c.mean.estimate == pytest.approx(np.mean(a) - np.mean(b))
        assert c.mean.low < c.mean.estimate < c.mean.high
        assert c.mean.low > 0  # a shift of two points shows
        expected = st.newcombe_difference(sum(x >= 4 for x in a), len(a),
                                          sum(x >= 4 for x in b), len(b))
        assert c.share == expected
    rows = sel.change_rows(changes)
    assert rows[0]["baseline_responses"] == 41 and rows[0]["repeat_responses"] == 41


def test_change_is_hidden_when_either_side_is_small(answered_baseline, survey_world) -> None:  # noqa: ANN001
    repeat = _repeat(answered_baseline, survey_world.people[:9], shift=0)
    for row in sel.change_rows(sel.change(repeat)):
        assert row["note"] == sel.FEWER_LABEL
        assert all(row[name] is None for name in sel.CHANGE_COLUMNS
                   if name not in ("statement", "note"))
