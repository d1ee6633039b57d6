"""``cadre organisations ...``: former names, machinery-of-government changes and matching.

- ``changes [--organisation ABBR] [--format json|csv]``: every change (or those the
  organisation took part in), oldest first: ``date, kind, predecessor,
  predecessor_name, successor, successor_name, note`` (abbreviations; successor blank for a
  closure with none);
- ``former-names [--organisation ABBR] [--format json|csv]``: ``organisation, name,
  abbreviation, valid_from, valid_to``;
- ``match NAME ... [--format json|csv]``: the organisation each name matches (current
  names, former names, abbreviations) and the open organisations it rolls up into;
- ``add-former-name --organisation ABBR --name NAME [--abbreviation A] [--from DATE]
  [--to DATE]`` and ``record-change --organisation ABBR --kind KIND --date DATE
  [--successor ABBR] [--note TEXT]``: writes, as the command line.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.core.tabular import write_csv
from cadre.organisations import selectors, services
from cadre.organisations.models import ChangeKind, Organisation

CHANGE_COLUMNS = ["date", "kind", "predecessor", "predecessor_name", "successor",
                  "successor_name", "note"]
NAME_COLUMNS = ["organisation", "name", "abbreviation", "valid_from", "valid_to"]
MATCH_COLUMNS = ["name", "organisation", "organisation_name", "closed", "rolls_up_into"]


def _organisation(abbreviation: str | None) -> Organisation | None:
    if abbreviation is None:
        return None
    if "\x00" in abbreviation:
        raise CommandError("The organisation abbreviation has a NUL character.")
    found = selectors.organisation_by_abbreviation(abbreviation)
    if found is None:
        raise CommandError(f"No organisation with the abbreviation '{abbreviation}'.")
    return found


class Command(SubcommandCommand):
    help = "Former names and machinery-of-government changes of organisations."

    def add_actions(self, sub: Any) -> None:
        changes = sub.add_parser("changes", help="List machinery-of-government changes.")
        changes.add_argument("--organisation", help="Only this organisation's (abbreviation)")
        changes.add_argument("--format", choices=["json", "csv"], default="json")
        names = sub.add_parser("former-names", help="List former names.")
        names.add_argument("--organisation", help="Only this organisation's (abbreviation)")
        names.add_argument("--format", choices=["json", "csv"], default="json")
        match = sub.add_parser("match", help="Which organisation each name matches.")
        match.add_argument("names", nargs="+", metavar="NAME")
        match.add_argument("--format", choices=["json", "csv"], default="json")
        add = sub.add_parser("add-former-name", help="Add a former name.")
        add.add_argument("--organisation", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--abbreviation", default="")
        add.add_argument("--from", dest="valid_from", help="First used (YYYY-MM-DD)")
        add.add_argument("--to", dest="valid_to", help="Used until (YYYY-MM-DD)")
        record = sub.add_parser("record-change", help="Record a change to an organisation.")
        record.add_argument("--organisation", required=True, help="The one that changed")
        record.add_argument("--kind", required=True, choices=ChangeKind.values)
        record.add_argument("--date", required=True, help="YYYY-MM-DD")
        record.add_argument("--successor", help="The one that took over (abbreviation)")
        record.add_argument("--note", default="")

    def _write(self, rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(write_csv(columns, rows), ending="")

    def handle_changes(self, options: dict[str, Any], *, actor: Actor) -> None:
        rows = [{
            "date": c.date.isoformat(), "kind": c.kind,
            "predecessor": c.predecessor.abbreviation, "predecessor_name": c.predecessor.name,
            "successor": c.successor.abbreviation if c.successor else None,
            "successor_name": c.successor.name if c.successor else None, "note": c.note,
        } for c in selectors.organisation_changes(_organisation(options["organisation"]))]
        self._write(rows, CHANGE_COLUMNS, options["format"])

    def handle_former_names(self, options: dict[str, Any], *, actor: Actor) -> None:
        organisation = _organisation(options["organisation"])
        qs = (selectors.former_names(organisation) if organisation is not None else
              selectors.all_former_names())
        rows = [{"organisation": n.organisation.abbreviation, "name": n.name,
                 "abbreviation": n.abbreviation,
                 "valid_from": n.valid_from.isoformat() if n.valid_from else None,
                 "valid_to": n.valid_to.isoformat() if n.valid_to else None} for n in qs]
        self._write(rows, NAME_COLUMNS, options["format"])

    def handle_match(self, options: dict[str, Any], *, actor: Actor) -> None:
        names = [str(n) for n in options["names"]]
        found = selectors.match_organisation_names(names)
        rolls = selectors.current_successors([o.pk for o in found.values() if o is not None])
        abbreviations = dict(Organisation.objects.filter(
            pk__in={i for ids in rolls.values() for i in ids}).values_list("pk", "abbreviation"))
        rows = []
        for name in dict.fromkeys(names):
            org = found[name]
            rows.append({
                "name": name, "organisation": org.abbreviation if org else None,
                "organisation_name": org.name if org else None,
                "closed": org.active_to.isoformat() if org and org.active_to else None,
                "rolls_up_into": ([abbreviations[i] for i in rolls[org.pk]] if org else []),
            })
        if options["format"] == "csv":
            rows = [{**r, "rolls_up_into": " ".join(r["rolls_up_into"])} for r in rows]
        self._write(rows, MATCH_COLUMNS, options["format"])

    def handle_add_former_name(self, options: dict[str, Any], *, actor: Actor) -> None:
        organisation = _organisation(options["organisation"])
        former = services.add_former_name(
            actor=actor, organisation=organisation, name=options["name"],
            abbreviation=options["abbreviation"], valid_from=options["valid_from"],
            valid_to=options["valid_to"])
        self.stdout.write(f"Former name '{former.name}' added to "
                          f"{organisation.abbreviation}.")

    def handle_record_change(self, options: dict[str, Any], *, actor: Actor) -> None:
        organisation = _organisation(options["organisation"])
        successor = _organisation(options["successor"])
        change = services.record_change(
            actor=actor, kind=options["kind"], date=options["date"], predecessor=organisation,
            successor=successor, note=options["note"])
        self.stdout.write(f"Recorded: {change}.")
