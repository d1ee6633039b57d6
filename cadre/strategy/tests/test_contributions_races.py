# ruff: noqa: F811 - pytest fixtures imported from contributions_fixtures are named as arguments
"""Races on PostgreSQL: the same contribution offered twice at once (the unique constraint
lets one in, the other is a clear error naming ``contributions``); the same evidence
withdrawn twice at once (the row lock: one withdraws, the other is told it is gone)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.core.actor import Actor
from cadre.strategy.models import ContributionEvidence
from cadre.strategy.services import contributions as services
from cadre.strategy.tests.contributions_fixtures import contributions  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_offer_twice_at_once(contributions) -> None:
    w = contributions
    key = f"bench:{w.records['bench'].pk}"

    def offer(account):  # noqa: ANN001, ANN202
        return lambda: services.offer_evidence(actor=Actor.for_user(account),
                                               person=w.people.a_manager, cycle=w.cycle,
                                               keys=[key])

    results = run_together([offer(w.manager), offer(w.head)])
    assert sum(isinstance(r, list) for r in results) == 1, results
    [error] = [r for r in results if isinstance(r, Exception)]
    assert isinstance(error, ValidationError) and "contributions" in error.message_dict
    assert ContributionEvidence.objects.count() == 1


def test_the_same_withdrawal_twice_at_once(contributions) -> None:
    w = contributions
    [evidence] = services.offer_evidence(actor=Actor.system(), person=w.people.a_manager,
                                         cycle=w.cycle, keys=[f"bench:{w.records['bench'].pk}"])
    results = run_together([
        lambda: services.withdraw_evidence(actor=Actor.for_user(w.manager),
                                           evidence_id=evidence.pk),
        lambda: services.withdraw_evidence(actor=Actor.for_user(w.head),
                                           evidence_id=evidence.pk),
    ])
    assert sum(r is None for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert not ContributionEvidence.objects.exists()
