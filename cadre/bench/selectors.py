"""Reads of the specialist bench, limited to what the account may see.

- Availability windows: the specialist, their line-management chain, their
  organisation's heads of profession, the central team and administrators (the
  capability rule, ``capability_people``), and programme managers, who see the
  whole bench (names, skills and windows) to find people for their programmes.
- Deployment requests: the same people for the specialist, plus whoever raised
  the request and the heads of profession of the requesting organisation.
Analyst-only accounts see no one by name (the pages refuse them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import Q, QuerySet

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.assessments.selectors import capability_people
from cadre.bench.models import BenchAvailability, DeploymentRequest
from cadre.organisations.models import Organisation
from cadre.people.models import Person


def bench_people(user: object) -> QuerySet[Person]:
    """People whose bench windows the account may see."""
    scope = scope_for(user)
    if scope.authenticated and scope.has(Role.PROGRAMME_MANAGER):
        return Person.objects.all()
    return capability_people(user)


def visible_windows(user: object) -> QuerySet[BenchAvailability]:
    return (BenchAvailability.objects.filter(person__in=bench_people(user))
            .select_related("person__organisation", "person__grade")
            .prefetch_related("skills"))


def search_bench(*, user: object, skill_id: int | None = None, on: dt.date | None = None,
                 until: dt.date | None = None,
                 organisation_id: int | None = None) -> QuerySet[BenchAvailability]:
    """Windows with a skill covering a date (or the whole span ``on``..``until``)."""
    qs = visible_windows(user)
    if skill_id:
        qs = qs.filter(skills__id=skill_id)
    if on:
        qs = qs.filter(available_from__lte=on, available_to__gte=until or on)
    elif until:
        qs = qs.filter(available_to__gte=until)
    if organisation_id:
        qs = qs.filter(person__organisation_id=organisation_id)
    return qs.distinct().order_by("available_from", "person__last_name", "id")


def bench_person(*, user: object, person_id: int) -> Person | None:
    return (bench_people(user).select_related("organisation", "grade")
            .filter(pk=person_id).first())


def visible_requests(user: object) -> QuerySet[DeploymentRequest]:
    scope = scope_for(user)
    base = DeploymentRequest.objects.select_related(
        "specialist__organisation", "requesting_organisation", "requested_by"
    ).prefetch_related("skills")
    if not scope.authenticated:
        return base.none()
    managed = scope.managed_organisation_ids
    if managed is None:
        return base
    condition = Q(specialist__in=capability_people(user)) | Q(requested_by=user)
    if managed:
        condition |= Q(requesting_organisation_id__in=managed)
    return base.filter(condition)


def request_detail(*, user: object, request_id: int) -> DeploymentRequest | None:
    return visible_requests(user).filter(pk=request_id).first()


def my_requests(user: object) -> dict[str, QuerySet[DeploymentRequest]]:
    """The requests page: raised by me, about me, and those waiting for my decision."""
    from cadre.people.selectors import own_person

    scope = scope_for(user)
    qs = visible_requests(user)
    me = own_person(user)
    deciding = qs.filter(state=DeploymentRequest.State.REQUESTED)
    managed = scope.managed_organisation_ids
    if managed is not None:
        deciding = deciding.filter(specialist__organisation_id__in=managed)
    return {
        "raised": qs.filter(requested_by=user),
        "about_me": qs.filter(specialist=me) if me else qs.none(),
        "to_decide": deciding,
    }


def may_manage_windows(user: object, person: Person) -> bool:
    """The specialist themselves, their heads of profession, the central team."""
    if scope_for(user).manages(person.organisation_id):
        return True
    return person.account_id is not None and person.account_id == getattr(user, "pk", None)


def may_request(user: object) -> bool:
    """Programme managers, heads of profession and the central team raise requests."""
    return scope_for(user).has(Role.PROGRAMME_MANAGER, Role.HEAD_OF_PROFESSION,
                               Role.CENTRAL_TEAM, Role.ADMINISTRATOR)


def may_decide(user: object, request: DeploymentRequest) -> bool:
    """The specialist's heads of profession, the central team and administrators."""
    return scope_for(user).manages(request.specialist.organisation_id)


def may_close(user: object, request: DeploymentRequest) -> bool:
    """Complete or cancel: whoever decides, and whoever raised the request."""
    return may_decide(user, request) or (
        request.requested_by_id is not None and request.requested_by_id == getattr(user, "pk", 0))


def may_step(user: object, request: DeploymentRequest, action: str) -> bool:
    """Accept and decline are decisions; complete and cancel are closings."""
    return may_decide(user, request) if action in ("accept", "decline") \
        else may_close(user, request)


def requesting_organisations(user: object) -> QuerySet[Organisation]:
    """Organisations a request may be raised for: a HoP's own; everyone else any."""
    scope = scope_for(user)
    managed = scope.managed_organisation_ids
    if managed is None or scope.has(Role.PROGRAMME_MANAGER):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=managed)


# --- Export tables ---------------------------------------------------------------------

WINDOW_COLUMNS = ["staff_number", "name", "organisation", "grade", "available_from",
                  "available_to", "skills", "note"]
REQUEST_COLUMNS = ["id", "programme", "requesting_organisation", "specialist_staff_number",
                   "specialist", "starts_on", "ends_on", "skills", "state", "outcome",
                   "requested_at"]


def window_rows(windows: Iterable[BenchAvailability]) -> Iterator[dict]:
    for w in windows:
        yield {
            "staff_number": w.person.staff_number, "name": w.person.full_name,
            "organisation": w.person.organisation.abbreviation,
            "grade": w.person.grade.code if w.person.grade else "",
            "available_from": w.available_from, "available_to": w.available_to,
            "skills": "; ".join(sorted(s.name for s in w.skills.all())), "note": w.note,
        }


def request_rows(requests: Iterable[DeploymentRequest]) -> Iterator[dict]:
    for r in requests:
        yield {
            "id": r.pk, "programme": r.programme,
            "requesting_organisation": r.requesting_organisation.abbreviation,
            "specialist_staff_number": r.specialist.staff_number,
            "specialist": r.specialist.full_name, "starts_on": r.starts_on,
            "ends_on": r.ends_on, "skills": "; ".join(sorted(s.name for s in r.skills.all())),
            "state": r.state, "outcome": r.outcome, "requested_at": r.requested_at,
        }
