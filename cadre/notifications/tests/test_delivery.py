"""Delivery read back from GOV.UK Notify (against the local server that checks Notify's
documented API), bounces flagged on the person's record for their head of profession, and
cleared there (ADR 30)."""

from __future__ import annotations

import time
import uuid
from io import StringIO

import jwt
import pytest
import requests
from django.core.management import call_command

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.notifications.models import AddressProblem, Message
from cadre.notifications.services import check_delivery, send_message
from cadre.notifications.tests.fake_notify import FakeNotify

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
TEMPLATE_ID = str(uuid.uuid4())
ROUND = {"manager_name": "Ada Manager", "person_name": "Bo Person",
         "role_level": "Data scientist (senior)", "link": "https://cadre.example/r/1/"}


@pytest.fixture
def notify(settings):  # noqa: ANN001, ANN201
    with FakeNotify(SERVICE_ID, SECRET) as server:
        settings.CADRE_NOTIFICATIONS_BACKEND = "notify"
        settings.CADRE_NOTIFY_API_KEY = f"cadre_test-{SERVICE_ID}-{SECRET}"
        settings.CADRE_NOTIFY_BASE_URL = server.url
        settings.CADRE_NOTIFY_TEMPLATES = {"round_waiting": TEMPLATE_ID}
        yield server


def _sent(to: str, capture) -> Message:  # noqa: ANN001
    with capture(execute=True):
        message = send_message(kind="round_waiting", to=to, personalisation=ROUND)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.notify_id, message.error
    return message


def test_delivered_and_bounced_are_read_back(notify, django_capture_on_commit_callbacks  # noqa: ANN001
                                             ) -> None:
    good = _sent("ada@dept.example", django_capture_on_commit_callbacks)
    bad = _sent("Gone@Dept.example", django_capture_on_commit_callbacks)
    waiting = _sent("slow@dept.example", django_capture_on_commit_callbacks)
    notify.set_status(good.notify_id, "delivered")
    notify.set_status(bad.notify_id, "permanent-failure")
    report = check_delivery()
    assert (report.checked, report.delivered, report.bounced, report.pending) == (3, 1, 1, 1)
    assert report.errors == [] and notify.refused == []
    for message in (good, bad, waiting):
        message.refresh_from_db()
    assert good.delivery_status == "delivered" and good.delivery_checked_at
    assert bad.delivery_status == "permanent-failure"
    assert waiting.delivery_status == "sending"
    problem = AddressProblem.objects.get()
    assert problem.email == "gone@dept.example" and problem.message == bad
    assert problem.cleared_at is None and "permanent failure" in problem.reason
    assert AuditEvent.objects.filter(summary__startswith="Messages to gone@dept.example "
                                                         "cannot be delivered").exists()
    # A final status is not asked for again; the one still sending is.
    notify.looked_up.clear()
    notify.set_status(waiting.notify_id, "temporary-failure")
    report = check_delivery()
    assert notify.looked_up == [waiting.notify_id]
    assert (report.checked, report.undelivered, report.bounced) == (1, 1, 0)
    assert AddressProblem.objects.count() == 1


def test_an_unreachable_notify_leaves_messages_unchecked(notify, settings,  # noqa: ANN001
                                                         django_capture_on_commit_callbacks
                                                         ) -> None:
    message = _sent("ada@dept.example", django_capture_on_commit_callbacks)
    settings.CADRE_NOTIFY_API_KEY = f"cadre_test-{SERVICE_ID}-{uuid.uuid4()}"
    report = check_delivery()
    assert report.checked == 0 and len(report.errors) == 1
    assert "refused" in report.errors[0] and notify.refused[-1][0] == 403
    message.refresh_from_db()
    assert message.delivery_status == "" and message.delivery_checked_at is None


def test_the_fake_server_answers_status_requests_as_notify_does(notify) -> None:  # noqa: ANN001
    def get(path: str, secret: str = SECRET) -> requests.Response:
        token = jwt.encode({"iss": SERVICE_ID, "iat": int(time.time())}, secret,
                           algorithm="HS256", headers={"typ": "JWT"})
        return requests.get(f"{notify.url}{path}", timeout=5,
                            headers={"Authorization": f"Bearer {token}"})

    assert get(f"/v2/notifications/{uuid.uuid4()}").status_code == 404
    assert get("/v2/notifications/not-a-uuid").status_code == 400
    assert get(f"/v2/notifications/{uuid.uuid4()}", secret=str(uuid.uuid4())).status_code == 403
    assert requests.get(f"{notify.url}/v2/notifications/{uuid.uuid4()}",
                        timeout=5).status_code == 401
    with pytest.raises(ValueError, match="no email status"):
        notify.set_status("x", "lost")


