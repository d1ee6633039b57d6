"""Applications and rounds: start, statements, evidence, supporter, submit, withdraw,
reopen and resubmit; round creation and its locked transition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.accreditation.models import AccreditationRound, Application
from cadre.accreditation.selectors import applications as sel
from cadre.accreditation.services import applications as services
from cadre.accreditation.tests.apps_fixtures import ready_application, setup  # noqa: F401
from cadre.assessments.models import SkillAssessment
from cadre.audit.models import AuditEvent
from cadre.core.inputs import LONG_TEXT
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def _messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


def test_start_uses_the_current_published_criteria(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    assert application.person == people.a_staff1
    assert application.criteria == setup.version
    assert application.state == Application.State.DRAFT
    with pytest.raises(ValidationError, match="already has an application"):
        services.start_application(actor=setup.applicant, level=setup.level)


def test_start_needs_published_criteria_and_a_person(setup, make_account) -> None:  # noqa: ANN001, F811
    setup.version.published_on = None
    setup.version.save()
    with pytest.raises(ValidationError, match="no published criteria"):
        services.start_application(actor=setup.applicant, level=setup.level)
    with pytest.raises(ValidationError, match="person with a record"):
        services.start_application(actor=make_account(), level=setup.level)


def test_no_one_applies_for_someone_else(setup, people) -> None:  # noqa: ANN001, F811
    with pytest.raises(PermissionDenied):
        services.start_application(actor=setup.applicant, level=setup.level,
                                   person=people.a_staff2)


def test_statements_are_limited_and_only_the_applicants(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    assert services.save_statements(actor=setup.applicant, application=application,
                                    texts={setup.conduct.pk: "  I follow the code.  "}) == 1
    assert application.statements.get().text == "I follow the code."
    with pytest.raises(ValidationError) as exc:
        services.save_statements(actor=setup.applicant, application=application,
                                 texts={setup.conduct.pk: "x" * (LONG_TEXT + 1)})
    assert f"criterion_{setup.conduct.pk}" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.save_statements(actor=setup.supporter, application=application,
                                 texts={setup.conduct.pk: "Mine now"})
    other = setup.version.level.versions.get(number=2).criteria.create(
        position=1, kind="conduct", text="Another version's criterion")
    with pytest.raises(ValidationError, match="not one of this application's"):
        services.save_statements(actor=setup.applicant, application=application,
                                 texts={other.pk: "Text"})
    assert services.save_statements(actor=setup.applicant, application=application,
                                    texts={setup.conduct.pk: ""}) == 1
    assert not application.statements.exists()


def test_evidence_must_be_the_applicants_own(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    own = SkillAssessment.objects.get(person=people.a_staff1)
    theirs = SkillAssessment.objects.get(person=people.a_staff2)
    link = services.add_evidence(actor=setup.applicant, application=application,
                                 criterion=setup.skills_rule, skill_assessment=own)
    assert link.criterion == setup.skills_rule
    with pytest.raises(ValidationError, match="already linked"):
        services.add_evidence(actor=setup.applicant, application=application,
                              criterion=setup.skills_rule, skill_assessment=own)
    with pytest.raises(ValidationError) as exc:
        services.add_evidence(actor=setup.applicant, application=application,
                              skill_assessment=theirs)
    assert "skill_assessment" in exc.value.message_dict
    with pytest.raises(ValidationError, match="one evidence file or one assessment"):
        services.add_evidence(actor=setup.applicant, application=application)
    services.remove_evidence(actor=setup.applicant, link=link)
    assert not application.evidence.exists()


def test_supporter_is_someone_else_with_an_account(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    with pytest.raises(ValidationError, match="someone else"):
        services.name_supporter(actor=setup.applicant, application=application,
                                supporter=people.a_staff1)
    with pytest.raises(ValidationError, match="has no account"):
        services.name_supporter(actor=setup.applicant, application=application,
                                supporter=people.a_other)
    services.name_supporter(actor=setup.applicant, application=application,
                            supporter=people.a_manager)
    assert list(sel.supporter_requests(setup.supporter)) == [application]
    with pytest.raises(PermissionDenied):
        services.respond_as_supporter(actor=setup.other_supporter,
                                      application_id=application.pk, confirm=True)


def test_supporter_declines_with_a_reason_and_the_applicant_names_another(setup, people) -> None:  # noqa: ANN001, E501, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    services.name_supporter(actor=setup.applicant, application=application,
                            supporter=people.a_manager)
    with pytest.raises(ValidationError, match="Say why"):
        services.respond_as_supporter(actor=setup.supporter, application_id=application.pk,
                                      confirm=False)
    declined = services.respond_as_supporter(actor=setup.supporter,
                                             application_id=application.pk, confirm=False,
                                             comment="I have not seen this work.")
    assert declined.supporter is None
    assert declined.supporter_comment == "I have not seen this work."
    assert not sel.supporter_requests(setup.supporter).exists()
    services.name_supporter(actor=setup.applicant, application=declined,
                            supporter=people.b_head)
    confirmed = services.respond_as_supporter(actor=setup.other_supporter,
                                              application_id=application.pk, confirm=True)
    assert confirmed.supporter_confirmed()


def test_submit_is_refused_naming_what_is_missing(setup, people) -> None:  # noqa: ANN001, F811
    application = services.start_application(actor=setup.applicant, level=setup.level)
    with pytest.raises(ValidationError) as exc:
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="submit")
    text = _messages(exc)
    assert "Write a statement for criteria 1, 2" in text
    assert "Name a supporter" in text
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT


def test_submit_is_refused_when_not_eligible(setup, people, make_account) -> None:  # noqa: ANN001, F811
    applicant = make_account(person=people.a_staff2)  # self-assessed only
    application = services.start_application(actor=applicant, level=setup.level)
    services.save_statements(actor=applicant, application=application, texts={
        setup.skills_rule.pk: "Statement", setup.conduct.pk: "Statement"})
    services.name_supporter(actor=applicant, application=application,
                            supporter=people.a_manager)
    services.respond_as_supporter(actor=setup.supporter, application_id=application.pk,
                                  confirm=True)
    with pytest.raises(ValidationError) as exc:
        services.transition(actor=applicant, application_id=application.pk, action="submit")
    assert "Criterion 1" in _messages(exc)
    assert Application.objects.get(pk=application.pk).state == Application.State.DRAFT


def test_submit_joins_the_open_round_then_withdraw_reopen_resubmit(setup, people) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    submitted = services.transition(actor=setup.applicant, application_id=application.pk,
                                    action="submit")
    assert submitted.state == Application.State.SUBMITTED
    assert submitted.round == setup.round
    assert submitted.submitted_at is not None
    with pytest.raises(ValidationError, match="only while it is a draft"):
        services.save_statements(actor=setup.applicant, application=submitted,
                                 texts={setup.conduct.pk: "Changed"})
    with pytest.raises(TransitionConflict):
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="submit")
    withdrawn = services.transition(actor=setup.applicant, application_id=application.pk,
                                    action="withdraw", reason="Not now")
    assert withdrawn.state == Application.State.WITHDRAWN
    reopened = services.transition(actor=setup.applicant, application_id=application.pk,
                                   action="reopen")
    assert reopened.state == Application.State.DRAFT
    assert reopened.supporter_confirmed_at is None  # the supporter confirms again
    with pytest.raises(ValidationError, match="Wait for"):
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="submit")
    services.respond_as_supporter(actor=setup.supporter, application_id=application.pk,
                                  confirm=True)
    again = services.transition(actor=setup.applicant, application_id=application.pk,
                                action="submit")
    assert again.state == Application.State.SUBMITTED
    steps = AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                      target_id=str(application.pk))
    assert steps.count() == 4


def test_submit_needs_an_open_round(setup, people) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    services.transition_round(actor=setup.runner, round_id=setup.round.pk, action="close")
    with pytest.raises(ValidationError, match="No round of Digital practice"):
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="submit")


def test_only_the_applicant_submits(setup, people) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    for actor in (setup.supporter, setup.stranger):
        with pytest.raises(PermissionDenied):
            services.transition(actor=actor, application_id=application.pk, action="submit")
    with pytest.raises(ValidationError, match="Choose one of"):
        services.transition(actor=setup.applicant, application_id=application.pk,
                            action="award")


def test_rounds_are_made_and_moved_by_scheme_runners_only(setup) -> None:  # noqa: ANN001, F811
    today = dt.date(2027, 1, 1)
    with pytest.raises(PermissionDenied):
        services.create_round(actor=setup.applicant, scheme=setup.scheme, name="Autumn",
                              opens_on=today, closes_on=today)
    with pytest.raises(ValidationError) as exc:
        services.create_round(actor=setup.runner, scheme=setup.scheme, name="Autumn",
                              opens_on=today, closes_on=today - dt.timedelta(days=1))
    assert "closes_on" in exc.value.message_dict
    with pytest.raises(ValidationError, match="already has a round"):
        services.create_round(actor=setup.runner, scheme=setup.scheme, name="spring",
                              opens_on=today, closes_on=today)
    autumn = services.create_round(actor=setup.runner, scheme=setup.scheme, name="Autumn",
                                   opens_on=today, closes_on=today + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.transition_round(actor=setup.applicant, round_id=autumn.pk, action="close")
    closed = services.transition_round(actor=setup.runner, round_id=autumn.pk,
                                       action="close")
    assert closed.state == AccreditationRound.State.CLOSED
    with pytest.raises(TransitionConflict):
        services.transition_round(actor=setup.runner, round_id=autumn.pk, action="close")


def test_who_sees_an_application(setup, people) -> None:  # noqa: ANN001, F811
    application = ready_application(setup, people)
    assert list(sel.visible_applications(setup.applicant)) == [application]
    assert list(sel.visible_applications(setup.supporter)) == [application]
    assert list(sel.visible_applications(setup.runner)) == [application]
    assert not sel.visible_applications(setup.stranger).exists()
    assert not sel.visible_applications(setup.other_supporter).exists()
