"""Weekly digests: each person's held messages in one message, at most one a week, safe to
run twice at the same time (a production timer runs it weekly: docs/deployment.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cadre.core.actor import Actor
from cadre.notifications.kinds import kind_for
from cadre.notifications.models import Message
from cadre.notifications.services.sending import _store

#: The kind of the weekly digest message.
DIGEST_KIND = "weekly_digest"
#: A person gets at most one digest in this many days (counted in calendar days, so a
#: weekly timer that fires a few seconds earlier than last week still sends).
DIGEST_DAYS = 7

DigestStatus = Literal["sent", "would_send", "not_due", "busy"]

@dataclass(frozen=True)
class DigestOutcome:
    """What one run of :func:`send_weekly_digests` did for one recipient."""

    recipient_id: int
    to: str
    #: Held messages carried (or that would be, on a dry run, or that wait).
    count: int
    #: ``sent``; ``would_send`` (dry run); ``not_due`` (a digest went out less than
    #: ``DIGEST_DAYS`` days ago); ``busy`` (another run is sending this person's digest).
    status: DigestStatus
    digest_id: int | None = None
    #: The first day the next digest may go (for ``not_due``).
    due_on: dt.date | None = None


def digest_items(messages: list[Message]) -> str:
    """The digest's list: one bullet per held message, its subject and link if it has one."""
    lines = []
    for message in messages:
        link = (message.personalisation or {}).get("link")
        lines.append(f"* {message.subject}: {link}" if link else f"* {message.subject}")
    return "\n".join(lines)


def _due_on(last_sent: dt.datetime | None) -> dt.date | None:
    """The first day a new digest may go after the one sent at ``last_sent``."""
    if last_sent is None:
        return None
    return timezone.localdate(last_sent) + dt.timedelta(days=DIGEST_DAYS)


def send_weekly_digests(*, now: dt.datetime | None = None, actor: Actor | Any | None = None,
                        dry_run: bool = False) -> list[DigestOutcome]:
    """Send each person whose messages wait for the weekly digest one ``weekly_digest``.

    A person gets at most one digest in ``DIGEST_DAYS`` calendar days; messages held
    meanwhile wait for the next one. Each person's digest is written in its own
    transaction under a lock of their account row, taken with SKIP LOCKED: when two runs
    overlap, the second skips the people the first is busy with (``busy``), and a run
    that starts after the first committed finds the digest just sent (``not_due``), so
    nobody gets two. ``dry_run`` reports what would be sent and writes nothing.
    """
    now = now or timezone.now()
    actor = Actor.coerce(actor)
    waiting = (Message.objects.filter(status=Message.Status.HELD, digest__isnull=True,
                                      recipient__isnull=False, created_at__lte=now)
               .values_list("recipient_id", flat=True).distinct().order_by())
    outcomes = []
    for recipient_id in sorted(set(waiting)):
        outcome = _digest_for(recipient_id=recipient_id, now=now, actor=actor,
                              dry_run=dry_run)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


@transaction.atomic
def _digest_for(*, recipient_id: int, now: dt.datetime, actor: Actor,
                dry_run: bool) -> DigestOutcome | None:
    """One person's digest, under a lock of their account row (see above)."""
    user = (get_user_model().objects.select_for_update(skip_locked=True)
            .filter(pk=recipient_id).first())
    if user is None:
        if get_user_model().objects.filter(pk=recipient_id).exists():
            return DigestOutcome(recipient_id, "", 0, "busy")
        return None
    held = list(Message.objects.select_for_update()
                .filter(recipient_id=recipient_id, status=Message.Status.HELD,
                        digest__isnull=True, created_at__lte=now)
                .order_by("created_at", "id"))
    if not held:  # carried by a run that committed after this one listed the people
        return None
    to = held[-1].to or user.email
    last_sent = (Message.objects.filter(recipient_id=recipient_id, kind=DIGEST_KIND)
                 .order_by("-created_at").values_list("created_at", flat=True).first())
    due_on = _due_on(last_sent)
    if due_on is not None and timezone.localdate(now) < due_on:
        return DigestOutcome(recipient_id, to, len(held), "not_due", due_on=due_on)
    if dry_run:
        return DigestOutcome(recipient_id, to, len(held), "would_send")
    digest = _store(kind_for(DIGEST_KIND), to=to, recipient=user, actor=actor,
                    values={"count": str(len(held)), "items": digest_items(held)},
                    created_at=now, data={"carried": [m.pk for m in held]})
    Message.objects.filter(pk__in=[m.pk for m in held]).update(digest=digest)
    return DigestOutcome(recipient_id, to, len(held), "sent", digest_id=digest.pk)
