"""Telling someone about an action from inside the service that made it (ADR 30).

A message is a side effect: the person's action (agreeing a round, opening a cycle,
finishing a job) must stand even when the message cannot be built or queued. ``notify``
builds the personalisation and calls ``services.send_message`` inside a savepoint, so a
failure (a blank name, a database error while queueing) undoes only the message, is
logged, and the caller's transaction carries on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction

from cadre.notifications.models import Message
from cadre.notifications.services import send_message

logger = logging.getLogger(__name__)

Personalisation = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


def notify(*, kind: str, to: str | None, personalisation: Personalisation,
           recipient: Any | None = None, actor: Any | None = None) -> Message | None:
    """Queue one message about an action; None when skipped or when it could not be built.

    Skipped when there is no address, and when the recipient is the account that acted
    (nobody needs telling what they just did). ``personalisation`` may be a function, so
    that building it (which may read the database) is covered too.
    """
    if not to:
        return None
    acting = getattr(actor, "user", actor)
    if recipient is not None and acting is not None and getattr(acting, "pk", None) == \
            getattr(recipient, "pk", object()):
        return None
    try:
        with transaction.atomic():
            values = personalisation() if callable(personalisation) else personalisation
            return send_message(kind=kind, to=to, personalisation=dict(values),
                                recipient=recipient, actor=actor)
    except Exception:  # noqa: BLE001 - a message never fails the action that caused it
        logger.exception("Message %s to %s could not be built or queued", kind, to)
        return None


def long_date(day: dt.date) -> str:
    """A date the GOV.UK way: 4 December 2026."""
    return f"{day.day} {day:%B %Y}"
