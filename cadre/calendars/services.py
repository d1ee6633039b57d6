"""Writes: creating, replacing and revoking an account's calendar feed (audited), and noting
its use at most once an hour."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.calendars.models import CalendarFeed, hash_feed_token
from cadre.core.actor import Actor
from cadre.notifications.services import absolute_link

#: ``last_used_at`` is written at most this often per feed, not on every fetch.
USE_NOTED_EVERY = dt.timedelta(hours=1)


def feed_url(raw: str) -> str:
    """The feed's secret address (absolute, from ``CADRE_SITE_URL``)."""
    return absolute_link(reverse("calendars:ics", args=[raw]))


def _check(actor: Actor | Any, user: Any) -> Actor:
    who = Actor.coerce(actor)
    if who.trusted or (who.is_user and who.user.pk == user.pk):
        return who
    raise PermissionDenied("Only the account's owner can change its calendar feed.")


def _lock_active(user: Any) -> CalendarFeed | None:
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    return CalendarFeed.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True).first()


@transaction.atomic
def create_feed(*, actor: Actor | Any, user: Any) -> tuple[CalendarFeed, str]:
    """A new feed for ``user``, replacing (revoking) the one that worked until now.

    Returns the feed and its raw token, which is not stored: show it once."""
    who = _check(actor, user)
    now = timezone.now()
    old = _lock_active(user)
    if old is not None:
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=user, token_hash=hash_feed_token(raw),
                                       created_at=now)
    record_event(actor=who, action=AuditEvent.Action.TOKEN_CREATED, target=feed,
                 summary=(f"Calendar feed {'replaced' if old else 'created'} for "
                          f"{user.email}"),
                 data={"kind": "calendar_feed", "replaced": old.pk if old else None})
    return feed, raw


@transaction.atomic
def revoke_feed(*, actor: Actor | Any, user: Any) -> CalendarFeed | None:
    """Stop the account's feed working (its address answers 404); None if none was active."""
    who = _check(actor, user)
    feed = _lock_active(user)
    if feed is None:
        return None
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    record_event(actor=who, action=AuditEvent.Action.TOKEN_REVOKED, target=feed,
                 summary=f"Calendar feed revoked for {user.email}",
                 data={"kind": "calendar_feed"})
    return feed


@transaction.atomic
def note_feed_used(*, feed: CalendarFeed, now: dt.datetime | None = None) -> bool:
    """Record that a calendar fetched the feed, unless that was noted within the last hour.

    Calendars poll often; one conditional UPDATE (no lock, no audit event) keeps a fetch
    from writing more than once an hour. Returns whether it wrote."""
    now = now or timezone.now()
    if feed.last_used_at is not None and now - feed.last_used_at < USE_NOTED_EVERY:
        return False
    written = CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_NOTED_EVERY),
    ).update(last_used_at=now)
    if written:
        feed.last_used_at = now
    return bool(written)
