"""Background tasks of the community app (django-tasks, ADR 30): sending an assured
message to its audience. The send service queues this task when its transaction commits,
so a page never waits for the recipients to be queued."""

from __future__ import annotations

from django_tasks import task


@task()
def send_community_message(message_id: int) -> dict[str, int]:
    """Queue every recipient of the message, in batches, through the notifications
    service (one notification each), then mark the message sent; its figures."""
    from cadre.community.services.communications import queue_recipients
    from cadre.core.actor import Actor

    return queue_recipients(message_id=message_id, actor=Actor.system()).as_dict()
