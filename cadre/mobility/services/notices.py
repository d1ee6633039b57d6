"""Messages from mobility (ADR 30): a managed move waits for an organisation, and a
vacancy that fits opted-in people opened.

- ``move_action``: sent whenever a move's next step passes to an organisation, to that
  organisation's heads of profession (the central team when it has none), never to the
  account that just acted: a proposal asks the receiving side to agree; the receiving
  side's agreement asks the releasing side; the releasing side's agreement asks both to
  arrange the logistics; the logistics update that ticks off the last item asks the
  receiving side to complete the move.
- ``vacancy_match``: when a vacancy opens (or reopens), a background task ranks the
  candidate pool exactly as the hiring organisation's match page does (only people opted
  in to opportunities, outside the hiring organisation, whose preferred grades and
  families allow it) and tells the best :data:`ALERT_LIMIT` who hold every essential
  skill at some level and have a skill fit of at least :data:`ALERT_MIN_SKILL_FIT`.
  Each person hears of a vacancy once; the message always waits for their weekly digest.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from cadre.access.models import RoleAssignment
from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.mobility import selectors
from cadre.mobility.models import MoveRequest, Vacancy
from cadre.notifications.models import Message
from cadre.notifications.services import absolute_link
from cadre.notifications.triggers import long_date, notify
from cadre.people.models import Person

logger = logging.getLogger(__name__)

#: How many of the best-ranked opted-in people a newly opened vacancy may tell.
ALERT_LIMIT = 25
#: The least skill fit (0 to 1, essential skills weigh three times desirable ones) for a
#: vacancy to be called one that fits a person: three quarters of what it asks for.
ALERT_MIN_SKILL_FIT = 0.75

#: The move's state after a step: the side(s) whose turn it is, and what they are asked.
_NEXT_STEP: dict[str, tuple[tuple[str, ...], str]] = {
    MoveRequest.State.PROPOSED: (("receiving",), "agree to receive them"),
    MoveRequest.State.RECEIVING_AGREED: (("releasing",), "agree to release them"),
    MoveRequest.State.RELEASING_AGREED: (("receiving", "releasing"),
                                         "arrange the logistics"),
}
_COMPLETE = (("receiving",), "complete the move")


def deciders(organisation_id: int) -> QuerySet:
    """Active accounts that act for an organisation: its heads of profession today, or
    the central team when it has none."""
    users = get_user_model().objects.filter(is_active=True).order_by("email")
    current = RoleAssignment.objects.current()
    heads = users.filter(pk__in=current.filter(role=Role.HEAD_OF_PROFESSION,
                                               organisation_id=organisation_id)
                         .values("user_id"))
    if heads.exists():
        return heads
    return users.filter(pk__in=current.filter(role=Role.CENTRAL_TEAM).values("user_id"))


def name_of(user: Any) -> str:
    """How a message greets an account: the person's name, else the account's."""
    person = Person.objects.filter(account=user).only("first_name", "last_name").first()
    return (person.full_name.strip() if person else "") or user.display_name or user.email


def tell_move_parties(*, actor: Actor, move: MoveRequest, logistics_done: bool = False
                      ) -> list[Message]:
    """After a step: tell the organisation(s) whose turn it now is (see the module)."""
    if logistics_done:
        sides, step = _COMPLETE
    elif move.state in _NEXT_STEP:
        sides, step = _NEXT_STEP[move.state]
    else:
        return []
    move = MoveRequest.objects.select_related("person", "releasing", "receiving").get(
        pk=move.pk)
    link = absolute_link(reverse("mobility:move", args=[move.pk]))
    sent: list[Message] = []
    seen: set[int] = set()
    for side in sides:
        for user in deciders(getattr(move, f"{side}_id")):
            if user.pk in seen:
                continue
            seen.add(user.pk)
            message = notify(
                kind="move_action", to=user.email, recipient=user, actor=actor,
                personalisation=lambda user=user: {
                    "recipient_name": name_of(user), "person_name": move.person.full_name,
                    "releasing": move.releasing.name, "receiving": move.receiving.name,
                    "step": step, "link": link})
            if message is not None:
                sent.append(message)
    return sent


def alert_matches_on_commit(vacancy_id: int) -> None:
    """Once the opening commits, hand the vacancy to the background task that tells the
    people it fits (ranking is not done in the request)."""
    def enqueue() -> None:
        from cadre.mobility.tasks import tell_vacancy_matches

        try:
            tell_vacancy_matches.enqueue(vacancy_id)
        except Exception:  # noqa: BLE001 - the vacancy is open either way
            logger.exception("Could not enqueue the match alerts of vacancy %s", vacancy_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def tell_matches(*, vacancy_id: int, actor: Actor | Any | None = None) -> list[Message]:
    """Tell the opted-in people an open vacancy fits (see the module); each only once."""
    actor = Actor.coerce(actor)
    vacancy = (Vacancy.objects.select_related("organisation", "grade", "role_level__role")
               .filter(pk=vacancy_id).first())
    if vacancy is None or vacancy.state != Vacancy.State.OPEN:
        return []
    result = selectors.match(vacancy, limit=ALERT_LIMIT)
    fitting = [row["person"].pk for row in result.rows
               if row["skill_fit"] >= ALERT_MIN_SKILL_FIT
               and not any(m["essential"] for m in row["missing"])]
    if not fitting:
        return []
    link = absolute_link(reverse("mobility:vacancy", args=[vacancy.pk]))
    told = set(Message.objects.filter(kind="vacancy_match", personalisation__link=link)
               .values_list("recipient_id", flat=True))
    people = {p.pk: p for p in Person.objects.filter(
        pk__in=fitting, mobility__open_to_opportunities=True, account__isnull=False,
        account__is_active=True).select_related("account")}
    sent: list[Message] = []
    for person_id in fitting:  # best first
        person = people.get(person_id)
        if person is None or person.account_id in told:
            continue
        message = notify(
            kind="vacancy_match", to=person.email or person.account.email,
            recipient=person.account, actor=actor,
            personalisation={"person_name": person.full_name,
                             "vacancy_title": vacancy.title,
                             "organisation": vacancy.organisation.name,
                             "closing_date": long_date(vacancy.closing_date), "link": link})
        if message is not None:
            sent.append(message)
    return sent
