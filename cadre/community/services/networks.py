"""Writes for communities of practice and their events (issue 18 point 1).

Every write is keyword-only, atomic, audited and authorised with an ``Actor``:

- **Communities**: organisers (heads of profession, the central team, administrators; the
  command line) create, change and close communities and appoint or remove leads. Anyone
  with a person record joins an *open* community and leaves any; a community's leads (and
  organisers) add people to any community, closed ones included, and remove members.
- **Events**: a community's active leads (and organisers) create, change and cancel its
  events. Every change to time, place, format or status adds one to ``sequence`` with a
  conditional ``UPDATE`` under the event's row lock; ``uid`` never changes.
- **Registration**: events of an *open* community are open to anyone with a person record
  (registering does not make them a member); events of a *closed* community are for its
  members only. A place while places remain, else the waiting list (``registered_at``
  order). Giving up a place promotes the head of the waiting list in the same
  transaction. All of it under a lock of the event row, so two people racing for the
  last place get one place and one waiting-list place; registering twice is a
  :class:`NetworkConflict` (HTTP 409).
- **Attendance**: once the event has started, leads record attended or did not attend
  for each person with a place. Attended writes a CPD record (source ``event``, the
  event's hours, one renewal credit an hour: ``networks_rules.credits_for_hours``)
  through ``accreditation.services.cpd.record_cpd`` as Cadre itself; the audit trail
  names who recorded the attendance. Undoing it removes that CPD record.
- **Feedback**: people with a place who were not recorded absent rate the event 1..5
  with an optional comment, once, after it starts.

Limits: docs/limits.md, "Community networks".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cadre.accreditation.services.cpd import delete_cpd, record_cpd
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.community import networks_rules
from cadre.community.models import (
    MAX_CAPACITY,
    MAX_CPD_HOURS,
    MAX_DESCRIPTION,
    MAX_FEEDBACK,
    Attendance,
    Community,
    CommunityEvent,
    EventFormat,
    EventStatus,
    Membership,
    MembershipRole,
    Registration,
    RegistrationStatus,
    Scope,
)
from cadre.community.selectors import networks as sel
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_bool, parse_choice, parse_int
from cadre.core.versions import check_version
from cadre.framework.models import RoleFamily
from cadre.people.models import Person

#: Limits of this area (docs/limits.md, "Community networks").
MAX_NAME = 200
MAX_AREA = 100
MAX_TOPIC = 200
MAX_TITLE = 200
MAX_LOCATION = 300
MAX_LINK = 500
MAX_REASON = 500
#: The longest event, start to end.
MAX_EVENT_DAYS = 14
#: How far ahead an event may be planned.
MAX_YEARS_AHEAD = 3

ORGANISERS_ONLY = ("Only heads of profession, the central team and administrators set up "
                   "communities and appoint their leads.")
LEADS_ONLY = "Only this community's leads and community organisers do this."
NEEDS_PERSON = "You need a person record in Cadre to take part in communities."

#: Event fields whose change is a new version for calendars (SEQUENCE goes up).
SEQUENCED = ("starts_at", "ends_at", "location", "joining_link", "format", "status")
EVENT_FIELDS = ("title", "description", "format", "location", "joining_link", "starts_at",
                "ends_at", "capacity", "cpd_hours")
COMMUNITY_FIELDS = ("name", "summary", "scope", "area", "role_family", "topic", "is_open")


class NetworkConflict(Exception):
    """The change is no longer possible (HTTP 409): already registered, already a
    member, already cancelled, or someone else changed the record first."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


def _saved(instance: Any, actor: Actor, **kwargs: Any) -> Any:
    instance._history_user = history_user(actor)
    instance.save(**kwargs)
    return instance


def _require_organiser(actor: Actor) -> None:
    if not actor.trusted and not sel.may_organise(actor.user):
        raise PermissionDenied(ORGANISERS_ONLY)


def _require_runner(actor: Actor, community: Community) -> None:
    """Leads of the community (an active lead membership) and organisers."""
    if actor.trusted:
        return
    if not actor.is_user or not sel.may_run(actor.user, community):
        raise PermissionDenied(LEADS_ONLY)


