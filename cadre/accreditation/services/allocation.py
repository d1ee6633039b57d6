"""Allocating two assessors to each submitted application of a round.

The facts each conflict rule needs are read from the database here and handed to the pure
optimiser (``cadre.accreditation.allocation``), which applies the rules and solves:

- the applicant and their supporter (never their own assessors);
- the line-management chain: everyone above the applicant (their manager, their manager's
  manager ...) and everyone below them, found by walking ``Person.line_manager`` up from
  the applicant and up from every assessor;
- the organisation of the applicant and of each assessor;
- assessors allocated to an earlier application of the same person in the last
  :data:`RECENT_ASSESSMENT_YEARS` years;
- conflicts assessors declared with the person.

An application is judged in the role families named by its criteria; an assessor
accredited in none of them costs more (see the optimiser). An assessor's places in a round
are their capacity for it (else their usual capacity) less the applications of the round
they already have. Only active assessors are allocated.

``dry_run`` computes the plan and writes nothing. ``allocate_round`` takes the round's
``allocate`` step through ``services.applications.transition_round`` (locked, ADR 14);
under that lock it stores every exclusion with its reason and the allocations, and moves
each application given two assessors to "with assessors". An application that could not
get two keeps "submitted" and is reported, for a later run (reopen the round) once there
are more places.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cadre.accreditation import allocation as optimiser
from cadre.accreditation.models import (
    RECENT_ASSESSMENT_YEARS,
    AccreditationRound,
    Allocation,
    Application,
    Assessor,
    AssessorCapacity,
    Criterion,
    DeclaredConflict,
    Exclusion,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme
from cadre.accreditation.services.applications import transition_round
from cadre.accreditation.services.common import SCHEME_RUNNERS_ONLY
from cadre.accreditation.services.workflow import transition_application
from cadre.core.actor import Actor
from cadre.people.models import Person

#: Columns of the CSV form of a plan: one row per assessor given and per exclusion.
PLAN_COLUMNS = [
    "record",
    "application",
    "applicant_staff_number",
    "applicant_organisation",
    "assessor_email",
    "assessor_organisation",
    "cost",
    "reason",
]


def organisation_label(organisation: Any) -> str:
    """How an organisation is named in plans: its abbreviation."""
    return organisation.abbreviation if organisation is not None else ""


@dataclass
class PlannedApplication:
    application: Application
    assessors: list[Assessor]
    cost: float
    short: str = ""

    def as_record(self) -> dict[str, Any]:
        person = self.application.person
        return {
            "application": self.application.pk,
            "applicant_staff_number": person.staff_number,
            "applicant_organisation": organisation_label(person.organisation),
            "assessors": [
                {"email": a.person.email, "organisation": organisation_label(a.person.organisation)}
                for a in self.assessors
            ],
            "cost": round(self.cost, 2),
        }


@dataclass
class PlannedExclusion:
    application: Application
    assessor: Assessor
    reason: str

    @property
    def reason_words(self) -> str:
        return optimiser.REASON_WORDS[self.reason]

    def as_record(self) -> dict[str, Any]:
        return {
            "application": self.application.pk,
            "assessor": self.assessor.person.email,
            "reason": self.reason,
        }


@dataclass
class Plan:
    """The allocation of a round: ``as_record`` is the JSON of the CLI and the API."""

    round: AccreditationRound
    assignments: list[PlannedApplication] = field(default_factory=list)
    exclusions: list[PlannedExclusion] = field(default_factory=list)
    applied: bool = False

    @property
    def short(self) -> list[PlannedApplication]:
        return [row for row in self.assignments if row.short]

    def as_record(self) -> dict[str, Any]:
        return {
            "assignments": [row.as_record() for row in self.assignments],
            "exclusions": [row.as_record() for row in self.exclusions],
        }

    def csv_rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for planned in self.assignments:
            record = planned.as_record()
            base = {
                "application": record["application"],
                "applicant_staff_number": record["applicant_staff_number"],
                "applicant_organisation": record["applicant_organisation"],
                "cost": record["cost"],
            }
            for assessor in record["assessors"] or [{"email": "", "organisation": ""}]:
                rows.append(
                    {
                        "record": "assignment",
                        **base,
                        "assessor_email": assessor["email"],
                        "assessor_organisation": assessor["organisation"],
                        "reason": planned.short,
                    }
                )
        for excluded in self.exclusions:
            person = excluded.application.person
            rows.append(
                {
                    "record": "exclusion",
                    "application": excluded.application.pk,
                    "applicant_staff_number": person.staff_number,
                    "applicant_organisation": organisation_label(person.organisation),
                    "assessor_email": excluded.assessor.person.email,
                    "assessor_organisation": organisation_label(
                        excluded.assessor.person.organisation
                    ),
                    "cost": "",
                    "reason": excluded.reason,
                }
            )
        return rows


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    """The same moment ``years`` earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def _managers_of(start: set[int]) -> dict[int, int | None]:
    """Each person's line manager for ``start`` and everyone above them (one query per
    level of the hierarchy)."""
    managers: dict[int, int | None] = {}
    frontier = set(start)
    while frontier:
        rows = Person.objects.filter(pk__in=frontier).values_list("pk", "line_manager_id")
        managers.update(rows)
        frontier = {m for _, m in rows if m is not None and m not in managers}
    return managers


