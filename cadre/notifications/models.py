"""Messages sent (the outbox) and what each account chose to receive (ADR 30)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Message(models.Model):
    """One message to one address, through whichever backend was configured."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        HELD = "held", "Held for the weekly digest"
        STORED = "stored", "Kept in the local outbox"
        SENT = "sent", "Sent to GOV.UK Notify"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40, db_index=True)
    personalisation = models.JSONField(default=dict)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    backend = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    notify_id = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    #: The weekly digest that carried a held message (null until it is sent).
    digest = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="carried")
    #: GOV.UK Notify's own delivery status (``delivered``, ``permanent-failure``, ...),
    #: read back by a task; blank for the outbox and until checked.
    delivery_status = models.CharField(max_length=40, blank=True)
    delivery_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to} ({self.get_status_display()})"


class Preference(models.Model):
    """How an account wants one kind of message. No row means "at once"."""

    class Choice(models.TextChoices):
        AT_ONCE = "at_once", "At once"
        WEEKLY = "weekly", "Weekly digest"
        NEVER = "never", "Never"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(max_length=40)
    choice = models.CharField(max_length=10, choices=Choice.choices, default=Choice.AT_ONCE)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="notifications_one_choice_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.get_choice_display()}"


class AddressProblem(models.Model):
    """An email address GOV.UK Notify could not deliver to permanently (a bounce).

    Shown on the person's record for their head of profession until it is cleared
    (someone corrects the address or confirms it works).
    """

    email = models.EmailField(unique=True)
    reason = models.CharField(max_length=200)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    found_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email}: {self.reason}"


#: GOV.UK Notify's statuses for an email (its API documentation), in words.
DELIVERY_WORDS = {
    "created": "Not sent yet (GOV.UK Notify is preparing it)",
    "sending": "Sending (waiting for the recipient's email provider)",
    "delivered": "Delivered",
    "permanent-failure": "Not delivered: the address does not exist or refused it (bounced)",
    "temporary-failure": "Not delivered: the inbox was full or not accepting email",
    "technical-failure": "Not delivered: a technical problem at GOV.UK Notify",
}
#: Statuses Notify does not change any more; a message with one is not checked again.
FINAL_DELIVERY = frozenset({"delivered", "permanent-failure", "temporary-failure",
                            "technical-failure"})
#: Final statuses that mean the message did not arrive.
UNDELIVERED = frozenset({"permanent-failure", "temporary-failure", "technical-failure"})
#: The status that means the address itself is wrong (a bounce): flagged for the person.
BOUNCED = "permanent-failure"


def delivery_words(status: str) -> str:
    """A delivery status in words; blank (not checked) and unknown ones said plainly."""
    if not status:
        return "Not checked"
    return DELIVERY_WORDS.get(status, f"GOV.UK Notify said {status!r}")