def test_the_check_delivery_command_and_task(notify, settings,  # noqa: ANN001
                                            django_capture_on_commit_callbacks) -> None:
    message = _sent("ada@dept.example", django_capture_on_commit_callbacks)
    notify.set_status(message.notify_id, "delivered")
    out = StringIO()
    call_command("notifications", "check-delivery", stdout=out)
    assert "1 checked: 1 delivered" in out.getvalue()
    message.refresh_from_db()
    assert message.delivery_status == "delivered"

    from cadre.notifications.tasks import check_delivery_task

    other = _sent("bo@dept.example", django_capture_on_commit_callbacks)
    notify.set_status(other.notify_id, "technical-failure")
    result = check_delivery_task.enqueue([other.pk])
    assert result.return_value["undelivered"] == 1
    other.refresh_from_db()
    assert other.delivery_status == "technical-failure"
    assert not AddressProblem.objects.exists()  # not the address's fault


def test_a_sent_message_schedules_its_own_check(notify, settings,  # noqa: ANN001
                                               django_capture_on_commit_callbacks) -> None:
    """With a queue that can run tasks later, sending asks for a delivery check later."""
    from django_tasks import default_task_backend

    from cadre.notifications import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="round_waiting", to="ada@dept.example",
                               personalisation=ROUND)
    tasks.deliver_message.call(message.pk)
    queued = [r for r in default_task_backend.results
              if r.task.func is tasks.check_delivery_task.func]
    assert len(queued) == 1 and queued[0].args == [[message.pk]]
    assert queued[0].task.run_after is not None


def test_outbox_page_shows_failed_deliveries(notify, make_account, web_client,  # noqa: ANN001
                                             django_capture_on_commit_callbacks) -> None:
    bad = _sent("gone@dept.example", django_capture_on_commit_callbacks)
    notify.set_status(bad.notify_id, "permanent-failure")
    check_delivery()
    web = web_client(make_account(Role.ADMINISTRATOR))
    body = web.get("/notifications/outbox/").content.decode()
    assert "1 message GOV.UK Notify could not deliver" in body and "1 of them bounced" in body
    assert "the address does not exist or refused it (bounced)" in body
    body = web.get("/notifications/outbox/?status=bounced").content.decode()
    assert "1 message, newest first" in body
    detail = web.get(f"/notifications/outbox/{bad.pk}/").content.decode()
    assert "Messages to gone@dept.example cannot be delivered" in detail


def test_a_bounce_shows_on_the_person_page_to_their_head_of_profession(
        notify, people, org_a, org_b, make_account, web_client,  # noqa: ANN001
        django_capture_on_commit_callbacks) -> None:
    person = people.a_staff1
    person.email = "astaff1@dept-a.example"
    person.save(update_fields=["email"])
    bad = _sent("AStaff1@dept-a.example", django_capture_on_commit_callbacks)
    notify.set_status(bad.notify_id, "permanent-failure")
    check_delivery()
    url = f"/people/{person.pk}/"
    warning = "Messages to this address cannot be delivered"
    hop = web_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    body = hop.get(url).content.decode()
    assert warning in body and "permanent failure" in body
    assert f"/people/{person.pk}/address-problem/clear/" in body
    # Not to the person themselves, their line manager, or anyone outside.
    others = [make_account(person=person), make_account(person=people.a_manager),
              make_account(Role.HEAD_OF_PROFESSION, org_b)]
    for account in others:
        response = web_client(account).get(url)
        assert warning not in response.content.decode()
        cleared = web_client(account).post(f"/people/{person.pk}/address-problem/clear/")
        assert cleared.status_code in (403, 404)
    assert AddressProblem.objects.get().cleared_at is None
    response = hop.post(f"/people/{person.pk}/address-problem/clear/")
    assert response.status_code == 302 and response["Location"] == url
    assert AddressProblem.objects.get().cleared_at is not None
    assert AuditEvent.objects.filter(
        summary="Delivery problem of astaff1@dept-a.example marked cleared").exists()
    assert warning not in hop.get(url).content.decode()
    # A new bounce flags it again.
    again = _sent("astaff1@dept-a.example", django_capture_on_commit_callbacks)
    notify.set_status(again.notify_id, "permanent-failure")
    check_delivery()
    assert warning in hop.get(url).content.decode()
