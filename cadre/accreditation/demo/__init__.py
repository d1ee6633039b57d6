"""Demo accreditation on the demo government (``cadre demo accreditation``).

Everything goes through the services of the accreditation areas, as the central team (the
command line) would: a scheme with three levels and published criteria (two skills at
level 3 or above, any family, and professional conduct for Practitioner; higher levels ask
more); an open round; applicants who are eligible from their line managers' agreed
assessments, each with statements and a supporter (their line manager, or another colleague
with an account) who confirms, then submitted; an assessor pool from other people, with role
families and one declared conflict; the round allocated by the optimiser (every exclusion
kept with its reason); two applications scored by both assessors, one close (straight to
the panel) and one two levels apart on a criterion (reconciled, then to the panel); a panel
decision awarding the first (the credential is issued and validated skill assessments
written); and CPD for the holder. The demo professional (``DWP0030``, when loaded) has a draft
application naming their line manager as supporter and a CPD record, and the top level has a
draft of its next criteria for the central team to review. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Q
from django.utils import timezone

from cadre.accreditation.models import Allocation, Application, Scheme
from cadre.accreditation.selectors.standards import eligibility
from cadre.accreditation.services import allocation as allocation_services
from cadre.accreditation.services import applications as app_services
from cadre.accreditation.services import assessment as score_services
from cadre.accreditation.services import assessors as assessor_services
from cadre.accreditation.services import cpd as cpd_services
from cadre.accreditation.services import decisions as decision_services
from cadre.accreditation.services import standards as std_services
from cadre.assessments.models import SkillAssessment, Source
from cadre.framework.models import RoleFamily
from cadre.framework.selectors import default_framework
from cadre.people.demo import DEMO_PROFESSIONAL
from cadre.people.models import Person

SCHEME = "Digital, data and technology professional"
ROUND = "Demo round"
APPLICANTS = 4
ASSESSORS = 6
#: (level name, description, skills needed, at level)
LEVELS = [
    ("Practitioner", "Works independently across a range of the profession's skills.", 2, 3),
    ("Senior practitioner", "Leads technical work across teams.", 4, 5),
    ("Leader", "Sets direction for the profession in an organisation.", 4, 6),
]


def _publish_level(
    actor: Any, scheme: Scheme, name: str, description: str, count: int, min_level: int
) -> Any:
    level = std_services.add_level(actor=actor, scheme=scheme, name=name, description=description)
    version = std_services.create_draft(
        actor=actor, level=level, notes="First published criteria.", copy_latest=False
    )
    std_services.add_criterion(
        actor=actor,
        version=version,
        kind="skills_at_level",
        count=count,
        min_level=min_level,
        text=f"At least {count} framework skills at level {min_level} or above, agreed with "
        "a line manager or validated.",
    )
    std_services.add_criterion(
        actor=actor,
        version=version,
        kind="conduct",
        text="Keeps to the profession's code of conduct and can show how in their work.",
    )
    std_services.publish(actor=actor, version_id=version.pk)
    return level


def _demo_professional(actor: Any, level: Any) -> list[str]:
    """The demo professional's draft application (one statement written, their line manager
    asked to support it) and a CPD record, so their sign-in shows each accreditation page."""
    person = (
        Person.objects.filter(staff_number=DEMO_PROFESSIONAL).select_related("line_manager").first()
    )
    if person is None or person.account_id is None:
        return []
    application = app_services.start_application(actor=actor, level=level, person=person)
    first = application.criteria.criteria.order_by("position", "id").first()
    if first is not None:
        app_services.save_statements(
            actor=actor,
            application=application,
            texts={first.pk: "A first draft: the services I have built and tested this year."},
        )
    supporter = person.line_manager
    asked = ""
    if supporter is not None and supporter.account_id is not None:
        app_services.name_supporter(actor=actor, application=application, supporter=supporter)
        asked = f", asking {supporter} to support it"
    cpd_services.record_cpd(
        actor=actor,
        person=person,
        activity="Government service standard workshop",
        category="formal",
        credits=3,
        completed_on=timezone.localdate() - dt.timedelta(days=10),
    )
    return [f"{person}: a draft application for {level}{asked}; 1 CPD record."]


def _supporter_for(person: Person, applicants: set[int]) -> Person | None:
    """The line manager if they have an account, else a colleague who has one."""
    manager = person.line_manager
    if manager is not None and manager.account_id is not None:
        return manager
    return (
        Person.objects.filter(organisation_id=person.organisation_id, account__isnull=False)
        .exclude(pk__in=applicants | {person.pk})
        .order_by("staff_number")
        .first()
    )


def _applicants(level: Any, rng: random.Random) -> list[tuple[Person, Person]]:
    """Up to APPLICANTS eligible people with someone to support them, from several
    organisations where possible."""
    counted = (
        SkillAssessment.objects.filter(source__in=[Source.MANAGER, Source.VALIDATED])
        .values_list("person_id", flat=True)
        .distinct()
    )
    ids = sorted(set(counted))
    rng.shuffle(ids)
    chosen: list[tuple[Person, Person]] = []
    organisations: dict[int, int] = {}
    for person in Person.objects.filter(pk__in=ids[:400]).select_related("line_manager"):
        if len(chosen) >= APPLICANTS:
            break
        if organisations.get(person.organisation_id, 0) >= 2:  # noqa: PLR2004
            continue
        if person.accreditation_applications.exists():  # the demo professional's draft
            continue
        if not eligibility(person, level).eligible:
            continue
        # No one is both an applicant and a supporter; one supporter may support several.
        applicants = {a.pk for a, _ in chosen}
        supporters = {s.pk for _, s in chosen}
        if person.pk in supporters:
            continue
        supporter = _supporter_for(person, applicants)
        if supporter is None or supporter.pk in applicants:
            continue
        chosen.append((person, supporter))
        organisations[person.organisation_id] = organisations.get(person.organisation_id, 0) + 1
    return chosen


def _assessors(actor: Any, excluded: set[int], rng: random.Random) -> list[Any]:
    """ASSESSORS people from several organisations, none of them applicants or supporters,
    each accredited for one or two role families."""
    framework = default_framework()
    families = (
        list(RoleFamily.objects.filter(framework=framework).order_by("name")) if framework else []
    )
    pool = list(
        Person.objects.exclude(pk__in=excluded)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=timezone.localdate()))
        .order_by("organisation_id", "staff_number")
        .values_list("pk", "organisation_id")[:2000]
    )
    per_org: dict[int, list[int]] = {}
    for pk, org in pool:
        per_org.setdefault(org, []).append(pk)
    picked: list[int] = []
    while len(picked) < ASSESSORS and any(per_org.values()):
        for org in sorted(per_org):
            if per_org[org] and len(picked) < ASSESSORS:
                picked.append(per_org[org].pop(0))
    made = []
    for i, pk in enumerate(picked):
        chosen = rng.sample(families, k=min(len(families), 1 + i % 2)) if families else []
        made.append(
            assessor_services.add_assessor(
                actor=actor,
                person=Person.objects.get(pk=pk),
                families=chosen,
                trained_on=timezone.localdate() - dt.timedelta(days=90 + 30 * i),
                default_capacity=3,
            )
        )
    return made


def _score(actor: Any, application: Application, scores: list[list[int]]) -> None:
    """Both allocated assessors score every criterion and submit."""
    criteria = list(application.criteria.criteria.order_by("position", "id"))
    allocations = list(Allocation.objects.filter(application=application).order_by("pk"))
    for allocation, row in zip(allocations, scores, strict=False):
        score_services.record_scores(
            actor=actor,
            allocation_id=allocation.pk,
            scores={
                c.pk: (value, "Evidence read against the criterion.")
                for c, value in zip(criteria, row, strict=False)
            },
        )
    for allocation in allocations:
        score_services.submit_scores(actor=actor, allocation_id=allocation.pk)


def _reconcile(actor: Any, application: Application) -> None:
    """The assessors meet in the middle on every criterion flagged, then send it on."""
    criteria = list(application.criteria.criteria.order_by("position", "id"))
    allocations = list(Allocation.objects.filter(application=application))
    for criterion in criteria:
        scores = [a.scores.get(criterion=criterion).score for a in allocations]
        if max(scores) - min(scores) <= 1:
            continue
        middle = (max(scores) + min(scores)) // 2
        for allocation in allocations:
            score_services.reconcile_score(
                actor=actor,
                allocation_id=allocation.pk,
                criterion_id=criterion.pk,
                score=middle,
                comment="Agreed after discussing the evidence together.",
            )
    score_services.finish_reconciliation(actor=actor, application_id=application.pk)


def _panel(application: Application, involved: set[int]) -> list[Person]:
    return list(
        Person.objects.exclude(pk__in=involved)
        .exclude(organisation_id=application.person.organisation_id)
        .filter(end_date__isnull=True)
        .order_by("staff_number")[:3]
    )


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Load the demo; the lines say what was added."""
    if Scheme.objects.filter(name=SCHEME).exists():
        return [f"{SCHEME}: demo scheme already there."]
    scheme = std_services.create_scheme(
        actor=actor,
        name=SCHEME,
        renewal_months=24,
        cpd_credits=20,
        appeal_days=28,
        description="Accreditation against the profession's standards of practice.",
    )
    levels = [_publish_level(actor, scheme, *spec) for spec in LEVELS]
    practitioner = levels[0]
    lines = [f"{SCHEME}: {len(levels)} levels with published criteria."]
    std_services.create_draft(
        actor=actor, level=levels[-1], notes="Proposed changes for the next version."
    )
    lines.append(f"{levels[-1]}: a draft of the next criteria, not yet published.")
    lines += _demo_professional(actor, practitioner)

    pairs = _applicants(practitioner, rng)
    if len(pairs) < 2:  # noqa: PLR2004
        return [*lines, "No two eligible people with a supporter; no round added."]
    today = timezone.localdate()
    round_ = app_services.create_round(
        actor=actor,
        scheme=scheme,
        name=ROUND,
        opens_on=today - dt.timedelta(days=14),
        closes_on=today + dt.timedelta(days=30),
    )
    involved = {p.pk for pair in pairs for p in pair}
    assessors = _assessors(actor, involved, rng)
    first_applicant = pairs[0][0]
    if assessors:
        assessor_services.declare_conflict(
            actor=actor,
            assessor=assessors[0],
            person=first_applicant,
            reason="Worked closely with the applicant on a programme last year.",
        )

    applications = []
    for person, supporter in pairs:
        application = app_services.start_application(
            actor=actor, level=practitioner, person=person, round_=round_
        )
        app_services.save_statements(
            actor=actor,
            application=application,
            texts={
                c.pk: f"{person.first_name}'s statement against this criterion, with "
                "examples from recent work."
                for c in application.criteria.criteria.all()
            },
        )
        app_services.name_supporter(actor=actor, application=application, supporter=supporter)
        app_services.respond_as_supporter(
            actor=actor,
            application_id=application.pk,
            confirm=True,
            comment="I have seen this work.",
        )
        applications.append(
            app_services.transition(actor=actor, application_id=application.pk, action="submit")
        )
    lines.append(f"{ROUND}: {len(applications)} applications submitted, with supporters.")

    plan = allocation_services.allocate_round(actor=actor, round_id=round_.pk)
    allocated = [p.application for p in plan.assignments if p.assessors]
    lines.append(
        f"{ROUND}: {len(assessors)} assessors (one declared conflict); "
        f"{len(allocated)} applications allocated, {len(plan.exclusions)} "
        "exclusions recorded with their reasons."
    )
    if len(allocated) < 2:  # noqa: PLR2004
        return [*lines, "Too few applications allocated to score; stopped there."]

    close, apart = allocated[0], allocated[1]
    _score(actor, close, [[4, 4], [4, 5]])
    _score(actor, apart, [[3, 4], [5, 4]])
    apart.refresh_from_db()
    if apart.state == Application.State.RECONCILIATION:
        _reconcile(actor, apart)
    lines.append("Two applications scored by both assessors; one reconciled.")

    close.refresh_from_db()
    assessor_people = set(
        Allocation.objects.filter(application__round=round_).values_list(
            "assessor__person_id", flat=True
        )
    )
    panel = _panel(close, involved | assessor_people)
    decision_services.decide(
        actor=actor,
        application_id=close.pk,
        outcome="awarded",
        reasons="Both assessors found every criterion met with clear evidence.",
        members=panel,
    )
    close.refresh_from_db()
    lines.append(f"{close.person}: awarded {practitioner}; credential issued.")

    for activity, category, credits, days in (
        ("Accessibility in government services course", "formal", 6, 20),
        ("Mentoring two junior developers", "work", 4, 45),
    ):
        cpd_services.record_cpd(
            actor=actor,
            person=close.person,
            activity=activity,
            category=category,
            credits=credits,
            completed_on=today - dt.timedelta(days=days),
        )
    lines.append(f"{close.person}: 2 CPD records.")
    return lines
