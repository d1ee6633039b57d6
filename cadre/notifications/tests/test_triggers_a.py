"""Messages sent by the actions that cause them (ADR 30): a round decided, a plan waiting,
an appraisal cycle's calibration window, a background job finished or failed.

Each test performs the action through its service and finds the message in the outbox,
and finds nothing for a recipient who chose "never" for that kind.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.assessments import services as assessments
from cadre.assessments.models import AssessmentRound
from cadre.core.actor import Actor
from cadre.framework.models import RoleLevel
from cadre.jobs.models import Job
from cadre.jobs.registry import JobContext, JobFailed, JobOutcome, job_runner
from cadre.jobs.services import start_job
from cadre.notifications.models import Message, Preference
from cadre.notifications.triggers import notify
from cadre.talent import services as talent

pytestmark = pytest.mark.django_db


def _never(user, kind: str) -> None:  # noqa: ANN001
    Preference.objects.create(user=user, kind=kind, choice=Preference.Choice.NEVER)


@pytest.fixture
def developer(default_framework) -> RoleLevel:  # noqa: ANN001
    return RoleLevel.objects.get(framework=default_framework, name="Developer")


@pytest.fixture
def accounts(people, make_account):  # noqa: ANN001, ANN201
    """Accounts for a_staff1 (assessed) and a_manager (their line manager)."""
    return make_account(person=people.a_staff1), make_account(person=people.a_manager)


def _submitted(people, developer, staff) -> AssessmentRound:  # noqa: ANN001
    round_ = assessments.start_round(actor=staff, person=people.a_staff1, role_level=developer)
    working = developer.framework.levels.get(name="Working").pk
    assessments.save_self_assessment(actor=staff, round_=round_, evidence={},
                                     levels={i.pk: working for i in round_.items.all()})
    return assessments.transition_round(actor=staff, round_id=round_.pk, action="submit")


# --- round_decided ------------------------------------------------------------------------

def test_a_round_sent_back_tells_the_person_why(people, developer, accounts,  # noqa: ANN001
                                                django_capture_on_commit_callbacks) -> None:
    staff, manager = accounts
    round_ = _submitted(people, developer, staff)
    with django_capture_on_commit_callbacks(execute=True):
        assessments.transition_round(actor=manager, round_id=round_.pk, action="send_back",
                                     reason="Add evidence for two skills")
    message = Message.objects.get(kind="round_decided")
    assert message.recipient == staff and message.to == people.a_staff1.email
    values = message.personalisation
    assert values["person_name"] == people.a_staff1.full_name
    assert values["role_level"] == str(developer)
    assert values["outcome"] == "sent back to you by your line manager"
    assert "The reason they gave: Add evidence for two skills" in values["details"]
    assert values["link"].endswith(f"/capability/rounds/{round_.pk}/")
    assert message.subject == (f"Your self-assessment against {developer} was sent back to "
                               "you by your line manager")
    assert message.status == Message.Status.STORED


def test_a_round_agreed_with_changes_lists_them_with_the_reasons(
        people, developer, accounts, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    staff, manager = accounts
    round_ = _submitted(people, developer, staff)
    item = round_.items.select_related("skill").first()
    expert = developer.framework.levels.get(name="Expert")
    with django_capture_on_commit_callbacks(execute=True):
        assessments.transition_round(actor=manager, round_id=round_.pk, action="agree",
                                     levels={item.pk: expert.pk},
                                     comments={item.pk: "Led the migration alone"})
    message = Message.objects.get(kind="round_decided")
    assert message.recipient == staff and message.to == people.a_staff1.email
    assert message.personalisation["outcome"] == "agreed by your line manager, with changes"
    assert (f"* {item.skill.name}: you chose Working; your line manager agreed Expert. "
            "Their reason: Led the migration alone") in message.personalisation["details"]
    # Only the changed skill is listed.
    assert message.personalisation["details"].count("\n* ") == 1


def test_a_round_agreed_as_it_was_says_so(people, developer, accounts) -> None:  # noqa: ANN001
    staff, manager = accounts
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="agree")
    values = Message.objects.get(kind="round_decided").personalisation
    assert values["outcome"] == "agreed by your line manager"
    assert values["details"] == "Your line manager agreed every level as you chose it."


def test_a_validation_that_changes_levels_tells_the_person(people, developer, accounts,  # noqa: ANN001
                                                           make_account) -> None:
    staff, manager = accounts
    assessor = make_account(Role.ASSESSOR, people.a_staff1.organisation)
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="agree")
    Message.objects.all().delete()
    # A validation that keeps the agreed levels sends nothing.
    item = round_.items.select_related("skill").first()
    expert = developer.framework.levels.get(name="Expert")
    assessments.validate_round(actor=assessor, round_id=round_.pk,
                               levels={item.pk: expert.pk},
                               comments={item.pk: "Seen the portfolio"})
    message = Message.objects.get(kind="round_decided")
    assert message.recipient == staff and message.to == people.a_staff1.email
    assert message.personalisation["outcome"] == "validated by an assessor, with changes"
    assert (f"* {item.skill.name}: agreed at Working; validated at Expert. The reason: "
            "Seen the portfolio") in message.personalisation["details"]


def test_a_validation_keeping_the_levels_sends_nothing(people, developer, accounts,  # noqa: ANN001
                                                       make_account) -> None:
    staff, manager = accounts
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="agree")
    Message.objects.all().delete()
    assessments.validate_round(actor=make_account(Role.ASSESSOR, people.a_staff1.organisation),
                               round_id=round_.pk)
    assert not Message.objects.filter(kind="round_decided").exists()


def test_round_decided_respects_never(people, developer, accounts) -> None:  # noqa: ANN001
    staff, manager = accounts
    _never(staff, "round_decided")
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="send_back",
                                 reason="Add evidence")
    assert not Message.objects.filter(kind="round_decided").exists()
    round_.refresh_from_db()
    assert round_.state == AssessmentRound.State.DRAFT


def test_no_address_no_message_and_the_step_still_happens(people, developer,  # noqa: ANN001
                                                         accounts) -> None:
    staff, manager = accounts
    people.a_staff1.email = ""
    people.a_staff1.save(update_fields=["email"])
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="agree")
    round_.refresh_from_db()
    assert round_.state == AssessmentRound.State.COMPLETED
    assert not Message.objects.filter(kind="round_decided").exists()


def test_a_message_that_cannot_be_built_never_fails_the_action(people, developer,  # noqa: ANN001
                                                              accounts) -> None:
    staff, manager = accounts
    people.a_staff1.first_name = people.a_staff1.last_name = ""  # a blank name is refused
    people.a_staff1.save(update_fields=["first_name", "last_name"])
    round_ = _submitted(people, developer, staff)
    assessments.transition_round(actor=manager, round_id=round_.pk, action="send_back",
                                 reason="Add evidence")
    round_.refresh_from_db()
    assert round_.state == AssessmentRound.State.DRAFT
    assert not Message.objects.filter(kind="round_decided").exists()
    # A failure inside the database while queueing is undone alone, too.
    assert notify(kind="round_decided", to="a@b.example",
                  personalisation=lambda: 1 / 0) is None


# --- plan_waiting -------------------------------------------------------------------------

def _objective(people, developer, staff) -> None:  # noqa: ANN001
    requirement = developer.requirements.first()
    assessments.add_objective(actor=staff, person=people.a_staff1, skill=requirement.skill,
                              target_level=requirement.level,
                              target_date=dt.date.today() + dt.timedelta(days=30))


def test_a_plan_waits_for_the_line_manager(people, developer, accounts,  # noqa: ANN001
                                           django_capture_on_commit_callbacks) -> None:
    staff, manager = accounts
    with django_capture_on_commit_callbacks(execute=True):
        _objective(people, developer, staff)
    message = Message.objects.get(kind="plan_waiting")
    assert message.recipient == manager and message.to == people.a_manager.email
    values = message.personalisation
    assert values["manager_name"] == people.a_manager.full_name
    assert values["person_name"] == people.a_staff1.full_name
    assert values["why"] == "it has its first objective." and values["objectives"] == "1"
    assert values["link"].endswith(f"/capability/people/{people.a_staff1.pk}/plan/")
    assert message.status == Message.Status.STORED
    # A second objective on the same draft plan: it is waiting already, no new message.
    _objective(people, developer, staff)
    assert Message.objects.filter(kind="plan_waiting").count() == 1
    # Agreed, then changed by the person: it waits again.
    plan = assessments.agree_plan(actor=manager, plan=people.a_staff1.development_plan)
    assessments.add_activity(actor=staff, objective=plan.objectives.first(), kind="formal",
                             description="Course")
    reopened = Message.objects.filter(kind="plan_waiting").first()  # newest first
    assert Message.objects.filter(kind="plan_waiting").count() == 2
    assert reopened.personalisation["why"] == "it changed since you agreed it."
    assert reopened.personalisation["objectives"] == "2" and reopened.recipient == manager


def test_plan_waiting_respects_never(people, developer, accounts) -> None:  # noqa: ANN001
    staff, manager = accounts
    _never(manager, "plan_waiting")
    _objective(people, developer, staff)
    assert people.a_staff1.development_plan.objectives.count() == 1
    assert not Message.objects.filter(kind="plan_waiting").exists()


# --- calibration_open ---------------------------------------------------------------------

def test_opening_a_cycle_tells_heads_of_profession_and_line_managers(
        people, org_a, make_account, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    make_account(Role.HEAD_OF_PROFESSION, people.b_head.organisation)  # another department
    manager = make_account(person=people.a_manager)
    opens, closes = dt.date(2027, 1, 4), dt.date(2027, 2, 26)
    with django_capture_on_commit_callbacks(execute=True):
        cycle = talent.open_cycle(actor=Actor.command_line(), organisation=org_a,
                                  name="Year end 2027", opens_on=opens, closes_on=closes)
    messages = {m.to: m for m in Message.objects.filter(kind="calibration_open")}
    # Department A's head of profession, and its two line managers (a_head, a_manager);
    # nobody in department B.
    assert set(messages) == {hop.email, people.a_head.email, people.a_manager.email}
    to_hop = messages[hop.email]
    assert to_hop.recipient == hop
    assert "you calibrate the line managers' ratings" in to_hop.personalisation["your_part"]
    assert to_hop.personalisation["link"].endswith(
        f"/talent/identification/cycles/{cycle.pk}/")
    to_manager = messages[people.a_manager.email]
    assert to_manager.recipient == manager
    assert to_manager.personalisation == {
        "name": people.a_manager.full_name, "organisation": org_a.name,
        "cycle_name": "Year end 2027", "opens_on": "4 January 2027",
        "closes_on": "26 February 2027",
        "your_part": to_manager.personalisation["your_part"],
        "link": to_manager.personalisation["link"]}
    assert "you rate the people in your team" in to_manager.personalisation["your_part"]
    assert to_manager.personalisation["link"].endswith("/talent/identification/ratings/")
    assert messages[people.a_head.email].recipient is None  # a_head has no account
    assert to_manager.subject == ("Appraisal cycle Year end 2027: rating and calibration "
                                  "from 4 January 2027")
    assert to_manager.status == Message.Status.STORED


def test_a_head_of_profession_who_manages_people_gets_one_message(
        people, org_a, make_account) -> None:  # noqa: ANN001
    make_account(Role.HEAD_OF_PROFESSION, org_a, person=people.a_manager)
    talent.open_cycle(actor=None, organisation=org_a, name="Mid year",
                      opens_on=dt.date(2027, 6, 1), closes_on=dt.date(2027, 6, 30))
    mine = Message.objects.filter(kind="calibration_open", to=people.a_manager.email)
    assert mine.count() == 1
    assert mine.get().personalisation["your_part"].endswith(
        "You also rate the people in your own team.")


def test_calibration_open_respects_never(people, org_a, make_account) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    manager = make_account(person=people.a_manager)
    _never(hop, "calibration_open")
    _never(manager, "calibration_open")
    talent.open_cycle(actor=None, organisation=org_a, name="Year end",
                      opens_on=dt.date(2027, 1, 4), closes_on=dt.date(2027, 2, 26))
    assert list(Message.objects.filter(kind="calibration_open")
                .values_list("to", flat=True)) == [people.a_head.email]


# --- job_finished / job_failed ------------------------------------------------------------

@job_runner("test-notify")
def finish_or_fail(ctx: JobContext, *, fail: bool = False) -> JobOutcome:
    if fail:
        raise JobFailed([f"Row {n}: the staff number is missing." for n in range(2, 15)])
    return JobOutcome(summary="Loaded 2 people.")


def test_a_finished_job_tells_its_starter(make_account, django_capture_on_commit_callbacks  # noqa: ANN001
                                          ) -> None:
    user = make_account()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(actor=Actor.for_user(user), runner=finish_or_fail, title="Load people")
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    message = Message.objects.get(kind="job_finished")
    assert message.recipient == user and message.to == user.email
    assert message.personalisation == {
        "name": str(user), "job_title": "Load people", "summary": "Loaded 2 people.",
        "link": message.personalisation["link"]}
    assert message.personalisation["link"].endswith(f"/jobs/{job.pk}/")
    assert message.subject == "Finished: Load people"
    assert message.status == Message.Status.STORED
    assert not Message.objects.filter(kind="job_failed").exists()


def test_a_failed_job_tells_its_starter_what_went_wrong(people, make_account) -> None:  # noqa: ANN001
    user = make_account(person=people.a_other)
    job = start_job(actor=Actor.for_user(user), runner=finish_or_fail, title="Load people",
                    params={"fail": True})
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    message = Message.objects.get(kind="job_failed")
    assert message.recipient == user and message.to == user.email
    values = message.personalisation
    assert values["name"] == people.a_other.full_name
    assert values["job_title"] == "Load people"
    lines = values["problems"].splitlines()
    assert lines[0] == "* Row 2: the staff number is missing."
    assert len(lines) == 11 and lines[-1] == "* ... and 3 more."
    assert values["link"].endswith(f"/jobs/{job.pk}/")
    assert not Message.objects.filter(kind="job_finished").exists()


def test_job_messages_respect_never(make_account) -> None:  # noqa: ANN001
    user = make_account()
    _never(user, "job_finished")
    _never(user, "job_failed")
    start_job(actor=Actor.for_user(user), runner=finish_or_fail, title="Fine")
    start_job(actor=Actor.for_user(user), runner=finish_or_fail, title="Broken",
              params={"fail": True})
    assert set(Job.objects.values_list("state", flat=True)) == {"succeeded", "failed"}
    assert not Message.objects.filter(kind__in=["job_finished", "job_failed"]).exists()
