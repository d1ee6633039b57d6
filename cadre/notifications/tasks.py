"""The background task that delivers a queued message."""

from __future__ import annotations

from django_tasks import task

from cadre.notifications.services import deliver_queued


@task()
def deliver_message(message_id: int) -> str:
    message = deliver_queued(message_id=message_id)
    return message.status if message is not None else "missing"
