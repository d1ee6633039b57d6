"""One way to move a record through its workflow (django-fsm-2 state machines).

Every workflow service calls ``run_transition``. Inside one transaction it:

1. re-reads the row with ``select_for_update`` (a second request waits here);
2. checks the transition is still possible from the state it finds: if another
   request got there first it raises ``TransitionConflict`` (HTTP 409, with the
   current state); unmet conditions are a ``ValidationError`` (HTTP 400);
3. asks the workflow's ``authorise`` callback whether the actor may do it
   (``PermissionDenied`` otherwise, HTTP 403);
4. runs the workflow's own work (``work``) and the transition method;
5. saves only the state field and the fields that changed, with the actor as the
   history user and the reason as the history change reason;
6. writes exactly one audit event with the payload
   ``{"from", "to", "actor", "reason"}`` (plus any ``data``). With
   ``private_reason=True`` the reason (free text that may hold personal data) stays out
   of the audit event, which can never be changed: the event says only whether a reason
   was given and its length, and the text is kept in the history row's change reason,
   which a retention purge can blank.

See docs/adr/0014-workflows-on-django-fsm.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django_fsm import FSMFieldMixin, can_proceed

from cadre.core.actor import Actor

M = TypeVar("M", bound=models.Model)

#: The audit action of every workflow step.
TRANSITION_ACTION = "transition"

#: Writes one audit event: ``recorder(actor=..., action=..., target=..., summary=..., data=...)``.
#: The audit app registers ``record_event`` here when it starts (core sits below audit, so it
#: cannot import it); a transition with no recorder registered fails rather than go unaudited.
AuditRecorder = Callable[..., Any]
_recorder: AuditRecorder | None = None


def register_audit_recorder(recorder: AuditRecorder) -> None:
    """Called once by ``cadre.audit`` at start-up."""
    global _recorder  # noqa: PLW0603
    _recorder = recorder


class TransitionConflict(Exception):
    """The transition is not possible from the record's current state (HTTP 409).

    Usually another request changed the record first. ``current_state`` is the state
    found under the lock.
    """

    def __init__(self, *, instance: models.Model, transition: str, current_state: str,
                 message: str | None = None) -> None:
        self.model = instance._meta.label
        self.pk = instance.pk
        self.transition = transition
        self.current_state = current_state
        self.current_state_label = _state_label(instance)
        name = instance._meta.verbose_name
        self.message = message or (
            f"This {name} is now '{self.current_state_label}', so "
            f"'{transition.replace('_', ' ')}' is no longer possible. "
            "Reload it to see what changed.")
        super().__init__(self.message)


def state_field(model: type[models.Model]) -> FSMFieldMixin:
    """The model's (single) FSM state field."""
    fields = [f for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin)]
    if len(fields) != 1:
        raise TypeError(f"{model._meta.label} needs exactly one FSM field, has {len(fields)}.")
    return fields[0]


def _state_label(instance: models.Model) -> str:
    field = state_field(type(instance))
    value = getattr(instance, field.attname)
    return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _conditions_message(method: Any, instance: models.Model, state: str) -> str:
    meta = method._django_fsm
    found = meta.get_transition(state)
    for condition in (found.conditions if found else []):
        if not condition(instance):
            doc = (condition.__doc__ or "").strip()
            if doc:
                return doc
    return "The conditions for this step are not met."


def _audit_reason(reason: str, *, private: bool) -> dict[str, Any]:
    """The reason as the audit event records it: the text, or only whether one was given."""
    if not private:
        return {"reason": reason}
    return {"reason": "", "reason_given": bool(reason), "reason_length": len(reason)}


def run_transition(
    *,
    model: type[M],
    pk: Any,
    transition: str,
    actor: Actor | Any | None,
    authorise: Callable[[Actor, M], bool],
    reason: str = "",
    data: dict[str, Any] | None = None,
    work: Callable[[M], None] | None = None,
    summary: str | None = None,
    arguments: dict[str, Any] | None = None,
    queryset: models.QuerySet[M] | None = None,
    private_reason: bool = False,
) -> M:
    """Apply ``transition`` (a method name decorated with ``@transition``) to one row.

    ``authorise(actor, instance)`` sees the locked row and returns whether the actor may
    make the step (``PermissionDenied`` when not); it may also raise ``PermissionDenied``
    itself with its own message. ``work(instance)`` runs under the lock after the checks
    and before the transition method (writes to related rows go here); it may raise
    ``ValidationError`` to refuse, which undoes everything. ``arguments`` are passed to the
    transition method. ``private_reason``: keep the reason out of the audit event (see the
    module; the caller's ``summary`` and ``data`` must not quote it either). Returns the
    saved instance.
    """
    who = Actor.coerce(actor)
    field = state_field(model)
    with transaction.atomic():
        base = queryset if queryset is not None else model._default_manager.all()
        instance = base.select_for_update().filter(pk=pk).first()
        if instance is None:
            raise model.DoesNotExist(f"No {model._meta.verbose_name} {pk}.")
        method = getattr(instance, transition, None)
        if method is None or not hasattr(method, "_django_fsm"):
            raise TypeError(f"{model._meta.label}.{transition} is not a transition.")
        before_state = getattr(instance, field.attname)
        if not can_proceed(method, check_conditions=False):
            raise TransitionConflict(instance=instance, transition=transition,
                                     current_state=before_state)
        if not can_proceed(method):
            raise ValidationError(_conditions_message(method, instance, before_state))
        if not authorise(who, instance):
            raise PermissionDenied("You cannot do that.")
        before = _snapshot(instance)
        if work is not None:
            work(instance)
        method(**(arguments or {}))
        after = _snapshot(instance)
        changed = [f.name for f in model._meta.concrete_fields
                   if before[f.attname] != after[f.attname]]
        update_fields = sorted({field.name, *changed})
        instance._history_user = who.user  # type: ignore[attr-defined]
        instance._change_reason = (reason or f"{transition} by {who.label}")[:100]  # type: ignore[attr-defined]
        instance.save(update_fields=update_fields)
        to_state = getattr(instance, field.attname)
        if _recorder is None:
            raise RuntimeError("No audit recorder registered; is cadre.audit installed?")
        _recorder(
            actor=who, action=TRANSITION_ACTION, target=instance,
            summary=summary or (f"{model._meta.verbose_name.capitalize()} {instance.pk}: "
                                f"{transition.replace('_', ' ')} ({before_state} to {to_state})"),
            data={"from": before_state, "to": to_state, "actor": who.label,
                  **_audit_reason(reason, private=private_reason),
                  "transition": transition, **(data or {})},
        )
    return instance
