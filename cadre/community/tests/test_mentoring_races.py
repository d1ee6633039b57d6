# ruff: noqa: F811 - pytest fixtures imported from mentoring_fixtures are named as arguments
"""Races on PostgreSQL: accept and decline of one match at once (one transition locks the
row: the loser is a 409, never a double answer); two runs of matching at once (the run
locks the scheme: each mentee is proposed once)."""

from __future__ import annotations

import pytest

from cadre.community.models import MentoringMatch, MentoringMatchStatus, MentoringRun
from cadre.community.models.mentoring import LIVE
from cadre.community.services import mentoring as services
from cadre.community.tests.mentoring_fixtures import mentoring  # noqa: F401
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_accept_and_decline_by_one_person_at_once(mentoring) -> None:  # noqa: ANN001
    services.run_matching(actor=Actor.system(), scheme=mentoring.scheme)
    pk = MentoringMatch.objects.get(mentee=mentoring.signups["staff2"]).pk
    actor = Actor.for_user(mentoring.staff2)
    results = run_together([
        lambda: services.respond(actor=actor, match=pk, response="accept"),
        lambda: services.respond(actor=actor, match=pk, response="decline"),
    ])
    assert sum(isinstance(r, MentoringMatch) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results


def test_mentor_accepts_while_mentee_declines(mentoring) -> None:  # noqa: ANN001
    services.run_matching(actor=Actor.system(), scheme=mentoring.scheme)
    pk = MentoringMatch.objects.get(mentee=mentoring.signups["staff2"]).pk
    results = run_together([
        lambda: services.respond(actor=Actor.for_user(mentoring.bhead), match=pk,
                                 response="accept"),
        lambda: services.respond(actor=Actor.for_user(mentoring.staff2), match=pk,
                                 response="decline"),
    ])
    match = MentoringMatch.objects.get(pk=pk)
    assert match.status == MentoringMatchStatus.DECLINED
    # either the accept came first (both succeed) or it lost (a 409), never active
    assert not isinstance(results[1], Exception), results
    assert isinstance(results[0], MentoringMatch | TransitionConflict), results


def test_two_runs_at_once_propose_each_mentee_once(mentoring) -> None:  # noqa: ANN001
    scheme = mentoring.scheme.pk
    results = run_together([
        lambda: services.run_matching(actor=Actor.system(), scheme=scheme),
        lambda: services.run_matching(actor=Actor.system(), scheme=scheme),
    ])
    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(len(r.pairs) for r in results) == [0, 2]
    live = MentoringMatch.objects.filter(scheme_id=scheme, status__in=LIVE)
    assert live.count() == 2
    assert len(set(live.values_list("mentee", flat=True))) == 2
    assert sorted(MentoringRun.objects.values_list("number", flat=True)) == [1, 2]
