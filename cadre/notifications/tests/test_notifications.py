"""Messages through the local outbox and GOV.UK Notify's client against a local server
that checks Notify's documented API (ADR 30)."""

from __future__ import annotations

import json
import time
import uuid
from io import StringIO

import jwt
import pytest
import requests
from django.core.management import call_command

from cadre.audit.models import AuditEvent
from cadre.notifications.kinds import all_kinds
from cadre.notifications.models import Message, Preference
from cadre.notifications.services import send_message
from cadre.notifications.tests.fake_notify import FakeNotify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
TEMPLATE_ID = str(uuid.uuid4())
ROUND = {"manager_name": "Ada Manager", "person_name": "Bo Person",
         "role_level": "Data scientist (senior)", "link": "https://cadre.example/r/1/"}


def test_every_kind_is_consistent() -> None:
    assert {"password_link", "round_waiting", "vacancy_match"} <= set(all_kinds())
    assert all_kinds()["password_link"].mandatory


def test_a_message_goes_to_the_outbox(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="round_waiting", to="ada@dept.example",
                               personalisation=ROUND)
    message.refresh_from_db()
    assert message.status == Message.Status.STORED
    assert message.personalisation == ROUND
    assert message.subject == "Bo Person's self-assessment waits for your review"
    assert "https://cadre.example/r/1/" in message.body
    assert AuditEvent.objects.filter(summary="Message round_waiting queued for "
                                             "ada@dept.example").exists()


def test_a_missing_or_unknown_field_is_named() -> None:
    with pytest.raises(ValueError, match="missing link"):
        send_message(kind="round_waiting", to="a@b.example",
                     personalisation={**ROUND, "link": ""})
    with pytest.raises(ValueError, match="unknown colour"):
        send_message(kind="round_waiting", to="a@b.example",
                     personalisation={**ROUND, "colour": "red"})
    with pytest.raises(ValueError, match="No message kind"):
        send_message(kind="nonsense", to="a@b.example", personalisation={})
    assert not Message.objects.exists()


def test_never_is_respected_except_for_mandatory_messages() -> None:
    user = UserFactory(email="ada@dept.example")
    Preference.objects.create(user=user, kind="round_waiting", choice=Preference.Choice.NEVER)
    Preference.objects.create(user=user, kind="password_link", choice=Preference.Choice.NEVER)
    assert send_message(kind="round_waiting", to=user.email, recipient=user,
                        personalisation=ROUND) is None
    assert send_message(kind="password_link", to=user.email, recipient=user,
                        personalisation={"link": "https://x.example/p/", "hours": "72"})
    assert list(Message.objects.values_list("kind", flat=True)) == ["password_link"]


@pytest.fixture
def notify(settings):  # noqa: ANN001, ANN201
    with FakeNotify(SERVICE_ID, SECRET) as server:
        settings.CADRE_NOTIFICATIONS_BACKEND = "notify"
        settings.CADRE_NOTIFY_API_KEY = f"cadre_test-{SERVICE_ID}-{SECRET}"
        settings.CADRE_NOTIFY_BASE_URL = server.url
        settings.CADRE_NOTIFY_TEMPLATES = {"round_waiting": TEMPLATE_ID}
        yield server


def test_the_notify_backend_sends_what_notify_documents(notify, settings,  # noqa: ANN001
                                                        django_capture_on_commit_callbacks
                                                        ) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="round_waiting", to="ada@dept.example",
                               personalisation=ROUND)
    message.refresh_from_db()
    assert message.status == Message.Status.SENT, message.error
    assert message.notify_id
    assert notify.refused == []
    assert notify.accepted == [{"email_address": "ada@dept.example",
                                "template_id": TEMPLATE_ID, "personalisation": ROUND,
                                "reference": f"cadre-message-{message.pk}"}]


def test_a_refused_key_marks_the_message_failed(notify, settings,  # noqa: ANN001
                                                django_capture_on_commit_callbacks) -> None:
    settings.CADRE_NOTIFY_API_KEY = f"cadre_test-{SERVICE_ID}-{uuid.uuid4()}"
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="round_waiting", to="ada@dept.example",
                               personalisation=ROUND)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "refused" in message.error
    assert notify.refused and notify.refused[0][0] == 403


def test_a_kind_without_a_template_fails_clearly(notify,  # noqa: ANN001
                                                 django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(kind="password_link", to="ada@dept.example",
                               personalisation={"link": "https://x.example/", "hours": "72"})
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "CADRE_NOTIFY_TEMPLATE_PASSWORD_LINK" in message.error


def test_the_fake_server_refuses_what_notify_would(notify) -> None:  # noqa: ANN001
    """The checker is strict: an extra field, a bad template id, an old or wrongly signed
    token are each refused."""
    def post(body: dict, secret: str = SECRET, iat: float | None = None) -> int:
        token = jwt.encode({"iss": SERVICE_ID, "iat": int(iat or time.time())}, secret,
                           algorithm="HS256", headers={"typ": "JWT"})
        return requests.post(f"{notify.url}/v2/notifications/email", data=json.dumps(body),
                             headers={"Authorization": f"Bearer {token}",
                                      "Content-Type": "application/json"}, timeout=5
                             ).status_code

    good = {"email_address": "a@b.example", "template_id": TEMPLATE_ID}
    assert post(good) == 201
    assert post({**good, "colour": "red"}) == 400
    assert post({**good, "template_id": "not-a-uuid"}) == 400
    assert post({"template_id": TEMPLATE_ID}) == 400
    assert post(good, secret=str(uuid.uuid4())) == 403
    assert post(good, iat=time.time() - 120) == 403


def test_submitting_a_round_tells_the_manager(people, default_framework,  # noqa: ANN001
                                              django_capture_on_commit_callbacks) -> None:
    """The action itself (a submitted self-assessment) puts the message in the outbox."""
    from cadre.assessments import services
    from cadre.core.actor import Actor
    from cadre.framework.models import RoleLevel

    level = RoleLevel.objects.get(framework=default_framework, name="Developer")
    staff = people.a_staff1
    system = Actor.system()
    round_ = services.start_round(actor=system, person=staff, role_level=level)
    services.save_self_assessment(actor=system, round_=round_, evidence={},
                                  levels={i.pk: i.required_level_id for i in round_.items.all()})
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_round(actor=system, round_id=round_.pk, action="submit")
    message = Message.objects.get(kind="round_waiting")
    assert message.to == staff.line_manager.email
    assert message.personalisation["person_name"] == f"{staff.first_name} {staff.last_name}"
    assert message.personalisation["link"].endswith(f"/capability/rounds/{round_.pk}/")
    assert message.status == Message.Status.STORED


def test_the_outbox_command_lists_newest_first(django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    with django_capture_on_commit_callbacks(execute=True):
        send_message(kind="round_waiting", to="ada@dept.example", personalisation=ROUND)
        send_message(kind="password_link", to="bo@dept.example",
                     personalisation={"link": "https://x.example/", "hours": "72"})
    out = StringIO()
    call_command("notifications", "outbox", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["kind"] for r in rows] == ["password_link", "round_waiting"]
    assert rows[1]["personalisation"] == ROUND and rows[1]["status"] == "stored"
    out = StringIO()
    call_command("notifications", "outbox", "--to", "ada@dept.example", "--format", "json",
                 stdout=out)
    assert [r["to"] for r in json.loads(out.getvalue())] == ["ada@dept.example"]
