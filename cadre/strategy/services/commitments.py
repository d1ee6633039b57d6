"""Writes for departmental commitments (issue 19, area 2): the importer and one entry at
a time.

Who may act: the central team, administrators and the command line import files and enter
any organisation's commitments; a head of profession enters their own organisations' only
(anyone else is refused with ``PermissionDenied``, a 403).

The importer is atomic: every row is checked (``commitment_rows.check_rows``) and every
organisation name matched (``organisations.selectors.match_organisation_names``, then the
``--map`` pairs) before anything is written; any problem rejects the file naming each row
and column, and a name that still matches nothing stops it listing every such name, unless
``create_missing`` creates it as a closed organisation. Importing the same file again
changes nothing. Limits: docs/limits.md, "Strategy" / "Commitments".
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadre.access.scope import scope_for
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_bool, parse_choice
from cadre.core.tabular import CellError, TableError, read_table
from cadre.organisations import selectors as organisation_selectors
from cadre.organisations import services as organisation_services
from cadre.organisations.models import Organisation
from cadre.strategy import commitment_rows
from cadre.strategy.models import Action, CommitmentEntry, Strategy
from cadre.strategy.selectors.commitments import may_edit

#: The largest commitments file read (docs/limits.md).
MAX_IMPORT_BYTES = 5 * 1024 * 1024
NOT_YOURS = ("You may enter commitments, progress and plans only for the organisations you "
             "are head of profession in.")
CENTRAL_ONLY = "Only the central profession team and administrators import commitments."


def _require_central(actor: Actor) -> None:
    if actor.trusted:
        return
    if not actor.is_user or not scope_for(actor.user).government_wide:
        raise PermissionDenied(CENTRAL_ONLY)


def _entered(actor: Actor) -> dict[str, Any]:
    # The command line's label names the OS user, which may be long: the first 100 kept.
    return {"entered_by": actor.user, "entered_via": "" if actor.is_user else actor.label[:100],
            "entered_at": timezone.now()}


def _find_or_make(model: type[Strategy] | type[Action], *, actor: Actor,
                  lookup: dict[str, Any], values: dict[str, Any]) -> tuple[Any, bool]:
    """The record ``lookup`` finds, or a new one made from ``values``; a record made by a
    concurrent writer in between is found instead of failing. (record, made)."""
    found = model.objects.filter(**lookup).first()
    if found is not None:
        return found, False
    made = model(**values)
    made._history_user = history_user(actor)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:
        found = model.objects.filter(**lookup).first()
        if found is None:
            raise
        return found, False
    return made, True


# One entry ------------------------------------------------------------------------------

def check_entry(values: Mapping[str, Any]) -> dict[str, Any]:
    """Kind, period, not applicable and text checked at once (a ValidationError naming
    each bad field). Text is required unless the entry is not applicable."""
    def period() -> str:
        text = str(values.get("period") or "").strip()
        if not text:
            raise invalid("period", "Give the period: a year (2013) or a month (2012-12).")
        if len(text) > commitment_rows.MAX_PERIOD or "\x00" in text:
            raise invalid("period", "Give a year (2013) or a month (2012-12).")
        problem = commitment_rows.period_problem(text)
        if problem:
            raise invalid("period", problem[0].upper() + problem[1:])
        return text

    checked = collect({
        "kind": lambda: parse_choice(str(values.get("kind") or "").strip().lower(),
                                     field="kind", choices=CommitmentEntry.Kind.values),
        "period": period,
        "not_applicable": lambda: parse_bool(values.get("not_applicable"),
                                             field="not_applicable", default=False),
        "text": lambda: check_text(str(values.get("text") or "").strip(), field="text",
                                   max_length=commitment_rows.MAX_TEXT),
    })
    if "\x00" in checked["text"]:
        raise invalid("text", "The text contains a NUL character.")
    if not checked["text"] and not checked["not_applicable"]:
        raise invalid("text", "Give the text, or record the action as not applicable.")
    return checked


@dataclass(frozen=True)
class Saved:
    entry: CommitmentEntry
    created: bool
    changed: bool


class EntryConflict(ValidationError):
    """The entry changed (or was made) after the form saving it was opened: a 409."""


def _check_seen(existing: CommitmentEntry | None, seen: str | None) -> None:
    if seen is None:
        return
    if existing is not None and not seen:
        raise EntryConflict(
            f"There is already a {existing.get_kind_display().lower()} for "
            f"{existing.period_label}. Nothing was changed: open it from the table to change "
            "it.")
    if existing is not None and existing.entered_at.isoformat() != seen:
        at = timezone.localtime(existing.entered_at)
        when = f"{at.day} {at:%B %Y, %H:%M}"
        raise EntryConflict(
            f"This {existing.get_kind_display().lower()} for {existing.period_label} was "
            f"saved by someone else at {when}, after you opened the form. Nothing was "
            "changed: open it again to see their text.")
    if existing is None and seen:
        raise EntryConflict("The entry you opened is no longer held. Nothing was changed.")


def _write(*, actor: Actor, action: Action, organisation: Organisation, kind: str,
           period: str, text: str, not_applicable: bool, retry: bool = True,
           seen: str | None = None) -> Saved:
    """Create the entry, or change it under its row lock; unchanged values write nothing.
    ``seen`` (from a page) is when the entry the form showed was entered, "" for none:
    anything else under the lock is an :class:`EntryConflict`."""
    existing = (CommitmentEntry.objects.select_for_update()
                .filter(action=action, organisation=organisation, kind=kind, period=period)
                .first())
    _check_seen(existing, seen)
    if existing is None:
        entry = CommitmentEntry(action=action, organisation=organisation, kind=kind,
                                period=period, text=text, not_applicable=not_applicable,
                                **_entered(actor))
        entry._history_user = history_user(actor)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            if not retry:
                raise
            # Someone created it between our read and write: change theirs instead.
            return _write(actor=actor, action=action, organisation=organisation, kind=kind,
                          period=period, text=text, not_applicable=not_applicable,
                          retry=False, seen=seen)
        return Saved(entry, created=True, changed=True)
    if existing.text == text and existing.not_applicable == not_applicable:
        return Saved(existing, created=False, changed=False)
    for name, value in {"text": text, "not_applicable": not_applicable,
                        **_entered(actor)}.items():
        setattr(existing, name, value)
    existing._history_user = history_user(actor)
    existing.save(update_fields=["text", "not_applicable", "entered_by", "entered_via",
                                 "entered_at"])
    return Saved(existing, created=False, changed=True)


@transaction.atomic
def save_entry(*, actor: Actor | Any, action: Action, organisation: Organisation,
               seen: str | None = None, **values: Any) -> Saved:
    """Enter (or change) an organisation's commitment, progress or plan for a period.
    ``seen``: see :func:`_write` (pages send it; the API and imports do not)."""
    actor = Actor.coerce(actor)
    if not may_edit(actor, organisation):
        raise PermissionDenied(NOT_YOURS)
    unknown = sorted(set(values) - {"kind", "period", "text", "not_applicable"})
    if unknown:
        raise invalid(unknown[0], "This is not a field of a commitment entry.")
    checked = check_entry(values)
    saved = _write(actor=actor, action=action, organisation=organisation, seen=seen,
                   **checked)
    if saved.changed:
        entry = saved.entry
        record_event(actor=actor, action=(AuditEvent.Action.RECORD_CREATED if saved.created
                                          else AuditEvent.Action.RECORD_UPDATED),
                     target=entry,
                     summary=f"Strategy {entry.get_kind_display().lower()} {entry.period} "
                             f"for {organisation.abbreviation}: {action.name[:80]}",
                     data={"not_applicable": entry.not_applicable})
    return saved


@transaction.atomic
def update_entry(*, actor: Actor | Any, entry_id: int, **values: Any) -> Saved:
    """Change an entry's text or not-applicable mark (kind and period stay)."""
    actor = Actor.coerce(actor)
    # Locked before its values are read: the fields not sent are merged from the row as it
    # stands, so a concurrent change to them is kept, not overwritten with a stale copy.
    entry = CommitmentEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise invalid("entry", "No such entry.")
    unknown = sorted(set(values) - {"text", "not_applicable"})
    if unknown:
        raise invalid(unknown[0], "Only the text and not applicable may be changed.")
    merged = {"kind": entry.kind, "period": entry.period, "text": entry.text,
              "not_applicable": entry.not_applicable, **values}
    return save_entry(actor=actor, action=entry.action, organisation=entry.organisation,
                      **merged)


