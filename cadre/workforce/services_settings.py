"""Writes for how job titles are classified: the automatic-acceptance threshold.

Only the central profession team and administrators (and the command line) change it.
The one settings row is changed under its row lock; ``version`` must still be the one the
editor read, else the change is refused with a ``ThresholdConflict`` (HTTP 409), so no
change is lost. Two first settings (no row yet, version 0) race on the row's key; the
loser gets the same 409. A new threshold rewrites no classification by itself: the next
classification of an organisation applies it (``services_review.classify_organisation``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import invalid
from cadre.core.workflow import TransitionConflict
from cadre.workforce.models import AUTO_ACCEPT_MAX, AUTO_ACCEPT_MIN, ClassificationSettings
from cadre.workforce.selectors_review import classification_settings as current_settings

FIELD = "auto_accept_above"
CENTRAL_ONLY = ("Only the central profession team and administrators change when job titles "
                "are accepted automatically.")
RANGE = f"from {AUTO_ACCEPT_MIN} to {AUTO_ACCEPT_MAX}"


class ThresholdConflict(TransitionConflict):
    """The settings changed since the editor read them (HTTP 409 on pages and in the API)."""

    def __init__(self, *, instance: ClassificationSettings, message: str) -> None:
        self.model = instance._meta.label
        self.pk = instance.pk
        self.transition = "set_threshold"
        self.current_state = f"version {instance.version}"
        self.current_state_label = self.current_state
        self.current_version = instance.version
        self.message = message
        Exception.__init__(self, message)


def parse_threshold(value: Any) -> Decimal | None:
    """A threshold from 0.500 to 1.000 with at most 3 decimal places; None or blank is
    "never". Anything else is a ``ValidationError`` naming ``auto_accept_above``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise invalid(FIELD, f"Give the threshold as a number {RANGE}, or leave it empty.")
    text = str(value).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise invalid(FIELD, f"Give the threshold as a number {RANGE}, not '{text[:20]}'.")
    if not AUTO_ACCEPT_MIN <= number <= AUTO_ACCEPT_MAX:
        raise invalid(FIELD, f"The threshold must be {RANGE} (it is a probability), "
                             f"not {text[:20]}.")
    if number != number.quantize(Decimal("0.001")):
        raise invalid(FIELD, f"Give the threshold with at most 3 decimal places, not "
                             f"{text[:20]}.")
    return number.quantize(Decimal("0.001"))


def parse_version(value: Any) -> int:
    """The version the editor read, a whole number of 0 or more."""
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if not re.fullmatch(r"[0-9]{1,9}", text):
        raise invalid("version", "Give the version you read as a whole number"
                                 + (f", not '{text[:20]}'." if text else "."))
    return int(text)


def _require_central(actor: Actor) -> None:
    if actor.trusted:
        return
    if not actor.is_user or not scope_for(actor.user).government_wide:
        raise PermissionDenied(CENTRAL_ONLY)


def _words(value: Decimal | None) -> str:
    return "never" if value is None else f"{value} or above"


def set_auto_accept_threshold(*, actor: Actor | Any, threshold: Decimal | str | None,
                              version: int | str) -> ClassificationSettings:
    """Set (or clear, with None) the confidence at or above which a classification's
    suggestions are accepted automatically; ``version`` is the one the editor read (0 when
    never set). A different current version is a ``ThresholdConflict``; the same value
    again changes nothing."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    value = parse_threshold(threshold)
    expected = parse_version(version)
    try:
        with transaction.atomic():
            return _set(actor=actor, value=value, expected=expected)
    except IntegrityError:  # another first setting was saved while this one waited
        raise ThresholdConflict(
            instance=current_settings(),
            message="Someone else set the threshold at the same time. Reload the page to "
                    "see their change, then make yours again.") from None


def _set(*, actor: Actor, value: Decimal | None, expected: int) -> ClassificationSettings:
    row = ClassificationSettings.objects.select_for_update().filter(pk=1).first()
    current = row.version if row is not None else 0
    if current != expected:
        raise ThresholdConflict(
            instance=row or current_settings(),
            message=f"The threshold was changed by someone else after you read it (it is now "
                    f"at version {current}). Reload the page to see it, then make your "
                    "change again.")
    before = row.auto_accept_above if row is not None else None
    if row is not None and before == value:
        return row
    created = row is None
    if row is None:
        row = ClassificationSettings(pk=1)
    row.auto_accept_above = value
    row.version = current + 1
    row.changed_by = actor.user
    row.changed_at = timezone.now()
    row._history_user = history_user(actor)
    # The first setting inserts the row: two at once collide on its key (IntegrityError).
    row.save(force_insert=created)
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=row,
        summary=f"Job titles accepted automatically: {_words(value)} (was {_words(before)})",
        data={"before": {FIELD: None if before is None else str(before)},
              "after": {FIELD: None if value is None else str(value)},
              "version": row.version})
    return row
