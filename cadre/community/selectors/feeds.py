"""Reads for the community calendar feeds: who may see or replace a community's feed
address, the active personal feed, and the events each feed holds.

- A **community feed** holds the community's events that started at most
  :data:`PAST_DAYS` days ago and every later one, cancelled ones included (the calendar
  shows them as cancelled).
- A **personal feed** holds the events the person has a place at or waits for (from
  :data:`PAST_DAYS` days back), and the events to come of every community they belong to
  now; each says whether the person has a place, is waiting or is not registered.

A community's feed address is shown to those who may see the community's page (the
networks area: everyone signed in); organisers and the community's leads may replace it
(``networks.may_run``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cadre.community.ics import FeedEvent, render_calendar
from cadre.community.models import (
    Community,
    CommunityEvent,
    EventFormat,
    EventStatus,
    Membership,
    MembershipRole,
    PersonalFeed,
    Registration,
    RegistrationStatus,
    hash_feed_token,
)
from cadre.community.selectors import networks
from cadre.notifications.services import absolute_link
from cadre.people.models import Person
from cadre.people.selectors import own_person

#: How far back both feeds keep events (days before now, by start).
PAST_DAYS = 30


def may_see_community(user: object, community: Community | None) -> bool:
    """Whether the account may see the community's page, and so its feed address: every
    active signed-in account, as the networks area's community page."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def may_replace_key(user: object, community: Community) -> bool:
    """Organisers, and the community's current leads."""
    return may_see_community(user, community) and networks.may_run(user, community)


def visible_community(user: object, community_id: int) -> Community | None:
    """The community, if the account may see it; None otherwise (so a 404)."""
    community = Community.objects.filter(pk=community_id).first()
    if community is None or not may_see_community(user, community):
        return None
    return community


@dataclass(frozen=True)
class CommunityRow:
    community: Community
    #: ``Lead``, ``Member`` or ``""``.
    standing: str


def feed_communities(user: object) -> list[CommunityRow]:
    """Every community that is not closed, the account's own first, for the calendar
    page's list of community feeds."""
    if not may_see_community(user, None):
        return []
    person = own_person(user)
    roles = dict(Membership.objects.filter(person=person, left_on__isnull=True)
                 .values_list("community_id", "role")) if person is not None else {}
    rows = [CommunityRow(c, MembershipRole(roles[c.pk]).label if c.pk in roles else "")
            for c in Community.objects.filter(closed_on__isnull=True).order_by("name")]
    return sorted(rows, key=lambda r: (not r.standing, r.community.name))


def community_for_key(key: str) -> Community | None:
    if not key:
        return None
    return Community.objects.filter(feed_key=key).first()


def active_feed(person: Person | None) -> PersonalFeed | None:
    if person is None:
        return None
    return PersonalFeed.objects.filter(person=person, revoked_at__isnull=True).first()


def feed_for_token(raw: str) -> PersonalFeed | None:
    """The active personal feed whose token is ``raw``, unless its person's account is
    deactivated; None otherwise."""
    if not raw:
        return None
    return (PersonalFeed.objects.select_related("person", "person__account")
            .filter(token_hash=hash_feed_token(raw), revoked_at__isnull=True)
            .filter(Q(person__account__isnull=True) | Q(person__account__is_active=True))
            .first())


def _since(now: dt.datetime | None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=PAST_DAYS)


def community_events(community: Community, *,
                     now: dt.datetime | None = None) -> list[CommunityEvent]:
    return list(CommunityEvent.objects.filter(community=community,
                                              starts_at__gte=_since(now))
                .select_related("community").order_by("starts_at", "pk"))


@dataclass(frozen=True)
class PersonalEntry:
    """An event in a person's feed and where the person stands."""

    event: CommunityEvent
    #: ``registered``, ``waiting`` or ``""`` (not registered).
    standing: str
    #: When the person's registration last changed, if they have one.
    changed_at: dt.datetime | None = None

    @property
    def standing_label(self) -> str:
        if self.standing == RegistrationStatus.REGISTERED:
            return "You have a place"
        if self.standing == RegistrationStatus.WAITING:
            return "You are on the waiting list"
        return "You are not registered"


