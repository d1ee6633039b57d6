"""Demo learning exchange (issue 18 point 3), through the services.

Six organisations trade: two departments (DWP, HMRC), the Government Digital Service, a
local authority (Leeds City Council), a police force (West Yorkshire Police) and a fire
service (West Yorkshire Fire and Rescue Service). Each offers sessions in the coming
weeks; others book places; one booking is cancelled (a reversing transaction). One DWP
session took place last week: it was booked while still ahead and its start is then moved
into the past (the one write here outside the services, standing in for time passing), and
one of its bookings is refunded (the other organisation's staff could not get in), so the
pages show a refund and a booking that may still be refunded. The fire service's limit is
set low and it books up to near it, so its balance page shows an organisation that must
offer before it books much more. Safe to run twice: if the demo offers are there already,
nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from cadre.community.models import ExchangeOffer
from cadre.community.services import exchange as services
from cadre.organisations.models import Organisation

#: (offering organisation, title, skills, days ahead, format, places, credits a place)
OFFERS = (
    ("DWP", "Agile delivery for non-specialists", "Agile delivery, Planning", 9, "online",
     20, 2),
    ("DWP", "Running a service assessment", "Service assessment, Service design", 16,
     "hybrid", 12, 3),
    ("HMRC", "Data protection impact assessments in practice", "Data protection, Risk", 12,
     "online", 25, 2),
    ("GDS", "Accessibility testing with assistive technology", "Accessibility, Testing", 20,
     "in_person", 10, 4),
    ("LCC", "User research with residents", "User research", 23, "in_person", 8, 3),
    ("WYP", "Threat modelling for operational systems", "Security, Threat modelling", 30,
     "hybrid", 15, 2),
    ("WYFRS", "Incident command lessons for digital teams", "Incident management", 27,
     "in_person", 6, 2),
)

#: (offer index, booking organisation, places)
BOOKINGS = (
    (0, "HMRC", 4), (0, "LCC", 3), (0, "WYFRS", 2), (1, "GDS", 2), (2, "DWP", 5),
    (2, "WYP", 3), (3, "DWP", 2), (3, "WYFRS", 1), (4, "HMRC", 2), (5, "LCC", 2),
    (6, "GDS", 1), (2, "WYFRS", 1),
)
#: The session that took place last week: (title, skills, bookings (organisation, places)).
PAST = ("Lessons from a live service incident", "Incident management, Operations",
        (("HMRC", 2), ("LCC", 1)))
#: The fire service's low credit limit: it ends 8 of its 10 credits below zero.
NEAR_LIMIT = ("WYFRS", 10)


def load(*, actor: Any, rng: random.Random) -> list[str]:
    titles = [title for _, title, *_ in OFFERS] + [PAST[0]]
    if ExchangeOffer.objects.filter(title__in=titles).exists():
        return ["Learning exchange: demo offers already there; left alone."]
    orgs = {o.abbreviation: o for o in Organisation.objects.filter(
        abbreviation__in={abbr for abbr, *_ in OFFERS})}
    missing = sorted({abbr for abbr, *_ in OFFERS} - set(orgs))
    if missing:
        return [f"Learning exchange: skipped (no organisations {', '.join(missing)})."]
    services.set_credit_limit(actor=actor, organisation=orgs[NEAR_LIMIT[0]],
                              credit_limit=NEAR_LIMIT[1])
    base = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    offers = []
    for abbr, title, skills, days, fmt, places, credits in OFFERS:
        start = base + dt.timedelta(days=days, hours=rng.choice((0, 0, 3)))
        offers.append(services.create_offer(
            actor=actor, organisation=orgs[abbr], title=title,
            description=f"A session {orgs[abbr].name} runs for colleagues across the public "
                        f"sector, offered through the learning exchange.",
            skills=skills, starts_at=start, duration_minutes=rng.choice((90, 120, 180)),
            format=fmt, location="" if fmt == "online" else f"{orgs[abbr].name} offices",
            places=places, credits_per_place=credits))
    made = []
    for index, abbr, places in BOOKINGS:
        made.append(services.book_places(actor=actor, offer_id=offers[index].pk,
                                         organisation=orgs[abbr], places=places))
    services.cancel_booking(actor=actor, booking_id=made[4].pk,
                            memo="Our team could not attend on that day.")
    past = services.create_offer(
        actor=actor, organisation=orgs["DWP"], title=PAST[0], skills=PAST[1],
        description="What the team learnt running a national service through an outage.",
        starts_at=base + dt.timedelta(days=1), duration_minutes=120, format="online",
        places=10, credits_per_place=1)
    offers.append(past)
    past_bookings = [services.book_places(actor=actor, offer_id=past.pk,
                                          organisation=orgs[abbr], places=places)
                     for abbr, places in PAST[2]]
    made += past_bookings
    # Time passes: the session took place six days ago.
    ExchangeOffer.objects.filter(pk=past.pk).update(starts_at=base - dt.timedelta(days=6))
    services.refund_booking(actor=actor, booking_id=past_bookings[-1].pk,
                            memo="The joining link did not work for our staff.")
    return [f"Learning exchange: {len(offers)} offers, {len(made)} bookings (one cancelled, "
            f"one refunded); {orgs[NEAR_LIMIT[0]].name} near its credit limit."]
