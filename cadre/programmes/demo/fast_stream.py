"""Demo data for the Fast Stream (``cadre demo programmes``).

On the demo government (run after ``cadre demo load`` or ``cadre demo generate``): the
Digital and Technology scheme with its posting pattern, an intake of last year, up to 24
fast streamers taken from the organisations with the most people, a first posting round
allocated and published (so the next round's "no repeat host" rule has work to do), and
a posting round taking preferences, with offers from those organisations (a line manager
of the host as each offer's host manager), every fast streamer's ranking and some hosts'
rankings, left for the central team to allocate; and a next round open for offers. Safe
to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Count, F
from django.utils import timezone

from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Location, Organisation
from cadre.people.models import Person
from cadre.programmes import services
from cadre.programmes.models import Clearance, FastStreamer, PostingRound, Scheme

SCHEME = "Digital and Technology"
FIRST_ROUND = "Demo first posting round"
ROUND = "Demo posting round"
NEXT_ROUND = "Demo next posting round"
PATTERN = [6, 6, 6, 6, 12, 12]
TITLES = ["Service designer", "Data engineer", "Technical architect", "Product manager",
          "Cyber security analyst", "Software developer", "Delivery manager",
          "Performance analyst"]
STREAMERS = 24


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the scheme, an intake, fast streamers and a round; return lines to print."""
    scheme = Scheme.objects.filter(name=SCHEME).first()
    if scheme is not None and PostingRound.objects.filter(scheme=scheme, name=ROUND).exists():
        return [f"Fast Stream: demo round already in {SCHEME}."]
    # Organisations of people who sign in (the demo's DWP) first, then the largest.
    signed_in = list(Organisation.objects.filter(people__account__isnull=False)
                     .distinct().order_by("pk")[:6])
    largest = Organisation.objects.annotate(n=Count("people")).filter(n__gt=0)
    organisations = signed_in + [org for org in largest.order_by("-n", "pk")[:6]
                                 if org not in signed_in][:6 - len(signed_in)]
    if len(organisations) < 2:
        return ["Fast Stream: fewer than two organisations with people; skipped."]
    places = list(Location.objects.order_by("pk")[:4])
    if not places:
        return ["Fast Stream: no locations yet; skipped."]
    if scheme is None:
        scheme = services.create_scheme(
            actor=actor, name=SCHEME, posting_pattern=PATTERN,
            description="Graduates rotating through technology postings across government.")
    today = timezone.localdate()
    intake = scheme.intakes.filter(year=today.year - 1).first() or services.create_intake(
        actor=actor, scheme=scheme, year=today.year - 1)
    taken = set(FastStreamer.objects.values_list("person_id", flat=True))
    streamers = []
    per_org = max(1, STREAMERS // len(organisations))
    for org in organisations:
        # People who sign in come first (the demo professional), cleared for every offer.
        people = (Person.objects.filter(organisation=org, reports__isnull=True)
                  .exclude(pk__in=taken)
                  .order_by(F("account").asc(nulls_last=True), "pk")[:per_org])
        for person in people:
            signs_in = person.account_id is not None
            streamers.append(services.enrol_fast_streamer(
                actor=actor, person=person, intake=intake, home_organisation=org,
                clearance=Clearance.SC if signs_in else rng.choice(
                    [Clearance.BPSS, Clearance.BPSS, Clearance.CTC, Clearance.SC]),
                may_post_home=not signs_in and rng.random() < 0.1,
                locations=rng.sample(places, 2) if not signs_in and rng.random() < 0.3
                else ()))
    framework = default_framework()
    skills = list(Skill.objects.filter(framework=framework).order_by("pk")[:30]) \
        if framework else []
    first = _round(actor=actor, rng=rng, scheme=scheme, name=FIRST_ROUND,
                   starts_on=today - dt.timedelta(days=120), organisations=organisations,
                   places=places, skills=skills, streamers=streamers)
    services.transition_round(actor=actor, round_id=first.pk, action="allocate")
    services.transition_round(actor=actor, round_id=first.pk, action="publish")
    round_ = _round(actor=actor, rng=rng, scheme=scheme, name=ROUND,
                    starts_on=today + dt.timedelta(days=60), organisations=organisations,
                    places=places, skills=skills, streamers=streamers)
    offers = round_.offers.count()
    upcoming = services.create_round(actor=actor, scheme=scheme, name=NEXT_ROUND,
                                     starts_on=today + dt.timedelta(days=240))
    for org in organisations[:2]:
        services.add_offer(actor=actor, round_=upcoming, host_organisation=org,
                           title=f"Delivery manager ({org.abbreviation})",
                           location=places[0], capacity=1)
    return [f"Fast Stream: scheme '{SCHEME}', intake {intake.year}, {len(streamers)} fast "
            f"streamers, round '{FIRST_ROUND}' (id {first.pk}) published, round '{ROUND}' "
            f"(id {round_.pk}) with {offers} offers taking preferences, round '{NEXT_ROUND}' open "
            "for offers."]


def _round(*, actor: Any, rng: random.Random, scheme: Scheme, name: str,
           starts_on: dt.date, organisations: list[Organisation], places: list[Location],
           skills: list[Skill], streamers: list[FastStreamer]) -> PostingRound:
    """A round with offers from each organisation and both sides' preferences."""
    round_ = services.create_round(actor=actor, scheme=scheme, name=name,
                                   starts_on=starts_on, posting_months=6)
    offers = []
    for k in range(len(organisations) * 3):
        org = organisations[k % len(organisations)]
        # host managers who do not sign in, so the demo line manager's pages stay as they are
        manager = (Person.objects.filter(organisation=org, reports__isnull=False,
                                         account__isnull=True).order_by("pk").first())
        offers.append(services.add_offer(
            actor=actor, round_=round_, host_organisation=org,
            title=f"{TITLES[k % len(TITLES)]} ({org.abbreviation})",
            location=rng.choice(places), capacity=rng.choice([1, 2, 2]),
            clearance=rng.choice([Clearance.BPSS, Clearance.BPSS, Clearance.CTC, Clearance.SC]),
            skills=rng.sample(skills, min(3, len(skills))), host_manager=manager,
            description="A posting building skills for the profession."))
    round_ = services.transition_round(actor=actor, round_id=round_.pk,
                                       action="open_preferences")
    for streamer in streamers:
        choices = [o for o in offers if o.host_organisation_id != streamer.home_organisation_id]
        services.set_preferences(actor=actor, round_=round_, fast_streamer=streamer,
                                 offers=rng.sample(choices, min(5, len(choices))))
    for offer in offers[::2]:
        services.set_host_preferences(actor=actor, offer=offer,
                                      fast_streamers=rng.sample(streamers, min(3, len(streamers))))
    return round_
