"""Reads for applications, scoped to the account (issue 21 point 2).

- The recruitment hub (central team, administrators) and the command line see every
  application.
- A head of profession sees the applications to their organisations' campaigns.
- A panel member sees only the applications allocated to them (the panels area's
  ``Assignment`` rows, ``application.assignments.filter(member__person=...)``); before that
  area exists, none.
- An internal candidate sees their own applications.

Anything else is a 404, the same as an application that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet

from cadre.core.actor import Actor
from cadre.recruitment.models import (
    Application,
    ApplicationState,
    Campaign,
    Criterion,
    Evidence,
)
from cadre.recruitment.selectors.campaigns import managed_organisation_ids, may_manage

__all__ = [
    "applications_of",
    "assignments_exist",
    "evidence_by_criterion",
    "is_own",
    "may_manage_application",
    "my_applications",
    "next_states",
    "person_of",
    "visible_applications",
]


def _user(who: Actor | Any) -> Any:
    return who.user if isinstance(who, Actor) else who


def person_of(user: Any) -> Any:
    """The account's person record, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: no person record
        return None


def assignments_exist() -> bool:
    """Whether the panels area's ``Assignment`` (related name ``assignments``) is there."""
    try:
        Application._meta.get_field("assignments")
    except FieldDoesNotExist:
        return False
    return True


def _base() -> QuerySet[Application]:
    return Application.objects.select_related(
        "campaign", "campaign__organisation", "candidate", "candidate__person")


def visible_applications(who: Actor | Any) -> QuerySet[Application]:
    """Every application the account may open (see the module docstring)."""
    base = _base()
    managed = managed_organisation_ids(who)
    if managed is None:
        return base
    user = _user(who)
    if user is None or not getattr(user, "is_authenticated", False):
        return base.none()
    scope = Q(campaign__organisation_id__in=managed) if managed else Q(pk__in=[])
    person = person_of(user)
    if person is not None:
        scope |= Q(candidate__person=person)
        if assignments_exist():
            allocated = Application.objects.filter(
                assignments__member__person=person).values("pk")
            scope |= Q(pk__in=allocated)
    return base.filter(scope)


def applications_of(who: Actor | Any, campaign: Campaign | int, *,
                    state: str | None = None) -> QuerySet[Application]:
    """The campaign's applications the account may see, in the order they came."""
    rows = visible_applications(who).filter(campaign_id=getattr(campaign, "pk", campaign))
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("submitted_at", "pk")


def my_applications(user: Any) -> QuerySet[Application]:
    """The account's own applications (as an internal candidate), newest first."""
    person = person_of(user)
    if person is None:
        return Application.objects.none()
    return _base().filter(candidate__person=person).order_by("-submitted_at", "-pk")


def may_manage_application(who: Actor | Any, application: Application) -> bool:
    """Whether the account runs the application's campaign (and so sees the candidate's
    contact details and takes the recruiters' steps)."""
    if isinstance(who, Actor) and who.trusted:
        return True
    return may_manage(who, application.campaign)


def is_own(who: Actor | Any, application: Application) -> bool:
    person = person_of(_user(who))
    return person is not None and application.candidate.person_id == person.pk


def evidence_by_criterion(application: Application) -> list[tuple[Criterion, str]]:
    """Each criterion of the campaign, in plan order, with the candidate's evidence ("" when
    none was given)."""
    texts = dict(Evidence.objects.filter(application=application).values_list(
        "criterion_id", "text"))
    criteria = Criterion.objects.filter(campaign_id=application.campaign_id).order_by(
        "order", "pk")
    return [(c, texts.get(c.pk, "")) for c in criteria]


def next_states(who: Actor | Any, application: Application) -> list[str]:
    """The steps the account may take on the application page: the recruiters' (offer,
    appoint, declined, withdraw) from the current state; the candidate's withdraw."""
    from cadre.recruitment.models.applications import OPEN_APPLICATION_STATES

    if application.campaign.state in ("closed", "cancelled"):
        return []
    moves = {ApplicationState.APPOINTABLE: [ApplicationState.OFFERED],
             ApplicationState.OFFERED: [ApplicationState.APPOINTED, ApplicationState.DECLINED]}
    steps: list[str] = []
    if may_manage_application(who, application):
        steps += moves.get(application.state, [])
    if application.state in OPEN_APPLICATION_STATES and (
            may_manage_application(who, application) or is_own(who, application)):
        steps.append(ApplicationState.WITHDRAWN)
    return steps
