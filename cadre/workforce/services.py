"""Writes for HR extracts: importing one, and saving column mappings.

``import_extract`` checks the whole file first (``extracts.plan_extract``) and
then, in one transaction, creates or updates people by staff number, marks
people missing from the extract as leavers (never deleting them), keeps each
person's ``WorkforceRecord`` in step, and keeps the extract as a dated snapshot
with its joiners, leavers and changes. Reads and writes are in bulk: the number
of queries does not grow with the number of rows, and unchanged people are not
written again.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import history_user as actor_account
from cadre.core.bulk import (
    analyze_tables,
    create_rows_with_history,
    insert_rows,
    update_rows,
    update_with_history,
)
from cadre.core.exports import ExportFile
from cadre.core.tabular import read_grid
from cadre.organisations.models import Grade, Location, Organisation, Unit
from cadre.organisations.services import ensure_unit_path
from cadre.people.imports import known_location
from cadre.people.models import Person
from cadre.workforce.columns import check_mapping
from cadre.workforce.extracts import (
    ExtractPlan,
    header_row,
    plan_extract,
    read_extract,
    resolve_mapping,
)
from cadre.workforce.models import (
    ChangeKind,
    ColumnMapping,
    Extract,
    ExtractChange,
    ExtractRecord,
    WorkforceRecord,
)
from cadre.workforce.services_review import classify_organisation

#: Person fields an extract sets, compared to find changes (as shown to users).
COMPARED = (
    "first_name", "last_name", "email", "job_title", "grade", "unit", "line_manager",
    "location", "employment_type", "start_date", "job_description", "day_rate", "supplier",
    "annual_pay",
)
PERSON_FIELDS = (
    "first_name", "last_name", "email", "job_title", "grade", "unit", "location",
    "employment_type", "start_date", "end_date", "line_manager",
)
WORKFORCE_FIELDS = ("job_description", "day_rate", "supplier", "annual_pay", "last_extract")
EXTRA_KEYS = frozenset(WORKFORCE_FIELDS) - {"last_extract"}
#: Tables are analysed after an import that wrote at least this many people.
ANALYZE_AFTER = 5000


@dataclass
class ExtractResult:
    extract: Extract | None
    rows: int
    joiners: int
    leavers: int
    changed: int
    unchanged: int
    mapping: dict[str, str] = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def mapping_for(
    *, organisation: Organisation, headers: list[str], mapping: dict[str, str] | None = None,
    mapping_name: str | None = None,
) -> dict[str, str]:
    """The mapping to use: the one given, else a saved one over suggestions.

    Without a name, the organisation's mapping called "default" is used if saved.
    """
    if mapping is not None:
        return {h: mapping.get(h, "") for h in headers}
    saved = ColumnMapping.objects.filter(
        organisation=organisation, name=mapping_name or "default"
    ).first()
    if saved is None and mapping_name:
        raise ValidationError({"mapping": f"{organisation.abbreviation} has no saved mapping "
                                          f"called '{mapping_name}'."})
    return resolve_mapping(headers, saved.columns if saved else None)


@transaction.atomic
def save_mapping(
    *, actor: Any, organisation: Organisation, name: str, columns: dict[str, str]
) -> ColumnMapping:
    """Create or replace an organisation's named mapping ({file header: Cadre field})."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": "Give the mapping a name of at most 100 characters."})
    if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()):
        raise ValidationError({"columns": "Give {\"file header\": \"cadre field\"} pairs."})
    problems = check_mapping(columns)
    if problems:
        raise ValidationError({"columns": problems})
    existing = ColumnMapping.objects.filter(organisation=organisation, name=name).first()
    mapping = existing or ColumnMapping(organisation=organisation, name=name)
    mapping.columns = {k.strip(): v for k, v in columns.items()}
    mapping.updated_by = actor_account(actor)
    mapping._history_user = actor_account(actor)
    mapping.save()
    record_event(
        actor=actor,
        action=(AuditEvent.Action.RECORD_UPDATED if existing
                else AuditEvent.Action.RECORD_CREATED),
        target=mapping, summary=f"Column mapping '{name}' saved for {organisation.abbreviation}",
        data={"columns": mapping.columns},
    )
    return mapping


