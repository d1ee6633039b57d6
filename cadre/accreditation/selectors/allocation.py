"""Reads of the assessor pool and of round allocations, scoped to the account.

The pool and allocations are the scheme runners'; an assessor sees their own record and
conflicts. A runner who is also an assessor never sees, on these pages or through the API,
an application they are excluded from (a stored exclusion, or one the plan being shown has
just computed) nor their own application: those rows are left out and only counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from cadre.accreditation.models import (
    AccreditationRound,
    Allocation,
    Assessor,
    DeclaredConflict,
    Exclusion,
)
from cadre.accreditation.selectors.common import person_id_of, runs_scheme


def assessor_pool(user: Any) -> QuerySet[Assessor]:
    """Every assessor, with their organisation and families (scheme runners only)."""
    if not runs_scheme(user):
        return Assessor.objects.none()
    return (
        Assessor.objects.select_related("person", "person__organisation")
        .prefetch_related("families")
        .annotate(
            allocations_count=Count("allocations", distinct=True),
            conflicts_count=Count("conflicts", distinct=True),
        )
    )


def visible_assessors(user: Any) -> QuerySet[Assessor]:
    """The pool for the runners; an assessor's own record for them."""
    if runs_scheme(user):
        return assessor_pool(user)
    me = person_id_of(user)
    if me is None:
        return Assessor.objects.none()
    return Assessor.objects.select_related("person", "person__organisation").filter(person_id=me)


def own_assessor(user: Any) -> Assessor | None:
    me = person_id_of(user)
    return None if me is None else Assessor.objects.filter(person_id=me).first()


def conflicts_of(assessor: Assessor) -> QuerySet[DeclaredConflict]:
    return assessor.conflicts.select_related("person", "person__organisation").order_by(
        "person__last_name", "pk"
    )


def allocation_rounds(user: Any) -> QuerySet[AccreditationRound]:
    """Rounds still open or allocated, with their waiting applications (runners only)."""
    if not runs_scheme(user):
        return AccreditationRound.objects.none()
    return (
        AccreditationRound.objects.exclude(state=AccreditationRound.State.CLOSED)
        .select_related("scheme")
        .annotate(waiting=Count("applications", filter=Q(applications__state="submitted")))
    )


def hidden_application_ids(
    user: Any,
    application_ids: set[int] | None = None,
    excluded_pairs: set[tuple[int, int]] | None = None,
) -> set[int]:
    """Applications the account may not see on the allocation pages: their own, and any
    their assessor record is excluded from (stored, or in ``excluded_pairs`` of
    (application, assessor person) just computed)."""
    me = person_id_of(user)
    if me is None:
        return set()
    from cadre.accreditation.models import Application

    own = Application.objects.filter(person_id=me)
    stored = Exclusion.objects.filter(assessor__person_id=me)
    if application_ids is not None:
        own = own.filter(pk__in=application_ids)
        stored = stored.filter(application_id__in=application_ids)
    hidden = set(own.values_list("pk", flat=True)) | set(
        stored.values_list("application_id", flat=True)
    )
    hidden |= {app for app, person in (excluded_pairs or set()) if person == me}
    return hidden


@dataclass
class VisiblePlan:
    """A plan with the rows the account may not see left out (``hidden`` counts them)."""

    plan: Any
    assignments: list[Any]
    exclusions: list[Any]
    hidden: int

    def as_record(self) -> dict[str, Any]:
        return {
            "assignments": [row.as_record() for row in self.assignments],
            "exclusions": [row.as_record() for row in self.exclusions],
        }


def visible_plan(user: Any, plan: Any) -> VisiblePlan:
    """``plan`` (a ``services.allocation.Plan``) as the account may see it."""
    ids = {row.application.pk for row in plan.assignments}
    pairs = {(e.application.pk, e.assessor.person_id) for e in plan.exclusions}
    hidden = hidden_application_ids(user, ids, pairs)
    return VisiblePlan(
        plan=plan,
        assignments=[r for r in plan.assignments if r.application.pk not in hidden],
        exclusions=[e for e in plan.exclusions if e.application.pk not in hidden],
        hidden=len(hidden & ids),
    )


def round_allocations(user: Any, round_: AccreditationRound) -> tuple[list[Allocation], int]:
    """The round's stored allocations the account may see, and how many applications were
    left out."""
    if not runs_scheme(user):
        return [], 0
    rows = list(
        Allocation.objects.filter(application__round=round_)
        .select_related(
            "application",
            "application__person",
            "application__person__organisation",
            "assessor",
            "assessor__person",
            "assessor__person__organisation",
        )
        .order_by("application_id", "assessor__person__last_name")
    )
    ids = {r.application_id for r in rows}
    hidden = hidden_application_ids(user, ids)
    return [r for r in rows if r.application_id not in hidden], len(hidden & ids)


def round_exclusions(user: Any, round_: AccreditationRound) -> list[Exclusion]:
    """The round's stored exclusions the account may see, with their reasons."""
    if not runs_scheme(user):
        return []
    rows = list(
        Exclusion.objects.filter(application__round=round_)
        .select_related("application", "application__person", "assessor", "assessor__person")
        .order_by("application_id", "assessor__person__last_name", "reason")
    )
    hidden = hidden_application_ids(user, {r.application_id for r in rows})
    return [r for r in rows if r.application_id not in hidden]
