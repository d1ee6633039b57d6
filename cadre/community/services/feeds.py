"""Writes for the community calendar feeds (audited): a person's feed (create, replace,
revoke; its token is shown once and stored only as a SHA-256 digest), a community's feed
key (made when first needed; organisers and the community's leads can replace it, which
stops the old address working), and noting a personal feed's use at most once an hour."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community.models import Community, PersonalFeed, hash_feed_token
from cadre.community.selectors import feeds as sel
from cadre.core.actor import Actor
from cadre.notifications.services import absolute_link
from cadre.people.models import Person

#: ``last_used_at`` is written at most this often per feed.
USE_NOTED_EVERY = dt.timedelta(hours=1)


def personal_feed_url(raw: str) -> str:
    """A personal feed's secret address (absolute)."""
    return absolute_link(reverse("community:feed-personal-ics", args=[raw]))


def community_feed_url(key: str) -> str:
    """A community feed's address (absolute)."""
    return absolute_link(reverse("community:feed-community-ics", args=[key]))


def _check_own(actor: Actor | Any, person: Person) -> Actor:
    who = Actor.coerce(actor)
    if who.trusted or (who.is_user and person.account_id == who.user.pk):
        return who
    raise PermissionDenied("Only the person themselves can change their calendar feed.")


def _lock_active(person: Person) -> PersonalFeed | None:
    Person.objects.select_for_update().filter(pk=person.pk).first()
    return PersonalFeed.objects.select_for_update().filter(
        person=person, revoked_at__isnull=True).first()


@transaction.atomic
def create_personal_feed(*, actor: Actor | Any, person: Person) -> tuple[PersonalFeed, str]:
    """A new feed for ``person``, replacing (revoking) the one that worked until now.

    Returns the feed and its raw token, which is not stored: show it once."""
    who = _check_own(actor, person)
    now = timezone.now()
    old = _lock_active(person)
    if old is not None:
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
    raw = secrets.token_urlsafe(32)
    feed = PersonalFeed.objects.create(person=person, token_hash=hash_feed_token(raw),
                                       created_at=now)
    record_event(actor=who, action=AuditEvent.Action.TOKEN_CREATED, target=feed,
                 summary=(f"Community calendar feed {'replaced' if old else 'created'} "
                          f"for {person.full_name}"),
                 data={"kind": "community_personal_feed",
                       "replaced": old.pk if old else None})
    return feed, raw


@transaction.atomic
def revoke_personal_feed(*, actor: Actor | Any, person: Person) -> PersonalFeed | None:
    """Stop the person's feed working (its address answers 404); None if none was active."""
    who = _check_own(actor, person)
    feed = _lock_active(person)
    if feed is None:
        return None
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    record_event(actor=who, action=AuditEvent.Action.TOKEN_REVOKED, target=feed,
                 summary=f"Community calendar feed revoked for {person.full_name}",
                 data={"kind": "community_personal_feed"})
    return feed


def note_feed_used(*, feed: PersonalFeed, now: dt.datetime | None = None) -> bool:
    """Record that a calendar fetched the feed, unless that was noted within the hour: one
    conditional UPDATE, no lock and no audit event. Returns whether it wrote."""
    now = now or timezone.now()
    if feed.last_used_at is not None and now - feed.last_used_at < USE_NOTED_EVERY:
        return False
    written = PersonalFeed.objects.filter(pk=feed.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_NOTED_EVERY),
    ).update(last_used_at=now)
    if written:
        feed.last_used_at = now
    return bool(written)


def _new_key() -> str:
    return secrets.token_urlsafe(24)


@transaction.atomic
def ensure_community_key(*, actor: Actor | Any, community_id: int) -> str:
    """The community's feed key, made now if it has none (for anyone who may see the
    community; the command line and the system too)."""
    who = Actor.coerce(actor)
    community = Community.objects.select_for_update().filter(pk=community_id).first()
    if community is None:
        raise Community.DoesNotExist(f"No community {community_id}.")
    if not who.trusted and not (who.is_user and sel.may_see_community(who.user, community)):
        raise PermissionDenied("You may not see this community.")
    if community.feed_key:
        return community.feed_key
    community.feed_key = _new_key()
    community.save(update_fields=["feed_key"])
    record_event(actor=who, action=AuditEvent.Action.TOKEN_CREATED, target=community,
                 summary=f"Calendar feed address made for the community {community.name}",
                 data={"kind": "community_feed_key"})
    return community.feed_key


@transaction.atomic
def replace_community_key(*, actor: Actor | Any, community_id: int) -> str:
    """A new feed key for the community: its old address stops working at once. For
    organisers and the community's current leads."""
    who = Actor.coerce(actor)
    community = Community.objects.select_for_update().filter(pk=community_id).first()
    if community is None:
        raise Community.DoesNotExist(f"No community {community_id}.")
    if not who.trusted and not (who.is_user and sel.may_replace_key(who.user, community)):
        raise PermissionDenied("Only the community's leads and organisers can replace its "
                               "feed address.")
    had = bool(community.feed_key)
    community.feed_key = _new_key()
    community.save(update_fields=["feed_key"])
    record_event(actor=who, action=AuditEvent.Action.TOKEN_CREATED, target=community,
                 summary=(f"Calendar feed address {'replaced' if had else 'made'} for the "
                          f"community {community.name}"),
                 data={"kind": "community_feed_key", "replaced": had})
    return community.feed_key
