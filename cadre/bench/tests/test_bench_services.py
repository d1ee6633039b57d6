"""Specialist bench services: the rules, the refusals, nothing written on error, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.bench import services
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import Framework, Skill

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def skill(db):  # noqa: ANN001, ANN201
    framework = Framework.objects.create(name="Test", version="1")
    return Skill.objects.create(framework=framework, name="Data engineering")


@pytest.fixture
def window(people, skill):  # noqa: ANN001, ANN201
    return services.add_window(actor=None, person=people.a_staff1, available_from=D(2027, 1, 1),
                               available_to=D(2027, 3, 31), skills=[skill])


@pytest.fixture
def pm(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.PROGRAMME_MANAGER)


def test_a_specialist_records_their_own_window(people, make_account, skill):
    me = make_account(person=people.a_staff1)
    w = services.add_window(actor=me, person=people.a_staff1, available_from=D(2027, 5, 1),
                            available_to=D(2027, 6, 1), skills=[skill], note="Two days a week")
    assert list(w.skills.all()) == [skill]
    event = AuditEvent.objects.get(action=AuditEvent.Action.RECORD_CREATED,
                                   summary__startswith="Bench window")
    assert event.actor == me


@pytest.mark.parametrize("start, end, field", [
    (D(2027, 2, 1), D(2027, 1, 1), "available_to"),        # out of order
    (D(2027, 3, 31), D(2027, 4, 30), "available_from"),     # overlaps by a day
    (D(2026, 12, 1), D(2027, 5, 1), "available_from"),      # contains the window
    (None, D(2027, 5, 1), "available_from"),
])
def test_windows_must_be_in_order_and_not_overlap(people, window, start, end, field):
    with pytest.raises(ValidationError) as exc:
        services.add_window(actor=None, person=people.a_staff1, available_from=start,
                            available_to=end)
    assert field in exc.value.message_dict
    assert BenchAvailability.objects.count() == 1


def test_only_the_specialist_their_hop_or_central_add_windows(people, org_a, make_account):
    for outsider in (make_account(person=people.a_staff2),
                     make_account(Role.HEAD_OF_PROFESSION, people.b_head.organisation),
                     make_account(Role.PROGRAMME_MANAGER)):
        with pytest.raises(PermissionDenied):
            services.add_window(actor=outsider, person=people.a_staff1,
                                available_from=D(2027, 1, 1), available_to=D(2027, 1, 2))
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    services.add_window(actor=hop, person=people.a_staff1, available_from=D(2027, 1, 1),
                        available_to=D(2027, 1, 2))
    assert BenchAvailability.objects.count() == 1


def test_request_must_fit_a_window_and_not_clash(people, org_b, window, pm, skill):
    with pytest.raises(ValidationError) as exc:
        services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                    programme="Borders", starts_on=D(2027, 3, 1),
                                    ends_on=D(2027, 4, 15))
    assert "no availability window" in exc.value.message_dict["starts_on"][0]
    first = services.request_deployment(actor=pm, specialist=people.a_staff1,
                                        organisation=org_b, programme="Borders",
                                        starts_on=D(2027, 1, 10), ends_on=D(2027, 2, 10),
                                        skills=[skill])
    services.transition_request(actor=None, request_id=first.pk, action="accept")
    with pytest.raises(ValidationError) as exc:
        services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                    programme="Tax", starts_on=D(2027, 2, 1),
                                    ends_on=D(2027, 2, 20))
    assert "already deployed to Borders" in exc.value.message_dict["starts_on"][0]
    assert DeploymentRequest.objects.count() == 1


def test_two_requests_may_wait_but_only_one_is_accepted(people, org_b, window, pm):
    a = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                    programme="A", starts_on=D(2027, 1, 5),
                                    ends_on=D(2027, 1, 20))
    b = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                    programme="B", starts_on=D(2027, 1, 10),
                                    ends_on=D(2027, 1, 30))
    services.transition_request(actor=None, request_id=a.pk, action="accept")
    with pytest.raises(ValidationError):
        services.transition_request(actor=None, request_id=b.pk, action="accept")
    b.refresh_from_db()
    assert b.state == DeploymentRequest.State.REQUESTED


def test_lifecycle_with_permissions_and_audit(people, org_a, org_b, window, pm,
                                              make_account):
    req = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                      programme="Borders", starts_on=D(2027, 1, 10),
                                      ends_on=D(2027, 2, 10))
    # The requester and the other organisation's HoP cannot accept.
    for outsider in (pm, make_account(Role.HEAD_OF_PROFESSION, org_b)):
        with pytest.raises(PermissionDenied):
            services.transition_request(actor=outsider, request_id=req.pk, action="accept")
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    with pytest.raises(TransitionConflict):  # not accepted yet
        services.transition_request(actor=hop, request_id=req.pk, action="complete",
                                         text="Too early")
    services.transition_request(actor=hop, request_id=req.pk, action="accept")
    with pytest.raises(ValidationError):
        services.transition_request(actor=pm, request_id=req.pk, action="complete",
                                         text="  ")
    done = services.transition_request(actor=pm, request_id=req.pk, action="complete",
                                         text="Delivered the data platform")
    assert done.state == DeploymentRequest.State.COMPLETED
    with pytest.raises(TransitionConflict) as conflict:
        services.transition_request(actor=pm, request_id=req.pk, action="cancel",
                                    text="Late change")
    assert conflict.value.current_state == "completed"
    moves = AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                      target_id=str(req.pk)).order_by("id")
    assert [(e.data["from"], e.data["to"]) for e in moves] == [
        ("requested", "accepted"), ("accepted", "completed")]
    assert moves.last().data["reason"] == "Delivered the data platform"
    assert moves.last().actor == pm


def test_decline_and_cancel_need_reasons(people, org_b, window, pm):
    req = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                      programme="Borders", starts_on=D(2027, 1, 10),
                                      ends_on=D(2027, 2, 10))
    with pytest.raises(ValidationError):
        services.transition_request(actor=None, request_id=req.pk, action="decline", text="")
    with pytest.raises(ValidationError):
        services.transition_request(actor=pm, request_id=req.pk, action="cancel", text="")
    services.transition_request(actor=pm, request_id=req.pk, action="cancel",
                                text="Programme paused")
    req.refresh_from_db()
    assert (req.state, req.outcome) == ("cancelled", "Programme paused")


def test_who_may_raise_requests(people, org_a, org_b, window, make_account):
    for outsider in (make_account(person=people.a_manager), make_account(Role.ANALYST),
                     make_account(Role.HEAD_OF_PROFESSION, org_b)):
        with pytest.raises(PermissionDenied):
            services.request_deployment(actor=outsider, specialist=people.a_staff1,
                                        organisation=org_a, programme="X",
                                        starts_on=D(2027, 1, 10), ends_on=D(2027, 1, 11))
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    with pytest.raises(ValidationError) as exc:  # not the HoP's organisation
        services.request_deployment(actor=hop, specialist=people.a_staff1, organisation=org_b,
                                    programme="X", starts_on=D(2027, 1, 10),
                                    ends_on=D(2027, 1, 11))
    assert "organisation" in exc.value.message_dict
    assert not DeploymentRequest.objects.exists()


def test_a_window_with_a_live_request_cannot_be_removed(people, org_b, window, pm):
    req = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                      programme="B", starts_on=D(2027, 1, 10),
                                      ends_on=D(2027, 1, 20))
    with pytest.raises(ValidationError):
        services.remove_window(actor=None, window=window)
    services.transition_request(actor=None, request_id=req.pk, action="cancel",
                                text="No longer needed")
    services.remove_window(actor=None, window=window)
    assert not BenchAvailability.objects.exists()


def test_export_is_audited(people, window):
    export = services.export_bench(actor=None, what="windows", channel="test")
    content = export.content.decode("utf-8-sig")
    assert content.splitlines()[0].startswith("staff_number,name,organisation")
    assert "Data engineering" in content
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.data["rows"] == 1 and event.data["what"] == "bench-windows"


def test_unknown_steps_are_refused_by_field(people, org_b, window, pm):
    req = services.request_deployment(actor=pm, specialist=people.a_staff1, organisation=org_b,
                                      programme="B", starts_on=D(2027, 1, 10),
                                      ends_on=D(2027, 1, 20))
    with pytest.raises(ValidationError) as exc:
        services.transition_request(actor=pm, request_id=req.pk, action="approve")
    assert "action" in exc.value.message_dict
