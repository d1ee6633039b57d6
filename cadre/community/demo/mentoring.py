"""A demo mentoring scheme (issue 18 point 2), through the services.

"Cross-government mentoring" is open for sign-up, organised by the demo programme manager
(and so by the central team). About 20 mentors from the senior grades and 30 mentees from
the junior grades across the demo organisations sign up with framework skills; the matcher
runs once; most matches are then accepted by both people, a few declined, and two active
matches have a check-in. The demo professional is a mentee whose proposed match is left for
them to accept or decline. A closed pilot scheme from last year holds the demo
professional's active match (as mentee) and their line manager's (as mentor), each with a
check-in, so both demo sign-ins have a match to check in on and review. Safe to run
twice: a scheme already there is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from cadre.community.models import MentoringMatch, MentoringRole, MentoringScheme
from cadre.community.services import mentoring as services
from cadre.framework.models import Skill
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.people.models import Person

SCHEME_NAME = "Cross-government mentoring"
EARLIER_NAME = "Cross-government mentoring pilot"
PROGRAMME_MANAGER = "programme@cadre.example"
MENTORS = 20
MENTEES = 30
NOTES = ("Talked through the next assessment and agreed two pieces of reading.",
         "Went over a stakeholder map for the current project.",
         "Planned a shadowing day in the mentor's team.")


def _rank(person: Person) -> int:
    grade = person.grade
    return (grade.civil_service_equivalent or grade).rank


def _rank_or(person: Person | None, default: int) -> int:
    return _rank(person) if person is not None and person.grade_id else default


def _earlier_scheme(actor: Any, people: list[Person], skills: list[Skill],
                    professional: Person | None, organisers: list) -> list[str]:
    """Last year's scheme: the demo professional is an active mentee (with a check-in) and
    their line manager an active mentor, so both have a match to open, check in on and
    review."""
    if professional is None or professional.line_manager is None or len(skills) < 2:
        return []
    manager = professional.line_manager
    own = _rank_or(professional, 0)
    boss = _rank_or(manager, 99)
    others = [p for p in people if p.organisation_id != professional.organisation_id]
    mentor = next((p for p in others if _rank(p) > own), None)
    mentee = next((p for p in reversed(others) if _rank(p) < boss and p != mentor), None)
    if mentor is None or mentee is None:
        return []
    today = timezone.localdate()
    scheme = services.create_scheme(
        actor=actor, name=EARLIER_NAME, organisers=organisers,
        description="Last year's pilot across departments.",
        signup_opens=today - dt.timedelta(days=200), signup_closes=today - dt.timedelta(days=170),
        grade_gap=1, grade_tolerance=5, exclude_same_unit=True)
    services.set_scheme_status(actor=actor, scheme=scheme, transition="open")
    wanted, offered = skills[0], skills[1]
    sign = services.sign_up
    sign(actor=actor, scheme=scheme, role=MentoringRole.MENTEE, person=professional,
         skills=[wanted])
    sign(actor=actor, scheme=scheme, role=MentoringRole.MENTOR, person=mentor, skills=[wanted])
    sign(actor=actor, scheme=scheme, role=MentoringRole.MENTEE, person=mentee, skills=[offered])
    sign(actor=actor, scheme=scheme, role=MentoringRole.MENTOR, person=manager,
         skills=[offered])
    services.run_matching(actor=actor, scheme=scheme)
    services.set_scheme_status(actor=actor, scheme=scheme, transition="close")
    for match in MentoringMatch.objects.filter(scheme=scheme).select_related(
            "mentee__person", "mentor__person"):
        for person in (match.mentee.person, match.mentor.person):
            services.respond(actor=actor, match=match, response="accept", person=person)
        services.add_check_in(actor=actor, match=match, met_on=today,
                              notes=NOTES[0], person=match.mentee.person)
    return [f"Mentoring: '{EARLIER_NAME}' with the demo professional and their manager in "
            "active matches."]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    if MentoringScheme.objects.filter(name=SCHEME_NAME).exists():
        return [f"Mentoring: '{SCHEME_NAME}' is already there."]
    people = list(Person.objects.filter(grade__isnull=False)
                  .select_related("grade__civil_service_equivalent")
                  .order_by("organisation_id", "staff_number"))
    skills = list(Skill.objects.filter(framework__is_default=True).order_by("name")[:40]) \
        or list(Skill.objects.order_by("name")[:40])
    if len(people) < 10 or not skills:
        return ["Mentoring: no demo people with grades or no framework skills; skipped."]
    ranks = sorted({_rank(p) for p in people})
    middle = ranks[len(ranks) // 2]
    professional = (Person.objects.filter(staff_number=DEMO_PROFESSIONAL)
                    .select_related("grade__civil_service_equivalent", "line_manager__grade")
                    .first())
    organisers = list(get_user_model().objects.filter(email=PROGRAMME_MANAGER))
    lines = _earlier_scheme(actor, people, skills, professional, organisers)
    skip = professional.pk if professional is not None else None
    seniors = [p for p in people if _rank(p) > middle and p.pk != skip]
    juniors = [p for p in people if _rank(p) <= middle and p.pk != skip]
    rng.shuffle(seniors)
    rng.shuffle(juniors)
    mentors = seniors[:MENTORS]
    mentees = ([professional] if professional is not None else []) + juniors[:MENTEES - 1]
    today = timezone.localdate()
    scheme = services.create_scheme(
        actor=actor, name=SCHEME_NAME, organisers=organisers,
        description="Mentoring across departments, agencies and local government: senior "
                    "professionals mentor colleagues two grades below them in another "
                    "team, for six months.",
        signup_opens=today - dt.timedelta(days=14), signup_closes=today + dt.timedelta(days=30),
        grade_gap=2, grade_tolerance=2, skill_weight=6, grade_weight=3, location_weight=1,
        exclude_same_unit=True, exclude_same_organisation=False)
    services.set_scheme_status(actor=actor, scheme=scheme, transition="open")
    for person in mentors:
        services.sign_up(actor=actor, scheme=scheme, role=MentoringRole.MENTOR, person=person,
                         skills=rng.sample(skills, min(len(skills), rng.randint(3, 6))),
                         capacity=rng.randint(1, 3))
    for person in mentees:
        services.sign_up(actor=actor, scheme=scheme, role=MentoringRole.MENTEE, person=person,
                         skills=rng.sample(skills, min(len(skills), rng.randint(2, 4))),
                         goals="Build confidence for a move up a grade.")
    proposal = services.run_matching(actor=actor, scheme=scheme)
    matches = list(MentoringMatch.objects.filter(scheme=scheme)
                   .select_related("mentee__person", "mentor__person").order_by("id"))
    accepted = declined = check_ins = 0
    for match in matches:
        if professional is not None and match.mentee.person_id == professional.pk:
            continue  # left for the demo professional to answer
        roll = rng.random()
        if roll < 0.6:
            services.respond(actor=actor, match=match, response="accept",
                             person=match.mentee.person)
            services.respond(actor=actor, match=match, response="accept",
                             person=match.mentor.person)
            accepted += 1
            if check_ins < 2:
                services.add_check_in(actor=actor, match=match, met_on=today,
                                      notes=NOTES[check_ins % len(NOTES)],
                                      person=match.mentor.person)
                check_ins += 1
        elif roll < 0.7:
            services.respond(actor=actor, match=match, response="decline",
                             person=match.mentor.person)
            declined += 1
    return lines + [f"Mentoring: '{SCHEME_NAME}' with {len(mentors)} mentors and {len(mentees)} "
            f"mentees; {len(proposal.pairs)} matched ({accepted} accepted by both, "
            f"{declined} declined, {check_ins} with a check-in), "
            f"{len(proposal.unmatched)} not matched."]
