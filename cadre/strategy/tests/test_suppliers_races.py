# ruff: noqa: F811 - pytest fixtures imported from suppliers_fixtures are named as arguments
"""Races on PostgreSQL: two changes of one score from the same version, two first scores
of one criterion, two moves of one plan action, two new framework versions. One wins; the
other gets a conflict (409); nothing is lost silently."""

from __future__ import annotations

import pytest

from cadre.core.workflow import TransitionConflict
from cadre.strategy.models import (
    ActionStatus,
    AssessmentVersion,
    PlanAction,
    SupplierScore,
)
from cadre.strategy.services import suppliers as services
from cadre.strategy.services.suppliers import SupplierConflict
from cadre.strategy.tests.suppliers_fixtures import CLI, supplier_world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _score(w, value: int, version: int | None):  # noqa: ANN001, ANN202
    return lambda: services.set_score(actor=CLI, supplier=w.supplier, period=w.spring,
                                      organisation=w.org_a, criterion=w.delivery,
                                      score=value, version=version)


def test_two_changes_from_the_same_version(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    _score(w, 3, None)()
    results = run_together([_score(w, 4, 1), _score(w, 1, 1)])
    won = [r for r in results if isinstance(r, SupplierScore)]
    assert len(won) == 1, results
    assert sum(isinstance(r, SupplierConflict) for r in results) == 1, results
    row = SupplierScore.objects.get()
    assert (row.score, row.version) == (won[0].score, 2)
    assert row.history.count() == 2


def test_two_first_scores_of_one_criterion(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    results = run_together([_score(w, 4, None), _score(w, 2, 0)])
    assert sum(isinstance(r, SupplierScore) for r in results) == 1, results
    assert sum(isinstance(r, SupplierConflict) for r in results) == 1, results
    assert SupplierScore.objects.count() == 1


def test_two_moves_of_one_action(supplier_world) -> None:  # noqa: ANN001
    w = supplier_world
    action = services.create_action(actor=CLI, supplier=w.supplier, title="Fix it",
                                    owner_organisation=w.org_a, due_on="2027-01-31")
    results = run_together([
        lambda: services.move_action(actor=CLI, action=action.pk, to="done"),
        lambda: services.move_action(actor=CLI, action=action.pk, to="dropped"),
    ])
    assert sum(isinstance(r, PlanAction) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    action.refresh_from_db()
    assert action.status in (ActionStatus.DONE, ActionStatus.DROPPED)
    assert action.history.count() == 2


def test_two_new_versions(supplier_world) -> None:  # noqa: ANN001
    results = run_together([
        lambda: services.create_version(actor=CLI, label="Second"),
        lambda: services.create_version(actor=CLI, label="Third"),
    ])
    assert all(isinstance(r, AssessmentVersion) for r in results), results
    assert sorted(AssessmentVersion.objects.values_list("number", flat=True)) == [1, 2, 3]