def _pounds(value: object) -> str:
    """Annual pay as shown in the change report: whole pounds, blank when unknown."""
    return "" if value is None else f"{value:.0f}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Names:
    """Display values of foreign keys by id, loaded once."""

    def __init__(self, organisation: Organisation) -> None:
        self.grades = dict(Grade.objects.values_list("id", "code"))
        self.units = dict(Unit.objects.filter(organisation=organisation)
                          .values_list("id", "path"))
        self.locations = dict(Location.objects.values_list("id", "name"))

    def person(self, p: dict[str, Any], staff_by_id: dict[int, str],
               record: tuple | None) -> dict[str, str]:
        """Display values of a stored person (values by attribute name); ``record`` is
        (pk, job_description, day_rate, supplier, annual_pay)."""
        return {
            "first_name": p["first_name"], "last_name": p["last_name"], "email": p["email"],
            "job_title": p["job_title"], "grade": self.grades.get(p["grade_id"], ""),
            "unit": self.units.get(p["unit_id"], ""),
            "line_manager": staff_by_id.get(p["line_manager_id"], ""),
            "location": self.locations.get(p["location_id"], ""),
            "employment_type": p["employment_type"], "start_date": _text(p["start_date"]),
            "job_description": record[1] if record else "",
            "day_rate": _text(record[2]) if record else "",
            "supplier": record[3] if record else "",
            "annual_pay": _pounds(record[4]) if record else "",
        }


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class _Diff:
    joiners: list[str] = field(default_factory=list)
    leavers: list[Person] = field(default_factory=list)
    changed: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    unchanged: int = 0
    #: Ids of the people already in Cadre who are in the file, by staff number.
    ids: dict[str, int] = field(default_factory=dict)
    #: Of those, the ones to write (changed or back again), as model instances.
    people: dict[str, Person] = field(default_factory=dict)
    #: person id -> (record pk, job_description, day_rate, supplier, annual_pay).
    records: dict[int, tuple] = field(default_factory=dict)
    #: Ids of the organisation's people (leavers or not) who are not in the file.
    absent: list[int] = field(default_factory=list)


def import_extract(
    *, actor: Any, organisation: Organisation, data: bytes, filename: str,
    mapping: dict[str, str] | None = None, mapping_name: str | None = None,
    taken_on: dt.date | None = None, dry_run: bool = False,
    max_bytes: int | None = None, progress: Callable[[int, str], None] | None = None,
) -> ExtractResult:
    """Check and import one HR extract; ``TableError`` lists every problem, nothing written.

    A row whose fingerprint matches the one stored for its person at the last import
    (nobody having changed that person since) costs no planning, no classification and
    no write: it is counted as unchanged. On a dry run the counts are worked out and
    nothing is written. ``progress(percent, note)`` is told of each stage.
    """
    # Tens of thousands of rows make millions of small objects and no reference cycles
    # worth collecting: the collector's passes over them cost more than the import's
    # own work, so it waits until the import is over.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(actor=actor, organisation=organisation, data=data, filename=filename,
                       mapping=mapping, mapping_name=mapping_name, taken_on=taken_on,
                       dry_run=dry_run, max_bytes=max_bytes, progress=progress)
    finally:
        if collecting:
            gc.enable()


def _import(
    *, actor: Any, organisation: Organisation, data: bytes, filename: str,
    mapping: dict[str, str] | None, mapping_name: str | None, taken_on: dt.date | None,
    dry_run: bool, max_bytes: int | None, progress: Callable[[int, str], None] | None,
) -> ExtractResult:
    report = progress or (lambda _percent, _note: None)
    taken_on = taken_on or timezone.localdate()
    report(5, "Reading the file")
    grid = read_grid(data, filename=filename, max_bytes=max_bytes)  # the file is read once
    used = mapping_for(organisation=organisation, headers=header_row(grid)[1], mapping=mapping,
                       mapping_name=mapping_name)
    extract_file = read_extract(grid, filename=filename, mapping=used,
                                known=known_fingerprints(organisation))
    del grid
    report(20, f"Checking {len(extract_file.table.rows):,} new or changed rows "
               f"({len(extract_file.skipped):,} unchanged)")
    plan = plan_extract(extract_file, organisation)
    if dry_run:
        diff = _diff(plan, taken_on)
        return ExtractResult(extract=None, rows=len(extract_file.staff_numbers),
                             joiners=len(diff.joiners), leavers=len(diff.leavers),
                             changed=len(diff.changed), unchanged=diff.unchanged,
                             mapping=used, warnings=plan.warnings)
    report(40, "Writing")
    return _write(actor=actor, plan=plan, filename=filename, taken_on=taken_on,
                  mapping_name=mapping_name or "", used=used, report=report)


