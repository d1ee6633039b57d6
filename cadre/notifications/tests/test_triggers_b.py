"""Managed moves, deployment requests and vacancy matches send their messages; weekly
digests carry what people chose to get weekly, one per person a week, also when two runs
overlap (ADR 30, issue 14)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cadre.access.roles import Role
from cadre.bench import services as bench_services
from cadre.mobility import services as mobility_services
from cadre.mobility.models import MobilityPreference
from cadre.mobility.services.notices import tell_matches
from cadre.mobility.tests.mobility_setup import draft_vacancy, mob  # noqa: F401
from cadre.notifications.models import Message, Preference
from cadre.notifications.services import send_message, send_weekly_digests
from cadre.notifications.tasks import send_digests
from tests.factories import UserFactory
from tests.races import run_together

D = dt.date


def _messages(kind: str, user) -> list[Message]:  # noqa: ANN001
    return list(Message.objects.filter(kind=kind, recipient=user).order_by("id"))


def _never(user, kind: str) -> None:  # noqa: ANN001
    Preference.objects.create(user=user, kind=kind, choice=Preference.Choice.NEVER)


# --- Managed moves ------------------------------------------------------------------------

@pytest.mark.django_db
def test_each_step_of_a_move_tells_the_side_whose_turn_it_is(
        mob, django_capture_on_commit_callbacks):  # noqa: ANN001, F811
    a_hop, b_hop, person = mob.a_hop, mob.b_hop, mob.people.b_staff
    with django_capture_on_commit_callbacks(execute=True):
        move = mobility_services.propose_move(actor=b_hop, person=person,
                                              receiving=mob.org_a)
    [asked] = _messages("move_action", a_hop)
    assert _messages("move_action", b_hop) == []  # nobody is told what they just did
    assert asked.to == a_hop.email
    assert asked.personalisation == {
        "recipient_name": a_hop.email, "person_name": person.full_name,
        "releasing": mob.org_b.name, "receiving": mob.org_a.name,
        "step": "agree to receive them",
        "link": asked.personalisation["link"]}
    assert asked.personalisation["link"].endswith(f"/talent/moves/{move.pk}/")
    assert asked.subject == f"Managed move of {person.full_name}: agree to receive them"
    assert asked.status == Message.Status.STORED  # delivered to the outbox on commit

    mobility_services.agree_receiving(actor=a_hop, move=move)
    assert [m.personalisation["step"] for m in _messages("move_action", b_hop)] == [
        "agree to release them"]
    mobility_services.agree_releasing(actor=b_hop, move=move)
    assert [m.personalisation["step"] for m in _messages("move_action", a_hop)] == [
        "agree to receive them", "arrange the logistics"]
    # A logistics update with items still to do tells nobody; the one that finishes the
    # list asks the receiving side to complete.
    mobility_services.update_logistics(actor=b_hop, move=move, start_date=D(2027, 3, 1))
    assert len(_messages("move_action", a_hop)) == 2
    mobility_services.update_logistics(actor=b_hop, move=move, clearance_transferred=True,
                                       pay_and_pension_agreed=True, equipment_ready=True,
                                       access_ready=True)
    assert _messages("move_action", a_hop)[-1].personalisation["step"] == "complete the move"
    mobility_services.complete_move(actor=a_hop, move=move)
    assert Message.objects.filter(kind="move_action").count() == 4


@pytest.mark.django_db
def test_a_head_of_profession_who_chose_never_hears_nothing_of_moves(mob):  # noqa: ANN001, F811
    _never(mob.a_hop, "move_action")
    move = mobility_services.propose_move(actor=mob.b_hop, person=mob.people.b_staff,
                                          receiving=mob.org_a)
    mobility_services.agree_receiving(actor=mob.a_hop, move=move)
    assert _messages("move_action", mob.a_hop) == []
    assert len(_messages("move_action", mob.b_hop)) == 1


@pytest.mark.django_db
def test_without_a_head_of_profession_the_central_team_is_asked(mob):  # noqa: ANN001, F811
    central = mob.central
    mobility_services.propose_move(actor=mob.b_hop, person=mob.people.b_staff,
                                   receiving=mob.org_a)
    [asked] = _messages("move_action", central)
    assert asked.personalisation["step"] == "agree to receive them"


# --- Deployment requests ------------------------------------------------------------------

@pytest.fixture
def bench(people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    bench_services.add_window(actor=None, person=people.a_staff1,
                              available_from=D(2027, 1, 1), available_to=D(2027, 6, 30))
    return {"pm": make_account(Role.PROGRAMME_MANAGER),
            "hop": make_account(Role.HEAD_OF_PROFESSION, org_a),
            "b_hop": make_account(Role.HEAD_OF_PROFESSION, org_b),
            "org_b": org_b, "person": people.a_staff1}


FEBRUARY = D(2027, 2, 1)


def _request(bench: dict, start: dt.date = FEBRUARY):  # noqa: ANN202
    return bench_services.request_deployment(
        actor=bench["pm"], specialist=bench["person"], organisation=bench["org_b"],
        programme="Border systems", starts_on=start, ends_on=start + dt.timedelta(days=9))


@pytest.mark.django_db
def test_a_deployment_request_tells_whoever_must_decide_it(bench, people):  # noqa: ANN001
    request = _request(bench)
    [asked] = _messages("deployment_request", bench["hop"])
    assert asked.to == bench["hop"].email
    assert asked.personalisation == {
        "recipient_name": bench["hop"].email, "specialist_name": people.a_staff1.full_name,
        "programme": "Border systems", "requesting_organisation": bench["org_b"].name,
        "starts_on": "1 February 2027", "ends_on": "10 February 2027",
        "link": asked.personalisation["link"]}
    assert asked.personalisation["link"].endswith(f"/talent/bench/requests/{request.pk}/")
    assert asked.subject == f"Deployment request: {people.a_staff1.full_name} to Border systems"
    # Not the requester, nor the other organisation's head of profession.
    assert Message.objects.filter(kind="deployment_request").count() == 1


@pytest.mark.django_db
def test_a_decider_who_chose_never_gets_no_deployment_request(bench):  # noqa: ANN001
    _never(bench["hop"], "deployment_request")
    _request(bench)
    assert not Message.objects.filter(kind="deployment_request").exists()


@pytest.mark.django_db
def test_the_greeting_uses_the_deciders_own_name(bench, people):  # noqa: ANN001
    people.a_head.account = bench["hop"]
    people.a_head.save(update_fields=["account"])
    _request(bench)
    [asked] = _messages("deployment_request", bench["hop"])
    assert asked.personalisation["recipient_name"] == people.a_head.full_name


# --- Vacancy matches ----------------------------------------------------------------------

def _open(mob, capture, **kwargs):  # noqa: ANN001, ANN202, F811
    vacancy = draft_vacancy(mob, **kwargs)
    with capture(execute=True):
        mobility_services.open_vacancy(actor=mob.a_hop, vacancy=vacancy)
    return vacancy


@pytest.mark.django_db
def test_an_opened_vacancy_tells_the_opted_in_people_it_fits_in_the_digest(
        mob, make_account, django_capture_on_commit_callbacks):  # noqa: ANN001, F811
    fits = mob.b_staff_user
    not_opted_in = make_account(person=mob.people.b_head)  # holds every skill, not opted in
    hiring_side = mob.a_staff_user  # works in the hiring organisation
    MobilityPreference.objects.create(person=mob.people.a_staff1, open_to_opportunities=True)
    vacancy = _open(mob, django_capture_on_commit_callbacks)
    [match] = _messages("vacancy_match", fits)
    assert match.to == mob.people.b_staff.email
    assert match.personalisation == {
        "person_name": mob.people.b_staff.full_name, "vacancy_title": "Senior data engineer",
        "organisation": mob.org_a.name,
        "closing_date": f"{vacancy.closing_date.day} {vacancy.closing_date:%B %Y}",
        "link": match.personalisation["link"]}
    assert match.personalisation["link"].endswith(f"/talent/vacancies/{vacancy.pk}/")
    # Never at once: it waits for the weekly digest, even with no choice made.
    assert match.status == Message.Status.HELD
    assert _messages("vacancy_match", not_opted_in) == []
    assert _messages("vacancy_match", hiring_side) == []
    # Reopening the vacancy (or the task running again) does not tell anyone twice.
    assert tell_matches(vacancy_id=vacancy.pk) == []
    with django_capture_on_commit_callbacks(execute=True):
        mobility_services.close_vacancy(actor=mob.a_hop, vacancy=vacancy)
        mobility_services.open_vacancy(actor=mob.a_hop, vacancy=vacancy)
    assert len(_messages("vacancy_match", fits)) == 1
    # The digest carries it.
    [outcome] = send_weekly_digests()
    assert (outcome.status, outcome.count) == ("sent", 1)
    [digest] = _messages("weekly_digest", fits)
    assert match.subject in digest.personalisation["items"]
    assert match.personalisation["link"] in digest.personalisation["items"]
    match.refresh_from_db()
    assert match.digest == digest


@pytest.mark.django_db
def test_a_low_fit_or_a_never_choice_means_no_vacancy_match(
        mob, django_capture_on_commit_callbacks):  # noqa: ANN001, F811
    fits = mob.b_staff_user
    _never(fits, "vacancy_match")
    _open(mob, django_capture_on_commit_callbacks)
    assert _messages("vacancy_match", fits) == []
    Preference.objects.filter(user=fits).delete()
    # A vacancy asking Testing (not held at all) as essential does not fit b_staff.
    skills = [(mob.skills[0], mob.levels[2], True), (mob.skills[2], mob.levels[1], True)]
    _open(mob, django_capture_on_commit_callbacks, title="Test engineer", skills=skills)
    assert _messages("vacancy_match", fits) == []


@pytest.mark.django_db
def test_weekly_for_a_vacancy_match_is_weekly_and_at_once_is_weekly_too(mob):  # noqa: ANN001, F811
    user = mob.b_staff_user
    values = {"person_name": "B", "vacancy_title": "T", "organisation": "O",
              "closing_date": "1 May 2027", "link": "https://cadre.example/v/1/"}
    Preference.objects.create(user=user, kind="vacancy_match", choice=Preference.Choice.AT_ONCE)
    message = send_message(kind="vacancy_match", to=user.email, recipient=user,
                           personalisation=values)
    assert message.status == Message.Status.HELD
    with pytest.raises(ValueError, match="needs a recipient"):
        send_message(kind="vacancy_match", to=user.email, personalisation=values)


# --- Weekly digests -----------------------------------------------------------------------

ROUND = {"manager_name": "Ada Manager", "person_name": "Bo Person",
         "role_level": "Data scientist (senior)", "link": "https://cadre.example/r/1/"}


def _held(user, n: int = 1) -> list[Message]:  # noqa: ANN001
    return [send_message(kind="round_waiting", to=user.email, recipient=user,
                         personalisation={**ROUND, "person_name": f"Person {user.pk}-{i}"})
            for i in range(n)]


@pytest.mark.django_db
def test_weekly_messages_are_held_then_carried_by_one_digest_a_week(
        django_capture_on_commit_callbacks):  # noqa: ANN001
    user, other = UserFactory(), UserFactory()
    Preference.objects.create(user=user, kind="round_waiting", choice=Preference.Choice.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        first = _held(user, 2)
        at_once = send_message(kind="round_waiting", to=other.email, recipient=other,
                               personalisation=ROUND)
    assert len(queued) == 1  # only the message sent at once went to the queue
    assert [m.status for m in first] == [Message.Status.HELD] * 2
    at_once.refresh_from_db()
    assert at_once.status == Message.Status.STORED

    monday = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = send_weekly_digests(now=monday)
    assert (outcome.status, outcome.count, outcome.to) == ("sent", 2, user.email)
    digest = Message.objects.get(pk=outcome.digest_id)
    assert (digest.kind, digest.recipient, digest.status) == (
        "weekly_digest", user, Message.Status.STORED)
    assert digest.personalisation["count"] == "2"
    assert digest.personalisation["items"] == "\n".join(
        f"* {m.subject}: {ROUND['link']}" for m in first)
    assert digest.subject == "Your Cadre weekly digest: 2 new"
    assert set(digest.carried.values_list("pk", flat=True)) == {m.pk for m in first}

    # Run again: nothing new; a message held later waits until seven days have passed.
    assert send_weekly_digests(now=monday) == []
    [later] = _held(user)
    [waiting] = send_weekly_digests(now=monday + dt.timedelta(days=6))
    assert (waiting.status, waiting.count) == ("not_due", 1)
    assert waiting.due_on == timezone.localdate(monday) + dt.timedelta(days=7)
    # A timer firing a little earlier than last week still sends.
    [second] = send_weekly_digests(now=monday + dt.timedelta(days=7, seconds=-5))
    assert (second.status, second.count) == ("sent", 1)
    later.refresh_from_db()
    assert later.digest_id == second.digest_id
    assert Message.objects.filter(kind="weekly_digest").count() == 2


@pytest.mark.django_db
def test_never_for_a_kind_means_not_even_in_the_digest() -> None:
    user = UserFactory()
    _never(user, "round_waiting")
    assert _held(user) == [None]
    assert send_weekly_digests() == []


@pytest.mark.django_db
def test_the_command_and_the_task_send_the_digests() -> None:
    user = UserFactory()
    Preference.objects.create(user=user, kind="round_waiting", choice=Preference.Choice.WEEKLY)
    _held(user, 3)
    out = StringIO()
    call_command("notifications", "digests", "--dry-run", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [{"to": user.email, "held": 3,
                                           "status": "would_send", "digest": None,
                                           "due_on": None}]
    assert not Message.objects.filter(kind="weekly_digest").exists()
    out = StringIO()
    call_command("notifications", "digests", stdout=out)
    assert "1 digest(s) sent" in out.getvalue()
    assert Message.objects.filter(kind="weekly_digest", recipient=user).count() == 1
    _held(user)
    assert send_digests.enqueue().return_value == {"not_due": 1}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks and concurrent transactions need PostgreSQL")
def test_two_digest_runs_at_once_send_one_digest_per_person() -> None:
    users = [UserFactory() for _ in range(6)]
    for user in users:
        Preference.objects.create(user=user, kind="round_waiting",
                                  choice=Preference.Choice.WEEKLY)
    for trial in range(5):
        held = [m for user in users for m in _held(user, 2)]
        now = timezone.now() + dt.timedelta(days=7 * trial)
        results = run_together([lambda now=now: send_weekly_digests(now=now)] * 4)
        assert not [r for r in results if isinstance(r, Exception)], results
        sent = [o for r in results for o in r if o.status == "sent"]
        assert sorted(o.recipient_id for o in sent) == sorted(u.pk for u in users), trial
        for user in users:
            digests = Message.objects.filter(kind="weekly_digest", recipient=user)
            assert digests.count() == trial + 1, (trial, user.pk)
        carried = Message.objects.filter(pk__in=[m.pk for m in held])
        assert not carried.filter(digest__isnull=True).exists()
        for digest in Message.objects.filter(kind="weekly_digest", created_at=now):
            assert digest.personalisation["count"] == "2"
            assert digest.carried.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks and concurrent transactions need PostgreSQL")
def test_a_person_another_run_is_busy_with_is_skipped_not_waited_for() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connections, transaction

    user = UserFactory()
    Preference.objects.create(user=user, kind="round_waiting", choice=Preference.Choice.WEEKLY)
    _held(user)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another run, part way through this person's digest
        try:
            with transaction.atomic():
                get_user_model().objects.select_for_update().get(pk=user.pk)
                locked.set()
                release.wait(30)
        finally:
            connections.close_all()

    other = threading.Thread(target=hold_the_lock)
    other.start()
    try:
        assert locked.wait(30)
        [outcome] = send_weekly_digests()
        assert outcome.status == "busy"
        assert not Message.objects.filter(kind="weekly_digest").exists()
    finally:
        release.set()
        other.join(30)
    [outcome] = send_weekly_digests()
    assert outcome.status == "sent"
