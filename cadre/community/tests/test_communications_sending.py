# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""Sending through the local GOV.UK Notify stand-in (the notifications tests' server that
checks Notify's documented API), delivery read back into the message's figures, and the
unsubscribe link in a sent message working end to end."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.community.tests.communications_fixtures import assured, comms  # noqa: F401
from cadre.notifications.models import Message
from cadre.notifications.services import check_delivery
from cadre.notifications.tests.fake_notify import FakeNotify

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
TEMPLATE_ID = str(uuid.uuid4())


@pytest.fixture
def notify(settings):  # noqa: ANN001, ANN201
    with FakeNotify(SERVICE_ID, SECRET) as server:
        settings.CADRE_NOTIFICATIONS_BACKEND = "notify"
        settings.CADRE_NOTIFY_API_KEY = f"cadre_test-{SERVICE_ID}-{SECRET}"
        settings.CADRE_NOTIFY_BASE_URL = server.url
        settings.CADRE_NOTIFY_TEMPLATES = {"community_message": TEMPLATE_ID}
        yield server


def test_sent_through_notify_with_figures_read_back(
        comms, notify, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    message = assured(comms)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                    action="send")
    assert notify.refused == []
    assert len(notify.accepted) == 6
    first = notify.accepted[0]
    assert first["template_id"] == TEMPLATE_ID
    assert set(first["personalisation"]) == {"subject", "body", "footer"}
    assert first["personalisation"]["subject"] == "Data week is coming"
    sent = Message.objects.filter(kind="community_message")
    assert all(m.status == Message.Status.SENT for m in sent)
    good = sent.get(to=comms.in_data_la[0].email)
    bad = sent.get(to=comms.in_data_la[1].email)
    notify.set_status(good.notify_id, "delivered")
    notify.set_status(bad.notify_id, "permanent-failure")
    check_delivery()
    figures = sel.figures(message)
    assert figures.as_dict() == {"recipients": 6, "queued": 6, "sent": 6, "delivered": 1,
                                 "failed": 1, "skipped_unsubscribed": 0}


def test_the_link_in_a_message_unsubscribes_and_the_next_one_skips(
        comms, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    first = assured(comms, title="First")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_message(actor=comms.author_actor, message_id=first.pk,
                                    action="send")
    who = comms.in_data_la[2].email
    body = Message.objects.get(kind="community_message", to=who).body
    link = re.search(r"https?://\S+/community/communications/unsubscribe/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert Client().post("/" + path).status_code == 200
    second = assured(comms, title="Second")
    essential = assured(comms, title="Essential", essential=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_message(actor=comms.author_actor, message_id=second.pk,
                                    action="send")
        services.transition_message(actor=comms.author_actor, message_id=essential.pk,
                                    action="send")
    assert sel.figures(second).skipped_unsubscribed == 1
    assert sel.figures(second).queued == 5
    assert sel.figures(essential).queued == 6
    assert Message.objects.filter(kind="community_message", to=who).count() == 2
