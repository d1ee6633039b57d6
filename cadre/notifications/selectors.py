"""Reads of the outbox, of each account's choices and of addresses that bounce."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from cadre.notifications.kinds import all_kinds
from cadre.notifications.models import (
    BOUNCED,
    FINAL_DELIVERY,
    UNDELIVERED,
    AddressProblem,
    Message,
    Preference,
)

#: The outbox's status filter: the message's own status, or what Notify said of it.
STATUS_FILTERS = {
    **dict(Message.Status.choices),
    "delivered": "Delivered (GOV.UK Notify)",
    "undelivered": "Not delivered (GOV.UK Notify)",
    "bounced": "Bounced: the address does not work",
}


def outbox(*, to: str | None = None, kind: str | None = None,
           status: str | None = None) -> QuerySet[Message]:
    """Messages, newest first, optionally for one address, of one kind or in one status
    (a key of ``STATUS_FILTERS``)."""
    messages = Message.objects.all()
    if to:
        messages = messages.filter(to__iexact=to.strip())
    if kind:
        messages = messages.filter(kind=kind)
    if status in Message.Status.values:
        messages = messages.filter(status=status)
    elif status == "delivered":
        messages = messages.filter(delivery_status="delivered")
    elif status == "undelivered":
        messages = messages.filter(delivery_status__in=UNDELIVERED)
    elif status == "bounced":
        messages = messages.filter(delivery_status=BOUNCED)
    elif status:
        raise ValueError(f"No status filter {status!r}")
    return messages.order_by("-created_at", "-id")


@dataclass(frozen=True)
class Failures:
    """How many messages could not be sent, and how many Notify could not deliver."""

    failed: int
    undelivered: int
    bounced: int

    @property
    def any(self) -> bool:
        return bool(self.failed or self.undelivered)


def failures() -> Failures:
    """The counts shown at the top of the administrators' outbox page."""
    counts = Message.objects.aggregate(
        failed=Count("pk", filter=Q(status=Message.Status.FAILED)),
        undelivered=Count("pk", filter=Q(delivery_status__in=UNDELIVERED)),
        bounced=Count("pk", filter=Q(delivery_status=BOUNCED)))
    return Failures(**counts)


def message(message_id: int) -> Message | None:
    """One message for the administrators' page; None for an id no row can have."""
    if not 0 < message_id < 2**63:
        return None
    return Message.objects.select_related("recipient").filter(pk=message_id).first()


def awaiting_delivery_check(message_ids: Iterable[int] | None = None) -> QuerySet[Message]:
    """Messages GOV.UK Notify accepted whose delivery status is not final yet, oldest first."""
    messages = (Message.objects.filter(status=Message.Status.SENT)
                .exclude(notify_id="").exclude(delivery_status__in=FINAL_DELIVERY))
    if message_ids is not None:
        messages = messages.filter(pk__in=list(message_ids))
    return messages.order_by("sent_at", "id")


@dataclass(frozen=True)
class KindChoice:
    """One kind of message and what the account chose for it."""

    key: str
    title: str
    mandatory: bool
    choice: str
    #: Only ever sent in the weekly digest: the choices are weekly or never.
    digest_only: bool = False

    @property
    def words(self) -> str:
        if self.mandatory:
            return "Always sent (required)"
        return Preference.Choice(self.choice).label

    @property
    def options(self) -> list[tuple[str, str]]:
        """The choices an account has for this kind (none for a mandatory one)."""
        if self.mandatory:
            return []
        return [(value, label) for value, label in Preference.Choice.choices
                if not (self.digest_only and value == Preference.Choice.AT_ONCE)]


def preferences_for(user: Any) -> list[KindChoice]:
    """Every kind of message, by title, with the account's choice: "at once" without a
    row, always "at once" for a mandatory kind, and "weekly" rather than "at once" for a
    kind that only comes in the weekly digest (as ``services.choice_for`` sends them)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "choice")) if (
        getattr(user, "pk", None) is not None) else {}
    found = []
    for kind in all_kinds().values():
        choice = (Preference.Choice.AT_ONCE if kind.mandatory
                  else chosen.get(kind.key, Preference.Choice.AT_ONCE))
        digest_only = getattr(kind, "digest_only", False)
        if digest_only and choice == Preference.Choice.AT_ONCE:
            choice = Preference.Choice.WEEKLY
        found.append(KindChoice(kind.key, kind.title, kind.mandatory, choice, digest_only))
    return sorted(found, key=lambda k: (k.mandatory, k.title, k.key))


def address_problem(email: str | None) -> AddressProblem | None:
    """The uncleared delivery problem of an address (any case), if there is one."""
    if not email:
        return None
    return AddressProblem.objects.filter(email__iexact=email.strip(),
                                         cleared_at__isnull=True).first()
