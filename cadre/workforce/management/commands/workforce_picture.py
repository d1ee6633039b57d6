"""``cadre workforce picture``: the workforce picture as CSV, XLSX or JSON.

Counts below 5 are always hidden here, as on the cross-government page: a file
written by the command can travel further than a page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.workforce import selectors_picture as selectors
from cadre.workforce.cli import organisation_option
from cadre.workforce.exports_picture import export_picture


class Command(BaseCommand):
    help = ("Write the workforce picture of one organisation, or of the whole government, "
            "with counts below 5 hidden.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", metavar="ABBR",
                            help="Organisation abbreviation; the whole government if left out.")
        parser.add_argument("--format", choices=["csv", "xlsx", "ods", "json"], default="csv")
        parser.add_argument("--table", metavar="KEY",
                            help="Only this table (e.g. role-family, grade, change).")
        parser.add_argument("--output", metavar="FILE",
                            help="Write here instead of standard output (needed for xlsx and ods).")

    def handle(self, *args: object, **options: object) -> None:
        fmt = str(options["format"])
        output = options.get("output")
        if fmt in ("xlsx", "ods") and not output:
            raise CommandError(f"{fmt.upper()} is binary: give --output FILE.")
        abbreviation = options.get("organisation")
        if abbreviation:
            organisation = organisation_option(abbreviation)
            tables = selectors.organisation_picture(
                selectors.PictureAccess(organisation, exact=False))
            subject = organisation.abbreviation
        else:
            organisation, subject = None, "across government"
            tables = selectors.government_picture()
        key = options.get("table") or None
        if key is not None and key not in {t.key for t in tables}:
            raise CommandError(f"No table '{key}'; choose one of: "
                               f"{', '.join(t.key for t in tables)}.")
        export = export_picture(actor=command_line_actor(), tables=tables, fmt=fmt, subject=subject,
                                key=key, target=organisation, suppressed=True,
                                filename="workforce-picture")
        if output:
            Path(str(output)).write_bytes(export.content)
            self.stdout.write(f"Wrote the workforce picture ({subject}) to {output}.")
        else:
            sys.stdout.flush()
            self.stdout.write(export.content.decode("utf-8-sig"), ending="")
