"""Writes for mobility, one module per kind of record:

- ``vacancies``: drafting and editing vacancies, the vacancy workflow
  (``transition_vacancy``) and audited exports of matches;
- ``moves``: proposing managed moves and the move workflow (``transition_move``);
- ``preferences``: the internal-first policy and people's mobility preferences;
- ``authorisation``: who may change what (``Scope.manages``), shared by the others.

Every write takes an ``Actor`` (a User or None is still accepted), checks the actor's
right inside the service, runs in a transaction and is audited. The names below are
re-exported so callers can write ``services.transition_move(...)``.
"""

from cadre.mobility.services.moves import (
    ACTIVE_MOVE_STATES,
    MOVE_ACTIONS,
    MOVE_TRANSITIONS,
    agree_receiving,
    agree_releasing,
    cancel_move,
    complete_move,
    logistics_missing,
    propose_move,
    transition_move,
    update_logistics,
)
from cadre.mobility.services.preferences import current_policy, set_policy, set_preference
from cadre.mobility.services.vacancies import (
    MATCH_EXPORT_FORMATS,
    VACANCY_ACTIONS,
    VACANCY_FIELDS,
    close_vacancy,
    create_vacancy,
    decide_external,
    export_matches,
    external_allowed_on,
    fill_vacancy,
    open_vacancy,
    set_vacancy_skills,
    transition_vacancy,
    update_vacancy,
    withdraw_vacancy,
)

__all__ = [
    "ACTIVE_MOVE_STATES", "MATCH_EXPORT_FORMATS", "MOVE_ACTIONS", "MOVE_TRANSITIONS",
    "VACANCY_ACTIONS", "VACANCY_FIELDS", "agree_receiving", "agree_releasing", "cancel_move",
    "close_vacancy", "complete_move", "create_vacancy", "current_policy", "decide_external",
    "export_matches", "external_allowed_on", "fill_vacancy", "logistics_missing",
    "open_vacancy", "propose_move", "set_policy", "set_preference", "set_vacancy_skills",
    "transition_move", "transition_vacancy", "update_logistics", "update_vacancy",
    "withdraw_vacancy",
]
