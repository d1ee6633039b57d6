"""Checking an organisations spreadsheet (name, abbreviation, type, parent)."""

from __future__ import annotations

from dataclasses import dataclass

from cadre.core.tabular import CellError, Table, TableError
from cadre.organisations.models import Organisation, OrganisationType

ORGANISATION_COLUMNS = ("name", "abbreviation", "type", "parent")
REQUIRED_COLUMNS = ("name", "abbreviation", "type")


@dataclass
class PlannedOrganisation:
    row: int
    name: str
    abbreviation: str
    type: str
    parent: str
    existing: Organisation | None


def plan_organisation_import(table: Table) -> list[PlannedOrganisation]:
    """Validate every row; raise ``TableError`` with all problems, else return the plan."""
    errors: list[CellError] = []
    existing = {o.abbreviation.lower(): o for o in Organisation.objects.all()}
    by_name = {o.name.lower(): o for o in existing.values()}
    planned: list[PlannedOrganisation] = []
    seen_abbr: dict[str, int] = {}
    seen_name: dict[str, int] = {}
    for row in table.rows:
        v, n = row.values, row.number
        name, abbr = v.get("name", "").strip(), v.get("abbreviation", "").strip()
        type_ = v.get("type", "").strip().lower()
        if not name:
            errors.append(CellError(n, "name", "is empty"))
        elif name.lower() in seen_name:
            errors.append(CellError(n, "name", f"'{name}' appears again (first on row "
                                               f"{seen_name[name.lower()]})"))
        else:
            seen_name[name.lower()] = n
        if not abbr:
            errors.append(CellError(n, "abbreviation", "is empty"))
        elif abbr.lower() in seen_abbr:
            errors.append(CellError(n, "abbreviation", f"'{abbr}' appears again (first on row "
                                                       f"{seen_abbr[abbr.lower()]})"))
        else:
            seen_abbr[abbr.lower()] = n
        if len(abbr) > 30:
            errors.append(CellError(n, "abbreviation", "is longer than 30 characters"))
        if type_ not in OrganisationType.values:
            errors.append(CellError(n, "type", f"unknown type '{type_}'; use one of "
                                               + ", ".join(OrganisationType.values)))
        current = existing.get(abbr.lower())
        clash = by_name.get(name.lower())
        if clash is not None and clash is not current:
            errors.append(CellError(n, "name", f"'{name}' is already used by "
                                               f"{clash.abbreviation}"))
        planned.append(PlannedOrganisation(n, name, abbr, type_, v.get("parent", "").strip(),
                                           current))
    in_file = {p.abbreviation.lower() for p in planned}
    names_in_file = {p.name.lower(): p.abbreviation.lower() for p in planned}
    parent_of: dict[str, str] = {
        a: (o.parent.abbreviation.lower() if o.parent_id else "") for a, o in existing.items()
    }
    unresolved: set[int] = set()
    for p in planned:
        given = p.parent.lower()
        if not given:
            key = ""
        elif given in in_file or given in existing:
            key = given
        elif given in names_in_file:
            key = names_in_file[given]
        elif given in by_name:
            key = by_name[given].abbreviation.lower()
        else:
            key = given
            unresolved.add(p.row)
        parent_of[p.abbreviation.lower()] = key
        p.parent = key
    for p in planned:
        if not p.parent:
            continue
        if p.row in unresolved:
            errors.append(CellError(p.row, "parent", f"no organisation '{p.parent}' in the file "
                                                     "or already in Cadre"))
            continue
        chain, current = [p.abbreviation.lower()], p.parent
        while current:
            if current in chain:
                errors.append(CellError(p.row, "parent", "parent organisations make a loop: "
                                        + " -> ".join([*chain, current])))
                break
            chain.append(current)
            current = parent_of.get(current, "")
    if errors:
        raise TableError(sorted(errors, key=lambda e: (e.row or 0, e.column or "")))
    return planned
