"""Writes for the retained ICT function (issue 19, area 4): importing the taxonomy (with the
reference models' choices) and recording a department's matrix.

Who may act: the taxonomy is the central team's and administrators' (and the command
line's); a matrix row is recorded by a head of profession for their own organisations, the
central team or administrators (``selectors.functions.may_contribute``).

Locking: a matrix row is changed under its row lock; its ``version`` (shown in the form
and the API) must still be the one the editor read, else the change is refused with a 409
(``FunctionConflict``): no lost updates. Two first recordings of one function race on the
unique constraint; the loser gets the same 409.

Limits (docs/limits.md, "Strategy: the retained ICT function"): evidence up to 2,000
characters; the taxonomy file's limits are ``function_checks``'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, invalid, parse_choice
from cadre.core.tabular import CellError, TableError, read_table
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import RoleFamily
from cadre.framework.selectors import default_framework
from cadre.organisations.models import Organisation
from cadre.strategy import function_checks as fc
from cadre.strategy.models import (
    FunctionNeed,
    FunctionSourcing,
    IctFunction,
    Maturity,
    OperatingModel,
    Sourcing,
)
from cadre.strategy.selectors.functions import may_contribute

EMBEDDED = Path(__file__).resolve().parent.parent / "data" / "ict-functions.csv"
MAX_FILE_BYTES = 1024 * 1024
NOT_YOURS = ("You may record the ICT function matrix only for the organisations you are head "
             "of profession in.")
CENTRAL_ONLY = "Only the central profession team and administrators change the taxonomy."


class FunctionConflict(TransitionConflict):
    """The matrix row changed since the editor read it (HTTP 409 on pages and in the API)."""

    def __init__(self, *, instance: Any, current_version: int, message: str) -> None:
        self.model = instance._meta.label
        self.pk = instance.pk
        self.transition = "record"
        self.current_state = f"version {current_version}"
        self.current_state_label = self.current_state
        self.current_version = current_version
        self.message = message
        Exception.__init__(self, message)


def _require_central(actor: Actor) -> None:
    if actor.trusted:
        return
    if not actor.is_user or not scope_for(actor.user).government_wide:
        raise PermissionDenied(CENTRAL_ONLY)


# The taxonomy --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaxonomyImport:
    created: int
    updated: int
    models: int

    @property
    def summary(self) -> str:
        return (f"{self.created} function(s) added and {self.updated} updated; "
                f"{self.models} reference operating models.")


def ensure_operating_models() -> dict[str, OperatingModel]:
    """The three reference models, made (or renamed) from ``function_checks``."""
    out = {}
    for position, (key, name, description) in enumerate(fc.OPERATING_MODELS):
        model, _ = OperatingModel.objects.update_or_create(
            key=key, defaults={"name": name, "description": description,
                               "position": position})
        out[key] = model
    return out


def import_taxonomy(*, actor: Actor | Any, data: bytes, filename: str) -> TaxonomyImport:
    """Load a taxonomy file (columns ``key, name, description, needs, retained_in``): whole
    or not at all. A function is matched by its key; its needs and the models keeping it
    are replaced by the file's. Functions not in the file are left alone. Raises
    ``TableError`` listing every bad row."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    if len(data) > MAX_FILE_BYTES:
        raise TableError([CellError(None, None, "The file is larger than 1 MB.")])
    table = read_table(data, filename=filename, required=fc.COLUMNS[:2] + ("needs",),
                       optional=("description", "retained_in"), max_bytes=MAX_FILE_BYTES)
    framework = default_framework()
    if framework is None:
        raise TableError([CellError(None, None, "No capability framework is loaded, so the "
                                                "role families cannot be matched.")])
    families = {f.name.casefold(): f for f in RoleFamily.objects.filter(framework=framework)}
    good, problems = fc.check_rows(((r.number, r.values) for r in table.rows),
                                   [f.name for f in families.values()])
    if not good and not problems:
        problems.append((0, "", "The file has no functions."))
    if problems:
        raise TableError([CellError(number or None, column or None, message)
                          for number, column, message in problems])
    with transaction.atomic():
        models = ensure_operating_models()
        existing = {f.key: f for f in IctFunction.objects.select_for_update()}
        taken = {f.name.casefold(): f.key for f in existing.values()}
        clashes = [CellError(row.number, "name", f"'{row.name}' is the name of the function "
                                                 f"'{taken[row.name.casefold()]}' already.")
                   for row in good if taken.get(row.name.casefold(), row.key) != row.key]
        if clashes:
            raise TableError(clashes)
        created = updated = 0
        # Free every name first, so two functions can swap names in one file.
        for row in good:
            if row.key in existing and existing[row.key].name != row.name:
                IctFunction.objects.filter(pk=existing[row.key].pk).update(
                    name=f"~{existing[row.key].pk}~{row.key}")
        for position, row in enumerate(good):
            function = existing.get(row.key)
            if function is None:
                function = IctFunction(key=row.key)
                created += 1
            else:
                updated += 1
            function.name, function.description = row.name, row.description
            function.position = position
            function._history_user = history_user(actor)
            function.save()
            function.needs.all().delete()
            FunctionNeed.objects.bulk_create([
                FunctionNeed(function=function, family=families[n.family.casefold()],
                             min_rank=n.rank) for n in row.needs])
            for key, model in models.items():
                if key in row.retained_in:
                    model.retained.add(function)
                else:
                    model.retained.remove(function)
        record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                     summary=f"ICT function taxonomy imported from {filename[:100]}",
                     data={"created": created, "updated": updated})
    return TaxonomyImport(created=created, updated=updated, models=len(models))


