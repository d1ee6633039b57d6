"""Writes to organisations and units. All atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cadre.audit.models import AuditEvent
from cadre.audit.services import record_event
from cadre.core.actor import history_user
from cadre.organisations.models import Organisation, Unit

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
    return {"grades": len(codes), "organisations_created": created,
            "organisations_updated": updated}
