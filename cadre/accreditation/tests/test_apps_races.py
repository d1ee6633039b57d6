"""Races on PostgreSQL: two submits, two withdraws, a submit against a withdraw, and the
supporter confirming while the applicant changes supporter: one wins, the other is
refused (409, or a validation error for the supporter)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.accreditation.models import Application
from cadre.accreditation.services import applications as services
from cadre.accreditation.tests.apps_fixtures import ready_application, setup  # noqa: F401
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _steps(application: Application) -> int:
    return AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                     target_id=str(application.pk)).count()


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_the_same_step_twice_at_once_one_wins(setup, people, action) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    if action == "withdraw":
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="submit")
    before = _steps(application)
    results = run_together([
        lambda: services.transition(actor=setup.applicant, application_id=application.pk,
                                    action=action),
        lambda: services.transition(actor=setup.applicant, application_id=application.pk,
                                    action=action),
    ])
    assert sum(isinstance(r, Application) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert _steps(application) == before + 1


def test_submit_and_withdraw_at_once_one_wins(setup, people) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    results = run_together([
        lambda: services.transition(actor=setup.applicant, application_id=application.pk,
                                    action="submit"),
        lambda: services.transition(actor=setup.applicant, application_id=application.pk,
                                    action="withdraw"),
    ])
    won = [r for r in results if isinstance(r, Application)]
    # Either order is possible: withdraw after submit also succeeds (a draft and a submitted
    # application can both be withdrawn), submit after withdraw is the 409.
    final = Application.objects.get(pk=application.pk)
    if len(won) == 2:
        assert final.state == Application.State.WITHDRAWN
    else:
        assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
        assert final.state == Application.State.WITHDRAWN


def test_two_api_submits_one_gets_409(setup, people, api_client) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    url = f"/api/v1/accreditation/applications/{application.pk}/transition/"
    clients = [api_client(setup.applicant), api_client(setup.applicant)]
    results = run_together([
        lambda c=c: c.post(url, {"action": "submit"}, format="json").status_code
        for c in clients
    ])
    assert sorted(results) == [200, 409], results


def test_supporter_confirms_while_the_applicant_changes_supporter(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    services.name_supporter(actor=setup.applicant, application=application,
                            supporter=people.a_manager)
    results = run_together([
        lambda: services.respond_as_supporter(actor=setup.supporter,
                                              application_id=application.pk, confirm=True),
        lambda: services.name_supporter(actor=setup.applicant, application=application,
                                        supporter=people.b_head),
    ])
    refused = (ValidationError, PermissionDenied)
    assert not any(isinstance(r, Exception) and not isinstance(r, refused)
                   for r in results), results
    final = Application.objects.get(pk=application.pk)
    # Whichever came second saw the first: the new supporter is never left confirmed by
    # the old one.
    assert not (final.supporter_id == people.b_head.pk and final.supporter_confirmed_at)
