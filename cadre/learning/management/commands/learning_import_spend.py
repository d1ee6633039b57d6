"""``cadre learning import-spend --organisation ABBR FILE [--mapping NAME] [--dry-run]``:
a learning spend file through a column mapping; every line valid or nothing saved."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.core.management.files import read_input_file
from cadre.learning.services.spend import (
    file_headers,
    import_spend,
    mapping_for,
    save_mapping,
)
from cadre.learning.spend_columns import FIELDS, missing_required
from cadre.organisations.selectors import organisation_by_abbreviation


class Command(BaseCommand):
    help = ("Import an organisation's learning spend (CSV or XLSX) through a column mapping; "
            "every line valid or nothing saved.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")
        parser.add_argument("file")
        parser.add_argument("--mapping", help="A saved mapping's name (default: 'default' if "
                                              "saved, else suggestions from the headers)")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check and match the file; write nothing")
        parser.add_argument("--save-mapping", metavar="NAME",
                            help="Save the mapping used under this name")

    def handle(self, *args: str, **options: Any) -> None:
        with refusals_reported(self):
            self._import(options)

    def _import(self, options: dict) -> None:
        organisation = organisation_by_abbreviation(str(options["organisation"]))
        if organisation is None:
            raise CommandError(f"No organisation with abbreviation '{options['organisation']}'.")
        path = str(options["file"])
        data = read_input_file(path)
        name = options["mapping"] and str(options["mapping"])
        headers = file_headers(data, filename=path)
        mapping = mapping_for(organisation=organisation, headers=headers, mapping_name=name)
        for header in headers:
            field = mapping.get(header, "")
            shown = f"{FIELDS[field]} ({field})" if field else "not mapped, ignored"
            self.stdout.write(f"  {header!r}: {shown}")
        missing = missing_required(mapping)
        if missing:
            self.stderr.write("No column is mapped to: " + ", ".join(missing) + "; save a "
                              "mapping (on the page or through the API) or rename the headers.")
        actor = command_line_actor()
        if options["save_mapping"]:
            save_mapping(actor=actor, organisation=organisation,
                         name=str(options["save_mapping"]), columns=mapping)
            self.stdout.write(f"Mapping saved as '{options['save_mapping']}'.")
        result = import_spend(actor=actor, organisation=organisation, data=data,
                              filename=path.rsplit("/", 1)[-1], mapping=mapping,
                              mapping_name=name, dry_run=bool(options["dry_run"]))
        for problem in result.problems[:50]:
            where = ", ".join(filter(None, [f"Row {problem['row']}" if problem["row"] else "",
                                            f"column '{problem['column']}'"
                                            if problem["column"] else ""]))
            self.stdout.write(f"  to check: {where + ': ' if where else ''}{problem['message']}")
        if len(result.problems) > 50:
            self.stdout.write(f"  ...and {len(result.problems) - 50} more listed on the import.")
        verb = "would be imported" if options["dry_run"] else "imported"
        number = "" if result.spend_import is None else f" as import {result.spend_import.pk}"
        self.stdout.write(
            f"{path} into {organisation.abbreviation}: {result.rows} lines, "
            f"£{result.total:,.2f}, {verb}{number}; {result.matched} matched, "
            f"{result.to_review} waiting for review ({result.unmatched} with no supplier "
            f"found), {result.duplicates} possible duplicates."
            + (" Dry run: nothing was written." if options["dry_run"] else ""))
