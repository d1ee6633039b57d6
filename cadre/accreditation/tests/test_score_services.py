"""Assessment and decisions: scoring, submission, reconciliation, the panel, validated
skill assessments, awards and appeals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.accreditation.models import Application, Award, Interview, PanelDecision
from cadre.accreditation.services import assessment as svc
from cadre.accreditation.services import decisions
from cadre.accreditation.tests.score_fixtures import Scored, scored  # noqa: F401
from cadre.assessments.models import SkillAssessment, Source
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def score_both(s: Scored, one: tuple[int, int], two: tuple[int, int]) -> None:
    svc.record_scores(actor=s.assessor_one, allocation_id=s.one.pk,
                      scores={s.skills.pk: (one[0], "Good"), s.conduct.pk: (one[1], "")})
    svc.record_scores(actor=s.assessor_two, allocation_id=s.two.pk,
                      scores={s.skills.pk: (two[0], "Fine"), s.conduct.pk: (two[1], "")})
    svc.submit_scores(actor=s.assessor_one, allocation_id=s.one.pk)
    svc.submit_scores(actor=s.assessor_two, allocation_id=s.two.pk)
    s.application.refresh_from_db()


def to_panel(s: Scored) -> None:
    score_both(s, (5, 4), (4, 4))
    assert s.application.state == Application.State.PANEL


def test_scores_within_a_level_go_to_the_panel(scored: Scored) -> None:  # noqa: F811
    svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                      scores={scored.skills.pk: (5, "Good"), scored.conduct.pk: (4, "")})
    svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.ASSESSING
    svc.record_scores(actor=scored.assessor_two, allocation_id=scored.two.pk,
                      scores={scored.skills.pk: (4, ""), scored.conduct.pk: (5, "")})
    svc.submit_scores(actor=scored.assessor_two, allocation_id=scored.two.pk)
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.PANEL
    assert AuditEvent.objects.filter(action="transition", data__transition="to_panel").exists()


def test_scores_two_apart_are_reconciled(scored: Scored) -> None:  # noqa: F811
    score_both(scored, (6, 4), (4, 4))
    assert scored.application.state == Application.State.RECONCILIATION
    with pytest.raises(ValidationError):  # the conduct scores agree: not flagged
        svc.reconcile_score(actor=scored.assessor_one, allocation_id=scored.one.pk,
                            criterion_id=scored.conduct.pk, score=3, comment="Lower")
    with pytest.raises(ValidationError):  # assessors cannot send it on while apart
        svc.finish_reconciliation(actor=scored.assessor_two,
                                  application_id=scored.application.pk)
    with pytest.raises(ValidationError):  # a comment is required
        svc.reconcile_score(actor=scored.assessor_one, allocation_id=scored.one.pk,
                            criterion_id=scored.skills.pk, score=5, comment=" ")
    row = svc.reconcile_score(actor=scored.assessor_one, allocation_id=scored.one.pk,
                              criterion_id=scored.skills.pk, score=5, comment="On reflection")
    assert row.reconciled and row.score == 5
    svc.finish_reconciliation(actor=scored.assessor_two, application_id=scored.application.pk)
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.PANEL


def test_runner_may_send_a_disagreement_to_the_panel_with_a_reason(scored: Scored) -> None:  # noqa: F811
    score_both(scored, (7, 4), (3, 4))
    with pytest.raises(ValidationError):
        svc.finish_reconciliation(actor=scored.runner, application_id=scored.application.pk)
    svc.finish_reconciliation(actor=scored.runner, application_id=scored.application.pk,
                              reason="The panel will decide")
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.PANEL


def test_scoring_refusals(scored: Scored) -> None:  # noqa: F811
    with pytest.raises(PermissionDenied):  # not their allocation
        svc.record_scores(actor=scored.assessor_two, allocation_id=scored.one.pk,
                          scores={scored.skills.pk: (4, "")})
    with pytest.raises(ValidationError):  # out of range
        svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                          scores={scored.skills.pk: (8, "")})
    with pytest.raises(ValidationError):  # not this application's criterion
        svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                          scores={999999: (4, "")})
    with pytest.raises(ValidationError):  # a criterion not scored
        svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                          scores={scored.skills.pk: (4, "")})
        svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                      scores={scored.skills.pk: (4, ""), scored.conduct.pk: (4, "")})
    svc.submit_scores(actor=scored.assessor_one, allocation_id=scored.one.pk)
    with pytest.raises(ValidationError):  # submitted: no more changes
        svc.record_scores(actor=scored.assessor_one, allocation_id=scored.one.pk,
                          scores={scored.skills.pk: (5, "")})


def test_interview(scored: Scored) -> None:  # noqa: F811
    when = timezone.now() + dt.timedelta(days=3)
    svc.schedule_interview(actor=scored.assessor_one, application_id=scored.application.pk,
                           starts_at=when, place="Room 1")
    assert Interview.objects.filter(application=scored.application).count() == 1
    with pytest.raises(PermissionDenied):
        svc.schedule_interview(actor=scored.assessor_idle, application_id=scored.application.pk,
                               starts_at=when)
    with pytest.raises(ValidationError):
        svc.schedule_interview(actor=scored.runner, application_id=scored.application.pk,
                               starts_at=timezone.now() - dt.timedelta(days=1))


def test_award_writes_validated_assessments_and_issues_the_award(scored: Scored) -> None:  # noqa: F811
    to_panel(scored)
    decision = decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                                outcome="awarded", reasons="Meets every criterion",
                                members=[scored.panellist])
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.AWARDED
    assert decision.members.get() == scored.panellist
    assert Award.objects.filter(application=scored.application).count() == 1
    validated = {a.skill_id: a.level.ordinal for a in SkillAssessment.objects.filter(
        person=scored.application.person, source=Source.VALIDATED)}
    # Software skills held at 5 and 4; the assessors confirmed 4 (the lower score): both
    # validated at 4; Ethics is not in the family and is not validated.
    assert validated == {scored.programming.pk: 4, scored.testing.pk: 4}
    row = SkillAssessment.objects.filter(source=Source.VALIDATED).first()
    assert row.assessed_by == scored.runner and row.assessed_on == timezone.localdate()


def test_panel_cannot_include_the_supporter_or_the_applicant(scored: Scored) -> None:  # noqa: F811
    to_panel(scored)
    for person in (scored.application.supporter, scored.application.person):
        with pytest.raises(ValidationError):
            decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                             outcome="awarded", reasons="Yes", members=[person])
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=scored.assessor_one, application_id=scored.application.pk,
                         outcome="awarded", reasons="Yes", members=[scored.panellist])
    assert not PanelDecision.objects.exists()


def test_second_decision_is_a_conflict(scored: Scored) -> None:  # noqa: F811
    to_panel(scored)
    decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                     outcome="not_awarded", reasons="Not yet", members=[scored.panellist])
    with pytest.raises(TransitionConflict):
        decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                         outcome="awarded", reasons="Yes", members=[scored.panellist])
    assert PanelDecision.objects.count() == 1


def test_appeal_upheld_by_an_uninvolved_panel(scored: Scored) -> None:  # noqa: F811
    to_panel(scored)
    decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                     outcome="not_awarded", reasons="Not yet", members=[scored.panellist])
    with pytest.raises(PermissionDenied):  # only the applicant appeals
        decisions.lodge_appeal(actor=scored.supporter, application_id=scored.application.pk,
                               grounds="Unfair")
    decisions.lodge_appeal(actor=scored.applicant, application_id=scored.application.pk,
                           grounds="The evidence was overlooked")
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.APPEALED
    for barred in (scored.panellist, scored.application.supporter,
                   scored.one.assessor.person):
        with pytest.raises(ValidationError):
            decisions.decide_appeal(actor=scored.runner, application_id=scored.application.pk,
                                    outcome="upheld", reasons="Yes", panel=[barred])
    appeal = decisions.decide_appeal(actor=scored.runner, application_id=scored.application.pk,
                                     outcome="upheld", reasons="Evidence was clear",
                                     panel=[scored.appeal_panellist])
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.AWARDED
    assert appeal.outcome == "upheld" and appeal.decided_at is not None
    assert Award.objects.filter(application=scored.application).exists()
    assert PanelDecision.objects.filter(on_appeal=True, outcome="awarded").count() == 1


def test_appeal_dismissed_is_final_and_late_appeals_refused(scored: Scored) -> None:  # noqa: F811
    to_panel(scored)
    decisions.decide(actor=scored.runner, application_id=scored.application.pk,
                     outcome="not_awarded", reasons="Not yet", members=[scored.panellist])
    Application.objects.filter(pk=scored.application.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=29))
    with pytest.raises(ValidationError):
        decisions.lodge_appeal(actor=scored.applicant, application_id=scored.application.pk,
                               grounds="Late")
    Application.objects.filter(pk=scored.application.pk).update(decided_at=timezone.now())
    decisions.lodge_appeal(actor=scored.applicant, application_id=scored.application.pk,
                           grounds="Overlooked")
    decisions.decide_appeal(actor=scored.runner, application_id=scored.application.pk,
                            outcome="dismissed", reasons="The decision stands",
                            panel=[scored.appeal_panellist])
    scored.application.refresh_from_db()
    assert scored.application.state == Application.State.NOT_AWARDED
    with pytest.raises(ValidationError):
        decisions.lodge_appeal(actor=scored.applicant, application_id=scored.application.pk,
                               grounds="Again")
    assert not Award.objects.exists()
    assert not SkillAssessment.objects.filter(source=Source.VALIDATED).exists()
