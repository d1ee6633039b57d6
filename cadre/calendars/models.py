"""A personal calendar feed: a secret address whose token is kept only as its SHA-256 digest."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def hash_feed_token(raw: str) -> str:
    """The SHA-256 digest (hex) under which a feed's token is stored and looked up."""
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarFeed(models.Model):
    """One account's calendar feed. The raw token is shown once and never stored; a
    replaced or revoked feed keeps its row (with ``revoked_at``) for the record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(revoked_at__isnull=True),
                                    name="one_active_calendar_feed_per_user"),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"Calendar feed of {self.user} ({state})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
