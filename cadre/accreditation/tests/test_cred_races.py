"""Races on PostgreSQL: two status changes of one award at once, two issues of one award."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import Award
from cadre.accreditation.services.credentials import issue_award, transition_award
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401
from cadre.core.workflow import TransitionConflict
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_suspensions_at_once_one_wins(cred) -> None:  # noqa: ANN001, F811
    award = award_for(cred)
    results = run_together([
        lambda: transition_award(actor=cred.runner, award_id=award.pk, action="suspend",
                                 reason="CPD lapsed"),
        lambda: transition_award(actor=cred.runner, award_id=award.pk, action="suspend",
                                 reason="CPD lapsed"),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1
    assert sum(isinstance(r, Award) for r in results) == 1


def test_two_issues_at_once_make_one_award(cred) -> None:  # noqa: ANN001, F811
    results = run_together([
        lambda: issue_award(actor=cred.runner, application=cred.application),
        lambda: issue_award(actor=cred.runner, application=cred.application),
    ])
    assert all(isinstance(r, Award) for r in results), results
    assert Award.objects.count() == 1
