"""Demo data for the specialist bench (``cadre demo talent``).

Adds a few availability windows with skills and one deployment request, over whatever
people and organisations already exist. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from cadre.bench import services as services_bench
from cadre.bench.models import BenchAvailability
from cadre.framework.models import Skill
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.people.models import Person

SPECIALISTS = 6
PROGRAMMES = ["Border systems modernisation", "Tax platform migration",
              "Benefits data service", "Cyber resilience review"]


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add bench windows and a deployment request; return lines to print."""
    framework = default_framework()
    if framework is None or not Person.objects.exists():
        return ["Specialist bench: no framework or people yet; skipped."]
    return _bench(actor, rng, framework)


def _bench(actor: Any, rng: random.Random, framework: Any) -> list[str]:
    skills = list(Skill.objects.filter(framework=framework).order_by("name"))
    ids = list(Person.objects.filter(end_date__isnull=True).order_by("id")
               .values_list("id", flat=True)[:500])
    if not ids or not skills:
        return ["Specialist bench: no people or skills; skipped."]
    today = timezone.localdate()
    added, first = 0, None
    for person in Person.objects.filter(pk__in=rng.sample(ids, min(SPECIALISTS, len(ids)))):
        if BenchAvailability.objects.filter(person=person).exists():
            continue
        start = today + dt.timedelta(days=rng.randint(7, 60))
        window = services_bench.add_window(
            actor=actor, person=person, available_from=start,
            available_to=start + dt.timedelta(days=rng.randint(60, 180)),
            skills=rng.sample(skills, min(3, len(skills))), note="Demo availability")
        added += 1
        first = first or window
    lines = [f"Specialist bench: {added} availability window(s) added."]
    others = Organisation.objects.exclude(pk=first.person.organisation_id) if first else None
    if first is not None:
        organisation = (others.first() if others is not None and others.exists()
                        else first.person.organisation)
        try:
            services_bench.request_deployment(
                actor=actor, specialist=first.person, organisation=organisation,
                programme=rng.choice(PROGRAMMES), starts_on=first.available_from,
                ends_on=min(first.available_to, first.available_from + dt.timedelta(days=30)),
                skills=list(first.skills.all()[:1]))
            lines.append("Specialist bench: 1 deployment request raised.")
        except ValidationError:
            pass
    return lines + _work_for_sign_ins(actor, skills)


def _work_for_sign_ins(actor: Any, skills: list) -> list[str]:
    """The demo professional (``people.demo``) on the bench, with a request for them raised
    by the demo programme manager: theirs to follow, their head of profession's to decide."""
    from cadre.access.models import RoleAssignment
    from cadre.access.roles import Role
    from cadre.core.actor import Actor
    from cadre.people.demo import DEMO_PROFESSIONAL

    person = Person.objects.filter(staff_number=DEMO_PROFESSIONAL, account__isnull=False).first()
    assignment = (RoleAssignment.objects.current().filter(role=Role.PROGRAMME_MANAGER)
                  .select_related("user").order_by("pk").first())
    if person is None or assignment is None \
            or BenchAvailability.objects.filter(person=person).exists():
        return []
    today = timezone.localdate()
    window = services_bench.add_window(
        actor=actor, person=person, available_from=today + dt.timedelta(days=14),
        available_to=today + dt.timedelta(days=120), skills=skills[:3],
        note="Between projects from next month")
    organisation = Organisation.objects.exclude(pk=person.organisation_id).order_by("pk").first()
    try:
        services_bench.request_deployment(
            actor=Actor.for_user(assignment.user), specialist=person, organisation=organisation,
            programme=PROGRAMMES[2], starts_on=window.available_from,
            ends_on=window.available_from + dt.timedelta(days=45), skills=skills[:1])
    except ValidationError:
        return ["Specialist bench: the demo professional is on the bench."]
    return ["Specialist bench: the demo professional is on the bench, with a request from "
            "the demo programme manager waiting for their head of profession."]
