# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Races on PostgreSQL: two steps on one application at once (the row is locked: one wins,
the other is a 409, never both); two people recording the same candidate at once (the
campaign is locked: one application)."""

from __future__ import annotations

import pytest

from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import Application
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_steps_at_once_one_wins(world) -> None:  # noqa: ANN001
    application = external(world)
    for to in ("sifted_in", "interviewed", "appointable", "offered"):
        services.transition(actor=None, application_id=application.pk, to=to)
    hub, hop = Actor.for_user(world.hub), Actor.for_user(world.hop_a)
    results = run_together([
        lambda: services.transition(actor=hub, application_id=application.pk, to="appointed",
                                    version=5),
        lambda: services.transition(actor=hop, application_id=application.pk, to="declined",
                                    version=5),
    ])
    assert sum(isinstance(r, Application) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    final = Application.objects.get(pk=application.pk)
    assert final.state in ("appointed", "declined") and final.version == 6


def test_the_same_step_twice_at_once_one_wins(world) -> None:  # noqa: ANN001
    application = external(world)
    results = run_together([
        lambda: services.withdraw(actor=None, application_id=application.pk, version=1),
        lambda: services.withdraw(actor=None, application_id=application.pk, version=1),
    ])
    assert sum(isinstance(r, Application) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results


def test_recording_one_candidate_twice_at_once(world) -> None:  # noqa: ANN001
    def record():  # noqa: ANN202
        return services.record_application(actor=None, campaign=world.campaign.pk,
                                           name="Priya", email="priya@example.com")

    results = run_together([record, record])
    assert sum(isinstance(r, Application) for r in results) == 1, results
    assert Application.objects.count() == 1
