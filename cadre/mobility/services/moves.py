"""Writes for managed moves: proposing one, and the move workflow.

``transition_move`` is the one way a move changes state; pages, API and commands call it
with the action the user chose and the values that action takes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cadre.core.actor import Actor
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.workflow import TransitionConflict, run_transition
from cadre.mobility.models import LOGISTICS_FIELDS, MoveRequest, Vacancy
from cadre.mobility.services.authorisation import audit, manages, require_manager, save
from cadre.mobility.services.notices import tell_move_parties
from cadre.organisations.models import Organisation
from cadre.people.models import Person

ACTIVE_MOVE_STATES = (MoveRequest.State.PROPOSED, MoveRequest.State.RECEIVING_AGREED,
                      MoveRequest.State.RELEASING_AGREED, MoveRequest.State.LOGISTICS)

#: The steps of the move workflow as pages, API and commands name them, and the
#: ``MoveRequest`` transition each one makes.
MoveAction = Literal["agree-receiving", "agree-releasing", "logistics", "complete", "cancel"]
MOVE_TRANSITIONS: dict[str, str] = {"agree-receiving": "agree_receiving",
                                    "agree-releasing": "agree_releasing",
                                    "logistics": "arrange_logistics", "complete": "complete",
                                    "cancel": "cancel"}
MOVE_ACTIONS: tuple[str, ...] = tuple(MOVE_TRANSITIONS)
COMPLETE_FIELDS = ("staff_number", "line_manager")


def logistics_missing(move: MoveRequest) -> list[str]:
    """Labels of the logistics still to do before the move can complete."""
    return move.logistics_missing()


@transaction.atomic
def propose_move(*, actor: Actor | Any, person: Person, receiving: Organisation,
                 vacancy: Vacancy | None = None) -> MoveRequest:
    """Propose moving a person to another organisation (either organisation, or central).

    The person's row is locked, so two proposals at once cannot both start a move.
    """
    actor = Actor.coerce(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not (manages(actor, receiving.pk) or manages(actor, person.organisation_id)):
        raise PermissionDenied("Only heads of profession of the releasing or receiving "
                               "organisation, or the central team, can propose a move.")
    if receiving.pk == person.organisation_id:
        raise ValidationError({"receiving": f"{person} already works in {receiving}."})
    if vacancy is not None and vacancy.organisation_id != receiving.pk:
        raise ValidationError({"vacancy": "The vacancy belongs to another organisation."})
    if vacancy is not None and vacancy.state not in (Vacancy.State.OPEN, Vacancy.State.CLOSED):
        raise ValidationError({"vacancy": "Moves can only be linked to open or closed "
                                          "vacancies."})
    if MoveRequest.objects.filter(person=person, state__in=ACTIVE_MOVE_STATES).exists():
        raise ValidationError({"person": f"{person} already has a move in progress."})
    move = MoveRequest(person=person, releasing_id=person.organisation_id, receiving=receiving,
                       vacancy=vacancy, proposed_by=actor.user)
    save(actor, move)
    audit(actor, move, f"Move of {person.staff_number} proposed to {receiving.abbreviation}",
          created=True, person=person.pk, releasing=move.releasing_id, receiving=receiving.pk,
          vacancy=vacancy.pk if vacancy else None)
    tell_move_parties(actor=actor, move=move)
    return move


def _logistics_values(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(LOGISTICS_FIELDS)
    if unknown:
        raise ValidationError({f: "Not a logistics field." for f in sorted(unknown)})
    start = data.get("start_date")
    if start is not None and not isinstance(start, dt.date):
        raise ValidationError({"start_date": "Give the start date as a date."})
    return {name: (value if name == "start_date" else bool(value))
            for name, value in data.items()}


def _may(action: str) -> tuple[str, str]:
    """Which side may make the step ("receiving", "releasing" or "either") and the refusal."""
    return {
        "agree-receiving": ("receiving", "agree a move into it"),
        "agree-releasing": ("releasing", "agree to release its people"),
        "complete": ("receiving", "complete a move into it"),
        "logistics": ("either", "arrange the logistics"),
        "cancel": ("either", "cancel"),
    }[action]


def _complete(actor: Actor, move: MoveRequest, staff_number: str,
              line_manager: Person | None, report: dict[str, Any]) -> None:
    """Move the person's record to the receiving organisation (under the move's lock)."""
    missing = move.logistics_missing()
    if missing:
        raise ValidationError({"logistics": "Still to do: " + ", ".join(missing) + "."})
    person = Person.objects.select_for_update().get(pk=move.person_id)
    if person.organisation_id != move.releasing_id:
        raise ValidationError({"person": "The person no longer works in the releasing "
                                         "organisation."})
    number = (staff_number or "").strip() or person.staff_number
    if Person.objects.filter(organisation_id=move.receiving_id,
                             staff_number=number).exclude(pk=person.pk).exists():
        receiving = Organisation.objects.get(pk=move.receiving_id)
        raise ValidationError({"staff_number": f"Staff number {number} is taken in "
                                               f"{receiving}; give a new one."})
    if line_manager is not None and line_manager.organisation_id != move.receiving_id:
        raise ValidationError({"line_manager": "Choose a line manager in the receiving "
                                               "organisation."})
    report["person"] = {"id": person.pk, "before": {
        "organisation": person.organisation_id, "staff_number": person.staff_number,
        "line_manager": person.line_manager_id, "unit": person.unit_id}}
    person.organisation_id = move.receiving_id
    person.staff_number = number
    person.line_manager = line_manager
    person.unit = None
    save(actor, person, update_fields=["organisation", "staff_number", "line_manager", "unit"])
    # Their reports stay in the releasing organisation without a manager from outside it.
    for other in Person.objects.select_for_update().filter(line_manager=person):
        other.line_manager = None
        save(actor, other, update_fields=["line_manager"])
    if move.vacancy_id is not None:
        vacancy = Vacancy.objects.select_for_update().filter(pk=move.vacancy_id).first()
        if vacancy is not None and vacancy.state in (Vacancy.State.OPEN,
                                                     Vacancy.State.CLOSED):
            run_transition(model=Vacancy, pk=vacancy.pk, transition="fill", actor=actor,
                           authorise=lambda *_: True, arguments={"person": person},
                           reason=f"Filled by move {move.pk}", data={"move": move.pk},
                           summary=f"Vacancy {vacancy.pk} filled by move {move.pk}")
            report["vacancy_filled"] = vacancy.pk


def transition_move(*, actor: Actor | Any, move_id: int, action: MoveAction | str,
                    reason: str = "", expected_state: str | None = None,
                    **data: Any) -> MoveRequest:
    """The managed-move workflow: the only way a move changes state.

    - ``agree-receiving`` (the receiving organisation), then ``agree-releasing`` (the
      releasing one);
    - ``logistics`` (either organisation; ``data`` holds any of ``LOGISTICS_FIELDS``),
      as often as needed;
    - ``complete`` (the receiving organisation; ``data`` may hold ``staff_number`` and
      ``line_manager``): every logistics item done, the person's record moves over, a
      linked vacancy is filled;
    - ``cancel`` (either organisation, with a ``reason``) from any active state.

    ``expected_state`` is the state the caller saw: if the move has moved on since (say it
    was agreed while the other organisation was cancelling), the step is refused with
    ``TransitionConflict`` (HTTP 409) rather than applied to a move the caller has not
    seen. A step no longer possible at all is refused the same way.
    """
    actor = Actor.coerce(actor)
    if action not in MOVE_TRANSITIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(MOVE_ACTIONS)}."})
    if expected_state is not None and expected_state not in MoveRequest.State.values:
        raise ValidationError({"expected_state": "Not a state of a move."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)
    arguments: dict[str, Any] = {}
    report: dict[str, Any] = {}
    work = None
    was_missing: list[str] = []
    if action == "logistics":
        arguments = _logistics_values(data)
        report["values"] = {k: str(v) for k, v in arguments.items()}

        def work(move: MoveRequest) -> None:
            was_missing.extend(move.logistics_missing())
    elif action == "complete":
        unknown = set(data) - set(COMPLETE_FIELDS)
        if unknown:
            raise ValidationError({f: "Not a field of this step." for f in sorted(unknown)})

        def work(move: MoveRequest) -> None:
            _complete(actor, move, str(data.get("staff_number") or ""),
                      data.get("line_manager"), report)
    else:
        if data:
            raise ValidationError({f: "Not a field of this step." for f in sorted(data)})
        if action == "cancel":
            if not reason:
                raise ValidationError({"reason": "Give the reason for cancelling."})
            arguments = {"reason": reason}
    side, what = _may(action)
    transition = MOVE_TRANSITIONS[action]

    def authorise(who: Actor, move: MoveRequest) -> bool:
        if expected_state is not None and move.state != expected_state:
            raise TransitionConflict(instance=move, transition=transition,
                                     current_state=move.state)
        if side == "either":
            if not (manages(who, move.receiving_id) or manages(who, move.releasing_id)):
                raise PermissionDenied(f"Only the two organisations or the central team "
                                       f"can {what}.")
        else:
            require_manager(who, getattr(move, f"{side}_id"), what)
        return True

    with transaction.atomic():
        move = run_transition(
            model=MoveRequest, pk=move_id, transition=transition, actor=actor,
            authorise=authorise, reason=reason, arguments=arguments, work=work, data=report,
            summary=f"Move {move_id}: {action.replace('-', ' ')}",
        )
        # Tell the organisation whose turn it now is (ADR 30); the logistics update that
        # ticks off the last item asks the receiving side to complete.
        if action != "logistics":
            tell_move_parties(actor=actor, move=move)
        elif was_missing and not move.logistics_missing():
            tell_move_parties(actor=actor, move=move, logistics_done=True)
    return move


def _refreshed(move: MoveRequest) -> MoveRequest:
    move.refresh_from_db()
    return move


def agree_receiving(*, actor: Actor | Any, move: MoveRequest) -> MoveRequest:
    """``transition_move`` for a move in hand (scripts, demo, tests)."""
    transition_move(actor=actor, move_id=move.pk, action="agree-receiving")
    return _refreshed(move)


def agree_releasing(*, actor: Actor | Any, move: MoveRequest) -> MoveRequest:
    transition_move(actor=actor, move_id=move.pk, action="agree-releasing")
    return _refreshed(move)


def update_logistics(*, actor: Actor | Any, move: MoveRequest, **values: Any) -> MoveRequest:
    transition_move(actor=actor, move_id=move.pk, action="logistics", **values)
    return _refreshed(move)


def complete_move(*, actor: Actor | Any, move: MoveRequest, staff_number: str = "",
                  line_manager: Person | None = None) -> MoveRequest:
    transition_move(actor=actor, move_id=move.pk, action="complete",
                    staff_number=staff_number, line_manager=line_manager)
    return _refreshed(move)


def cancel_move(*, actor: Actor | Any, move: MoveRequest, reason: str) -> MoveRequest:
    transition_move(actor=actor, move_id=move.pk, action="cancel", reason=reason)
    return _refreshed(move)
