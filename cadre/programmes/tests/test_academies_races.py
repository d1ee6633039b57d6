"""Races on PostgreSQL: two steps of one round at once, two offers for the last place."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.access.roles import Role
from cadre.core.workflow import TransitionConflict
from cadre.programmes.models import Candidate, Membership, SelectionRound
from cadre.programmes.services import academies as services
from cadre.programmes.tests.academies_fixtures import academy  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_steps_at_once_one_wins(academy, make_account) -> None:  # noqa: ANN001, F811
    central = make_account(Role.CENTRAL_TEAM)
    results = run_together([
        lambda: services.transition_round(actor=central, round_id=academy.round.pk,
                                          action="open_applications"),
        lambda: services.transition_round(actor=central, round_id=academy.round.pk,
                                          action="open_applications"),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1
    assert sum(isinstance(r, SelectionRound) for r in results) == 1


def test_two_offers_for_the_last_place(academy, people, make_account) -> None:  # noqa: ANN001, F811
    central = make_account(Role.CENTRAL_TEAM)
    persons = [people.a_staff1, people.a_staff2, people.b_staff]
    cands = [services.nominate(actor=None, round_=academy.round, person=p) for p in persons]
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_applications")
    for c in cands:
        services.transition_candidate(actor=None, candidate_id=c.pk, action="apply",
                                      statement="Statement")
    services.transition_round(actor=None, round_id=academy.round.pk, action="open_scoring")
    for c in cands:
        services.record_scores(actor=central, candidate=c,
                               scores={academy.leadership.pk: 2, academy.technical.pk: 2})
        services.transition_candidate(actor=None, candidate_id=c.pk, action="score")
    services.transition_candidate(actor=None, candidate_id=cands[0].pk, action="offer",
                                  feedback="Yes")
    results = run_together([
        lambda c=c: services.transition_candidate(actor=central, candidate_id=c.pk,
                                                  action="offer", feedback="Yes")
        for c in cands[1:]
    ])
    assert sum(isinstance(r, Candidate) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Membership.objects.filter(cadre=academy.round.cadre).count() == 2