def _own_person(actor: Actor, person: Person | int | None, *, field: str = "person") -> Person:
    """``person`` for the command line and the system; otherwise the actor's own record
    (another person's only through the lead paths)."""
    if person is not None:
        return _person(person, field=field)
    found = sel.person_of(actor.user) if actor.is_user else None
    if found is None:
        if actor.trusted:
            raise invalid(field, "Name the person.")
        raise PermissionDenied(NEEDS_PERSON)
    return found


def _person(value: Any, *, field: str = "person") -> Person:
    if isinstance(value, Person):
        return value
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid(field, "Name the person.")
    found = None
    if (text.isascii() and text.isdigit()):
        found = Person.objects.filter(pk=int(text)).first() if len(text) < 19 else None
    elif "/" in text:
        abbreviation, _, staff_number = text.partition("/")
        found = Person.objects.filter(organisation__abbreviation__iexact=abbreviation.strip(),
                                      staff_number=staff_number.strip()).first()
    if found is None:
        raise invalid(field, f"'{text[:60]}' is not a person in Cadre (give an id or "
                             "ORGANISATION/STAFF_NUMBER).")
    return found


def find_person(value: Any, *, field: str = "person") -> Person:
    """A person by id, ``ORGANISATION/STAFF_NUMBER`` or record; ``ValidationError`` naming
    ``field`` when there is none."""
    return _person(value, field=field)


def _community(value: Community | int | str, *, field: str = "community",
               lock: bool = False) -> Community:
    pk = value.pk if isinstance(value, Community) else value
    qs = Community.objects.select_for_update() if lock else Community.objects.all()
    try:
        found = qs.filter(pk=int(str(pk))).first() if len(str(pk)) < 19 else None
    except ValueError:
        found = None
    if found is None:
        raise invalid(field, f"There is no community {str(pk)[:40]}.")
    return found


def _event(value: CommunityEvent | int | str, *, lock: bool = True) -> CommunityEvent:
    pk = value.pk if isinstance(value, CommunityEvent) else value
    qs = CommunityEvent.objects.select_for_update() if lock else CommunityEvent.objects.all()
    try:
        found = qs.filter(pk=int(str(pk))).first() if len(str(pk)) < 19 else None
    except ValueError:
        found = None
    if found is None:
        raise invalid("event", f"There is no event {str(pk)[:40]}.")
    return found


# -- checking values -------------------------------------------------------------------

def _required(value: Any, *, field: str, what: str, max_length: int) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise invalid(field, f"Enter {what}.")
    return check_text(text, field=field, max_length=max_length)


def _text(value: Any, *, field: str, max_length: int) -> str:
    return check_text(str(value if value is not None else "").strip(), field=field,
                      max_length=max_length)


def _choice(value: Any, *, field: str, choices: Any) -> str:
    """A choice by its value or its words, any case (``in_person`` or ``In person``)."""
    text = str(value if value is not None else "").strip()
    by_words = {str(label).lower(): key for key, label in choices.choices}
    by_key = {key.lower(): key for key in choices.values}
    found = by_key.get(text.lower()) or by_words.get(text.lower()) or \
        by_key.get(text.lower().replace(" ", "_").replace("-", "_"))
    return parse_choice(found or text, field=field, choices=choices.values)


def _role_family(value: Any) -> RoleFamily | None:
    if value is None or value == "":
        return None
    if isinstance(value, RoleFamily):
        return value
    text = str(value).strip()
    found = (RoleFamily.objects.filter(pk=int(text)).first()
             if (text.isascii() and text.isdigit()) and len(text) < 19 else None) \
        or RoleFamily.objects.filter(name__iexact=text).order_by("-framework__is_default",
                                                                 "pk").first()
    if found is None:
        raise invalid("role_family", f"'{text[:60]}' is not a role family.")
    return found


def _link(value: Any) -> str:
    text = _text(value, field="joining_link", max_length=MAX_LINK)
    if text:
        try:
            URLValidator(schemes=["https", "http"])(text)
        except ValidationError:
            raise invalid("joining_link", "Give the joining link as a web address starting "
                                          "https://.") from None
    return text


