"""``cadre workforce import``: an HR extract through a column mapping."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported, validation_lines
from cadre.core.management.files import read_input_file
from cadre.core.tabular import parse_date
from cadre.workforce.cli import organisation_option
from cadre.workforce.columns import FIELDS, missing_required
from cadre.workforce.extracts import file_headers
from cadre.workforce.services import import_extract, mapping_for, save_mapping


class Command(BaseCommand):
    help = ("Import an organisation's HR extract (CSV or XLSX) through a column mapping; "
            "every row valid or nothing saved.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")
        parser.add_argument("file")
        parser.add_argument("--mapping", help="A saved mapping's name (default: 'default' if "
                                              "saved, else suggestions from the headers)")
        parser.add_argument("--taken-on", help="Date of the extract (default: today)")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and count the changes; write nothing")
        parser.add_argument("--save-mapping", metavar="NAME",
                            help="Save the mapping used under this name")

    def handle(self, *args: str, **options: object) -> None:
        # A file with problems, a mapping that cannot be used or saved: reported the way
        # every command reports a refused change (core.commands).
        with refusals_reported(self):
            self._import(options)

    def _import(self, options: dict) -> None:
        organisation = organisation_option(options["organisation"])
        taken_on: dt.date | None = None
        if options["taken_on"]:
            try:
                taken_on = parse_date(str(options["taken_on"]))
            except ValueError as exc:
                raise CommandError(f"--taken-on: {exc}") from exc
        path = str(options["file"])
        data = read_input_file(path)
        name = options["mapping"] and str(options["mapping"])
        headers = file_headers(data, filename=path)
        mapping = mapping_for(organisation=organisation, headers=headers, mapping_name=name)
        for header in headers:
            field = mapping.get(header, "")
            shown = f"{FIELDS[field]} ({field})" if field else "not mapped, ignored"
            self.stdout.write(f"  {header!r}: {shown}")
        unmapped = [h for h in headers if h and not mapping.get(h)]
        if unmapped:
            self.stdout.write("Could not map: " + ", ".join(repr(h) for h in unmapped))
        missing = missing_required(mapping)
        if missing:
            self.stderr.write("No column is mapped to: " + ", ".join(missing)
                              + "; save a mapping (--save-mapping with a mapping made in the "
                              "web page or the API) or rename the headers.")
        if options["save_mapping"]:
            try:
                save_mapping(actor=command_line_actor(), organisation=organisation,
                             name=str(options["save_mapping"]), columns=mapping)
            except ValidationError as exc:
                raise CommandError("The mapping was not saved and nothing was imported: "
                                   + "; ".join(validation_lines(exc))) from exc
            self.stdout.write(f"Mapping saved as '{options['save_mapping']}'.")
        result = import_extract(
            actor=command_line_actor(), organisation=organisation, data=data, filename=path,
            mapping=mapping, mapping_name=name, taken_on=taken_on,
            dry_run=bool(options["dry_run"]),
        )
        for warning in result.warnings:
            self.stdout.write(f"  warning: {warning}")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"{path} into {organisation.abbreviation}: {result.rows} rows; {result.joiners} "
            f"joiners, {result.leavers} leavers, {result.changed} changed, {result.unchanged} "
            f"unchanged {verb} found." + (" Dry run: nothing was written."
                                          if options["dry_run"] else "")
        )
