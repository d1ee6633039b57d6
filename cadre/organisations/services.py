"""Writes to organisations and units. All atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import Actor, history_user
from cadre.core.inputs import check_text, collect, invalid, parse_choice, parse_date
from cadre.organisations.models import (
    MAX_ABBREVIATION,
    MAX_CHANGE_NOTE,
    MAX_ORGANISATION_NAME,
    ChangeKind,
    Organisation,
    OrganisationChange,
    OrganisationName,
    OrganisationType,
    Unit,
)
from cadre.organisations.name_matching import normalise

UNIT_SEPARATOR = "/"


def split_unit_path(path: str) -> list[str]:
    """``"Digital / Platforms"`` -> ``["Digital", "Platforms"]``; empty parts are an error."""
    parts = [p.strip() for p in path.split(UNIT_SEPARATOR)]
    if not path.strip() or any(not p for p in parts):
        raise ValueError(f"'{path}' is not a unit path such as 'Digital/Platforms'.")
    return parts


@transaction.atomic
def create_organisation(
    *,
    actor: Any,
    name: str,
    abbreviation: str,
    type: str,  # noqa: A002 - the domain's word
    parent: Organisation | None = None,
    active_from: dt.date | None = None,
    active_to: dt.date | None = None,
) -> Organisation:
    org = Organisation(
        name=name.strip(), abbreviation=abbreviation.strip(), type=type, parent=parent,
        active_from=active_from, active_to=active_to,
    )
    org.full_clean()
    org._history_user = history_user(actor)
    org.save()
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=org,
        summary=f"Organisation {org.abbreviation} created",
    )
    return org


@transaction.atomic
def update_organisation(*, actor: Any, organisation: Organisation, **changes: Any) -> Organisation:
    allowed = {"name", "abbreviation", "type", "parent", "active_from", "active_to"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))}.")
    before = {k: str(getattr(organisation, k)) for k in changes}
    for key, value in changes.items():
        setattr(organisation, key, value)
    parent = organisation.parent
    while parent is not None:
        if parent.pk == organisation.pk:
            raise ValidationError({"parent": "An organisation cannot sit inside itself."})
        parent = parent.parent
    organisation.full_clean()
    organisation._history_user = history_user(actor)
    organisation.save()
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_UPDATED, target=organisation,
        summary=f"Organisation {organisation.abbreviation} updated",
        data={"before": before, "after": {k: str(getattr(organisation, k)) for k in changes}},
    )
    return organisation


def ensure_unit_path(
    *, actor: Any, organisation: Organisation, path: str, cache: dict[str, Unit] | None = None,
    cache_complete: bool = False,
) -> Unit:
    """Return the unit at ``path`` in the organisation, creating missing levels.

    Callers run inside their own transaction; ``cache`` lets bulk imports avoid
    a query per row. With ``cache_complete`` the cache holds every unit of the
    organisation (by path), so a path not in it is created without looking first.
    """
    cache = {} if cache is None else cache
    parent: Unit | None = None
    walked: list[str] = []
    for part in split_unit_path(path):
        walked.append(part)
        key = UNIT_SEPARATOR.join(walked)
        unit = cache.get(key)
        if unit is None and not cache_complete:
            unit = Unit.objects.filter(organisation=organisation, path=key).first()
        if unit is None:
            unit = Unit(organisation=organisation, parent=parent, name=part, path=key)
            unit._history_user = history_user(actor)
            unit.save()
        cache[key] = unit
        parent = unit
    assert parent is not None
    return parent


@transaction.atomic
def import_organisations(*, actor: Any, table: Any, filename: str) -> tuple[int, int]:
    """Create or update organisations by abbreviation; all rows valid or nothing written.

    Returns (created, updated).
    """
    from cadre.organisations.imports import plan_organisation_import

    planned = plan_organisation_import(table)
    by_abbr: dict[str, Organisation] = {
        o.abbreviation.lower(): o for o in Organisation.objects.all()
    }
    created = updated = 0
    for p in planned:  # first pass: every organisation exists
        org = p.existing or Organisation(abbreviation=p.abbreviation)
        if p.existing is not None and (org.name, org.type) == (p.name, p.type):
            continue
        org.name, org.type = p.name, p.type
        org._history_user = history_user(actor)
        org.save()
        by_abbr[p.abbreviation.lower()] = org
        if p.existing is None:
            created += 1
        else:
            updated += 1
    for p in planned:  # second pass: parents, now that all exist
        org = by_abbr[p.abbreviation.lower()]
        parent = by_abbr[p.parent] if p.parent else None
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org._history_user = history_user(actor)
            org.save(update_fields=["parent"])
    record_event(
        actor=actor, action=AuditEvent.Action.IMPORT,
        summary=f"Organisations import from {filename}: {created} created, {updated} updated",
        data={"file": filename, "created": created, "updated": updated},
    )
    return created, updated


@transaction.atomic
def load_reference_data(*, actor: Any = None) -> dict[str, int]:
    """Load the embedded grades and UK departments; safe to run again."""
    import csv

    from cadre.core.tabular import read_table
    from cadre.organisations.models import Grade
    from cadre.organisations.reference_data import DEPARTMENTS_CSV, GRADES_CSV

    with GRADES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {}
    for row in rows:  # civil service grades come first in the file
        grade, _ = Grade.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"], "scheme": row["scheme"], "rank": int(row["rank"]),
                "civil_service_equivalent": codes.get(row["civil_service_equivalent"]),
                "is_senior_civil_service": row["is_senior_civil_service"] == "true",
            },
        )
        codes[grade.code] = grade
    table = read_table(
        DEPARTMENTS_CSV.read_bytes(), filename=DEPARTMENTS_CSV.name,
        required=("name", "abbreviation", "type"), optional=("parent",),
    )
    created, updated = import_organisations(actor=actor, table=table, filename="departments")
    history = load_organisation_history(actor=actor)
    return {"grades": len(codes), "organisations_created": created,
            "organisations_updated": updated, **history}


# Former names and machinery-of-government changes (issue 19) -------------------------
#
# Who may write: the central team and administrators (and the command line and the
# system). This app sits below ``access``, so the roles are read through the account's
# role assignments (or the scope the request already worked out) by their stored values.
# Limits (docs/limits.md, "Strategy: organisation names and changes"): names 1 to 200
# characters, abbreviations up to 30, notes up to 2,000; dates from 1800-01-01 to five
# years from today; a former name's dates in order.

EDITOR_ROLES = ("central_team", "administrator")
NOT_AN_EDITOR = ("Only the central profession team and administrators record former names "
                 "and machinery-of-government changes.")
EARLIEST_DATE = dt.date(1800, 1, 1)
YEARS_AHEAD = 5
_ABBREVIATION_SKIP = frozenset({"and", "of", "for", "the", "on", "in", "to"})


def may_change_organisation_history(actor: Any) -> bool:
    """Whether ``actor`` may record former names, changes and closed organisations."""
    who = Actor.coerce(actor)
    if who.trusted:
        return True
    user = who.user
    if user is None:
        return False
    if getattr(user, "is_superuser", False):
        return True
    scope = getattr(user, "_cadre_scope", None)
    if scope is not None:
        return bool(scope.has(*EDITOR_ROLES))
    return user.role_assignments.current().filter(role__in=EDITOR_ROLES).exists()


def _authorise(actor: Any) -> None:
    if not may_change_organisation_history(actor):
        raise PermissionDenied(NOT_AN_EDITOR)


def _text(value: object, *, field: str, max_length: int, required: bool) -> str:
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise invalid(field, "Remove the NUL character (\\x00).")
    text = text.strip()
    if required and not text:
        raise invalid(field, "This value is required.")
    return check_text(text, field=field, max_length=max_length)


def _date(value: object, *, field: str, required: bool) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(field, "Give a date as YYYY-MM-DD.")
        return None
    if isinstance(value, dt.datetime):
        raise invalid(field, "Give a date, not a date and time.")
    day = parse_date(value, field=field)
    latest = dt.date.today() + dt.timedelta(days=365 * YEARS_AHEAD)
    if not EARLIEST_DATE <= day <= latest:
        raise invalid(field, f"Give a date from {EARLIEST_DATE.day} {EARLIEST_DATE:%B %Y} "
                             f"to {latest.day} {latest:%B %Y}.")
    return day


@transaction.atomic
def add_former_name(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    abbreviation: str = "",
) -> OrganisationName:
    """Record a name ``organisation`` was known by, with the dates it was used."""
    _authorise(actor)
    values = collect({
        "name": lambda: _text(name, field="name", max_length=MAX_ORGANISATION_NAME,
                              required=True),
        "abbreviation": lambda: _text(abbreviation, field="abbreviation",
                                      max_length=MAX_ABBREVIATION, required=False),
        "valid_from": lambda: _date(valid_from, field="valid_from", required=False),
        "valid_to": lambda: _date(valid_to, field="valid_to", required=False),
    })
    start, end = values["valid_from"], values["valid_to"]
    if start is not None and end is not None and end < start:
        raise invalid("valid_to", "The name cannot stop being used before it started.")
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    key = normalise(str(values["name"]))
    for other in OrganisationName.objects.filter(organisation=organisation):
        if normalise(other.name) == key and other.valid_from == start:
            raise invalid("name", f"{organisation.name} already has the former name "
                                  f"'{other.name}' from that date.")
    former = OrganisationName(organisation=organisation, name=values["name"],
                              abbreviation=values["abbreviation"], valid_from=start,
                              valid_to=end)
    former._history_user = history_user(actor)
    former.save()
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=former,
        summary=f"Former name '{former.name}' added to {organisation.abbreviation}",
        data={"organisation": organisation.pk, "name": former.name,
              "abbreviation": former.abbreviation,
              "valid_from": start.isoformat() if start else None,
              "valid_to": end.isoformat() if end else None},
    )
    return former


@transaction.atomic
def record_change(
    *,
    actor: Any,
    kind: str,
    date: dt.date,
    predecessor: Organisation,
    successor: Organisation | None = None,
    note: str = "",
) -> OrganisationChange:
    """Record a machinery-of-government change.

    Every kind but a closure names a successor; a closure may name one (where the work
    went). Unless the change is a transfer of functions, the predecessor stops existing:
    an open predecessor is closed on ``date`` (its ``active_to``).
    """
    _authorise(actor)
    values = collect({
        "kind": lambda: parse_choice(kind, field="kind", choices=ChangeKind.values),
        "date": lambda: _date(date, field="date", required=True),
        "note": lambda: _text(note, field="note", max_length=MAX_CHANGE_NOTE, required=False),
    })
    change_kind, day = values["kind"], values["date"]
    if successor is None and change_kind != ChangeKind.CLOSURE:
        raise invalid("successor", "Name the organisation that took over (only a closure "
                                   "may have none).")
    if successor is not None and successor.pk == predecessor.pk:
        raise invalid("successor", "An organisation cannot succeed itself.")
    locked = list(Organisation.objects.select_for_update().filter(
        pk__in=[predecessor.pk] + ([successor.pk] if successor else [])).order_by("pk"))
    before = next(o for o in locked if o.pk == predecessor.pk)
    if OrganisationChange.objects.filter(kind=change_kind, date=day, predecessor=predecessor,
                                         successor=successor).exists():
        raise invalid("kind", "That change is already recorded.")
    change = OrganisationChange(kind=change_kind, date=day, predecessor=predecessor,
                                successor=successor, note=values["note"])
    change._history_user = history_user(actor)
    change.save()
    closed = False
    if change_kind != ChangeKind.TRANSFER and before.active_to is None:
        before.active_to = day
        before._history_user = history_user(actor)
        before.save(update_fields=["active_to"])
        predecessor.active_to = day
        closed = True
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=change,
        summary=f"{change.get_kind_display()}: {predecessor.abbreviation}"
                + (f" -> {successor.abbreviation}" if successor else "") + f" on {day}",
        data={"kind": change_kind, "date": day.isoformat(), "predecessor": predecessor.pk,
              "successor": successor.pk if successor else None, "closed_predecessor": closed},
    )
    return change


def _made_up_abbreviation(name: str, taken: set[str]) -> str:
    """Initials of the name's main words (``DBIS``), numbered when already taken."""
    words = [w for w in normalise(name).split() if w not in _ABBREVIATION_SKIP]
    base = ("".join(w[0] for w in words).upper() or "ORG")[:MAX_ABBREVIATION - 4]
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def create_closed_organisation(
    *,
    actor: Any,
    name: str,
    abbreviation: str | None = None,
    closed_on: dt.date | None = None,
) -> Organisation:
    """Create an organisation that no longer exists (e.g. a department a published file
    names that Cadre does not hold).

    Its type is "Other public body" until someone corrects it. Without ``closed_on`` it
    is closed today: all that is known is that it no longer exists. Without an
    abbreviation one is made from the initials of the name, numbered if taken.
    """
    _authorise(actor)
    values = collect({
        "name": lambda: _text(name, field="name", max_length=MAX_ORGANISATION_NAME,
                              required=True),
        "abbreviation": lambda: _text(abbreviation, field="abbreviation",
                                      max_length=MAX_ABBREVIATION, required=False),
        "closed_on": lambda: _date(closed_on, field="closed_on", required=False),
    })
    clean_name = str(values["name"])
    if Organisation.objects.filter(name__iexact=clean_name).exists():
        raise invalid("name", f"There is already an organisation called '{clean_name}'.")
    given = str(values["abbreviation"])
    if given:
        if Organisation.objects.filter(abbreviation__iexact=given).exists():
            raise invalid("abbreviation", f"The abbreviation '{given}' is already used.")
        chosen = given
    else:
        taken = {a.casefold() for a in Organisation.objects.values_list("abbreviation",
                                                                        flat=True)}
        chosen = _made_up_abbreviation(clean_name, taken)
    org = Organisation(name=clean_name, abbreviation=chosen,
                       type=OrganisationType.OTHER_PUBLIC_BODY,
                       active_to=values["closed_on"] or dt.date.today())
    org._history_user = history_user(actor)
    try:
        with transaction.atomic():  # someone else may take the name at the same moment
            org.save()
    except IntegrityError:
        raise invalid("name", f"'{clean_name}' or the abbreviation '{chosen}' was just "
                              "used for another organisation; try again.") from None
    record_event(
        actor=actor, action=AuditEvent.Action.RECORD_CREATED, target=org,
        summary=f"Closed organisation {org.abbreviation} created",
        data={"name": org.name, "abbreviation": org.abbreviation,
              "closed_on": org.active_to.isoformat(),
              "closed_on_given": values["closed_on"] is not None},
    )
    return org