def known_fingerprints(organisation: Organisation) -> dict[str, str]:
    """Staff number -> stored row fingerprint, for the organisation's current people whom
    nothing has changed since the last import (no later history row of theirs)."""
    marks = (Extract.objects.filter(organisation=organisation).exclude(history_marks={})
             .order_by("-id").values_list("history_marks", flat=True).first())
    if not marks or "person" not in marks or "record" not in marks:
        return {}
    edited = set(Person.history.filter(history_id__gt=marks["person"])
                 .values_list("id", flat=True))
    edited.update(WorkforceRecord.history.filter(history_id__gt=marks["record"])
                  .values_list("person_id", flat=True))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.staff_number, wr.fingerprint, p.id FROM "  # noqa: S608
            f"{quote(WorkforceRecord._meta.db_table)} wr JOIN {quote(Person._meta.db_table)} p "
            f"ON p.id = wr.person_id WHERE p.organisation_id = %s AND p.end_date IS NULL "
            f"AND wr.fingerprint <> ''", [organisation.pk])
        return {staff: fingerprint for staff, fingerprint, person_id in cursor.fetchall()
                if person_id not in edited}


def _history_marks() -> dict[str, int]:
    """The newest history ids of people and workforce records (see ``Extract``)."""
    from django.db.models import Max

    return {
        "person": Person.history.aggregate(m=Max("history_id"))["m"] or 0,
        "record": WorkforceRecord.history.aggregate(m=Max("history_id"))["m"] or 0,
    }


def _after_values(plan: ExtractPlan, index: int, before: dict[str, str],
                  location_names: dict[str, str]) -> dict[str, str]:
    """The display values a row will leave, for the columns the file has."""
    planned = plan.people.people[index]
    extra = plan.extras[index]
    after = dict(before)
    for key, value in planned.values.items():
        if key == "grade":
            after["grade"] = value.code if value else ""
        elif key in after:
            after[key] = _text(value)
    if planned.unit_path is not None:
        after["unit"] = planned.unit_path
    if planned.location_name is not None:
        after["location"] = location_names.get(planned.location_name.lower(), planned.location_name)
    if planned.manager_staff_number is not None:
        after["line_manager"] = planned.manager_staff_number
    if extra.job_description is not None:
        after["job_description"] = extra.job_description
    if extra.day_rate is not None or "day_rate" in plan.file.table.columns:
        after["day_rate"] = _text(extra.day_rate)
    if extra.supplier is not None:
        after["supplier"] = extra.supplier
    if extra.annual_pay is not None or "annual_pay" in plan.file.table.columns:
        after["annual_pay"] = _pounds(extra.annual_pay)
    return after


