"""Races on PostgreSQL: two panel decisions at once (one wins, the other is a 409), and
both assessors submitting at once (the application still moves on exactly once)."""

from __future__ import annotations

import pytest

from cadre.accreditation.models import Application, Award, PanelDecision
from cadre.accreditation.services import assessment as svc
from cadre.accreditation.services import decisions
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _scores(s: Scored) -> None:
    for user, alloc in ((s.assessor_one, s.one), (s.assessor_two, s.two)):
        svc.record_scores(actor=user, allocation_id=alloc.pk,
                          scores={s.skills.pk: (5, ""), s.conduct.pk: (4, "")})


def test_two_panel_decisions_at_once_one_wins(scored: Scored) -> None:  # noqa: F811
    _scores(scored)
    svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    svc.submit_scores(actor=scored.assessor_two, allocation_id=scored.two.pk)
    results = run_together([
        lambda: decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                                 outcome="awarded", reasons="Meets the standard",
                                 members=[scored.panellist]),
        lambda: decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                                 outcome="not_awarded", reasons="Not yet",
                                 members=[scored.panellist]),
    ])
    assert sum(isinstance(r, PanelDecision) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert PanelDecision.objects.count() == 1
    winner = PanelDecision.objects.get()
    application = Application.objects.get(pk=scored.application.pk)
    assert application.state == winner.outcome
    assert Award.objects.count() == (1 if winner.outcome == "awarded" else 0)


def test_two_panel_decisions_at_once_through_the_api(scored: Scored, api_client) -> None:  # noqa: ANN001, F811
    _scores(scored)
    svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    svc.submit_scores(actor=scored.assessor_two, allocation_id=scored.two.pk)
    from django.urls import reverse

    url = reverse("api:accreditation-application-decision", args=[scored.application.pk])
    clients = [api_client(scored.runner), api_client(scored.runner)]
    body = {"outcome": "awarded", "reasons": "Meets the standard",
            "members": [scored.panellist.pk]}
    results = run_together([lambda c=c: c.post(url, body, format="json").status_code
                            for c in clients])
    assert sorted(results) == [201, 409], results
    assert PanelDecision.objects.count() == 1 and Award.objects.count() == 1


def test_both_assessors_submit_at_once(scored: Scored) -> None:  # noqa: F811
    _scores(scored)
    results = run_together([
        lambda: svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk),
        lambda: svc.submit_scores(actor=scored.assessor_two, allocation_id=scored.two.pk),
    ])
    assert not any(isinstance(r, Exception) for r in results), results
    assert Application.objects.get(pk=scored.application.pk).state == "panel"
    assert AuditEvent.objects.filter(action="transition",
                                     data__transition="to_panel").count() == 1
