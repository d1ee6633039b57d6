# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""Races on PostgreSQL: two transitions of one campaign at once, and two edits from the same
version. One wins; the other gets a conflict (409); nothing is lost silently."""

from __future__ import annotations

import pytest

from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import Campaign
from cadre.recruitment.services import campaigns as services
from cadre.recruitment.tests.campaigns_fixtures import CLI, mob, opened, world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_transitions_at_once(world) -> None:  # noqa: ANN001
    campaign = opened(world)
    version = campaign.version
    results = run_together([
        lambda: services.transition(actor=CLI, campaign_id=campaign.pk, to="sift",
                                    version=version),
        lambda: services.transition(actor=CLI, campaign_id=campaign.pk, to="cancelled",
                                    version=version, reason="Withdrawn"),
    ])
    assert sum(isinstance(r, Campaign) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    campaign.refresh_from_db()
    assert campaign.state in ("sift", "cancelled") and campaign.version == version + 1


def test_the_same_step_twice_at_once(world) -> None:  # noqa: ANN001
    campaign = opened(world)
    results = run_together([
        lambda: services.transition(actor=CLI, campaign_id=campaign.pk, to="sift"),
        lambda: services.transition(actor=CLI, campaign_id=campaign.pk, to="sift"),
    ])
    assert sum(isinstance(r, Campaign) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    campaign.refresh_from_db()
    assert campaign.history.filter(state="sift").count() == 1


def test_two_edits_from_the_same_version(world) -> None:  # noqa: ANN001
    campaign = opened(world)
    version = campaign.version
    results = run_together([
        lambda: services.update_campaign(actor=CLI, campaign=campaign.pk, version=version,
                                         title="First"),
        lambda: services.update_campaign(actor=CLI, campaign=campaign.pk, version=version,
                                         title="Second"),
    ])
    won = [r for r in results if isinstance(r, Campaign)]
    assert len(won) == 1, results
    assert sum(isinstance(r, services.CampaignConflict) for r in results) == 1, results
    campaign.refresh_from_db()
    assert campaign.title == won[0].title and campaign.version == version + 1
