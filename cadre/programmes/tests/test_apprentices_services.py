"""Apprentices: enrolment, placements, the evidence log, the workflow with end-point
assessment and resits, who may change what, and a race on the workflow."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.programmes import selectors, services
from cadre.programmes.models import Apprentice, ApprenticeshipStandard, EpaAttempt
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db

STANDARD = {"referenceNumber": "ST0116", "title": "Software developer", "level": 4,
            "version": "1.1", "route": "Digital", "typicalDuration": 24, "maxFunding": 18000,
            "duties": [], "knowledges": [{"id": "K1", "detail": "Lifecycle"}],
            "skills": [{"id": "S1", "detail": "Code"}], "behaviours": []}


@pytest.fixture
def apprentice(db, people):  # noqa: ANN001, ANN201
    services.import_standards(actor=None, data=json.dumps([STANDARD]))
    cohort = services.create_cohort(actor=None, name="2026 developers",
                                    standard=ApprenticeshipStandard.objects.get(),
                                    starts_on=dt.date(2026, 9, 1), recruiter="Recruiter Ltd")
    return services.enrol_apprentice(actor=None, person=people.a_staff1, cohort=cohort,
                                     training_provider="Code College")


def _step(apprentice: Apprentice, action: str, actor=None, **kw) -> Apprentice:  # noqa: ANN001
    return services.transition_apprentice(actor=actor, apprentice_id=apprentice.pk,
                                          action=action, **kw)


def test_through_assessment_with_a_resit_to_completion(apprentice, org_b,  # noqa: ANN001
                                                       make_account) -> None:  # noqa: ANN001
    partner = services.create_industry_partner(actor=None, name="Big Tech plc")
    services.add_placement(actor=None, apprentice=apprentice, industry_partner=partner,
                           starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 2, 28))
    services.add_placement(actor=None, apprentice=apprentice, host_organisation=org_b,
                           starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 8, 31))
    services.log_evidence(actor=None, apprentice=apprentice, ksb="S1", note="Built a service",
                          recorded_on=dt.date(2027, 1, 10))
    assert apprentice.started_on == dt.date(2026, 9, 1)
    assert apprentice.state == Apprentice.State.IN_TRAINING
    with pytest.raises(ValidationError):  # no results before the assessment
        services.record_epa_attempt(actor=None, apprentice_id=apprentice.pk, result="pass",
                                    taken_on=dt.date(2028, 1, 1))
    _step(apprentice, "to_gateway", on=dt.date(2028, 6, 1))
    _step(apprentice, "start_epa")
    with pytest.raises(ValidationError, match="passing"):
        _step(apprentice, "complete")
    services.record_epa_attempt(actor=None, apprentice_id=apprentice.pk, result="fail",
                                taken_on=dt.date(2028, 7, 1))
    services.record_epa_attempt(actor=None, apprentice_id=apprentice.pk, result="merit",
                                taken_on=dt.date(2028, 9, 1))
    with pytest.raises(ValidationError, match="already passed"):
        services.record_epa_attempt(actor=None, apprentice_id=apprentice.pk, result="pass",
                                    taken_on=dt.date(2028, 10, 1))
    done = _step(apprentice, "complete", on=dt.date(2028, 9, 2),
                 went_next="Junior developer, Department A")
    assert done.state == Apprentice.State.COMPLETED
    assert (done.gateway_on, done.finished_on) == (dt.date(2028, 6, 1), dt.date(2028, 9, 2))
    assert done.went_next == "Junior developer, Department A"
    assert list(EpaAttempt.objects.values_list("attempt", "result")) == [(1, "fail"),
                                                                        (2, "merit")]
    central = make_account(Role.CENTRAL_TEAM)
    assert list(selectors.visible_partners(central).values_list("name", "taken_on")) == [
        ("Big Tech plc", 1)]
    assert list(selectors.visible_partners(None)) == []
    assert AuditEvent.objects.filter(action="transition").count() == 3
    with pytest.raises(TransitionConflict):
        _step(apprentice, "withdraw")


def test_bad_input_names_the_field(apprentice, org_b) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        services.log_evidence(actor=None, apprentice=apprentice, ksb="K9", note="",
                              recorded_on=dt.date(2027, 1, 1))
    assert set(caught.value.message_dict) == {"ksb", "note"}
    with pytest.raises(ValidationError) as caught:
        services.add_placement(actor=None, apprentice=apprentice, host_organisation=org_b,
                               starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 1, 1))
    assert set(caught.value.message_dict) == {"ends_on"}
    with pytest.raises(ValidationError) as caught:
        services.set_places(actor=None, organisation=org_b, year=2026, places=5000)
    assert set(caught.value.message_dict) == {"places"}
    with pytest.raises(ValidationError) as caught:
        services.transition_apprentice(actor=None, apprentice_id=apprentice.pk, action="x")
    assert set(caught.value.message_dict) == {"action"}


def test_who_may_change_and_see(apprentice, make_account, people, org_a, org_b) -> None:  # noqa: ANN001
    head_a = make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)
    head_b = make_account(Role.HEAD_OF_PROFESSION, organisation=org_b)
    own = make_account(person=people.a_staff1)
    other = make_account(person=people.b_staff)
    with pytest.raises(PermissionDenied):
        _step(apprentice, "to_gateway", actor=head_b)
    with pytest.raises(PermissionDenied):
        _step(apprentice, "to_gateway", actor=own)
    with pytest.raises(PermissionDenied):
        services.set_places(actor=head_b, organisation=org_a, year=2026, places=3)
    services.set_places(actor=head_a, organisation=org_a, year=2026, places=3)
    services.log_evidence(actor=own, apprentice=apprentice, ksb="K1", note="Read the docs",
                          recorded_on=dt.date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        services.log_evidence(actor=other, apprentice=apprentice, ksb="K1", note="x",
                              recorded_on=dt.date(2027, 1, 1))
    assert _step(apprentice, "to_gateway", actor=head_a).state == Apprentice.State.GATEWAY
    assert list(selectors.visible_apprentices(own)) == [apprentice]
    assert list(selectors.visible_apprentices(head_a)) == [apprentice]
    assert list(selectors.visible_apprentices(head_b)) == []
    assert list(selectors.visible_apprentices(other)) == []
    assert list(selectors.visible_apprentices(make_account(Role.ANALYST))) == []
    services.add_placement(actor=None, apprentice=apprentice, host_organisation=org_b,
                           starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 8, 31))
    assert list(selectors.visible_apprentices(head_b)) == [apprentice]  # the host sees


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_steps_at_once_one_wins(apprentice) -> None:  # noqa: ANN001
    # The same step twice at once (a double click, two heads of profession): one wins and
    # the other finds the state moved on. (Two different steps are not a conflict when
    # both orders are allowed: gateway then withdrawn is a real path.)
    results = run_together([
        lambda: _step(apprentice, "to_gateway"),
        lambda: _step(apprentice, "to_gateway"),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert sum(isinstance(r, Apprentice) for r in results) == 1, results
    winner = next(r for r in results if isinstance(r, Apprentice))
    apprentice.refresh_from_db()
    assert apprentice.state == winner.state
