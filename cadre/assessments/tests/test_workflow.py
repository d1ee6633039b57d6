"""The assessment round and development plan workflows on the core transition kit:
authorisation in the service, one audit event per step, 409 for a lost race."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.assessments import services
from cadre.assessments.models import AssessmentRound, DevelopmentPlan
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import RoleLevel
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def developer(default_framework) -> RoleLevel:  # noqa: ANN001
    return RoleLevel.objects.get(framework=default_framework, name="Developer")


def _submitted_round(people, developer, staff) -> AssessmentRound:  # noqa: ANN001
    """A round of a_staff1, answered and sent to a_manager."""
    round_ = services.start_round(actor=Actor.for_user(staff), person=people.a_staff1,
                                  role_level=developer)
    working = developer.framework.levels.get(name="Working").pk
    services.save_self_assessment(actor=staff, round_=round_,
                                  levels={i.pk: working for i in round_.items.all()},
                                  evidence={})
    return services.transition_round(actor=staff, round_id=round_.pk, action="submit")


def _transitions(target) -> list[AuditEvent]:  # noqa: ANN001
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                          target_id=str(target.pk),
                                          target_type=target._meta.label).order_by("id"))


def test_each_step_writes_one_uniform_audit_event_and_history(people, developer,
                                                              make_account) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    round_ = _submitted_round(people, developer, staff)
    assert round_.state == "submitted" and round_.submitted_at is not None
    services.transition_round(actor=Actor.for_user(manager), round_id=round_.pk,
                              action="send_back", reason="Add evidence for two skills")
    round_.refresh_from_db()
    assert round_.state == "draft" and round_.submitted_at is None
    events = _transitions(round_)
    assert [e.data for e in events] == [
        {"from": "draft", "to": "submitted", "actor": staff.email, "reason": "",
         "transition": "submit"},
        {"from": "submitted", "to": "draft", "actor": manager.email,
         "reason": "Add evidence for two skills", "transition": "send_back"},
    ]
    assert events[1].actor == manager and events[1].actor_email == manager.email
    latest = round_.history.latest()
    assert latest.history_user == manager and latest.state == "draft"
    assert latest.history_change_reason == "Add evidence for two skills"


def test_only_the_right_people_may_step(people, developer, make_account) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    peer = make_account(person=people.a_staff2)
    round_ = _submitted_round(people, developer, staff)
    for who, action in ((staff, "agree"), (peer, "agree"), (peer, "send_back")):
        with pytest.raises(PermissionDenied):
            services.transition_round(actor=who, round_id=round_.pk, action=action,
                                      reason="because")
    with pytest.raises(ValidationError):  # sending back needs a reason
        services.transition_round(actor=make_account(person=people.a_manager),
                                  round_id=round_.pk, action="send_back")
    with pytest.raises(PermissionDenied):
        services.start_round(actor=peer, person=people.a_staff1, role_level=developer)
    round_.refresh_from_db()
    assert round_.state == "submitted" and len(_transitions(round_)) == 1


def test_a_step_no_longer_possible_is_a_conflict_with_the_current_state(
        people, developer, make_account, api_client, web_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    round_ = _submitted_round(people, developer, staff)
    services.transition_round(actor=manager, round_id=round_.pk, action="agree")
    with pytest.raises(TransitionConflict) as caught:
        services.transition_round(actor=manager, round_id=round_.pk, action="send_back",
                                  reason="late")
    assert caught.value.current_state == "completed"
    # The API answers 409 in the README's error shape, with the current state.
    response = api_client(manager).post(f"/api/v1/assessment-rounds/{round_.pk}/send-back/",
                                        {"reason": "late"}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["current_state"] == "completed" and body["errors"][0]["field"] == "state"
    assert "Completed" in body["detail"]
    # A page answers with a 409 page, not a server error.
    page = web_client(manager).post(f"/capability/rounds/{round_.pk}/",
                                    {"action": "send_back", "reason": "late"})
    assert page.status_code == 409 and b"Completed" in page.content
    # The person's late edit of the finished round is refused the same way.
    edit = web_client(staff).post(f"/capability/rounds/{round_.pk}/", {"action": "save"})
    assert edit.status_code == 409
    assert len(_transitions(round_)) == 2  # submit and agree only


def test_the_command_line_actor_is_named_in_the_audit_trail(people, developer,
                                                            monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("getpass.getuser", lambda: "ops-jo")
    cli = Actor.command_line()
    assert cli.label == "cli:ops-jo" and cli.user is None and cli.trusted
    round_ = services.start_round(actor=cli, person=people.a_staff1, role_level=developer)
    event = AuditEvent.objects.get(action=AuditEvent.Action.RECORD_CREATED,
                                   target_id=str(round_.pk))
    assert event.actor is None and event.actor_email == "cli:ops-jo"


def test_plan_agreement_workflow(people, developer, make_account) -> None:  # noqa: ANN001
    import datetime as dt

    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    requirement = developer.requirements.first()
    services.add_objective(actor=staff, person=people.a_staff1, skill=requirement.skill,
                           target_level=requirement.level,
                           target_date=dt.date.today() + dt.timedelta(days=30))
    plan = DevelopmentPlan.objects.get(person=people.a_staff1)
    assert plan.state == "draft"
    with pytest.raises(PermissionDenied):
        services.agree_plan(actor=staff, plan=plan)
    plan = services.agree_plan(actor=manager, plan=plan, note="Good")
    assert plan.state == "agreed" and plan.agreed_by == manager
    # Agreeing from a stale page that still shows the draft is a conflict.
    stale = DevelopmentPlan(pk=plan.pk, person=people.a_staff1, state="draft")
    with pytest.raises(TransitionConflict):
        services.agree_plan(actor=manager, plan=stale)
    # A change by the person reopens it.
    services.add_activity(actor=staff, objective=plan.objectives.get(), kind="formal",
                          description="Course")
    plan.refresh_from_db()
    assert plan.state == "draft" and plan.agreed_at is None
    assert [e.data["transition"] for e in _transitions(plan)] == ["agree", "reopen"]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_agree_racing_send_back_has_exactly_one_winner(people, developer,
                                                       make_account) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    for trial in range(5):
        AssessmentRound.objects.filter(person=people.a_staff1).delete()
        round_ = _submitted_round(people, developer, staff)
        results = run_together([
            lambda r=round_: services.transition_round(
                actor=manager, round_id=r.pk, action="agree"),
            lambda r=round_, t=trial: services.transition_round(
                actor=manager, round_id=r.pk, action="send_back", reason=f"trial {t}"),
        ])
        winners = [r for r in results if isinstance(r, AssessmentRound)]
        losers = [r for r in results if isinstance(r, TransitionConflict)]
        assert len(winners) == 1 and len(losers) == 1, results
        round_.refresh_from_db()
        assert round_.state == winners[0].state
        assert losers[0].current_state == round_.state
        events = _transitions(round_)
        assert [e.data["transition"] for e in events] == [
            "submit", "agree" if round_.state == "completed" else "send_back"]
        assert round_.history.filter(history_type="~").count() == 2


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_api_agreements_give_one_200_and_409s(people, developer, make_account,
                                                       api_client) -> None:  # noqa: ANN001
    staff = make_account(person=people.a_staff1)
    manager = make_account(person=people.a_manager)
    round_ = _submitted_round(people, developer, staff)
    items = [{"item": i.pk, "level": i.self_level_id} for i in round_.items.all()]
    clients = [api_client(manager) for _ in range(6)]
    results = run_together([
        (lambda c=c: c.post(f"/api/v1/assessment-rounds/{round_.pk}/items/",
                            {"items": items}, format="json")) for c in clients])
    codes = sorted(getattr(r, "status_code", r) for r in results)
    assert codes == [200, 409, 409, 409, 409, 409], results
    assert all(r.json()["current_state"] == "completed"
               for r in results if r.status_code == 409)
    assert [e.data["transition"] for e in _transitions(round_)] == ["submit", "agree"]
    from cadre.assessments.models import SkillAssessment

    assert SkillAssessment.objects.filter(round=round_, source="manager").count() == len(items)