# The importer ---------------------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations: int = 0
    not_applicable: int = 0
    strategies_created: list[str] = field(default_factory=list)
    actions_created: list[str] = field(default_factory=list)
    #: The file's organisation names -> the abbreviation each was matched to.
    matched: dict[str, str] = field(default_factory=dict)
    created_organisations: list[str] = field(default_factory=list)
    #: Names still matching nothing (always empty after a successful import).
    unmatched: list[str] = field(default_factory=list)
    unused_mappings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        return (f"{verb} {self.filename}: {self.rows} entries for {self.organisations} "
                f"organisations ({self.not_applicable} not applicable): {self.created} "
                f"added, {self.updated} changed, {self.unchanged} unchanged.")


def _mapping_targets(mapping: Mapping[str, str]) -> tuple[dict[str, Organisation],
                                                          list[CellError]]:
    """Each mapped name's organisation by abbreviation (case ignored), and the problems."""
    found: dict[str, Organisation] = {}
    problems: list[CellError] = []
    for name, abbreviation in mapping.items():
        organisation = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
        if organisation is None:
            problems.append(CellError(None, "organisation", (
                f"--map '{name[:60]}={abbreviation}': no organisation has the abbreviation "
                f"'{abbreviation}'.")))
        else:
            found[commitment_rows.name_key(name)] = organisation
    return found, problems


