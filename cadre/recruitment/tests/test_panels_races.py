# ruff: noqa: F811 - pytest fixtures imported from panels_fixtures are named as arguments
"""Races on PostgreSQL: two decisions on one application at once (the row's lock: one
wins, the other is a 409, never two decisions); a member submitting the same score sheet
twice at once; two allocations of a stage at once (the campaign's lock: each place given
once); two chairs added at once (one chair)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import (
    ApplicationState,
    Assignment,
    PanelMember,
    PanelRole,
    Score,
    StageDecision,
)
from cadre.recruitment.services import panels as services
from cadre.recruitment.tests.panels_fixtures import (  # noqa: F401
    allocate,
    criteria_of,
    panel_world,
    submit_all,
    user_of,
)
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_decisions_at_once_one_wins_the_other_is_a_409(panel_world) -> None:
    w = panel_world
    allocate(w)
    submit_all(w, w.x)
    chair = Actor.for_user(w.chair_user)
    results = run_together([
        lambda: services.decide(actor=chair, application=w.x.pk, stage="sift",
                                outcome="sifted_in", reasons="Strong"),
        lambda: services.decide(actor=Actor.system(), application=w.x.pk, stage="sift",
                                outcome="sifted_out", reasons="Weak"),
    ])
    assert sum(isinstance(r, StageDecision) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert StageDecision.objects.filter(application=w.x).count() == 1
    w.x.refresh_from_db()
    winner = next(r for r in results if isinstance(r, StageDecision))
    assert w.x.state == winner.outcome
    assert w.x.state in (ApplicationState.SIFTED_IN, ApplicationState.SIFTED_OUT)


def test_one_score_sheet_submitted_twice_at_once(panel_world) -> None:
    w = panel_world
    allocate(w)
    sheet = w.m_c.assignments.first()
    actor = Actor.for_user(w.c_user)
    scores = {c.pk: 2 for c in criteria_of(w, "sift")}
    results = run_together([
        lambda: services.submit_scores(actor=actor, assignment=sheet.pk, scores=scores),
        lambda: services.submit_scores(actor=actor, assignment=sheet.pk, scores=scores),
    ])
    assert sum(isinstance(r, Assignment) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert Score.objects.filter(assignment=sheet).count() == 2


def test_two_allocations_at_once_give_each_place_once(panel_world) -> None:
    w = panel_world
    results = run_together([
        lambda: services.allocate_stage(actor=Actor.system(), campaign=w.campaign.pk,
                                        stage="sift"),
        lambda: services.allocate_stage(actor=Actor.system(), campaign=w.campaign.pk,
                                        stage="sift"),
    ])
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Assignment.objects.count() == 6


def test_two_chairs_added_at_once(panel_world) -> None:
    w = panel_world
    PanelMember.objects.filter(role=PanelRole.CHAIR).update(role=PanelRole.MEMBER)
    results = run_together([
        lambda: services.add_member(actor=Actor.system(), campaign=w.campaign.pk, person="A2",
                                    role="chair"),
        lambda: services.add_member(actor=Actor.system(), campaign=w.campaign.pk, person="A1",
                                    role="chair"),
    ])
    assert sum(isinstance(r, PanelMember) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert PanelMember.objects.filter(campaign=w.campaign, role=PanelRole.CHAIR).count() == 1
    assert user_of(w, w.m_c.pk) == w.c_user
