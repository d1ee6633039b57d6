"""The typed actor and how the audit trail names it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from cadre.audit.services import record_event
from cadre.core.actor import Actor, command_line_actor
from tests.factories import UserFactory


def test_kinds_and_labels(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    assert command_line_actor() == Actor.command_line() == Actor(kind="command_line",
                                                                   os_user="root")
    assert Actor.command_line().label == "cli:root"
    assert Actor.system().label == "system" and Actor.coerce(None).is_system
    anonymous = Actor.coerce(AnonymousUser())
    assert not anonymous.trusted and anonymous.user is None
    with pytest.raises(ValueError):
        Actor.for_user(AnonymousUser())


@pytest.mark.django_db
def test_record_event_accepts_an_actor_or_a_user(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    user = UserFactory()
    account = Actor.for_user(user)
    assert Actor.coerce(user) == account and account.user == user and not account.trusted
    by_user = record_event(actor=user, action="export", summary="x")
    by_actor = record_event(actor=account, action="export", summary="x")
    by_cli = record_event(actor=command_line_actor(), action="export", summary="x")
    assert (by_user.actor, by_user.actor_email) == (user, user.email)
    assert (by_actor.actor, by_actor.actor_email) == (user, user.email)
    assert (by_cli.actor, by_cli.actor_email) == (None, "cli:root")
    assert record_event(actor=None, action="export", summary="x").actor_email == "system"
