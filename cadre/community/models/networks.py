"""Communities of practice, their members and leads, and their events (issue 18 point 1).
Owned by the networks area; the feeds area reads events (their ``uid`` and ``sequence``).

A community is national, regional or local, about a role family or a topic. Members are
people from any public-sector organisation Cadre holds (departments, agencies, local
authorities, police and fire services). A membership with ``left_on`` set is history;
leaving and joining again makes a new one. An event's ``sequence`` goes up by one every
time its time, place or status changes, so subscribed calendars replace their copy
(iCalendar SEQUENCE); its ``uid`` never changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL

__all__ = [
    "MAX_CAPACITY",
    "MAX_CPD_HOURS",
    "MAX_DESCRIPTION",
    "MAX_FEEDBACK",
    "Attendance",
    "Community",
    "CommunityEvent",
    "EventFormat",
    "EventStatus",
    "Membership",
    "MembershipRole",
    "Registration",
    "RegistrationStatus",
    "Scope",
]

MAX_DESCRIPTION = 5000
MAX_FEEDBACK = 2000
MAX_CAPACITY = 5000
MAX_CPD_HOURS = 100


class Scope(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional"
    LOCAL = "local", "Local"


class Community(models.Model):
    """A community of practice (a network) across public-sector organisations."""

    name = models.CharField(max_length=200, unique=True)
    summary = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    #: The region or place of a regional or local community ("North West", "Leeds").
    area = models.CharField(max_length=100, blank=True)
    role_family = models.ForeignKey("framework.RoleFamily", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="communities")
    topic = models.CharField(max_length=200, blank=True)
    #: Anyone with a person record may join an open community; a closed one is joined
    #: when a lead adds the person.
    is_open = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: The community's public calendar feed key (feeds area): shown to members on the
    #: community page, so kept as it is; a new key can replace it.
    feed_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    LEAD = "lead", "Lead"


class Membership(models.Model):
    """A person's membership of a community, as member or lead, from joining to leaving."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE,
                                  related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="community_memberships")
    role = models.CharField(max_length=10, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "person"]
        constraints = [
            models.UniqueConstraint(fields=["community", "person"],
                                    condition=Q(left_on__isnull=True),
                                    name="community_one_current_membership"),
        ]
        indexes = [models.Index(fields=["person", "left_on"])]

    def __str__(self) -> str:
        return f"{self.person} in {self.community}"


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


def _new_uid() -> str:
    return f"{uuid.uuid4()}@community.cadre"


class CommunityEvent(models.Model):
    """A community's event: in person, online or hybrid, with places and a waiting list."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    format = models.CharField(max_length=20, choices=EventFormat.choices)
    location = models.CharField(max_length=300, blank=True)
    joining_link = models.URLField(max_length=500, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)])
    #: The CPD hours an attendee is credited with (accreditation counts them for renewal).
    cpd_hours = models.DecimalField(
        max_digits=4, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CPD_HOURS)])
    status = models.CharField(max_length=20, choices=EventStatus.choices,
                              default=EventStatus.SCHEDULED)
    #: iCalendar: the same for the event's whole life; SEQUENCE goes up with each change.
    uid = models.CharField(max_length=100, unique=True, default=_new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="community_event_ends_after_start"),
        ]
        indexes = [models.Index(fields=["community", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Has a place"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Did not attend"


class Registration(models.Model):
    """A person's place (or place on the waiting list) at an event, their attendance and
    their feedback. The waiting list is in ``registered_at`` order."""

    event = models.ForeignKey(CommunityEvent, on_delete=models.CASCADE,
                              related_name="registrations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="event_registrations")
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True,
                                  default=Attendance.UNKNOWN)
    #: The CPD record attendance wrote (accreditation), removed if attendance is undone.
    cpd_record = models.ForeignKey("accreditation.CpdRecord", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    feedback = models.TextField(max_length=MAX_FEEDBACK, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"],
                                    name="community_one_registration_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"
