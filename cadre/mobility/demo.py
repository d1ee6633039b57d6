"""Demo data for mobility (``cadre demo talent``): people open to opportunities, open
vacancies in two organisations, and managed moves at different stages.

Works over whatever people and organisations exist; safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count

from cadre.core.actor import history_user
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.mobility import selectors, services
from cadre.mobility.models import MobilityPreference, MoveRequest, Vacancy
from cadre.organisations.models import Grade, Location, Organisation
from cadre.people.models import Person

OPTED_IN = 40
DEMO_PREFIX = "Demo: "


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo mobility data; returns lines to print."""
    framework = default_framework()
    orgs = list(Organisation.objects.annotate(n=Count("people")).filter(n__gt=1).order_by("pk"))
    if framework is None or len(orgs) < 2:
        return ["Mobility: skipped (needs a framework and two organisations with people)."]
    if Vacancy.objects.filter(title__startswith=DEMO_PREFIX).exists():
        return ["Mobility: demo vacancies already there; nothing added."]
    ids = list(Person.objects.exclude(mobility__open_to_opportunities=True)
               .values_list("pk", flat=True))
    chosen = rng.sample(ids, min(OPTED_IN, len(ids)))
    for person in Person.objects.filter(pk__in=chosen):
        pref, _ = MobilityPreference.objects.get_or_create(person=person)
        pref.open_to_opportunities = True
        pref._history_user = history_user(actor)
        pref.save()
        if person.location_id:
            pref.locations.add(person.location_id)
    levels = list(RoleLevel.objects.filter(framework=framework)
                  .annotate(n=Count("requirements")).filter(n__gte=3).order_by("pk"))
    if not levels:
        return [f"Mobility: {len(chosen)} people open to opportunities; no role levels."]
    lines = [f"Mobility: {len(chosen)} people open to opportunities."]
    closing = dt.date.today() + dt.timedelta(days=30)
    vacancies = []
    for org in rng.sample(orgs, min(3, len(orgs))):
        level = rng.choice(levels)
        grade = _usual_grade(org, level) or Grade.objects.order_by("rank").first()
        if grade is None:
            break
        location_ids = list(Person.objects.filter(organisation=org, location__isnull=False)
                            .values_list("location_id", flat=True)[:1])
        vacancy = services.create_vacancy(
            actor=actor, organisation=org, title=f"{DEMO_PREFIX}{level.name}",
            role_level=level, grade=grade, closing_date=closing,
            locations=list(Location.objects.filter(pk__in=location_ids)), hybrid=True)
        services.open_vacancy(actor=actor, vacancy=vacancy)
        vacancies.append(vacancy)
    lines.append(f"Mobility: {len(vacancies)} open vacancies on the board.")
    moves = 0
    for i, vacancy in enumerate(vacancies[:2]):
        result = selectors.match(vacancy, limit=3)
        for row in result.rows:
            try:
                move = services.propose_move(actor=actor, person=row["person"],
                                             receiving=vacancy.organisation, vacancy=vacancy)
            except ValidationError:
                continue
            services.agree_receiving(actor=actor, move=move)
            if i == 0:
                services.agree_releasing(actor=actor, move=move)
                services.update_logistics(actor=actor, move=move,
                                          start_date=closing + dt.timedelta(days=14),
                                          clearance_transferred=True,
                                          pay_and_pension_agreed=True)
            moves += 1
            break
    lines += _work_for_sign_ins(actor=actor, vacancies=vacancies, levels=levels,
                                closing=closing)
    lines.append(f"Mobility: {moves} managed move(s) under way "
                 f"({MoveRequest.objects.count()} in all).")
    return lines


def _work_for_sign_ins(*, actor: Any, vacancies: list[Vacancy], levels: list[RoleLevel],
                       closing: dt.date) -> list[str]:
    """Something for the demo sign-ins (``people.demo``) to act on: an open vacancy in each
    organisation with a head of profession who signs in (to edit and match), and the demo
    professional's move to another organisation's vacancy, agreed by the receiving side and
    waiting for their own organisation to release them."""
    from cadre.access.models import RoleAssignment
    from cadre.access.roles import Role
    from cadre.people.demo import DEMO_PROFESSIONAL

    lines = []
    managed = (RoleAssignment.objects.current().filter(role=Role.HEAD_OF_PROFESSION)
               .exclude(organisation_id__in=[v.organisation_id for v in vacancies])
               .values_list("organisation_id", flat=True).distinct().order_by("organisation_id"))
    for org in Organisation.objects.filter(pk__in=list(managed)).order_by("pk"):
        level = levels[0]
        grade = _usual_grade(org, level)
        if grade is None:
            continue
        vacancy = services.create_vacancy(
            actor=actor, organisation=org, title=f"{DEMO_PREFIX}{level.name}",
            role_level=level, grade=grade, closing_date=closing, locations=[], hybrid=True)
        services.open_vacancy(actor=actor, vacancy=vacancy)
        lines.append(f"Mobility: an open vacancy in {org.abbreviation} for its head of "
                     "profession.")
    person = (Person.objects.filter(staff_number=DEMO_PROFESSIONAL, account__isnull=False)
              .select_related("organisation").first())
    target = next((v for v in vacancies if person and v.organisation_id != person.organisation_id),
                  None)
    if person is not None and target is not None:
        try:
            move = services.propose_move(actor=actor, person=person,
                                         receiving=target.organisation, vacancy=target)
        except ValidationError:
            return lines
        services.agree_receiving(actor=actor, move=move)
        lines.append(f"Mobility: {person.full_name}'s move to {target.organisation.abbreviation} "
                     f"waits for {person.organisation.abbreviation} to agree to release them.")
    return lines


def _usual_grade(org: Organisation, level: RoleLevel) -> Grade | None:
    """The commonest grade of the organisation's people at that role level, else of its
    profession, else of anyone in it (so a vacancy's grade is one the organisation uses)."""
    people = Person.objects.filter(organisation=org, grade__isnull=False)
    for narrowed in (people.filter(workforce__role_level=level),
                     people.filter(workforce__in_profession=True), people):
        top = (narrowed.values("grade").annotate(n=Count("pk")).order_by("-n", "grade")
               .first())
        if top:
            return Grade.objects.get(pk=top["grade"])
    return None
