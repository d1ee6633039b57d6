"""Reads for communities, their members and leads, events and registrations (issue 18
point 1), scoped to the account.

Everyone signed in reads communities (name, scope, summary, how many members, upcoming
events) and events. Names of members are for the community's members and leads and for
organisers; registrations with names for the community's leads and organisers; feedback
comes without names and its summary is suppressed below :data:`FEEDBACK_THRESHOLD`
responses.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from cadre.access.rules import COMMUNITY_ORGANISERS
from cadre.community.models import (
    Attendance,
    Community,
    CommunityEvent,
    EventStatus,
    Membership,
    MembershipRole,
    Registration,
    RegistrationStatus,
)
from cadre.core.inputs import MAX_ID

#: Fewer feedback responses than this and the summary and comments are not shown.
FEEDBACK_THRESHOLD = 5


def person_of(user: Any) -> Any:
    """The account's person record, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except (ObjectDoesNotExist, AttributeError):
        return None


def may_organise(user: Any) -> bool:
    """Heads of profession, the central team and administrators set up communities."""
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and COMMUNITY_ORGANISERS.allows(user))


def current_membership(person: Any, community: Community | int) -> Membership | None:
    if person is None:
        return None
    pk = community.pk if isinstance(community, Community) else community
    return Membership.objects.filter(community_id=pk, person=person,
                                     left_on__isnull=True).first()


def is_member(user: Any, community: Community | int) -> bool:
    return current_membership(person_of(user), community) is not None


def is_lead(user: Any, community: Community | int) -> bool:
    """An active lead membership of the community."""
    membership = current_membership(person_of(user), community)
    return membership is not None and membership.role == MembershipRole.LEAD


def may_run(user: Any, community: Community | int) -> bool:
    """Leads of the community and organisers run its events and members."""
    return may_organise(user) or is_lead(user, community)


def may_see_members(user: Any, community: Community | int) -> bool:
    """Members and leads of the community and organisers see names; others the count."""
    return may_organise(user) or is_member(user, community)


def communities(*, include_closed: bool = False, search: str = "") -> QuerySet[Community]:
    """Communities by name with ``member_count`` and ``upcoming_count``."""
    now = timezone.now()
    qs = Community.objects.select_related("role_family").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True),
                           distinct=True),
        upcoming_count=Count("events", filter=Q(events__starts_at__gt=now,
                                                 events__status=EventStatus.SCHEDULED),
                             distinct=True))
    if not include_closed:
        qs = qs.filter(closed_on__isnull=True)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(topic__icontains=search)
                       | Q(area__icontains=search))
    return qs.order_by("name")


def _valid_id(pk: object) -> bool:
    return isinstance(pk, int) and 0 < pk <= MAX_ID


def community(pk: int) -> Community | None:
    """One community (closed ones too) with its counts; None for an unknown or impossible
    id."""
    if not _valid_id(pk):
        return None
    return communities(include_closed=True).filter(pk=pk).first()


def members(community: Community | int) -> QuerySet[Membership]:
    """Current members, leads first, by name."""
    pk = community.pk if isinstance(community, Community) else community
    return (Membership.objects.filter(community_id=pk, left_on__isnull=True)
            .select_related("person__organisation")
            .order_by("-role", "person__last_name", "person__first_name", "pk"))


def leads(community: Community | int) -> QuerySet[Membership]:
    return members(community).filter(role=MembershipRole.LEAD)


def memberships_of(person: Any) -> QuerySet[Membership]:
    if person is None:
        return Membership.objects.none()
    return (Membership.objects.filter(person=person, left_on__isnull=True)
            .select_related("community").order_by("community__name"))


def _with_counts(qs: QuerySet[CommunityEvent]) -> QuerySet[CommunityEvent]:
    return qs.select_related("community").annotate(
        places_taken=Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.REGISTERED)),
        waiting_count=Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.WAITING)))


def events(*, community: Community | int | None = None, upcoming: bool | None = None,
           include_cancelled: bool = True) -> QuerySet[CommunityEvent]:
    """Events (soonest first for upcoming, latest first for past) with ``places_taken``
    and ``waiting_count``."""
    qs = _with_counts(CommunityEvent.objects.all())
    if community is not None:
        qs = qs.filter(community_id=community.pk if isinstance(community, Community)
                       else community)
    now = timezone.now()
    if upcoming is True:
        qs = qs.filter(starts_at__gt=now).order_by("starts_at", "pk")
    elif upcoming is False:
        qs = qs.filter(starts_at__lte=now).order_by("-starts_at", "-pk")
    else:
        qs = qs.order_by("starts_at", "pk")
    if not include_cancelled:
        qs = qs.filter(status=EventStatus.SCHEDULED)
    return qs


def event(pk: int) -> CommunityEvent | None:
    """One event with its counts; None for an unknown or impossible id."""
    if not _valid_id(pk):
        return None
    return events().filter(pk=pk).first()


def has_started(event: CommunityEvent) -> bool:
    return event.starts_at <= timezone.now()