def _above(person: int, managers: dict[int, int | None]) -> set[int]:
    found: set[int] = set()
    current = managers.get(person)
    while current is not None and current not in found and current != person:
        found.add(current)
        current = managers.get(current)
    return found


def round_applications(round_: AccreditationRound) -> list[Application]:
    """Submitted applications of the round without assessors yet, oldest first."""
    return list(
        Application.objects.filter(round=round_, state=Application.State.SUBMITTED)
        .exclude(allocations__isnull=False)
        .select_related("person", "person__organisation", "supporter")
        .order_by("submitted_at", "pk")
    )


def pool(round_: AccreditationRound) -> list[tuple[Assessor, int]]:
    """Active assessors and the places each has left in the round."""
    assessors = list(
        Assessor.objects.filter(active=True)
        .select_related("person", "person__organisation")
        .prefetch_related("families")
        .order_by("pk")
    )
    capacity = dict(
        AssessorCapacity.objects.filter(round=round_).values_list("assessor_id", "capacity")
    )
    used = dict(
        Allocation.objects.filter(application__round=round_)
        .values("assessor_id")
        .annotate(n=Count("pk"))
        .values_list("assessor_id", "n")
    )
    return [
        (a, max(0, capacity.get(a.pk, a.default_capacity) - used.get(a.pk, 0))) for a in assessors
    ]


def build_problem(
    round_: AccreditationRound,
    applications: list[Application],
    assessors: list[tuple[Assessor, int]],
) -> tuple[list[optimiser.Applicant], list[optimiser.Candidate]]:
    """The optimiser's plain inputs for these applications and assessors."""
    people = {a.person_id for a in applications}
    assessor_people = {a.person_id for a, _ in assessors}
    managers = _managers_of(people | assessor_people)
    below: dict[int, set[int]] = defaultdict(set)
    for person in assessor_people:
        for boss in _above(person, managers):
            below[boss].add(person)
    families: dict[int, set[int]] = defaultdict(set)
    for version, family in Criterion.families.through.objects.filter(
        criterion__version_id__in={a.criteria_id for a in applications}
    ).values_list("criterion__version_id", "rolefamily_id"):
        families[version].add(family)
    since = years_before(timezone.now(), RECENT_ASSESSMENT_YEARS)
    recent: dict[int, set[int]] = defaultdict(set)
    for person, assessor in Allocation.objects.filter(
        application__person_id__in=people, allocated_at__gte=since
    ).values_list("application__person_id", "assessor_id"):
        recent[person].add(assessor)
    declared: dict[int, set[int]] = defaultdict(set)
    for person, assessor in DeclaredConflict.objects.filter(person_id__in=people).values_list(
        "person_id", "assessor_id"
    ):
        declared[person].add(assessor)
    applicants = [
        optimiser.Applicant(
            key=a.pk,
            person=a.person_id,
            organisation=a.person.organisation_id,
            families=frozenset(families[a.criteria_id]),
            supporter=a.supporter_id,
            line_chain=frozenset(_above(a.person_id, managers) | below[a.person_id]),
            recent_assessors=frozenset(recent[a.person_id]),
            declared=frozenset(declared[a.person_id]),
        )
        for a in applications
    ]
    candidates = [
        optimiser.Candidate(
            key=a.pk,
            person=a.person_id,
            organisation=a.person.organisation_id,
            families=frozenset(f.pk for f in a.families.all()),
            capacity=places,
        )
        for a, places in assessors
    ]
    return applicants, candidates


