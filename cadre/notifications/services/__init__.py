"""Writes for notifications, one module per concern (ADR 30):

- ``sending``: ``send_message`` (checked, stored or held, delivered by a task after commit),
  ``deliver_queued`` (the task's work), ``absolute_link``;
- ``digests``: ``send_weekly_digests``, each person's held messages once a week;
- ``preferences``: ``set_preferences``, at once, weekly or never per kind;
- ``delivery``: ``check_delivery`` (Notify's delivery status) and address problems.

The names below are re-exported so callers can write ``services.send_message(...)``.
"""

from cadre.notifications.services.delivery import (
    CHECK_BATCH,
    DeliveryCheck,
    check_delivery,
    clear_address_problem,
)
from cadre.notifications.services.digests import (
    DIGEST_DAYS,
    DIGEST_KIND,
    DigestOutcome,
    digest_items,
    send_weekly_digests,
)
from cadre.notifications.services.preferences import set_preferences
from cadre.notifications.services.sending import (
    absolute_link,
    choice_for,
    deliver_queued,
    send_message,
)

__all__ = [
    "CHECK_BATCH", "DIGEST_DAYS", "DIGEST_KIND", "DeliveryCheck", "DigestOutcome",
    "absolute_link", "check_delivery", "choice_for", "clear_address_problem",
    "deliver_queued", "digest_items", "send_message", "send_weekly_digests",
    "set_preferences",
]
