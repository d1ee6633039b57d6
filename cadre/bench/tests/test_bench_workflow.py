"""Deployment requests on the workflow kit: one transition service for page, API and
command line; 409 for a step another request made impossible; real races on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.bench import services
from cadre.bench.models import DeploymentRequest
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def bench(people, org_a, org_b, make_account):  # noqa: ANN001, ANN201
    services.add_window(actor=None, person=people.a_staff1, available_from=D(2027, 1, 1),
                        available_to=D(2027, 6, 30))
    return {"pm": make_account(Role.PROGRAMME_MANAGER),
            "hop": make_account(Role.HEAD_OF_PROFESSION, org_a), "org_b": org_b,
            "person": people.a_staff1}


def _request(bench: dict, start: dt.date, days: int = 5) -> DeploymentRequest:
    return services.request_deployment(
        actor=bench["pm"], specialist=bench["person"], organisation=bench["org_b"],
        programme=f"Programme {start}", starts_on=start, ends_on=start + dt.timedelta(days))


def _transitions(request: DeploymentRequest):  # noqa: ANN202
    return AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                     target_id=str(request.pk))


def test_a_lost_step_is_409_with_the_current_state_in_api_and_page(bench, api_client,
                                                                    web_client):
    req = _request(bench, D(2027, 2, 1))
    url = f"/api/v1/bench/deployments/{req.pk}/action/"
    cancelled = api_client(bench["pm"]).post(url, {"action": "cancel", "text": "Paused"},
                                             format="json")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    late = api_client(bench["hop"]).post(url, {"action": "accept"}, format="json")
    assert late.status_code == 409
    assert late.json()["current_state"] == "cancelled"
    page = web_client(bench["hop"]).post(f"/talent/bench/requests/{req.pk}/",
                                         {"action": "accept"})
    assert page.status_code == 409
    assert _transitions(req).count() == 1
    event = _transitions(req).get()
    assert {k: event.data[k] for k in ("from", "to", "reason")} == {
        "from": "requested", "to": "cancelled", "reason": "Paused"}


def test_authorisation_is_in_the_service_for_every_channel(bench, api_client, make_account,
                                                           org_b):
    req = _request(bench, D(2027, 2, 1))
    other_hop = make_account(Role.HEAD_OF_PROFESSION, org_b)  # sees it as the requester's HoP
    refused = api_client(other_hop).post(f"/api/v1/bench/deployments/{req.pk}/action/",
                                         {"action": "accept"}, format="json")
    assert refused.status_code == 403
    req.refresh_from_db()
    assert req.state == "requested" and not _transitions(req).exists()


def test_the_command_line_moves_requests_through_the_same_service(bench, capsys):
    req = _request(bench, D(2027, 2, 1))
    call_command("talent_bench", "accept", "--id", str(req.pk))
    call_command("talent_bench", "complete", "--id", str(req.pk), "--outcome", "Delivered")
    with pytest.raises(CommandError, match="no longer possible"):
        call_command("talent_bench", "cancel", "--id", str(req.pk), "--reason", "Too late")
    with pytest.raises(CommandError, match="No deployment request"):
        call_command("talent_bench", "accept", "--id", "999999")
    req.refresh_from_db()
    assert (req.state, req.outcome) == ("completed", "Delivered")
    events = list(_transitions(req).order_by("id"))
    assert [e.data["to"] for e in events] == ["accepted", "completed"]
    assert all(e.data["actor"].startswith("cli:") for e in events)


def test_bench_exports_are_audited_alike_from_page_and_command_line(bench, web_client,
                                                                    tmp_path):
    central = bench["pm"]
    assert web_client(central).get("/talent/bench/export/").status_code == 200
    assert web_client(central).get("/talent/bench/export/?what=nonsense").status_code == 400
    call_command("talent_bench", "export", "-o", str(tmp_path / "bench.csv"))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id")
    assert [e.data["what"] for e in events] == ["bench-windows", "bench-windows"]
    assert [e.data["channel"] for e in events] == ["web", "command line"]


def _race(bench: dict, api_client, trial: int, second: dict,  # noqa: ANN001
          by: str = "pm") -> tuple:
    """Accept (the HoP) and ``second`` (by the requester, or ``by``) at the same moment."""
    req = _request(bench, D(2027, 1, 1) + dt.timedelta(days=10 * trial))
    url = f"/api/v1/bench/deployments/{req.pk}/action/"
    hop, pm = api_client(bench["hop"]), api_client(bench[by])
    results = run_together([
        lambda c=hop, u=url: c.post(u, {"action": "accept"}, format="json"),
        lambda c=pm, u=url: c.post(u, second, format="json"),
    ])
    req.refresh_from_db()
    return req, results


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_accept_racing_cancel_never_loses_a_step(bench, api_client) -> None:  # noqa: ANN001
    """Cancel is allowed from requested and from accepted, so the outcome is one of the two
    orders: cancel first (accept gets 409) or accept then cancel (both 200). Either way the
    acknowledged cancellation holds and every applied step has one audit event."""
    for trial in range(6):
        req, results = _race(bench, api_client, trial, {"action": "cancel", "text": "Paused"})
        accepted, cancelled = (getattr(r, "status_code", r) for r in results)
        assert cancelled == 200, results
        assert req.state == "cancelled"
        steps = [(e.data["from"], e.data["to"]) for e in _transitions(req).order_by("id")]
        if accepted == 409:
            assert results[0].json()["current_state"] == "cancelled"
            assert steps == [("requested", "cancelled")]
        else:
            assert accepted == 200, results
            assert steps == [("requested", "accepted"), ("accepted", "cancelled")]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_accept_racing_decline_has_one_winner(bench, api_client) -> None:  # noqa: ANN001
    for trial in range(6):  # the same HoP decides twice at once
        req, results = _race(bench, api_client, trial, {"action": "decline", "text": "No"},
                             by="hop")
        codes = sorted(getattr(r, "status_code", r) for r in results)
        assert codes == [200, 409], results
        winner = next(r for r in results if r.status_code == 200)
        loser = next(r for r in results if r.status_code == 409)
        assert req.state == winner.json()["state"] == loser.json()["current_state"]
        events = _transitions(req)
        assert events.count() == 1, trial
        assert events.get().data["to"] == req.state
        if req.state == "accepted":  # free the dates for the next trial
            services.transition_request(actor=None, request_id=req.pk, action="cancel",
                                        text="Next trial")