def _everyone(organisation: Organisation) -> list[tuple[int, str, bool]]:
    """(id, staff number, has an end date) of each of the organisation's people, read
    with one plain query (no per-value conversion)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, staff_number, end_date IS NOT NULL FROM "  # noqa: S608
            f"{quote(Person._meta.db_table)} WHERE organisation_id = %s", [organisation.pk])
        return [(pk, staff, bool(left)) for pk, staff, left in cursor.fetchall()]


def _records_of(organisation: Organisation, person_ids: list[int],
                everyone: int) -> dict[int, tuple]:
    """person id -> (record pk, job_description, day_rate, supplier, annual_pay) of the given
    people (the planned ones: everyone else's record is not looked at)."""
    records = WorkforceRecord.objects.values_list(
        "person_id", "pk", "job_description", "day_rate", "supplier", "annual_pay")
    if len(person_ids) * 5 >= everyone:  # most of them: one read of the organisation's
        wanted = set(person_ids)
        return {row[0]: row[1:] for row in records.filter(person__organisation=organisation)
                if row[0] in wanted}
    return {row[0]: row[1:] for chunk in _chunks(person_ids, 900)
            for row in records.filter(person_id__in=chunk)}


def _diff(plan: ExtractPlan, taken_on: dt.date) -> _Diff:
    """Joiners, leavers and changes, worked out without writing.

    The planned rows come from the plan (already loaded); rows left out as
    unchanged by their fingerprint are only counted; everything else is read as
    plain values, so the cost is a few queries whatever the size.
    """
    organisation = plan.organisation
    everyone = _everyone(organisation)
    staff_by_id = {pk: staff for pk, staff, _ in everyone}
    # Everyone's id: planned rows' managers may be in rows that were not planned.
    diff = _Diff(ids={staff: pk for pk, staff, _ in everyone},
                 unchanged=len(plan.file.skipped))
    if plan.people.people:
        names = _Names(organisation)
        location_names = {n.lower(): n for n in names.locations.values()}
        diff.records = _records_of(organisation, [p.stored["id"] for p in plan.people.people
                                                  if p.stored is not None], len(everyone))
    for index, planned in enumerate(plan.people.people):
        stored = planned.stored  # plain values: most people are unchanged
        if stored is None or (stored["end_date"] and stored["end_date"] <= taken_on):
            if stored is not None:
                diff.people[planned.staff_number] = planned.existing
            diff.joiners.append(planned.staff_number)
            continue
        before = names.person(stored, staff_by_id, diff.records.get(stored["id"]))
        after = _after_values(plan, index, before, location_names)
        changes = {k: {"before": before[k], "after": after[k]}
                   for k in COMPARED if before[k] != after[k]}
        if changes:
            diff.changed[planned.staff_number] = changes
            diff.people[planned.staff_number] = planned.existing
        else:
            diff.unchanged += 1
    in_file = set(plan.file.staff_numbers)
    diff.absent = [pk for pk, staff, _left in everyone if staff not in in_file]
    leaver_ids = [pk for pk, staff, left in everyone if staff not in in_file and not left]
    diff.leavers = [p for chunk in _chunks(leaver_ids)
                    for p in Person.objects.filter(pk__in=chunk)]
    return diff


@transaction.atomic
def _write(
    *, actor: Any, plan: ExtractPlan, filename: str, taken_on: dt.date, mapping_name: str,
    used: dict[str, str], report: Callable[[int, str], None],
) -> ExtractResult:
    organisation = plan.organisation
    diff = _diff(plan, taken_on)
    history_user = actor_account(actor)
    extract = Extract(
        organisation=organisation, taken_on=taken_on, filename=filename[:255],
        mapping_name=mapping_name[:100], imported_by=history_user,
        rows=len(plan.file.staff_numbers), joiners=len(diff.joiners), leavers=len(diff.leavers),
        changed=len(diff.changed), unchanged=diff.unchanged,
    )
    extract._history_user = history_user
    extract.save()

    unit_cache = {u.path: u for u in Unit.objects.filter(organisation=organisation)}
    location_cache = {loc.name.lower(): loc for loc in Location.objects.all()}
    people = dict(diff.people)
    ids = diff.ids  # new people's ids are added as they are created
    joiners = set(diff.joiners)
    to_create: list[tuple[dict[str, Any], str | None]] = []
    to_update: list[tuple[Person, str | None]] = []
    units: dict[str, Unit | None] = {"": None}
    for planned in plan.people.people:
        if planned.staff_number in ids and planned.staff_number not in joiners and (
                planned.staff_number not in diff.changed):
            continue  # unchanged: not written again
        person = people.get(planned.staff_number)
        values = dict(planned.values)
        if planned.unit_path is not None:
            if planned.unit_path not in units:
                units[planned.unit_path] = ensure_unit_path(
                    actor=actor, organisation=organisation, path=planned.unit_path,
                    cache=unit_cache, cache_complete=True)
            values["unit"] = units[planned.unit_path]
        if planned.location_name is not None:
            values["location"] = known_location(planned.location_name, location_cache)
        if person is None:  # new: a plain row, no model instance
            row = {"organisation_id": organisation.pk, "staff_number": planned.staff_number}
            for key, value in values.items():
                if key in ("grade", "unit", "location"):
                    row[f"{key}_id"] = value.pk if value is not None else None
                else:
                    row[key] = value
            to_create.append((row, planned.manager_staff_number))
            continue
        if person.end_date and person.end_date <= taken_on:
            values["end_date"] = None  # back in the extract: no longer a leaver
        for key, value in values.items():
            setattr(person, key, value)
        to_update.append((person, planned.manager_staff_number))
    _create_people(to_create, ids, history_user)
    for person, manager in to_update:
        if manager is not None:
            person.line_manager_id = ids[manager] if manager else None
    person_keys = set(PERSON_FIELDS)
    updated = [person for person, _ in to_update
               if person.staff_number in joiners
               or person_keys.intersection(diff.changed.get(person.staff_number, ()))]
    for person in diff.leavers:
        person.end_date = taken_on
        updated.append(person)
    if updated:
        update_with_history(updated, Person, _fields_to_write(diff, PERSON_FIELDS),
                            user=history_user)
    new_records = _write_workforce(plan, people, diff, extract, history_user)
    _point_at(extract, diff.absent, [ids[staff] for staff in plan.file.staff_numbers])
    record_event(
        actor=actor, action=AuditEvent.Action.IMPORT, target=extract,
        summary=f"HR extract {filename} imported into {organisation.abbreviation}: "
        f"{extract.joiners} joiners, {extract.leavers} leavers, {extract.changed} changed",
        data={"file": filename, "taken_on": taken_on.isoformat(), "rows": extract.rows,
              "joiners": extract.joiners, "leavers": extract.leavers,
              "changed": extract.changed, "unchanged": extract.unchanged,
              "mapping": used},
    )
    report(60, "Classifying new and changed job titles")
    planned_ids = {ids[p.staff_number] for p in plan.people.people}
    if planned_ids or diff.leavers:
        # New people's records are created there, already classified (one history row
        # each); titles already classified are not classified again.
        classify_organisation(actor=actor, organisation=organisation, new_records=new_records,
                              person_ids=planned_ids)
    report(80, "Keeping the snapshot")
    _store_fingerprints(plan, ids, diff)
    _write_snapshot(plan, diff, extract)
    extract.history_marks = _history_marks()
    Extract.objects.filter(pk=extract.pk).update(history_marks=extract.history_marks)
    if len(diff.joiners) + len(diff.changed) >= ANALYZE_AFTER:
        analyze_tables([Person, WorkforceRecord, ExtractRecord, ExtractChange])
    return ExtractResult(extract=extract, rows=extract.rows, joiners=extract.joiners,
                         leavers=extract.leavers, changed=extract.changed,
                         unchanged=extract.unchanged, mapping=used, warnings=plan.warnings)


def _fields_to_write(diff: _Diff, model_fields: tuple[str, ...]) -> list[str]:
    """Only the columns that changed: bulk updates cost grows with rows times columns."""
    if any(staff in diff.people for staff in diff.joiners):  # people coming back
        return list(model_fields)
    changed = {name for fields in diff.changed.values() for name in fields}
    if diff.leavers:
        changed.add("end_date")
    return [f for f in model_fields if f in changed or f == "last_extract"]


def _create_people(to_create: list[tuple[dict[str, Any], str | None]], ids: dict[str, int],
                   history_user: Any) -> None:
    """Create new people (plain rows) managers first, so each gets one history row with its
    manager; adds their ids to ``ids`` (by staff number)."""
    new = {row["staff_number"]: (row, manager) for row, manager in to_create}
    depth: dict[str, int] = {}
    for staff in new:  # a new person's depth: how many new managers are above them
        chain = []
        while staff in new and staff not in depth:
            chain.append(staff)
            staff = new[staff][1] or ""
            if len(chain) > len(new):  # plan_extract refuses loops, so this cannot happen
                raise RuntimeError("line-management loop among new people")
        above = depth.get(staff, -1) if staff in new else -1
        for name in reversed(chain):
            above += 1
            depth[name] = above
    waves: dict[int, list[tuple[dict[str, Any], str | None]]] = {}
    for staff, (row, manager) in new.items():
        waves.setdefault(depth[staff], []).append((row, manager))
    for level in sorted(waves):
        ready = waves[level]
        for row, manager in ready:
            row["line_manager_id"] = ids[manager] if manager else None
        new_ids = create_rows_with_history(Person, [p for p, _ in ready], user=history_user)
        ids.update((p["staff_number"], pk) for (p, _), pk in zip(ready, new_ids, strict=True))


def _write_workforce(plan: ExtractPlan, people: dict[str, Person], diff: _Diff,
                     extract: Extract, history_user: Any) -> list[dict[str, Any]]:
    """Update the workforce records of changed people; return plain rows for the records of
    people who have none yet (``classify_organisation`` creates them classified)."""
    to_create: list[dict[str, Any]] = []
    to_update: list[WorkforceRecord] = []
    wanted = {}
    joiners = set(diff.joiners)
    day_rate_column = "day_rate" in plan.file.table.columns
    pay_column = "annual_pay" in plan.file.table.columns
    for planned, extra in zip(plan.people.people, plan.extras, strict=True):
        staff = planned.staff_number
        person_id = diff.ids[staff]
        known = diff.records.get(person_id)
        if known is None:  # everyone in the extract gets a record (the snapshot reads it)
            row: dict[str, Any] = {"person_id": person_id, "last_extract_id": extract.pk,
                                   "fingerprint": plan.file.fingerprints.get(staff, "")}
            if extra.job_description is not None:
                row["job_description"] = extra.job_description
            if extra.day_rate is not None or day_rate_column:
                row["day_rate"] = extra.day_rate
            if extra.supplier is not None:
                row["supplier"] = extra.supplier
            if pay_column:
                row["annual_pay"] = extra.annual_pay
            to_create.append(row)
            continue
        if staff not in diff.changed and staff not in joiners:
            continue
        if staff in joiners or EXTRA_KEYS.intersection(diff.changed.get(staff, ())):
            wanted[known[0]] = extra
    for chunk in _chunks(list(wanted)):
        for record in WorkforceRecord.objects.filter(pk__in=chunk):
            to_update.append(_set_extras(record, plan, wanted[record.pk], extract))
    update_with_history(to_update, WorkforceRecord, _fields_to_write(diff, WORKFORCE_FIELDS),
                        user=history_user)
    return to_create


def _set_extras(record: WorkforceRecord, plan: ExtractPlan, extra: Any,
                extract: Extract) -> WorkforceRecord:
    if extra.job_description is not None:
        record.job_description = extra.job_description
    if extra.day_rate is not None or "day_rate" in plan.file.table.columns:
        record.day_rate = extra.day_rate
    if extra.supplier is not None:
        record.supplier = extra.supplier
    if "annual_pay" in plan.file.table.columns:
        record.annual_pay = extra.annual_pay
    record.last_extract = extract
    return record


def _store_fingerprints(plan: ExtractPlan, ids: dict[str, int], diff: _Diff) -> None:
    """Remember each planned row's fingerprint on its person's workforce record (no
    history: it is bookkeeping); leavers' are cleared, so a return is always planned."""
    rows = [(plan.file.fingerprints[p.staff_number], ids[p.staff_number])
            for p in plan.people.people
            if ids[p.staff_number] in diff.records]  # new records have theirs already
    rows += [("", person.pk) for person in diff.leavers]
    get = WorkforceRecord._meta.get_field
    update_rows(WorkforceRecord, get("person"), [get("fingerprint")], rows)


def _write_snapshot(plan: ExtractPlan, diff: _Diff, extract: Extract) -> None:
    """One ExtractRecord per row, and the joiner, leaver and changed rows.

    The snapshot rows are copied by the database itself from the people and workforce
    records just written (one INSERT ... SELECT: nothing is read into Python), taking
    the classification just made. Day rate and supplier are the file's, so they are
    blank when the file has no such column.
    """
    quote = connection.ops.quote_name

    def table(model: type) -> str:
        return quote(model._meta.db_table)

    columns = plan.file.table.columns if plan.people.people else [
        f for f in plan.file.mapping.values() if f]
    day_rate = "wr.day_rate" if "day_rate" in columns else "NULL"
    supplier = "COALESCE(wr.supplier, '')" if "supplier" in columns else "''"
    names = ", ".join(quote(ExtractRecord._meta.get_field(c).column) for c in (
        "extract", "person", "staff_number", "grade_code", "job_title", "employment_type",
        "unit_path", "location", "day_rate", "supplier", "in_profession", "role_level"))
    sql = (
        f"INSERT INTO {table(ExtractRecord)} ({names}) "  # noqa: S608 - names are quoted
        f"SELECT %s, p.id, p.staff_number, COALESCE(g.code, ''), p.job_title, "
        f"p.employment_type, COALESCE(u.path, ''), COALESCE(loc.name, ''), {day_rate}, "
        f"{supplier}, wr.in_profession, wr.role_level_id "
        f"FROM {table(WorkforceRecord)} wr JOIN {table(Person)} p ON p.id = wr.person_id "
        f"LEFT JOIN {table(Grade)} g ON g.id = p.grade_id "
        f"LEFT JOIN {table(Unit)} u ON u.id = p.unit_id "
        f"LEFT JOIN {table(Location)} loc ON loc.id = p.location_id "
        f"WHERE wr.last_extract_id = %s AND p.organisation_id = %s"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The extract is new, so the planner's statistics know no record pointing at
            # it and it would expect one row: nested loops that scan the units once per
            # person. Every person of the organisation is what it reads: hash joins.
            cursor.execute("SELECT current_setting('enable_nestloop')")
            setting = cursor.fetchone()[0]
            cursor.execute("SET LOCAL enable_nestloop = off")
            cursor.execute(sql, [extract.pk, extract.pk, plan.organisation.pk])
            cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [setting])
        else:
            cursor.execute(sql, [extract.pk, extract.pk, plan.organisation.pk])
    ids = diff.ids
    changes = [(extract.pk, ids[s], s, ChangeKind.JOINER, {}) for s in diff.joiners]
    changes += [(extract.pk, p.pk, p.staff_number, ChangeKind.LEAVER, {}) for p in diff.leavers]
    changes += [(extract.pk, ids[s], s, ChangeKind.CHANGED, f)
                for s, f in diff.changed.items()]
    insert_rows(ExtractChange, [ExtractChange._meta.get_field(c) for c in
                                ("extract", "person", "staff_number", "kind", "fields")], changes)


def _point_at(extract: Extract, absent: list[int], person_ids: list[int]) -> None:
    """Everyone in the extract (``person_ids``: the organisation's people except the
    ``absent``) now points at it; unchanged people get no history row."""
    if len(absent) <= 900:  # the usual case: one statement, whatever the size
        WorkforceRecord.objects.filter(person__organisation=extract.organisation).exclude(
            person_id__in=absent).exclude(last_extract=extract).update(last_extract=extract)
        return
    for chunk in _chunks(person_ids, 900):
        WorkforceRecord.objects.filter(person_id__in=chunk).exclude(
            last_extract=extract).update(last_extract=extract)


CHANGE_COLUMNS = ("kind", "staff_number", "name", "field", "before", "after")


def change_rows(changes: Any) -> Iterator[dict[str, object]]:
    """Report rows: one per joiner or leaver, one per changed field."""
    for change in changes:
        name = change.person.full_name if change.person else ""
        base = {"kind": change.kind, "staff_number": change.staff_number, "name": name}
        if not change.fields:
            yield base
            continue
        for name_of_field, values in sorted(change.fields.items()):
            yield {**base, "field": name_of_field, "before": values.get("before", ""),
                   "after": values.get("after", "")}


def export_changes(*, actor: Any, extract: Extract, changes: Any) -> ExportFile:
    """The joiners, leavers and changes report as CSV, recorded in the audit trail."""
    return export_table(
        actor=actor, what="extract changes", columns=CHANGE_COLUMNS, rows=change_rows(changes),
        fmt="csv", target=extract, summary=f"Change report of {extract} downloaded",
        filename=f"changes-{extract.organisation.abbreviation}-{extract.taken_on}")