def _csv_rows(path: Any) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _iso(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def load_organisation_history(*, actor: Any = None) -> dict[str, int]:
    """Load the embedded former departments, former names and changes; safe to run again.

    Runs after the current departments are loaded (changes name them by abbreviation).
    A former department already held (by its name after normalising, or by its
    abbreviation when that record has the same name) is kept and given the file's dates;
    when another body holds its abbreviation it is created with a made-up one. Nothing
    already recorded is duplicated.
    """
    from cadre.organisations.reference_data import (
        FORMER_DEPARTMENTS_CSV,
        FORMER_NAMES_CSV,
        ORGANISATION_CHANGES_CSV,
    )

    by_abbr = {o.abbreviation.casefold(): o for o in Organisation.objects.all()}
    by_name = {normalise(o.name): o for o in by_abbr.values()}
    taken = set(by_abbr)
    counts = {"former_departments": 0, "former_names": 0, "changes": 0}
    for row in _csv_rows(FORMER_DEPARTMENTS_CSV):
        # The department by its name; else by its abbreviation when that record has the
        # same name (another body may have come to use the abbreviation since).
        org = by_name.get(normalise(row["name"]))
        holder = by_abbr.get(row["abbreviation"].casefold())
        if org is None and holder is not None and normalise(holder.name) == normalise(
                row["name"]):
            org = holder
        dates = {"active_from": _iso(row["active_from"]), "active_to": _iso(row["active_to"])}
        if org is None:
            abbreviation = (row["abbreviation"] if holder is None
                            else _made_up_abbreviation(row["name"], taken))
            taken.add(abbreviation.casefold())
            org = Organisation(name=row["name"], abbreviation=abbreviation,
                               type=row["type"], **dates)
        elif all(getattr(org, k) == v for k, v in dates.items()):
            by_abbr[row["abbreviation"].casefold()] = org
            continue
        else:
            for key, value in dates.items():
                setattr(org, key, value)
        org._history_user = history_user(actor)
        org.save()
        by_abbr[row["abbreviation"].casefold()] = org
        counts["former_departments"] += 1
    for row in _csv_rows(FORMER_NAMES_CSV):
        org = by_abbr[row["organisation"].casefold()]
        _, created = OrganisationName.objects.get_or_create(
            organisation=org, name=row["name"], valid_from=_iso(row["valid_from"]),
            defaults={"abbreviation": row["abbreviation"], "valid_to": _iso(row["valid_to"])},
        )
        counts["former_names"] += int(created)
    for row in _csv_rows(ORGANISATION_CHANGES_CSV):
        successor = by_abbr[row["successor"].casefold()] if row["successor"] else None
        _, created = OrganisationChange.objects.get_or_create(
            kind=row["kind"], date=_iso(row["date"]),
            predecessor=by_abbr[row["predecessor"].casefold()], successor=successor,
            defaults={"note": row["note"]},
        )
        counts["changes"] += int(created)
    if any(counts.values()):
        record_event(
            actor=actor, action=AuditEvent.Action.IMPORT,
            summary="Former departments, former names and machinery-of-government changes "
                    "loaded", data=counts,
        )
    return counts