def import_embedded(*, actor: Actor | Any) -> TaxonomyImport:
    """Load Cadre's own list (``data/ict-functions.csv``)."""
    return import_taxonomy(actor=actor, data=EMBEDDED.read_bytes(), filename=EMBEDDED.name)


# A department's matrix -------------------------------------------------------------------------

def _version(value: Any) -> int | None:
    """The version the editor read: None (not given), 0 (they saw no entry) or a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,9}", text):
        raise invalid("version", f"Give the version you read as a whole number, not "
                                 f"'{text[:20]}'.")
    return int(text)


def record_sourcing(*, actor: Actor | Any, organisation: Organisation, function: IctFunction,
                    sourcing: Any, maturity: Any, evidence: Any = "",
                    expected_version: Any = None) -> FunctionSourcing:
    """Record how ``organisation`` sources ``function``, how mature it is, and why.

    ``expected_version``: the version the editor read (0 when there was no entry yet); a
    different current version is a ``FunctionConflict`` (409). None skips the check (the
    command line and API clients that do not send one)."""
    actor = Actor.coerce(actor)
    if not may_contribute(actor, organisation):
        raise PermissionDenied(NOT_YOURS)
    sourcing = parse_choice(sourcing, field="sourcing", choices=Sourcing.values)
    maturity = parse_choice(maturity, field="maturity", choices=Maturity.values)
    text = str(evidence or "").strip()
    if "\x00" in text:
        raise invalid("evidence", "The evidence contains a NUL character.")
    text = check_text(text, field="evidence", max_length=fc.MAX_EVIDENCE)
    expected = _version(expected_version)
    try:
        with transaction.atomic():
            return _record(actor=actor, organisation=organisation, function=function,
                           values={"sourcing": sourcing, "maturity": maturity,
                                   "evidence": text}, expected=expected)
    except IntegrityError:
        current = FunctionSourcing.objects.get(organisation=organisation, function=function)
        raise FunctionConflict(
            instance=current, current_version=current.version,
            message=f"Someone recorded {function.name} for {organisation.name} at the same "
                    "time. Reload the page to see their entry.") from None


def _record(*, actor: Actor, organisation: Organisation, function: IctFunction,
            values: dict[str, str], expected: int | None) -> FunctionSourcing:
    entry = (FunctionSourcing.objects.select_for_update()
             .filter(organisation=organisation, function=function).first())
    if entry is None:
        if expected not in (None, 0):
            raise invalid("version", "There is no entry of that version to change.")
        entry = FunctionSourcing(organisation=organisation, function=function,
                                 updated_by=actor.user, **values)
        entry._history_user = history_user(actor)
        entry.save()
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=entry,
                     summary=f"{organisation.abbreviation}: {function.name} recorded as "
                             f"{entry.get_sourcing_display().lower()}", data=values)
        return entry
    if expected is not None and expected != entry.version:
        raise FunctionConflict(
            instance=entry, current_version=entry.version,
            message=(f"{function.name} for {organisation.name} was changed by someone else "
                     f"after you opened the form (it is now at version {entry.version}). "
                     "Reload the page to see their entry, then make your change again."))
    changed = sorted(k for k, v in values.items() if getattr(entry, k) != v)
    if not changed:
        return entry
    for name in changed:
        setattr(entry, name, values[name])
    entry.version += 1
    entry.updated_by = actor.user
    entry._history_user = history_user(actor)
    entry.save(update_fields=[*changed, "version", "updated_by", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=entry,
                 summary=f"{organisation.abbreviation}: {function.name} changed",
                 data={"fields": changed, "version": entry.version})
    return entry


__all__ = ["EMBEDDED", "FunctionConflict", "TaxonomyImport", "ensure_operating_models",
           "import_embedded", "import_taxonomy", "record_sourcing"]
