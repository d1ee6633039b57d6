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
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cadre.audit.exports import export_table
from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import history_user as actor_account
from cadre.core.bulk import create_with_history, insert_rows, update_with_history
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
)
PERSON_FIELDS = (
    "first_name", "last_name", "email", "job_title", "grade", "unit", "location",
    "employment_type", "start_date", "end_date", "line_manager",
)
WORKFORCE_FIELDS = ("job_description", "day_rate", "supplier", "last_extract")
EXTRA_KEYS = frozenset(WORKFORCE_FIELDS) - {"last_extract"}


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
        (pk, job_description, day_rate, supplier)."""
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
    #: person id -> (record pk, job_description, day_rate, supplier).
    records: dict[int, tuple] = field(default_factory=dict)
    #: Ids of the organisation's people (leavers or not) who are not in the file.
    absent: list[int] = field(default_factory=list)


def import_extract(
    *, actor: Any, organisation: Organisation, data: bytes, filename: str,
    mapping: dict[str, str] | None = None, mapping_name: str | None = None,
    taken_on: dt.date | None = None, dry_run: bool = False,
    max_bytes: int | None = None,
) -> ExtractResult:
    """Check and import one HR extract; ``TableError`` lists every problem, nothing written.

    On a dry run the counts are worked out and nothing is written.
    """
    taken_on = taken_on or timezone.localdate()
    grid = read_grid(data, filename=filename, max_bytes=max_bytes)  # the file is read once
    used = mapping_for(organisation=organisation, headers=header_row(grid)[1], mapping=mapping,
                       mapping_name=mapping_name)
    extract_file = read_extract(grid, filename=filename, mapping=used)
    plan = plan_extract(extract_file, organisation)
    if dry_run:
        diff = _diff(plan, taken_on)
        return ExtractResult(extract=None, rows=len(plan.people.people),
                             joiners=len(diff.joiners), leavers=len(diff.leavers),
                             changed=len(diff.changed), unchanged=diff.unchanged,
                             mapping=used, warnings=plan.warnings)
    return _write(actor=actor, plan=plan, filename=filename, taken_on=taken_on,
                  mapping_name=mapping_name or "", used=used)


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
    return after


def _diff(plan: ExtractPlan, taken_on: dt.date) -> _Diff:
    """Joiners, leavers and changes, worked out without writing.

    People in the file come from the plan (already loaded); everything else is
    read as plain values, so the cost is a few queries whatever the size.
    """
    organisation = plan.organisation
    names = _Names(organisation)
    location_names = {n.lower(): n for n in names.locations.values()}
    everyone = list(Person.objects.filter(organisation=organisation)
                    .values_list("pk", "staff_number", "end_date"))
    staff_by_id = {pk: staff for pk, staff, _ in everyone}
    diff = _Diff(records={row[0]: row[1:] for row in WorkforceRecord.objects.filter(
        person__organisation=organisation).values_list(
        "person_id", "pk", "job_description", "day_rate", "supplier")})
    in_file: set[str] = set()
    for index, planned in enumerate(plan.people.people):
        in_file.add(planned.staff_number)
        stored = planned.stored  # plain values: most people are unchanged
        if stored is not None:
            diff.ids[planned.staff_number] = stored["id"]
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
    diff.absent = [pk for pk, staff, _end in everyone if staff not in in_file]
    leaver_ids = [pk for pk, staff, end in everyone if staff not in in_file and end is None]
    diff.leavers = [p for chunk in _chunks(leaver_ids)
                    for p in Person.objects.filter(pk__in=chunk)]
    return diff


@transaction.atomic
def _write(
    *, actor: Any, plan: ExtractPlan, filename: str, taken_on: dt.date, mapping_name: str,
    used: dict[str, str],
) -> ExtractResult:
    organisation = plan.organisation
    diff = _diff(plan, taken_on)
    history_user = actor_account(actor)
    extract = Extract(
        organisation=organisation, taken_on=taken_on, filename=filename[:255],
        mapping_name=mapping_name[:100], imported_by=history_user,
        rows=len(plan.people.people), joiners=len(diff.joiners), leavers=len(diff.leavers),
        changed=len(diff.changed), unchanged=diff.unchanged,
    )
    extract._history_user = history_user
    extract.save()

    unit_cache = {u.path: u for u in Unit.objects.filter(organisation=organisation)}
    location_cache = {loc.name.lower(): loc for loc in Location.objects.all()}
    people = dict(diff.people)
    ids = dict(diff.ids)
    joiners = set(diff.joiners)
    to_create: list[tuple[Person, str | None]] = []
    to_update: list[tuple[Person, str | None]] = []
    for planned in plan.people.people:
        if planned.staff_number in ids and planned.staff_number not in joiners and (
                planned.staff_number not in diff.changed):
            continue  # unchanged: not written again
        person = people.get(planned.staff_number)
        values = dict(planned.values)
        if planned.unit_path is not None:
            values["unit"] = (ensure_unit_path(actor=actor, organisation=organisation,
                                               path=planned.unit_path, cache=unit_cache)
                              if planned.unit_path else None)
        if planned.location_name is not None:
            values["location"] = known_location(planned.location_name, location_cache)
        if person is None:
            person = Person(organisation=organisation, staff_number=planned.staff_number,
                            **values)
            people[planned.staff_number] = person
            to_create.append((person, planned.manager_staff_number))
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
    _point_at(extract, diff.absent, [ids[p.staff_number] for p in plan.people.people])
    record_event(
        actor=actor, action=AuditEvent.Action.IMPORT, target=extract,
        summary=f"HR extract {filename} imported into {organisation.abbreviation}: "
        f"{extract.joiners} joiners, {extract.leavers} leavers, {extract.changed} changed",
        data={"file": filename, "taken_on": taken_on.isoformat(), "rows": extract.rows,
              "joiners": extract.joiners, "leavers": extract.leavers,
              "changed": extract.changed, "unchanged": extract.unchanged,
              "mapping": used},
    )
    # New people's records are created there, already classified (one history row each).
    classify_organisation(actor=actor, organisation=organisation, new_records=new_records)
    _write_snapshot(plan, ids, diff, extract)
    return ExtractResult(extract=extract, rows=extract.rows, joiners=extract.joiners,
                         leavers=extract.leavers, changed=extract.changed,
                         unchanged=extract.unchanged, mapping=used, warnings=plan.warnings)


def _fields_to_write(diff: _Diff, model_fields: tuple[str, ...]) -> list[str]:
    """Only the columns that changed: bulk updates cost grows with rows times columns."""
    if any(staff in diff.ids for staff in diff.joiners):  # people coming back
        return list(model_fields)
    changed = {name for fields in diff.changed.values() for name in fields}
    if diff.leavers:
        changed.add("end_date")
    return [f for f in model_fields if f in changed or f == "last_extract"]


def _create_people(to_create: list[tuple[Person, str | None]], ids: dict[str, int],
                   history_user: Any) -> None:
    """Create new people managers first, so each gets one history row with its manager;
    adds their ids to ``ids`` (by staff number)."""
    waiting = {person.staff_number for person, _ in to_create}
    pending = to_create
    while pending:
        ready = [(p, m) for p, m in pending if not m or m not in waiting]
        if not ready:  # plan_extract refuses loops, so this cannot happen
            raise RuntimeError("line-management loop among new people")
        for person, manager in ready:
            person.line_manager_id = ids[manager] if manager else None
        create_with_history([p for p, _ in ready], Person, user=history_user)
        ids.update((p.staff_number, p.pk) for p, _ in ready)
        waiting -= {p.staff_number for p, _ in ready}
        pending = [(p, m) for p, m in pending if p.staff_number in waiting]


def _write_workforce(plan: ExtractPlan, people: dict[str, Person], diff: _Diff,
                     extract: Extract, history_user: Any) -> list[WorkforceRecord]:
    """Update the workforce records of changed people; return the unsaved records of
    people who have none yet (``classify_organisation`` creates them classified)."""
    to_create: list[WorkforceRecord] = []
    to_update: list[WorkforceRecord] = []
    wanted = {}
    joiners = set(diff.joiners)
    for planned, extra in zip(plan.people.people, plan.extras, strict=True):
        staff = planned.staff_number
        if staff not in diff.changed and staff in diff.ids and staff not in joiners:
            continue
        person = people[staff]
        known = diff.records.get(person.pk)
        if known is None:
            to_create.append(_set_extras(WorkforceRecord(person=person), plan, extra, extract))
        elif staff in joiners or EXTRA_KEYS.intersection(diff.changed.get(staff, ())):
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
    record.last_extract = extract
    return record


def _write_snapshot(plan: ExtractPlan, ids: dict[str, int], diff: _Diff,
                    extract: Extract) -> None:
    """One ExtractRecord per row (with the classification just made), and the joiner,
    leaver and changed rows."""
    names = _Names(plan.organisation)
    # Everyone's values as now written, read as plain values.
    people = {row[0]: row[1:] for row in Person.objects.filter(
        organisation=plan.organisation).values_list(
        "pk", "grade_id", "job_title", "employment_type", "unit_id", "location_id")}
    classified = {person_id: (in_profession, role_level_id) for person_id, in_profession,
                  role_level_id in WorkforceRecord.objects.filter(
                      person__organisation=plan.organisation).values_list(
                      "person_id", "in_profession", "role_level_id")}
    rows = []
    for planned, extra in zip(plan.people.people, plan.extras, strict=True):
        pk = ids[planned.staff_number]
        grade_id, job_title, employment_type, unit_id, location_id = people[pk]
        rows.append((
            extract.pk, pk, planned.staff_number, names.grades.get(grade_id, ""),
            job_title, employment_type, names.units.get(unit_id, ""),
            names.locations.get(location_id, ""),
            extra.day_rate, extra.supplier or "", *classified.get(pk, (None, None)),
        ))
    # One row per line of the file, written in batches without building model instances.
    columns = ("extract", "person", "staff_number", "grade_code", "job_title",
               "employment_type", "unit_path", "location", "day_rate", "supplier",
               "in_profession", "role_level")
    insert_rows(ExtractRecord, [ExtractRecord._meta.get_field(c) for c in columns], rows)
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
