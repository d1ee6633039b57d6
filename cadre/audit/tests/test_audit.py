"""The audit trail is append-only, and every change leaves a record."""

from __future__ import annotations

import pytest

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent, AuditEventImmutable
from cadre.audit.services import record_event
from cadre.people.services import update_person

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted() -> None:
    event = record_event(actor=None, action=AuditEvent.Action.IMPORT, summary="x")
    event.summary = "changed"
    with pytest.raises(AuditEventImmutable):
        event.save()
    with pytest.raises(AuditEventImmutable):
        event.delete()
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(summary="changed")
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"


def test_person_change_keeps_who_when_before_and_after(people, make_account) -> None:  # noqa: ANN001
    actor = make_account(Role.CENTRAL_TEAM)
    update_person(actor=actor, person=people.a_staff1, job_title="Lead developer")
    latest, previous = people.a_staff1.history.all()[:2]
    assert latest.history_user == actor
    assert latest.job_title == "Lead developer" and previous.job_title != "Lead developer"
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_UPDATED).latest("id")
    assert event.actor == actor
    assert event.data["changes"]["job_title"]["after"] == "Lead developer"


def test_role_grant_and_sign_in_are_recorded(client, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.ANALYST)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).exists()
    response = client.post("/sign-in/", {"username": user.email,
                                         "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=user).exists()
    assert AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN).ip_address == "127.0.0.1"
    client.post("/sign-out/")
    client.post("/sign-in/", {"username": user.email, "password": "wrong"})
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED).exists()


def test_administrator_browses_and_exports_others_cannot(make_account, web_client) -> None:  # noqa: ANN001
    admin = web_client(make_account(Role.ADMINISTRATOR))
    record_event(actor=None, action=AuditEvent.Action.IMPORT, summary="=cmd|' /C calc'!A0")
    assert admin.get("/audit/").status_code == 200
    export = admin.get("/audit/export/")
    assert export.status_code == 200
    assert b"'=cmd" in export.content  # formula neutralised
    other = web_client(make_account(Role.CENTRAL_TEAM))
    assert other.get("/audit/").status_code == 403
    assert other.get("/audit/export/").status_code == 403


def test_api_has_no_way_to_change_events(make_account, api_client) -> None:  # noqa: ANN001
    event = record_event(actor=None, action=AuditEvent.Action.IMPORT, summary="x")
    client = api_client(make_account(Role.ADMINISTRATOR))
    assert client.get(f"/api/v1/audit-events/{event.pk}/").status_code == 200
    assert client.delete(f"/api/v1/audit-events/{event.pk}/").status_code in (403, 405)
    assert client.patch(f"/api/v1/audit-events/{event.pk}/", {"summary": "y"},
                        format="json").status_code in (403, 405)
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"
