"""The application workflow: the one service that changes an application's state.

Every area (applications, allocation, assessment, decisions, appeals) moves an application
through ``transition_application``; it locks the row, refuses a lost race with
``TransitionConflict`` (HTTP 409) and writes one audit event (core.workflow, ADR 14).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.accreditation.models import Application
from cadre.accreditation.selectors.common import (
    allocated_assessor_ids,
    person_id_of,
    runs_scheme,
)
from cadre.core.actor import Actor
from cadre.core.inputs import REASON_TEXT, check_text
from cadre.core.workflow import run_transition

#: Who may take each step: the applicant, an allocated assessor, or the scheme runners
#: (central team, administrators). The command line and the system may take any step.
APPLICANT_ACTIONS = frozenset({"submit", "withdraw", "reopen", "appeal"})
ASSESSOR_ACTIONS = frozenset({"reconcile", "to_panel"})
RUNNER_ACTIONS = frozenset({"allocate", "reconcile", "to_panel", "award", "decline",
                            "uphold", "dismiss", "withdraw"})
ACTIONS = tuple(sorted(APPLICANT_ACTIONS | ASSESSOR_ACTIONS | RUNNER_ACTIONS))


def may_take(actor: Actor, application: Application, action: str) -> bool:
    """Whether the actor may take this step on this application (state aside)."""
    if actor.trusted:
        return True
    me = person_id_of(actor.user)
    if action in APPLICANT_ACTIONS and me is not None and me == application.person_id:
        return True
    if action in ASSESSOR_ACTIONS and me is not None and me in allocated_assessor_ids(
            application.pk):
        return True
    return action in RUNNER_ACTIONS and runs_scheme(actor.user) and me != application.person_id


def transition_application(*, actor: Actor | Any, application_id: int, action: str,
                           reason: str = "",
                           work: Callable[[Application], None] | None = None) -> Application:
    """Take one step of the application workflow (see ``models.applications``).

    ``work`` runs under the lock before the step, for the caller's own changes to the
    application (it may raise ``ValidationError`` to refuse). ``submitted_at`` and
    ``decided_at`` are set here.
    """
    actor = Actor.coerce(actor)
    if action not in ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(ACTIONS)}."})
    reason = check_text((reason or "").strip(), field="reason", max_length=REASON_TEXT)

    def authorise(who: Actor, application: Application) -> bool:
        if may_take(who, application, action):
            return True
        raise PermissionDenied("You cannot take this step on this application.")

    def step(application: Application) -> None:
        if work is not None:
            work(application)
        now = timezone.now()
        if action == "submit":
            application.submitted_at = now
        if action in ("award", "decline", "uphold", "dismiss"):
            application.decided_at = now
        if action == "reopen":
            application.supporter_confirmed_at = None
            application.submitted_at = None

    return run_transition(model=Application, pk=application_id, transition=action, actor=actor,
                          authorise=authorise, reason=reason, work=step,
                          summary=f"Accreditation application {application_id}: "
                                  f"{action.replace('_', ' ')}")
