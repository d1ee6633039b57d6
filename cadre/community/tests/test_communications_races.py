# ruff: noqa: F811 - pytest fixtures imported from communications_fixtures are arguments
"""Races on PostgreSQL: the message row is locked by every step, so an edit after
assurance racing a send either lands first (the send is then refused: nothing unassured
goes) or loses (the message is sent, and the edit is refused); two sends at once send
once; assuring and returning at once, one wins."""

from __future__ import annotations

import pytest

from cadre.community.models import CommunityMessage, Delivery, MessageState
from cadre.community.services import communications as services
from cadre.community.tests.communications_fixtures import assured, comms  # noqa: F401
from cadre.core.workflow import TransitionConflict
from cadre.notifications.models import Message
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(2))
def test_an_edit_racing_a_send_never_sends_unassured_words(comms, attempt) -> None:  # noqa: ANN001
    message = assured(comms)
    results = run_together([
        lambda: services.revise_message(actor=comms.author_actor, message_id=message.pk,
                                        body="Changed after assurance."),
        lambda: services.transition_message(actor=comms.author_actor,
                                            message_id=message.pk, action="send"),
    ])
    edit, send = results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    message.refresh_from_db()
    bodies = set(Message.objects.filter(kind="community_message").values_list("body",
                                                                            flat=True))
    if isinstance(send, TransitionConflict):
        # the edit landed first: back to draft, nothing sent
        assert isinstance(edit, CommunityMessage)
        assert message.state == MessageState.DRAFT and message.assured_version is None
        assert not bodies and not Delivery.objects.exists()
    else:
        # the send landed first: the assured version went, the edit was refused
        assert message.state == MessageState.SENT and message.version_number == 1
        assert bodies and all("Changed after assurance." not in b for b in bodies)
        assert Delivery.objects.filter(message=message).count() == 6


def test_two_sends_at_once_send_once(comms) -> None:  # noqa: ANN001
    message = assured(comms)
    results = run_together([
        lambda: services.transition_message(actor=comms.author_actor,
                                            message_id=message.pk, action="send"),
        lambda: services.transition_message(actor=comms.assurer_actor,
                                            message_id=message.pk, action="send"),
    ])
    assert sum(isinstance(r, CommunityMessage) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    # five people and the union, each once
    assert Message.objects.filter(kind="community_message").count() == 6
    assert Delivery.objects.filter(message=message).count() == 6


def test_assure_and_return_at_once_one_wins(comms) -> None:  # noqa: ANN001
    message = services.create_message(
        actor=comms.author_actor, title="T", channel=comms.email.pk,
        audience=comms.audience.pk, subject="S", body="B")
    services.transition_message(actor=comms.author_actor, message_id=message.pk,
                                action="submit")
    results = run_together([
        lambda: services.transition_message(actor=comms.assurer_actor,
                                            message_id=message.pk, action="assure",
                                            version=1),
        lambda: services.transition_message(actor=comms.assurer_actor,
                                            message_id=message.pk,
                                            action="return_for_changes", comment="No."),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert message.comments.count() == 1
