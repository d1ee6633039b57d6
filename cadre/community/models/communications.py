"""Communications to the profession (issue 18 point 4): the stakeholder register, channels,
audiences computed from Cadre's own data, messages (versioned, assured by a named assurer
who is not the author) and each recipient of a sent message.

A message moves draft -> awaiting assurance -> assured -> sending -> sent. Every step goes
through ``cadre.core.workflow.run_transition`` (the row locked). Editing a message makes a
new ``MessageVersion`` and puts it back to draft (``revise``), so an edit after assurance
needs assurance again; only the version assured (``assured_version``) is ever sent, and
only when it is still the latest. Limits are in docs/limits.md ("Communications").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

from cadre.organisations.models import OrganisationType

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_AUDIENCE_ITEMS",
    "MAX_BODY",
    "MAX_COMMENT",
    "MAX_NOTES",
    "MAX_SUBJECT",
    "MAX_TITLE",
    "Audience",
    "AssuranceComment",
    "Channel",
    "CommunityMessage",
    "Delivery",
    "MessageState",
    "MessageVersion",
    "Stakeholder",
    "StakeholderKind",
    "Unsubscribe",
]

#: Limits (docs/limits.md, "Communications").
MAX_TITLE = 200
MAX_SUBJECT = 150
MAX_BODY = 10000
MAX_COMMENT = 2000
MAX_NOTES = 2000
#: The most organisations, families, grades or stakeholders one audience names.
MAX_AUDIENCE_ITEMS = 200


class StakeholderKind(models.TextChoices):
    EXTERNAL_PARTNER = "external_partner", "External partner"
    PROFESSIONAL_BODY = "professional_body", "Professional body"
    SUPPLIER = "supplier", "Supplier"
    TRADE_UNION = "trade_union", "Trade union"


class Stakeholder(models.Model):
    """An external stakeholder typed into the register (the profession itself is computed
    from people records)."""

    name = models.CharField(max_length=MAX_TITLE)
    kind = models.CharField(max_length=30, choices=StakeholderKind.choices)
    contact_email = models.EmailField(blank=True)
    notes = models.TextField(max_length=MAX_NOTES, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"],
                                               name="community_unique_stakeholder")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Channel(models.Model):
    """A channel messages go out on (email, newsletter, intranet, events). Only email is
    sent by Cadre; the others are assured here and published by the central team."""

    key = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(max_length=MAX_NOTES, blank=True)
    sent_by_cadre = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """Who a message goes to, as a definition evaluated against people records when asked.

    People: current (not left), classified in the profession when ``in_profession_only``,
    with an email address, whose organisation is of one of ``organisation_types`` or one
    of ``organisations`` (either; none of both means every organisation), whose role
    level is in one of ``role_families`` (none: any) and whose grade is one of ``grades``
    (none: any). Plus the named external ``stakeholders`` with a contact email.
    """

    name = models.CharField(max_length=MAX_TITLE, unique=True)
    description = models.TextField(max_length=MAX_NOTES, blank=True)
    organisation_types = models.JSONField(default=list, blank=True)
    organisations = models.ManyToManyField("organisations.Organisation", blank=True,
                                           related_name="+")
    role_families = models.ManyToManyField("framework.RoleFamily", blank=True,
                                           related_name="+")
    grades = models.ManyToManyField("organisations.Grade", blank=True, related_name="+")
    in_profession_only = models.BooleanField(default=True)
    stakeholders = models.ManyToManyField(Stakeholder, blank=True, related_name="audiences")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def organisation_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels.get(t, t)) for t in self.organisation_types]


class MessageState(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_ASSURANCE = "awaiting_assurance", "Waiting for assurance"
    ASSURED = "assured", "Assured, ready to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class CommunityMessage(models.Model):
    """A message to an audience on a channel; its words are in its versions."""

    title = models.CharField(max_length=MAX_TITLE)
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="messages")
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="messages")
    #: Essential messages go to everyone in the audience, unsubscribed or not, and carry
    #: no unsubscribe link.
    essential = models.BooleanField(default=False)
    state = FSMField(max_length=20, choices=MessageState.choices, default=MessageState.DRAFT)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version_number = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    assured_version = models.ForeignKey("MessageVersion", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    assured_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    assured_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    send_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "message"

    def __str__(self) -> str:
        return self.title

    # The steps (services.communications runs each under the row lock).
    @transition(field=state, source=MessageState.DRAFT, target=MessageState.AWAITING_ASSURANCE)
    def submit(self) -> None:
        pass

    @transition(field=state, source=MessageState.AWAITING_ASSURANCE, target=MessageState.DRAFT)
    def return_for_changes(self) -> None:
        pass

    @transition(field=state, source=MessageState.AWAITING_ASSURANCE,
                target=MessageState.ASSURED)
    def assure(self) -> None:
        pass

    @transition(field=state, source=[MessageState.DRAFT, MessageState.AWAITING_ASSURANCE,
                                     MessageState.ASSURED], target=MessageState.DRAFT)
    def revise(self) -> None:
        pass

    @transition(field=state, source=MessageState.ASSURED, target=MessageState.SENDING)
    def send(self) -> None:
        pass

    @transition(field=state, source=MessageState.SENDING, target=MessageState.SENT)
    def finish_sending(self) -> None:
        pass


class MessageVersion(models.Model):
    """One version of a message's words; every edit adds one, none is ever changed."""

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE,
                                related_name="versions")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=MAX_SUBJECT)
    body = models.TextField(max_length=MAX_BODY)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message", "-number"]
        constraints = [models.UniqueConstraint(fields=["message", "number"],
                                               name="community_unique_message_version")]

    def __str__(self) -> str:
        return f"{self.message} version {self.number}"


class AssuranceComment(models.Model):
    """A comment on one version (by the assurer or anyone assuring or drafting)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        RETURNED = "returned", "Returned for changes"
        ASSURED = "assured", "Assured"

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE,
                                related_name="comments")
    version = models.ForeignKey(MessageVersion, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(max_length=MAX_COMMENT, blank=True)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.version}"


class Unsubscribe(models.Model):
    """An address that asked for no more non-essential messages (from the link in one)."""

    email = models.EmailField(unique=True)
    message = models.ForeignKey(CommunityMessage, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email


class Delivery(models.Model):
    """One recipient of a sent message: queued through notifications, or skipped."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", "Queued"
        SKIPPED_UNSUBSCRIBED = "skipped_unsubscribed", "Skipped: unsubscribed"
        NOT_QUEUED = "not_queued", "Not queued (refused by the sender)"

    message = models.ForeignKey(CommunityMessage, on_delete=models.CASCADE,
                                related_name="deliveries")
    email = models.EmailField()
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    stakeholder = models.ForeignKey(Stakeholder, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    notification = models.ForeignKey("notifications.Message", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message", "id"]
        constraints = [models.UniqueConstraint(fields=["message", "email"],
                                               name="community_one_delivery_per_address")]

    def __str__(self) -> str:
        return f"{self.message} to {self.email}"
