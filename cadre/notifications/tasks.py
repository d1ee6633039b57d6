"""The background task that delivers a queued message."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from cadre.notifications.services import deliver_queued

logger = logging.getLogger(__name__)


@task()
def deliver_message(message_id: int) -> str:
    message = deliver_queued(message_id=message_id)
    if message is not None and message.status == message.Status.SENT:
        schedule_delivery_check([message.pk])
    return message.status if message is not None else "missing"


#: How long after sending GOV.UK Notify is first asked whether a message arrived, and
#: how long it keeps being asked while the status is not final (Notify itself gives up
#: on an email after 72 hours).
FIRST_CHECK_AFTER = dt.timedelta(minutes=15)
CHECK_AGAIN_AFTER = dt.timedelta(hours=1)
STOP_CHECKING_AFTER = dt.timedelta(hours=73)


def schedule_delivery_check(message_ids: list[int], *,
                            after: dt.timedelta = FIRST_CHECK_AFTER) -> bool:
    """Ask the queue to check these messages' delivery later; False when the queue cannot
    run a task later (the immediate backend of the tests) or is down: the timer's
    ``cadre notifications check-delivery`` then finds them."""
    from django_tasks import default_task_backend

    if not message_ids or not default_task_backend.supports_defer:
        return False
    try:
        check_delivery_task.using(run_after=timezone.now() + after).enqueue(message_ids)
    except Exception:  # noqa: BLE001 - a queue that is down only delays the check
        logger.exception("Could not schedule a delivery check of %s", message_ids)
        return False
    return True


@task()
def check_delivery_task(message_ids: list[int] | None = None) -> dict[str, int]:
    """Read GOV.UK Notify's delivery status of these messages (all that wait for one when
    None), and check again later those still sending, for up to three days."""
    from cadre.core.actor import Actor
    from cadre.notifications.models import Message
    from cadre.notifications.services import check_delivery

    report = check_delivery(message_ids=message_ids, actor=Actor.system())
    if message_ids is not None and report.pending_ids:
        recent = list(Message.objects.filter(
            pk__in=report.pending_ids,
            sent_at__gte=timezone.now() - STOP_CHECKING_AFTER).values_list("pk", flat=True))
        schedule_delivery_check(recent, after=CHECK_AGAIN_AFTER)
    return {"checked": report.checked, "delivered": report.delivered,
            "undelivered": report.undelivered, "bounced": report.bounced,
            "pending": report.pending, "errors": len(report.errors)}


@task()
def send_digests() -> dict[str, int]:
    """Send the weekly digests that are due (the production timer runs the command, which
    may hand the work to this task with ``--enqueue``); counts per outcome."""
    from cadre.core.actor import Actor
    from cadre.notifications.services import send_weekly_digests

    counts: dict[str, int] = {}
    for outcome in send_weekly_digests(actor=Actor.system()):
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
