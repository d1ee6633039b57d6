"""Real races on the mobility workflows and vacancy edits (PostgreSQL only).

Each test starts several requests in threads at the same moment (a barrier); every
thread has its own database connection and closes it when done. SQLite locks the whole
file and ignores ``SELECT ... FOR UPDATE``, so these tests run on PostgreSQL (as CI does).
"""

from __future__ import annotations

import pytest
from django.db import connection

from cadre.audit.models import AuditEvent
from cadre.mobility import services
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import mob, open_vacancy  # noqa: F401
from tests.races import run_together

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks and concurrent transactions need PostgreSQL "
                              "(CI runs these on it)"),
    pytest.mark.django_db(transaction=True),
]


def _transitions(move: MoveRequest, name: str) -> int:
    return AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                     target_type=MoveRequest._meta.label,
                                     target_id=str(move.pk), data__transition=name).count()


def _propose(mob) -> MoveRequest:  # noqa: ANN001, F811
    return services.propose_move(actor=mob.a_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a)


def _step_url(move: MoveRequest, action: str) -> str:
    return f"/api/v1/mobility/moves/{move.pk}/{action}/"


def test_twenty_parallel_agreements_give_one_200_and_409s(mob, api_client):  # noqa: F811
    move = _propose(mob)
    clients = [api_client(mob.a_hop) for _ in range(20)]
    results = run_together([
        (lambda c=c: c.post(_step_url(move, "agree-receiving"), {}, format="json"))
        for c in clients])
    codes = sorted(getattr(r, "status_code", repr(r)) for r in results)
    assert codes == [200] + [409] * 19, codes
    for response in results:
        if response.status_code == 409:
            body = response.json()
            assert body["current_state"] == "receiving_agreed"
            assert body["errors"][0]["field"] == "state"
    move.refresh_from_db()
    assert move.state == MoveRequest.State.RECEIVING_AGREED
    assert _transitions(move, "agree_receiving") == 1
    assert move.history.filter(state=MoveRequest.State.RECEIVING_AGREED).count() == 1


def test_cancel_racing_agreement_has_one_winner_and_never_loses_a_cancel(
        mob, api_client):  # noqa: F811
    receiving, releasing = api_client(mob.a_hop), api_client(mob.b_hop)
    winners: list[str] = []
    for trial in range(8):
        MoveRequest.objects.filter(person=mob.people.b_staff).delete()
        move = _propose(mob)
        agree, cancel = run_together([
            lambda m=move: receiving.post(_step_url(m, "agree-receiving"),
                                          {"expected_state": "proposed"}, format="json"),
            lambda m=move, t=trial: releasing.post(
                _step_url(m, "cancel"), {"reason": f"trial {t}",
                                         "expected_state": "proposed"}, format="json"),
        ])
        codes = sorted([agree.status_code, cancel.status_code])
        assert codes == [200, 409], (trial, agree.content, cancel.content)
        move.refresh_from_db()
        if cancel.status_code == 200:  # an acknowledged cancellation stays
            winners.append("cancel")
            assert move.state == MoveRequest.State.CANCELLED
            assert move.cancel_reason == f"trial {trial}"
            assert agree.json()["current_state"] == "cancelled"
            assert _transitions(move, "agree_receiving") == 0
        else:
            winners.append("agree")
            assert move.state == MoveRequest.State.RECEIVING_AGREED
            assert cancel.json()["current_state"] == "receiving_agreed"
            assert _transitions(move, "cancel") == 0
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.TRANSITION, target_type=MoveRequest._meta.label,
            target_id=str(move.pk)).count() == 1
    assert len(winners) == 8


def test_parallel_patches_of_different_fields_both_stay(mob, api_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    url = f"/api/v1/mobility/vacancies/{vacancy.pk}/"
    first, second = api_client(mob.a_hop), api_client(mob.central)
    results = run_together([
        lambda: first.patch(url, {"title": "Renamed in one request"}, format="json"),
        lambda: second.patch(url, {"description": "Written in the other"}, format="json"),
    ])
    assert [r.status_code for r in results] == [200, 200], results
    vacancy.refresh_from_db()
    assert vacancy.title == "Renamed in one request"
    assert vacancy.description == "Written in the other"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED,
                                     target_type=Vacancy._meta.label,
                                     target_id=str(vacancy.pk)).count() == 2


def test_parallel_patches_with_the_same_if_match_give_one_412(mob, api_client):  # noqa: F811
    vacancy = open_vacancy(mob)
    url = f"/api/v1/mobility/vacancies/{vacancy.pk}/"
    first, second = api_client(mob.a_hop), api_client(mob.central)
    etag = first.get(url)["ETag"]
    results = run_together([
        lambda: first.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=etag),
        lambda: second.patch(url, {"description": "Second"}, format="json",
                             HTTP_IF_MATCH=etag),
    ])
    assert sorted(r.status_code for r in results) == [200, 412], results
    winner = next(r for r in results if r.status_code == 200)
    loser = next(r for r in results if r.status_code == 412)
    assert loser["ETag"] == winner["ETag"] == first.get(url)["ETag"]
    vacancy.refresh_from_db()
    assert (vacancy.title == "First") != (vacancy.description == "Second")