def plan_round(
    round_: AccreditationRound, *, weights: optimiser.Weights = optimiser.DEFAULT_WEIGHTS
) -> Plan:
    """The best allocation of the round's waiting applications (nothing is written)."""
    applications = round_applications(round_)
    assessors = pool(round_)
    applicants, candidates = build_problem(round_, applications, assessors)
    result = optimiser.allocate(applicants, candidates, weights=weights)
    by_application = {a.pk: a for a in applications}
    by_assessor = {a.pk: a for a, _ in assessors}
    plan = Plan(round=round_)
    for application in applications:
        plan.assignments.append(
            PlannedApplication(
                application=application,
                assessors=[by_assessor[k] for k in result.assignments[application.pk]],
                cost=result.costs[application.pk],
                short=result.short.get(application.pk, ""),
            )
        )
    plan.exclusions = [
        PlannedExclusion(
            application=by_application[e.application],
            assessor=by_assessor[e.assessor],
            reason=e.reason,
        )
        for e in result.exclusions
    ]
    return plan


def _require_runner(actor: Actor) -> None:
    if not actor.trusted and not runs_scheme(actor.user):
        raise PermissionDenied(SCHEME_RUNNERS_ONLY)


def dry_run(*, actor: Actor | Any, round_id: int) -> Plan:
    """What ``allocate_round`` would do now, without writing anything."""
    actor = Actor.coerce(actor)
    _require_runner(actor)
    round_ = AccreditationRound.objects.filter(pk=round_id).first()
    if round_ is None:
        raise ValidationError({"round": f"There is no round {round_id}."})
    return plan_round(round_)


@transaction.atomic
def allocate_round(*, actor: Actor | Any, round_id: int) -> Plan:
    """Allocate the round (scheme runners): the round's ``allocate`` step, under whose lock
    every exclusion, allocation and application step is written. Someone who has an
    application waiting in the round may not run it."""
    actor = Actor.coerce(actor)
    plans: list[Plan] = []

    def work(round_: AccreditationRound) -> None:
        plan = plan_round(round_)
        me = None if actor.trusted else person_id_of(actor.user)
        if me is not None and any(p.application.person_id == me for p in plan.assignments):
            raise PermissionDenied(
                "You have an application in this round, so someone else must allocate it."
            )
        if not plan.assignments:
            raise ValidationError(
                {"round": "No submitted applications are waiting for assessors in this round."}
            )
        ids = [p.application.pk for p in plan.assignments]
        Exclusion.objects.filter(application_id__in=ids).delete()
        Exclusion.objects.bulk_create(
            Exclusion(application_id=e.application.pk, assessor_id=e.assessor.pk, reason=e.reason)
            for e in plan.exclusions
        )
        user = actor.user if actor.kind == "user" else None
        for planned in plan.assignments:
            if len(planned.assessors) < optimiser.PER_APPLICATION:
                planned.assessors = []  # nothing is stored for it; it waits for a later run
                planned.cost = 0.0
                continue

            def allocate(application: Application, planned: PlannedApplication = planned) -> None:
                share = planned.cost / len(planned.assessors)
                for assessor in planned.assessors:
                    Allocation.objects.create(
                        application=application, assessor=assessor, cost=share, allocated_by=user
                    )

            transition_application(
                actor=actor, application_id=planned.application.pk, action="allocate", work=allocate
            )
        plan.applied = True
        plans.append(plan)

    _require_runner(actor)
    round_ = transition_round(actor=actor, round_id=round_id, action="allocate", work=work)
    plan = plans[0]
    plan.round = round_
    return plan