def _rows_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def import_commitments(*, actor: Actor | Any, data: bytes, filename: str,
                       mappings: Iterable[str] | Mapping[str, str] = (),
                       create_missing: bool = False, dry_run: bool = False) -> ImportResult:
    """Import a ``strategy,action,organisation,kind,period,text`` file (CSV or XLSX).

    Raises ``TableError`` listing every problem (nothing written), ``PermissionDenied``
    for anyone but the central team. ``mappings`` are ``"Name=ABBR"`` lines (or a dict).
    A dry run checks and matches everything and reports what would change, writing nothing.
    """
    actor = Actor.coerce(actor)
    _require_central(actor)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError([CellError(None, None, f"{filename} is saved as UTF-16: save it as "
                                    "CSV UTF-8 (or Excel) and upload it again.")])
    if len(data) > MAX_IMPORT_BYTES:
        raise TableError([CellError(None, None, f"{filename} is larger than "
                                    f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB.")])
    if isinstance(mappings, Mapping):
        mapping, mapping_problems = dict(mappings), []
    else:
        mapping, mapping_problems = commitment_rows.parse_mappings(mappings)
    problems = [CellError(None, "organisation", f"--map {p}") for p in mapping_problems]
    table = read_table(data, filename=filename, required=commitment_rows.COLUMNS,
                       optional=commitment_rows.OPTIONAL_COLUMNS)
    good, row_problems = commitment_rows.check_rows((r.number, r.values) for r in table.rows)
    problems += [CellError(p.row, p.column, p.message) for p in row_problems]
    mapped, map_errors = _mapping_targets(mapping)
    problems += map_errors

    # Organisation names: the mappings first, then the organisations app's matcher.
    rows_by_name: dict[str, list[int]] = {}
    spelling: dict[str, str] = {}
    for row in good:
        key = commitment_rows.name_key(row.organisation)
        rows_by_name.setdefault(key, []).append(row.number)
        spelling.setdefault(key, row.organisation)
    to_match = [spelling[k] for k in rows_by_name if k not in mapped]
    matches = organisation_selectors.match_organisation_names(to_match) if to_match else {}
    resolved: dict[str, Organisation | None] = {
        commitment_rows.name_key(n): o for n, o in matches.items()}
    resolved.update({k: o for k, o in mapped.items() if k in rows_by_name})
    unmatched = [spelling[k] for k in rows_by_name if resolved.get(k) is None]
    if unmatched and not create_missing:
        for name in unmatched:
            numbers = rows_by_name[commitment_rows.name_key(name)]
            problems.append(CellError(numbers[0], "organisation", (
                f"'{name[:100]}' ({_rows_text(numbers)}) matches no organisation: map it "
                f"with --map \"{name[:100]}=ABBREVIATION\" or create it as a closed "
                "organisation with --create-missing.")))

    # Two names in the file that are one organisation would be one entry twice.
    if not problems:
        seen: dict[tuple[Any, ...], int] = {}
        for row in good:
            org = resolved.get(commitment_rows.name_key(row.organisation))
            key = (commitment_rows.name_key(row.strategy), commitment_rows.name_key(row.action),
                   getattr(org, "pk", row.organisation), row.kind, row.period)
            if org is not None and key in seen:
                problems.append(CellError(row.number, "organisation", (
                    f"'{row.organisation[:100]}' is the same organisation as in row "
                    f"{seen[key]}, with the same action, kind and period.")))
            seen.setdefault(key, row.number)
    if problems:
        raise TableError(problems)

    result = ImportResult(filename=filename, dry_run=dry_run, rows=len(good),
                          unused_mappings=sorted(n for n in mapping
                                                 if commitment_rows.name_key(n)
                                                 not in rows_by_name))
    result.matched = {spelling[k]: o.abbreviation for k, o in resolved.items()
                      if o is not None and k in spelling}
    with transaction.atomic():
        for name in unmatched:
            organisation = organisation_services.create_closed_organisation(
                actor=actor, name=name)
            resolved[commitment_rows.name_key(name)] = organisation
            result.created_organisations.append(name)
            result.matched[name] = organisation.abbreviation
        _write_rows(actor=actor, rows=good, resolved=resolved, result=result)
        if dry_run:
            transaction.set_rollback(True)
        else:
            record_event(actor=actor, action=AuditEvent.Action.IMPORT,
                         summary=f"Strategy commitments imported from {filename[:100]}",
                         data={"rows": result.rows, "created": result.created,
                               "updated": result.updated, "unchanged": result.unchanged,
                               "created_organisations": result.created_organisations})
    return result


def _write_rows(*, actor: Actor, rows: list[commitment_rows.CheckedRow],
                resolved: Mapping[str, Organisation | None], result: ImportResult) -> None:
    strategies: dict[str, Strategy] = {}
    actions: dict[tuple[int, str], Action] = {}
    organisations: set[int] = set()
    for row in rows:
        strategy = strategies.get(commitment_rows.name_key(row.strategy))
        if strategy is None:
            strategy, made = _find_or_make(Strategy, actor=actor,
                                           lookup={"name__iexact": row.strategy},
                                           values={"name": row.strategy})
            if made:
                result.strategies_created.append(strategy.name)
            strategies[commitment_rows.name_key(row.strategy)] = strategy
        action_key = (strategy.pk, commitment_rows.name_key(row.action))
        action = actions.get(action_key)
        if action is None:
            action, made = _find_or_make(
                Action, actor=actor, lookup={"strategy": strategy, "name__iexact": row.action},
                values={"strategy": strategy, "name": row.action})
            if made:
                result.actions_created.append(action.name)
            actions[action_key] = action
        organisation = resolved[commitment_rows.name_key(row.organisation)]
        assert organisation is not None  # noqa: S101 - every name was resolved above
        organisations.add(organisation.pk)
        saved = _write(actor=actor, action=action, organisation=organisation, kind=row.kind,
                       period=row.period, text=row.text, not_applicable=row.not_applicable)
        if saved.created:
            result.created += 1
        elif saved.changed:
            result.updated += 1
        else:
            result.unchanged += 1
        result.not_applicable += row.not_applicable
    result.organisations = len(organisations)


@transaction.atomic
def create_action(*, actor: Actor | Any, strategy_name: str, name: str) -> Action:
    """An action of a strategy (the strategy made if new); an existing one is returned."""
    actor = Actor.coerce(actor)
    _require_central(actor)
    checked = collect({
        "strategy": lambda: check_text(strategy_name.strip(), field="strategy",
                                       max_length=commitment_rows.MAX_STRATEGY),
        "name": lambda: check_text(name.strip(), field="name",
                                   max_length=commitment_rows.MAX_ACTION),
    })
    strategy, _ = _find_or_make(Strategy, actor=actor,
                                lookup={"name__iexact": checked["strategy"]},
                                values={"name": checked["strategy"]})
    action, made = _find_or_make(
        Action, actor=actor, lookup={"strategy": strategy, "name__iexact": checked["name"]},
        values={"strategy": strategy, "name": checked["name"]})
    if made:
        record_event(actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=action,
                     summary=f"Strategy action added: {action.name[:100]}")
    return action