def personal_events(person: Person, *, now: dt.datetime | None = None) -> list[PersonalEntry]:
    """The events of a person's feed (see the module), by start."""
    now = now or timezone.now()
    registrations = {
        r.event_id: r for r in Registration.objects.filter(
            person=person, event__starts_at__gte=_since(now))}
    held = [r.event_id for r in registrations.values()
            if r.status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)]
    communities = Membership.objects.filter(person=person, left_on__isnull=True).values(
        "community_id")
    events = (CommunityEvent.objects.filter(
        Q(pk__in=held) | Q(community_id__in=communities, ends_at__gte=now))
        .select_related("community").order_by("starts_at", "pk"))
    entries = []
    for event in events:
        registration = registrations.get(event.pk)
        standing = ""
        changed = None
        if registration is not None:
            changed = registration.cancelled_at or registration.registered_at
            if registration.status != RegistrationStatus.CANCELLED:
                standing = registration.status
        entries.append(PersonalEntry(event=event, standing=standing, changed_at=changed))
    return entries


# The calendars themselves ------------------------------------------------------------

#: The networks area's page for one event (registering is done there).
EVENT_PAGE = "community:event"


def event_path(event: CommunityEvent) -> str:
    """The event's page on this site; the calendar page if networks has no such page."""
    try:
        return reverse(EVENT_PAGE, args=[event.pk])
    except NoReverseMatch:
        return reverse("community:feeds")


def _when(event: CommunityEvent) -> str:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    day = f"{start:%A} {start.day} {start:%B %Y}"
    return f"{day}, {start:%H:%M} to {end:%H:%M}" if start.date() == end.date() else (
        f"{day} {start:%H:%M} to {end:%A} {end.day} {end:%B %Y} {end:%H:%M}")


def _location(event: CommunityEvent) -> str:
    parts = [event.location.strip()] if event.location.strip() else []
    if event.joining_link and event.format != EventFormat.IN_PERSON:
        parts.append(f"Online: {event.joining_link}")
    return "; ".join(parts)


def _feed_event(event: CommunityEvent, *, line: str,
                changed_at: dt.datetime | None = None) -> FeedEvent:
    cancelled = event.status == EventStatus.CANCELLED
    head = [f"{event.community.name}: {event.get_format_display().lower()} event, "
            f"{_when(event)}."]
    if cancelled:
        head.append("This event is cancelled.")
        line = "The event's page:"
    url = absolute_link(event_path(event))
    parts = [" ".join(head)]
    if event.description.strip():
        parts.append(event.description.strip())
    parts.append(f"{line}\n{url}")
    modified = max(filter(None, [event.updated_at, changed_at]))
    return FeedEvent(uid=event.uid, sequence=event.sequence, summary=event.title,
                     starts_at=event.starts_at, ends_at=event.ends_at,
                     last_modified=modified, cancelled=cancelled,
                     description="\n\n".join(parts), location=_location(event), url=url)


def community_calendar(community: Community, *, now: dt.datetime | None = None) -> bytes:
    """The iCalendar text of a community's feed."""
    now = now or timezone.now()
    events = [_feed_event(e, line="Details and registration on the event's page:")
              for e in community_events(community, now=now)]
    return render_calendar(events, name=f"{community.name} events", stamp=now,
                           description=f"Events of the {community.name} community (Cadre)")


def personal_calendar(person: Person, *, now: dt.datetime | None = None) -> bytes:
    """The iCalendar text of a person's feed; each event says where the person stands."""
    now = now or timezone.now()
    events = []
    for entry in personal_events(person, now=now):
        past = entry.event.starts_at <= now
        if entry.standing == RegistrationStatus.REGISTERED:
            line = ("You had a place. The event's page:" if past else
                    "You have a place. To give it up, open the event's page:")
        elif entry.standing == RegistrationStatus.WAITING:
            line = ("You were on the waiting list. The event's page:" if past else
                    "You are on the waiting list. The event's page:")
        else:
            line = ("You were not registered. The event's page:" if past else
                    "You are not registered. To register, open the event's page:")
        events.append(_feed_event(entry.event, line=line, changed_at=entry.changed_at))
    return render_calendar(events, name="Your community events", stamp=now,
                           description="Community events you are registered for or whose "
                                       "community you belong to (Cadre)")
