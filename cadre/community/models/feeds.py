"""Personal community calendar feeds (issue 18 point 1, feeds area).

A person's feed lists the events they hold a place for or wait for, and the coming events
of the communities they belong to. Its address is secret: the token is shown once when
the feed is made and kept only as its SHA-256 digest (like ``cadre.calendars``). A replaced
or revoked feed keeps its row, with ``revoked_at``, for the record. A community's own feed
address is ``Community.feed_key`` (networks model), shown to those who see the community.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone

__all__ = ["PersonalFeed", "hash_feed_token"]


def hash_feed_token(raw: str) -> str:
    """The SHA-256 digest (hex) under which a personal feed's token is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


class PersonalFeed(models.Model):
    """One person's community calendar feed; at most one works at a time."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="community_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: When a calendar last fetched it, noted at most once an hour.
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(revoked_at__isnull=True),
                                    name="community_one_active_personal_feed"),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"Community calendar of {self.person} ({state})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
