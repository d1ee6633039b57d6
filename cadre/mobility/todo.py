"""What the home page lists from mobility: managed moves waiting, the own preference."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from cadre.access.roles import Role
from cadre.access.scope import scope_for
from cadre.core.todo import HomeItem
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.mobility.selectors import managed_vacancies
from cadre.people.selectors import own_person


def waiting(user: object) -> Sequence[HomeItem]:
    """Moves whose next step is for an organisation the account manages."""
    scope = scope_for(user)
    if not scope.authenticated:
        return []
    managed = scope.managed_organisation_ids
    if managed is not None and not managed:
        return []
    state = MoveRequest.State
    steps = (Q(state=state.PROPOSED, receiving_id__in=managed or [])
             | Q(state=state.RECEIVING_AGREED, releasing_id__in=managed or [])
             | Q(state__in=[state.RELEASING_AGREED, state.LOGISTICS],
                 receiving_id__in=managed or []))
    moves = MoveRequest.objects.all()
    if managed is None:
        moves = moves.filter(state__in=[state.PROPOSED, state.RECEIVING_AGREED,
                                        state.RELEASING_AGREED, state.LOGISTICS])
    else:
        moves = moves.filter(steps)
    return [HomeItem("Managed moves waiting for your next step", "mobility:moves",
                     count=moves.count(),
                     hint="To agree, to arrange or to complete.")]


def vacancies(user: object) -> Sequence[HomeItem]:
    """Vacancies of the organisations the account manages that are still to fill: drafts
    to open and open vacancies whose matches to look at."""
    if not scope_for(user).has(Role.HEAD_OF_PROFESSION, Role.CENTRAL_TEAM,
                                Role.ADMINISTRATOR):
        return []
    count = managed_vacancies(user).filter(
        state__in=[Vacancy.State.DRAFT, Vacancy.State.OPEN]).count()
    return [HomeItem("Vacancies to fill", "mobility:vacancies-managed", count=count,
                     hint="Drafts to open, and open vacancies: see who fits and choose.")]


def own(user: object) -> Sequence[HomeItem]:
    if own_person(user) is None:
        return []
    return [HomeItem("Your mobility preference", "mobility:mobility-preference"),
            HomeItem("Vacancies that fit you", "mobility:vacancies-for-me")]
