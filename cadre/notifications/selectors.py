"""Reads of the outbox (``cadre notifications outbox``)."""

from __future__ import annotations

from django.db.models import QuerySet

from cadre.notifications.models import Message


def outbox(*, to: str | None = None, kind: str | None = None) -> QuerySet[Message]:
    """Messages, newest first, optionally for one address or of one kind."""
    messages = Message.objects.all()
    if to:
        messages = messages.filter(to__iexact=to.strip())
    if kind:
        messages = messages.filter(kind=kind)
    return messages.order_by("-created_at", "-id")
