"""Demo communities of practice and events (issue 18 point 1), through the services.

Five communities: two national ones by role family, a regional one (Yorkshire and the
Humber), a local one (Leeds) and one about a topic, with leads and members from
departments, an agency, local authorities, the NHS, police and fire. Each has past events
with attendance (so CPD records appear on the attendees' records) and feedback (one past
event with enough responses for its summary to show), and upcoming events; one upcoming
event is full with a waiting list. The demo professional is a member of the first
community and has a place at its next event. Safe to run twice: communities already there
are left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cadre.community.models import Community, EventFormat
from cadre.community.services import networks as services
from cadre.framework.models import RoleFamily
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.people.models import Person

COMMENTS = ("Useful to hear how other organisations do it.", "Good speakers; too short.",
            "I will use the templates shared.", "", "Would like a follow-up session.",
            "Great networking.", "")


def _people(abbreviation: str, count: int, rng: random.Random) -> list[Person]:
    people = list(Person.objects.filter(organisation__abbreviation=abbreviation)
                  .order_by("staff_number")[:40])
    rng.shuffle(people)
    return people[:count]


def _families() -> list[RoleFamily]:
    families = list(RoleFamily.objects.filter(framework__is_default=True).order_by("name"))
    return families or list(RoleFamily.objects.order_by("name"))


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _event(actor: Any, community: Community, title: str, *, days: int, hours: int = 3,
           fmt: str = EventFormat.ONLINE, capacity: int = 40, cpd: str = "3") -> Any:
    start = _at(days if days > 0 else 30, 10)
    values = {"title": title, "format": fmt, "starts_at": start,
              "ends_at": start + dt.timedelta(hours=hours), "capacity": capacity,
              "cpd_hours": Decimal(cpd),
              "description": f"{title}: talks, discussion and time to meet colleagues."}
    if fmt in (EventFormat.IN_PERSON, EventFormat.HYBRID):
        values["location"] = "Quarry House, Leeds" if "Leeds" in community.name or \
            "Yorkshire" in community.name else "10 South Colonnade, London"
    if fmt in (EventFormat.ONLINE, EventFormat.HYBRID):
        values["joining_link"] = "https://meet.example.gov.uk/community-demo"
    return services.create_event(actor=actor, community=community, **values)


def _held(actor: Any, event: Any, days_ago: int, people: list[Person], rng: random.Random,
          feedback: int, guests: tuple[Person, ...] = ()) -> int:
    """Register people while the event is ahead, move it into the past, record attendance
    and feedback; returns how many attended. ``guests`` attend and have not yet given
    feedback (the demo professional and their manager: the feedback page is theirs to
    try)."""
    for person in people[:event.capacity - len(guests)]:
        services.register(actor=actor, event=event, person=person)
    guest_rows = [services.register(actor=actor, event=event, person=person)
                  for person in guests]
    length = event.ends_at - event.starts_at
    start = _at(-days_ago, 10)
    event = services.update_event(actor=actor, event=event, starts_at=start,
                                  ends_at=start + length)
    attended = 0
    for index, registration in enumerate(event.registrations.filter(status="registered")
                                         .order_by("registered_at", "pk")):
        if registration.pk in {g.pk for g in guest_rows}:
            services.record_attendance(actor=actor, event=event, registration=registration,
                                       attendance=True)
            attended += 1
            continue
        came = rng.random() < 0.85
        services.record_attendance(actor=actor, event=event, registration=registration,
                                   attendance=came)
        if came:
            attended += 1
            if index < feedback:
                services.give_feedback(actor=actor, event=event, person=registration.person,
                                       rating=rng.choice((3, 4, 4, 5, 5)),
                                       comment=rng.choice(COMMENTS))
    return attended


def load(*, actor: Any, rng: random.Random) -> list[str]:
    if Community.objects.filter(name="Data community of practice").exists():
        return ["Communities: already there."]
    families = _families()
    data_family = next((f for f in families if "data" in f.name.lower()), None)
    delivery_family = next((f for f in families if "product" in f.name.lower()
                            or "delivery" in f.name.lower()), None)
    specs = [
        ("Data community of practice", "national", "", data_family,
         "" if data_family else "Data", True),
        ("Delivery management network", "national", "", delivery_family,
         "" if delivery_family else "Delivery management", True),
        ("Yorkshire and the Humber digital network", "regional", "Yorkshire and the Humber",
         None, "Digital, data and technology across the region's public services", True),
        ("Leeds public sector technology meetup", "local", "Leeds", None,
         "Technology in Leeds public services", True),
        ("Accessibility champions", "national", "", None, "Accessibility", False),
    ]
    communities = []
    for name, scope, area, family, topic, is_open in specs:
        communities.append(services.create_community(
            actor=actor, name=name, scope=scope, area=area, role_family=family, topic=topic,
            is_open=is_open, summary=f"{name}: sharing practice, resources and events across "
                                     "departments, local government, the NHS, police and "
                                     "fire services."))
    pools = {abbr: _people(abbr, 12, rng) for abbr in
             ("DWP", "HMRC", "DVLA", "GDS", "LCC", "LTHT", "WYP", "WYFRS")}
    professional = Person.objects.filter(staff_number=DEMO_PROFESSIONAL).first()
    manager = professional.line_manager if professional is not None else None
    guests = tuple(p for p in (professional, manager) if p is not None)
    memberships = 0
    everyone: dict[int, list[Person]] = {}
    for index, community in enumerate(communities):
        orgs = ("LCC", "LTHT", "WYP", "WYFRS", "DWP") if community.area else tuple(pools)
        members: list[Person] = []
        for abbr in orgs:
            members += pools[abbr][index % 3: index % 3 + 3]
        members = [p for p in dict.fromkeys(members) if p not in guests]
        if not members:
            continue
        for lead in members[:2]:
            services.set_lead(actor=actor, community=community, person=lead)
        for person in members[2:]:
            services.add_member(actor=actor, community=community, person=person)
        memberships += len(members)
        if index == 0 and professional is not None:
            services.join_community(actor=actor, community=community, person=professional)
            memberships += 1
        everyone[community.pk] = members
    events = attended = 0
    first = communities[0]
    for index, community in enumerate(communities):
        members = everyone.get(community.pk, [])
        if not members:
            continue
        past = _event(actor, community, f"{community.name}: spring gathering", days=-1,
                      fmt=EventFormat.HYBRID, cpd="3.5")
        attended += _held(actor, past, 60 + index * 7, members, rng,
                          feedback=8 if index == 0 else 3)
        past2 = _event(actor, community, f"{community.name}: show and tell", days=-1,
                       hours=2, cpd="2")
        attended += _held(actor, past2, 20 + index * 5, members, rng, feedback=2,
                          guests=guests if community.pk == first.pk else ())
        upcoming = _event(actor, community, f"{community.name}: quarterly meeting",
                          days=14 + index * 3, fmt=EventFormat.IN_PERSON
                          if community.area else EventFormat.HYBRID, cpd="3")
        for person in members[2:8]:
            services.register(actor=actor, event=upcoming, person=person)
        if community.pk == first.pk and professional is not None:
            services.register(actor=actor, event=upcoming, person=professional)
        events += 3
    full = _event(actor, first, "Data community: masterclass on data ethics", days=28,
                  hours=2, capacity=5, cpd="2")
    for person in everyone.get(first.pk, [])[:8]:
        services.register(actor=actor, event=full, person=person)
    events += 1
    return [f"Communities: {len(communities)} with {memberships} memberships; {events} events "
            f"({attended} attendances recorded as CPD); one event full with a waiting list."]
