"""A message whose filled-in subject is longer than the outbox keeps is refused, not cut;
the action that caused it still stands (``triggers.notify`` logs and skips it)."""

from __future__ import annotations

import logging

import pytest

from cadre.audit.models import AuditEvent
from cadre.notifications.models import Message
from cadre.notifications.services import send_message
from cadre.notifications.services.sending import SUBJECT_LIMIT, SubjectTooLong
from cadre.notifications.triggers import notify
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PREFIX = "Finished: "  # the job_finished subject before its title


def _values(title: str) -> dict[str, str]:
    return {"name": "Ada", "job_title": title, "summary": "Done.",
            "link": "https://cadre.example/jobs/1/"}


def test_a_subject_over_the_limit_is_refused_naming_the_kind_and_limit() -> None:
    assert SUBJECT_LIMIT == Message._meta.get_field("subject").max_length == 300
    title = "x" * (SUBJECT_LIMIT - len(PREFIX) + 1)
    with pytest.raises(SubjectTooLong) as caught:
        send_message(kind="job_finished", to="ada@dept.example", personalisation=_values(title))
    assert str(caught.value) == ("Message job_finished: the subject is 301 characters; "
                                 "the limit is 300.")
    assert isinstance(caught.value, ValueError)
    assert not Message.objects.exists()
    assert not AuditEvent.objects.filter(summary__startswith="Message job_finished").exists()


def test_a_subject_at_the_limit_is_kept_whole() -> None:
    title = "x" * (SUBJECT_LIMIT - len(PREFIX))
    message = send_message(kind="job_finished", to="ada@dept.example",
                           personalisation=_values(title))
    message.refresh_from_db()
    assert message.subject == PREFIX + title and len(message.subject) == SUBJECT_LIMIT


def test_the_action_stands_when_its_message_is_too_long(caplog) -> None:  # noqa: ANN001
    """As for every message that cannot be built: logged, skipped, the action kept."""
    from django.db import transaction

    with transaction.atomic():
        organisation = OrganisationFactory(name="Kept", abbreviation="KEPT")
        with caplog.at_level(logging.ERROR, logger="cadre.notifications.triggers"):
            sent = notify(kind="job_finished", to="ada@dept.example",
                          personalisation=_values("y" * 400))
    assert sent is None
    assert "job_finished" in caplog.text and "could not be built" in caplog.text
    assert "the limit is 300" in caplog.text
    assert type(organisation).objects.filter(pk=organisation.pk).exists()
    assert not Message.objects.exists()