def registration_of(person: Any, event: CommunityEvent | int) -> Registration | None:
    if person is None:
        return None
    pk = event.pk if isinstance(event, CommunityEvent) else event
    return Registration.objects.filter(event_id=pk, person=person).first()


def registrations(event: CommunityEvent | int) -> QuerySet[Registration]:
    """Everyone with a place or waiting, in registration order (the waiting list order)."""
    pk = event.pk if isinstance(event, CommunityEvent) else event
    return (Registration.objects.filter(event_id=pk).exclude(
        status=RegistrationStatus.CANCELLED)
        .select_related("person__organisation").order_by("registered_at", "pk"))


def places(event: CommunityEvent | int) -> QuerySet[Registration]:
    return registrations(event).filter(status=RegistrationStatus.REGISTERED)


def waiting_list(event: CommunityEvent | int) -> QuerySet[Registration]:
    return registrations(event).filter(status=RegistrationStatus.WAITING)


def waiting_position(registration: Registration) -> int | None:
    """1 for the head of the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = waiting_list(registration.event_id).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)).count()
    return ahead + 1


def registrations_of(person: Any, *, upcoming: bool = True) -> QuerySet[Registration]:
    """The person's own places and waiting-list places."""
    if person is None:
        return Registration.objects.none()
    qs = (Registration.objects.filter(person=person)
          .exclude(status=RegistrationStatus.CANCELLED)
          .select_related("event__community"))
    now = timezone.now()
    if upcoming:
        return qs.filter(event__starts_at__gt=now).order_by("event__starts_at")
    return qs.filter(event__starts_at__lte=now).order_by("-event__starts_at")


def may_register(user: Any, event: CommunityEvent) -> bool:
    """Anyone with a person record for an open community's events; members only for a
    closed community's (see services.networks.register)."""
    person = person_of(user)
    if person is None:
        return False
    return event.community.is_open or current_membership(person, event.community_id) is not None


def feedback_summary(event: CommunityEvent | int) -> dict[str, Any]:
    """``{"count", "suppressed", "mean", "comments"}``: below the threshold only
    ``suppressed`` is true (and no count, mean or comment is given)."""
    pk = event.pk if isinstance(event, CommunityEvent) else event
    given = Registration.objects.filter(event_id=pk, rating__isnull=False)
    figures = given.aggregate(count=Count("pk"), mean=Avg("rating"))
    count = figures["count"] or 0
    if count < FEEDBACK_THRESHOLD:
        return {"count": None, "suppressed": True, "mean": None, "comments": [],
                "threshold": FEEDBACK_THRESHOLD}
    mean = Decimal(str(figures["mean"])).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    comments = sorted(c for c in given.exclude(feedback="").values_list("feedback", flat=True))
    return {"count": count, "suppressed": False, "mean": mean, "comments": comments,
            "threshold": FEEDBACK_THRESHOLD}


def attended(event: CommunityEvent | int) -> QuerySet[Registration]:
    return places(event).filter(attendance=Attendance.ATTENDED)


COMMUNITY_COLUMNS = ["id", "name", "scope", "area", "role_family", "topic", "open", "closed_on",
                     "members", "upcoming_events"]
EVENT_COLUMNS = ["id", "community", "title", "format", "starts_at", "ends_at", "location",
                 "joining_link", "capacity", "places_taken", "waiting", "cpd_hours", "status",
                 "sequence", "uid"]
REGISTRATION_COLUMNS = ["id", "person", "organisation", "status", "registered_at",
                        "attendance"]


def community_rows(qs: QuerySet[Community]) -> list[dict[str, Any]]:
    return [{"id": c.pk, "name": c.name, "scope": c.scope, "area": c.area,
             "role_family": c.role_family.name if c.role_family_id else "",
             "topic": c.topic, "open": c.is_open,
             "closed_on": c.closed_on.isoformat() if c.closed_on else "",
             "members": c.member_count, "upcoming_events": c.upcoming_count} for c in qs]


def event_rows(qs: QuerySet[CommunityEvent]) -> list[dict[str, Any]]:
    return [{"id": e.pk, "community": e.community.name, "title": e.title, "format": e.format,
             "starts_at": e.starts_at.isoformat(), "ends_at": e.ends_at.isoformat(),
             "location": e.location, "joining_link": e.joining_link, "capacity": e.capacity,
             "places_taken": e.places_taken, "waiting": e.waiting_count,
             "cpd_hours": str(e.cpd_hours), "status": e.status, "sequence": e.sequence,
             "uid": e.uid} for e in qs]


def registration_rows(qs: QuerySet[Registration]) -> list[dict[str, Any]]:
    return [{"id": r.pk, "person": f"{r.person.organisation.abbreviation}/"
                                   f"{r.person.staff_number}",
             "organisation": r.person.organisation.name, "status": r.status,
             "registered_at": r.registered_at.isoformat(), "attendance": r.attendance}
            for r in qs]