def _moment(value: Any, *, field: str, what: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = str(value if value is not None else "").strip()
        if not text:
            raise invalid(field, f"Give {what}.")
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            raise invalid(field, f"Give {what} as a date and time (YYYY-MM-DDTHH:MM), not "
                                 f"'{text[:40]}'.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _hours(value: Any) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise invalid("cpd_hours", "Give the CPD hours (0 if none).")
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise invalid("cpd_hours", f"Give the CPD hours as a number, not "
                                   f"'{str(value)[:40]}'.") from None
    if not hours.is_finite() or hours < 0 or hours > MAX_CPD_HOURS:
        raise invalid("cpd_hours", f"Give between 0 and {MAX_CPD_HOURS} CPD hours.")
    if hours != hours.quantize(Decimal("0.1")):
        raise invalid("cpd_hours", "Give CPD hours to one decimal place at most.")
    return hours


def _community_values(data: dict[str, Any], *, exclude: int | None = None) -> dict[str, Any]:
    values = collect({
        "name": lambda: _required(data.get("name"), field="name",
                                  what="the community's name", max_length=MAX_NAME),
        "summary": lambda: _text(data.get("summary"), field="summary",
                                 max_length=MAX_DESCRIPTION),
        "scope": lambda: _choice(data.get("scope"), field="scope", choices=Scope),
        "area": lambda: _text(data.get("area"), field="area", max_length=MAX_AREA),
        "role_family": lambda: _role_family(data.get("role_family")),
        "topic": lambda: _text(data.get("topic"), field="topic", max_length=MAX_TOPIC),
        "is_open": lambda: parse_bool(data.get("is_open"), field="is_open", default=True)
        if not isinstance(data.get("is_open"), bool) else data["is_open"],
    })
    if values["scope"] == Scope.NATIONAL and values["area"]:
        raise invalid("area", "A national community has no region or place; leave it blank.")
    if values["scope"] != Scope.NATIONAL and not values["area"]:
        raise invalid("area", "Give the region or place of a regional or local community.")
    if values["role_family"] is None and not values["topic"]:
        raise invalid("topic", "Give the community's role family or its topic.")
    others = Community.objects.exclude(pk=exclude) if exclude else Community.objects.all()
    if others.filter(name__iexact=values["name"]).exists():
        raise invalid("name", f"There is already a community called {values['name']}.")
    return values


def _event_values(data: dict[str, Any], *, actor: Actor,
                  creating: bool) -> dict[str, Any]:
    values = collect({
        "title": lambda: _required(data.get("title"), field="title", what="the event's title",
                                   max_length=MAX_TITLE),
        "description": lambda: _text(data.get("description"), field="description",
                                     max_length=MAX_DESCRIPTION),
        "format": lambda: _choice(data.get("format"), field="format", choices=EventFormat),
        "location": lambda: _text(data.get("location"), field="location",
                                  max_length=MAX_LOCATION),
        "joining_link": lambda: _link(data.get("joining_link")),
        "starts_at": lambda: _moment(data.get("starts_at"), field="starts_at",
                                     what="when the event starts"),
        "ends_at": lambda: _moment(data.get("ends_at"), field="ends_at",
                                   what="when the event ends"),
        "capacity": lambda: parse_int(data.get("capacity"), field="capacity", minimum=1,
                                      maximum=MAX_CAPACITY),
        "cpd_hours": lambda: _hours(data.get("cpd_hours")),
    })
    errors: dict[str, list[str]] = {}
    fmt = values["format"]
    if fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not values["location"]:
        errors["location"] = ["Give where the event is held."]
    if fmt == EventFormat.ONLINE and values["location"]:
        errors["location"] = ["An online event has no place; leave the location blank."]
    if fmt in (EventFormat.ONLINE, EventFormat.HYBRID) and not values["joining_link"]:
        errors["joining_link"] = ["Give the link people use to join online."]
    if fmt == EventFormat.IN_PERSON and values["joining_link"]:
        errors["joining_link"] = ["An in-person event has no joining link; leave it blank."]
    starts, ends = values["starts_at"], values["ends_at"]
    now = timezone.now()
    if ends <= starts:
        errors["ends_at"] = ["The event must end after it starts."]
    elif ends - starts > dt.timedelta(days=MAX_EVENT_DAYS):
        errors["ends_at"] = [f"An event lasts at most {MAX_EVENT_DAYS} days."]
    if starts > now + dt.timedelta(days=365 * MAX_YEARS_AHEAD):
        errors["starts_at"] = [f"Plan events at most {MAX_YEARS_AHEAD} years ahead."]
    elif creating and starts <= now and not actor.trusted:
        errors["starts_at"] = ["The start must be in the future."]
    if errors:
        raise ValidationError(errors)
    return values


# -- communities -----------------------------------------------------------------------

@transaction.atomic
def create_community(*, actor: Actor | Any, name: str, scope: str, summary: str = "",
                     area: str = "", role_family: RoleFamily | int | str | None = None,
                     topic: str = "", is_open: bool = True) -> Community:
    """A new community (organisers only): its name is unique, ignoring case; a regional or
    local one names its area; each has a role family or a topic (or both)."""
    actor = Actor.coerce(actor)
    _require_organiser(actor)
    values = _community_values({"name": name, "scope": scope, "summary": summary,
                                "area": area, "role_family": role_family, "topic": topic,
                                "is_open": is_open})
    community = _saved(Community(created_by=actor.user, **values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=community,
                 summary=f"Community {community.name} set up",
                 data={"scope": community.scope, "open": community.is_open})
    return community


@transaction.atomic
def update_community(*, actor: Actor | Any, community: Community | int,
                     if_match: Collection[str] | None = None, **changes: Any) -> Community:
    """Change the fields given (organisers only)."""
    actor = Actor.coerce(actor)
    _require_organiser(actor)
    community = _community(community, lock=True)
    check_version(community, if_match)
    unknown = sorted(set(changes) - set(COMMUNITY_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(community, name) for name in COMMUNITY_FIELDS}
    values = _community_values({**current, **changes}, exclude=community.pk)
    changed = sorted(k for k, v in values.items() if current[k] != v)
    for name in changed:
        setattr(community, name, values[name])
    if changed:
        _saved(community, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=community,
                     summary=f"Community {community.name} changed", data={"fields": changed})
    return community


@transaction.atomic
def close_community(*, actor: Actor | Any, community: Community | int) -> Community:
    """Close a community (organisers only): nobody joins it and no event is added. Its
    upcoming events are cancelled first (``ValidationError`` while any remain)."""
    actor = Actor.coerce(actor)
    _require_organiser(actor)
    community = _community(community, lock=True)
    if community.closed_on is not None:
        raise NetworkConflict(f"{community.name} was closed on {community.closed_on}.")
    upcoming = community.events.filter(status=EventStatus.SCHEDULED,
                                       starts_at__gt=timezone.now()).count()
    if upcoming:
        raise invalid("community", f"{community.name} has {upcoming} upcoming event(s); "
                                   "cancel them before closing it.")
    community.closed_on = timezone.localdate()
    _saved(community, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=community,
                 summary=f"Community {community.name} closed", data={"closed": True})
    return community


def _open_membership(community: Community, person: Person, *, role: str,
                     actor: Actor) -> Membership:
    try:
        with transaction.atomic():
            return _saved(Membership(community=community, person=person, role=role,
                                     joined_on=timezone.localdate()), actor)
    except IntegrityError:
        raise NetworkConflict(f"{person.first_name} {person.last_name} is already a member "
                              f"of {community.name}.", field="person") from None


def _not_closed(community: Community) -> None:
    if community.closed_on is not None:
        raise invalid("community", f"{community.name} is closed.")


@transaction.atomic
def join_community(*, actor: Actor | Any, community: Community | int,
                   person: Person | int | str | None = None) -> Membership:
    """Join an open community yourself (the command line names the person)."""
    actor = Actor.coerce(actor)
    community = _community(community, lock=True)
    if person is not None and not actor.trusted:
        return add_member(actor=actor, community=community, person=person)
    person = _own_person(actor, person)
    _not_closed(community)
    if not community.is_open:
        raise PermissionDenied(f"{community.name} is a closed community: its leads add "
                               "members.")
    if sel.current_membership(person, community) is not None:
        raise NetworkConflict(f"You are already a member of {community.name}.")
    membership = _open_membership(community, person, role=MembershipRole.MEMBER, actor=actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=membership,
                 summary=f"{person.staff_number} joined {community.name}",
                 data={"community": community.pk, "person": person.pk})
    return membership


@transaction.atomic
def add_member(*, actor: Actor | Any, community: Community | int,
               person: Person | int | str) -> Membership:
    """A lead (or organiser) adds someone from any organisation, to an open or closed
    community."""
    actor = Actor.coerce(actor)
    community = _community(community, lock=True)
    _require_runner(actor, community)
    person = _person(person)
    _not_closed(community)
    if sel.current_membership(person, community) is not None:
        raise NetworkConflict(f"{person.first_name} {person.last_name} is already a member "
                              f"of {community.name}.", field="person")
    membership = _open_membership(community, person, role=MembershipRole.MEMBER, actor=actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=membership,
                 summary=f"{person.staff_number} added to {community.name}",
                 data={"community": community.pk, "person": person.pk})
    return membership


@transaction.atomic
def leave_community(*, actor: Actor | Any, community: Community | int,
                    person: Person | int | str | None = None) -> Membership:
    """Leave a community (anyone, any community), or remove a member (its leads and
    organisers). The membership is kept as history with ``left_on``."""
    actor = Actor.coerce(actor)
    community = _community(community, lock=True)
    own = sel.person_of(actor.user) if actor.is_user else None
    if person is None:
        person = _own_person(actor, None)
    else:
        person = _person(person)
        if own is None or own.pk != person.pk:
            _require_runner(actor, community)
    membership = (Membership.objects.select_for_update()
                  .filter(community=community, person=person, left_on__isnull=True).first())
    if membership is None:
        raise NetworkConflict(f"{person.first_name} {person.last_name} is not a member of "
                              f"{community.name}.", field="person")
    membership.left_on = timezone.localdate()
    _saved(membership, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=membership,
                 summary=f"{person.staff_number} left {community.name}",
                 data={"community": community.pk, "person": person.pk,
                       "removed": own is None or own.pk != person.pk})
    return membership


@transaction.atomic
def set_lead(*, actor: Actor | Any, community: Community | int, person: Person | int | str,
             lead: bool = True) -> Membership:
    """Appoint a lead (``lead=True``; someone not yet a member joins as lead) or make a
    lead an ordinary member again (organisers only)."""
    actor = Actor.coerce(actor)
    _require_organiser(actor)
    community = _community(community, lock=True)
    person = _person(person)
    membership = (Membership.objects.select_for_update()
                  .filter(community=community, person=person, left_on__isnull=True).first())
    if lead:
        _not_closed(community)
        if membership is None:
            membership = _open_membership(community, person, role=MembershipRole.LEAD,
                                          actor=actor)
        elif membership.role == MembershipRole.LEAD:
            raise NetworkConflict(f"{person.first_name} {person.last_name} already leads "
                                  f"{community.name}.", field="person")
        else:
            membership.role = MembershipRole.LEAD
            _saved(membership, actor)
    else:
        if membership is None or membership.role != MembershipRole.LEAD:
            raise NetworkConflict(f"{person.first_name} {person.last_name} is not a lead of "
                                  f"{community.name}.", field="person")
        membership.role = MembershipRole.MEMBER
        _saved(membership, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=membership,
                 summary=(f"{person.staff_number} "
                          f"{'appointed lead of' if lead else 'no longer leads'} "
                          f"{community.name}"),
                 data={"community": community.pk, "person": person.pk, "lead": lead})
    return membership


# -- events ----------------------------------------------------------------------------

@transaction.atomic
def create_event(*, actor: Actor | Any, community: Community | int, **fields: Any
                 ) -> CommunityEvent:
    """A new event (the community's leads and organisers): ``title``, ``description``,
    ``format``, ``location`` (in person, hybrid), ``joining_link`` (online, hybrid),
    ``starts_at``, ``ends_at``, ``capacity`` (1..5000) and ``cpd_hours`` (0..100).
    Leads plan events in the future; the command line may record past ones."""
    actor = Actor.coerce(actor)
    community = _community(community, lock=True)
    _require_runner(actor, community)
    _not_closed(community)
    unknown = sorted(set(fields) - set(EVENT_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This is not a field of an event.")
    values = _event_values(fields, actor=actor, creating=True)
    event = _saved(CommunityEvent(community=community, created_by=actor.user, **values), actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=event,
                 summary=f"Event {event.title} added to {community.name}",
                 data={"uid": event.uid, "starts_at": event.starts_at.isoformat()})
    return event


def _bump(event: CommunityEvent, values: dict[str, Any], actor: Actor) -> CommunityEvent:
    """Write ``values`` with ``sequence + 1``, only if the sequence is still the one read
    under the lock (a conditional UPDATE); then save once more for the record history."""
    written = (CommunityEvent.objects.filter(pk=event.pk, sequence=event.sequence)
               .update(sequence=F("sequence") + 1, updated_at=timezone.now(), **values))
    if written != 1:
        raise NetworkConflict("Someone else changed this event first; reload it and try again.")
    event.refresh_from_db()
    _saved(event, actor, update_fields=["updated_at"])
    return event


def _promote(event: CommunityEvent, actor: Actor) -> list[Registration]:
    """Give free places to the head of the waiting list (event row already locked)."""
    taken = Registration.objects.filter(event=event,
                                        status=RegistrationStatus.REGISTERED).count()
    waiting = list(Registration.objects.select_for_update()
                   .filter(event=event, status=RegistrationStatus.WAITING)
                   .order_by("registered_at", "pk"))
    count = networks_rules.promotions(taken=taken, capacity=event.capacity,
                                      waiting=len(waiting))
    promoted = waiting[:count]
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        _saved(registration, actor)
        record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=registration,
                     summary=f"{registration.person.staff_number} moved from the waiting list "
                             f"to a place at {event.title}",
                     data={"event": event.pk, "status": RegistrationStatus.REGISTERED})
    return promoted


@transaction.atomic
def update_event(*, actor: Actor | Any, event: CommunityEvent | int,
                 if_match: Collection[str] | None = None, **changes: Any) -> CommunityEvent:
    """Change the fields given (leads and organisers). A change of time, place or format
    adds one to ``sequence``; more places promote people from the waiting list; fewer
    places than people already holding one are refused."""
    actor = Actor.coerce(actor)
    event = _event(event)
    _require_runner(actor, event.community)
    check_version(event, if_match)
    if event.status == EventStatus.CANCELLED:
        raise NetworkConflict(f"{event.title} has been cancelled; it cannot be changed.")
    unknown = sorted(set(changes) - set(EVENT_FIELDS))
    if unknown:
        raise invalid(unknown[0], "This field cannot be changed.")
    current = {name: getattr(event, name) for name in EVENT_FIELDS}
    values = _event_values({**current, **changes}, actor=actor, creating=False)
    changed = sorted(k for k, v in values.items() if current[k] != v)
    if not changed:
        return event
    if "starts_at" in changed and values["starts_at"] <= timezone.now() and not actor.trusted:
        raise invalid("starts_at", "The new start must be in the future.")
    taken = Registration.objects.filter(event=event,
                                        status=RegistrationStatus.REGISTERED).count()
    if values["capacity"] < taken:
        raise invalid("capacity", f"{taken} people already have places; give at least "
                                  f"{taken} places.")
    before = {k: str(current[k]) for k in changed}
    if any(k in SEQUENCED for k in changed):
        event = _bump(event, {k: values[k] for k in changed}, actor)
    else:
        for name in changed:
            setattr(event, name, values[name])
        _saved(event, actor)
    promoted = _promote(event, actor) if "capacity" in changed else []
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=event,
                 summary=f"Event {event.title} changed",
                 data={"fields": changed, "before": before, "sequence": event.sequence,
                       "promoted": len(promoted)})
    return event


@transaction.atomic
def cancel_event(*, actor: Actor | Any, event: CommunityEvent | int,
                 reason: str = "") -> CommunityEvent:
    """Cancel an event (leads and organisers); its sequence goes up and registrations are
    kept so calendars and people see it was cancelled."""
    actor = Actor.coerce(actor)
    event = _event(event)
    _require_runner(actor, event.community)
    reason = _text(reason, field="reason", max_length=MAX_REASON)
    if event.status == EventStatus.CANCELLED:
        raise NetworkConflict(f"{event.title} has already been cancelled.")
    event = _bump(event, {"status": EventStatus.CANCELLED}, actor)
    registrants = list(Registration.objects.filter(event=event).exclude(
        status=RegistrationStatus.CANCELLED).values_list("person_id", flat=True))
    # TODO(issue 18): tell registrants by message once cadre.notifications has an
    # "event cancelled" kind; there is none yet, so nothing is sent (see the report).
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=event,
                 summary=f"Event {event.title} cancelled",
                 data={"reason": reason, "sequence": event.sequence,
                       "registrants": len(registrants)})
    return event


# -- registration ----------------------------------------------------------------------

@transaction.atomic
def register(*, actor: Actor | Any, event: CommunityEvent | int,
             person: Person | int | str | None = None) -> Registration:
    """Register yourself (the command line names the person): a place while places
    remain, else the waiting list. Open communities' events are open to anyone with a
    person record; closed communities' events to their members only."""
    actor = Actor.coerce(actor)
    event = _event(event)
    if person is not None and not actor.trusted:
        own = sel.person_of(actor.user)
        if own is None or own.pk != _person(person).pk:
            raise PermissionDenied("You can register only yourself.")
    person = _own_person(actor, person)
    if event.status == EventStatus.CANCELLED:
        raise invalid("event", f"{event.title} has been cancelled.")
    if event.starts_at <= timezone.now():
        raise invalid("event", f"{event.title} has already started.")
    community = event.community
    if not community.is_open and sel.current_membership(person, community) is None:
        raise PermissionDenied(f"{community.name} is a closed community: its events are for "
                               "its members.")
    existing = Registration.objects.select_for_update().filter(event=event,
                                                               person=person).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        where = "have a place" if existing.status == RegistrationStatus.REGISTERED \
            else "are on the waiting list"
        raise NetworkConflict(f"You already {where} at {event.title}." if sel.person_of(
            actor.user) == person else f"{person.first_name} {person.last_name} already "
            f"{where.replace('have', 'has').replace('are', 'is')} at {event.title}.",
            field="person")
    taken = Registration.objects.filter(event=event,
                                        status=RegistrationStatus.REGISTERED).count()
    status = networks_rules.place_for(taken=taken, capacity=event.capacity)
    now = timezone.now()
    if existing is None:
        registration = Registration(event=event, person=person, status=status,
                                    registered_at=now)
    else:
        registration = existing
        registration.status, registration.registered_at = status, now
        registration.cancelled_at = None
    try:
        with transaction.atomic():
            _saved(registration, actor)
    except IntegrityError:
        raise NetworkConflict(f"{person.first_name} {person.last_name} is already registered "
                              f"for {event.title}.", field="person") from None
    record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=registration,
                 summary=f"{person.staff_number} registered for {event.title}",
                 data={"event": event.pk, "status": status})
    return registration


def _registration(event: CommunityEvent, registration: Registration | int | str | None,
                  person: Person | None) -> Registration:
    qs = Registration.objects.select_for_update().select_related("person")
    if registration is not None:
        pk = registration.pk if isinstance(registration, Registration) else registration
        found = (qs.filter(pk=int(str(pk)), event=event).first()
                 if (str(pk).isascii() and str(pk).isdigit()) and len(str(pk)) < 19 else None)
        if found is None:
            raise invalid("registration", f"There is no registration {str(pk)[:40]} for "
                                          f"{event.title}.")
        return found
    found = qs.filter(event=event, person=person).first()
    if found is None:
        raise invalid("person", f"{person.first_name} {person.last_name} is not registered "
                                f"for {event.title}.")
    return found


@transaction.atomic
def cancel_registration(*, actor: Actor | Any, event: CommunityEvent | int,
                        registration: Registration | int | None = None,
                        person: Person | int | str | None = None) -> Registration:
    """Give up your place or waiting-list place (leads and organisers may cancel anyone's);
    a freed place goes to the head of the waiting list in the same transaction."""
    actor = Actor.coerce(actor)
    event = _event(event)
    if registration is None:
        person = _own_person(actor, person) if person is None else _person(person)
    row = _registration(event, registration, person if registration is None else None)
    own = sel.person_of(actor.user) if actor.is_user else None
    if own is None or own.pk != row.person_id:
        _require_runner(actor, event.community)
    if row.status == RegistrationStatus.CANCELLED:
        raise NetworkConflict("This registration has already been cancelled.")
    if event.starts_at <= timezone.now():
        raise invalid("event", f"{event.title} has already started.")
    had_place = row.status == RegistrationStatus.REGISTERED
    row.status, row.cancelled_at = RegistrationStatus.CANCELLED, timezone.now()
    _saved(row, actor)
    promoted = _promote(event, actor) if had_place and event.status == EventStatus.SCHEDULED \
        else []
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"{row.person.staff_number} cancelled their registration for "
                         f"{event.title}",
                 data={"event": event.pk, "had_place": had_place,
                       "promoted": [r.person_id for r in promoted]})
    return row


# -- attendance and feedback -----------------------------------------------------------

def _attendance_value(value: Any) -> str:
    if value is None or value == "" or value == Attendance.UNKNOWN:
        return Attendance.UNKNOWN
    if isinstance(value, bool):
        return Attendance.ATTENDED if value else Attendance.ABSENT
    text = str(value).strip().lower()
    if text in ("attended", "true", "yes", "1"):
        return Attendance.ATTENDED
    if text in ("absent", "false", "no", "0", "did not attend"):
        return Attendance.ABSENT
    raise invalid("attendance", f"'{str(value)[:40]}' is not attended, absent or blank.")


@transaction.atomic
def record_attendance(*, actor: Actor | Any, event: CommunityEvent | int,
                      registration: Registration | int | str,
                      attendance: bool | str | None) -> Registration:
    """Record attended (``True``/``"attended"``), did not attend (``False``/``"absent"``)
    or not recorded (``None``/``""``) for a person with a place, once the event has
    started (leads and organisers). Attended writes one CPD record; anything else removes
    it."""
    actor = Actor.coerce(actor)
    event = _event(event)
    _require_runner(actor, event.community)
    value = _attendance_value(attendance)
    if event.status == EventStatus.CANCELLED:
        raise invalid("event", f"{event.title} was cancelled.")
    if event.starts_at > timezone.now():
        raise invalid("event", f"{event.title} has not started yet.")
    row = _registration(event, registration, None)
    if row.status != RegistrationStatus.REGISTERED:
        raise invalid("registration", f"{row.person.first_name} {row.person.last_name} did not "
                                      "have a place.")
    if row.attendance == value:
        return row
    before = row.attendance
    system = Actor.system()
    if value == Attendance.ATTENDED and row.cpd_record_id is None and event.cpd_hours > 0:
        record = record_cpd(
            actor=system, person=row.person, activity=event.title[:200],
            category="professional",
            completed_on=min(timezone.localdate(event.starts_at), timezone.localdate()),
            hours=event.cpd_hours, credits=networks_rules.credits_for_hours(event.cpd_hours),
            evidence=(f"Attended {event.title} ({event.community.name}); attendance "
                      f"recorded by {actor.label}."),
            link=event.joining_link or "", source="event")
        row.cpd_record = record
    elif value != Attendance.ATTENDED and row.cpd_record_id is not None:
        delete_cpd(actor=system, record_id=row.cpd_record_id)
        row.cpd_record = None
    row.attendance = value
    _saved(row, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Attendance of {row.person.staff_number} at {event.title}: "
                         f"{Attendance(value).label}",
                 data={"event": event.pk, "from": before, "to": value,
                       "cpd_record": row.cpd_record_id})
    return row


@transaction.atomic
def give_feedback(*, actor: Actor | Any, event: CommunityEvent | int, rating: Any,
                  comment: str = "", person: Person | int | str | None = None
                  ) -> Registration:
    """Rate an event 1..5 with an optional comment, once, after it starts: people with a
    place who were not recorded as absent."""
    actor = Actor.coerce(actor)
    event = _event(event)
    if person is not None and not actor.trusted:
        raise PermissionDenied("You can give feedback only for yourself.")
    person = _own_person(actor, person)
    values = collect({
        "rating": lambda: parse_int(rating, field="rating", minimum=1, maximum=5),
        "comment": lambda: _text(comment, field="comment", max_length=MAX_FEEDBACK),
    })
    if event.starts_at > timezone.now():
        raise invalid("event", f"{event.title} has not started yet.")
    if event.status == EventStatus.CANCELLED:
        raise invalid("event", f"{event.title} was cancelled.")
    row = Registration.objects.select_for_update().filter(event=event, person=person).first()
    if row is None or row.status != RegistrationStatus.REGISTERED \
            or row.attendance == Attendance.ABSENT:
        raise PermissionDenied("Only people who attended give feedback on an event.")
    if row.rating is not None:
        raise NetworkConflict("You have already given feedback on this event.")
    row.rating, row.feedback = values["rating"], values["comment"]
    _saved(row, actor)
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
                 summary=f"Feedback given on {event.title}", data={"event": event.pk})
    return row


__all__ = [
    "NetworkConflict", "add_member", "cancel_event", "cancel_registration",
    "close_community", "create_community", "create_event", "find_person", "give_feedback",
    "join_community", "leave_community", "record_attendance", "register", "set_lead",
    "update_community", "update_event",
]
