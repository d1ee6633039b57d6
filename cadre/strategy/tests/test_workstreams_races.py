# ruff: noqa: F811 - pytest fixtures imported from workstreams_fixtures are named as arguments
"""Races on PostgreSQL, under the milestone's row lock: two updates from the same version
give one saved change and one conflict (never a lost update); two first ratings of the
same kind give one rating and one conflict; an owner and a central rating at once both
stand."""

from __future__ import annotations

import pytest

from cadre.strategy.models import ConfidenceRating, Milestone
from cadre.strategy.services import workstreams as services
from cadre.strategy.tests.workstreams_fixtures import CLI, ws_world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_updates_from_the_same_version(ws_world) -> None:  # noqa: ANN001
    pk = ws_world.milestone.pk
    results = run_together([
        lambda: services.change_milestone(actor=CLI, milestone=pk, version=1, status="late"),
        lambda: services.change_milestone(actor=CLI, milestone=pk, version=1,
                                          status="on_track"),
    ])
    saved = [r for r in results if isinstance(r, Milestone)]
    assert len(saved) == 1, results
    assert sum(isinstance(r, services.WorkstreamConflict) for r in results) == 1, results
    row = Milestone.objects.get(pk=pk)
    assert (row.status, row.version) == (saved[0].status, 2)


def test_two_first_ratings_of_the_same_kind(ws_world) -> None:  # noqa: ANN001
    pk, period = ws_world.milestone.pk, ws_world.period.pk
    results = run_together([
        lambda: services.rate_milestone(actor=CLI, milestone=pk, period=period,
                                        rater_kind="central", level="Green", version=0),
        lambda: services.rate_milestone(actor=CLI, milestone=pk, period=period,
                                        rater_kind="central", level="Red", version=0),
    ])
    assert sum(isinstance(r, ConfidenceRating) for r in results) == 1, results
    assert sum(isinstance(r, services.WorkstreamConflict) for r in results) == 1, results
    assert ConfidenceRating.objects.filter(milestone_id=pk).count() == 1


def test_owner_and_central_ratings_at_once_both_stand(ws_world) -> None:  # noqa: ANN001
    pk, period = ws_world.milestone.pk, ws_world.period.pk
    results = run_together([
        lambda: services.rate_milestone(actor=CLI, milestone=pk, period=period,
                                        rater_kind="central", level="Amber", version=0),
        lambda: services.rate_milestone(actor=CLI, milestone=pk, period=period,
                                        rater_kind="owner", level="Green", version=0),
    ])
    assert all(isinstance(r, ConfidenceRating) for r in results), results
    assert ConfidenceRating.objects.filter(milestone_id=pk).count() == 2
