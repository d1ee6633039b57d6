"""``cadre programmes apprenticeship-target --year YYYY --format json|csv``.

One record per organisation with workforce data at the start of the reporting year
(1 April YYYY) or apprentice starts in it: ``organisation``, ``year_start``,
``headcount_date`` (the HR extract counted), ``headcount_at_start``, ``in_scope`` (the
target applies only with 250 or more employees; null with no headcount),
``new_apprentice_starts``, ``share`` (a fraction, 4 decimal places) and ``target_met``
(at least 2.3%; null when not in scope or with no headcount). JSON is a list of such
objects; in CSV an unknown value is empty.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.organisations.models import Organisation
from cadre.programmes import selectors
from cadre.programmes.models import APPRENTICE_YEARS


class Command(BaseCommand):
    help = ("Each organisation's apprentice starts against the 2.3% of headcount target "
            "(bodies with 250 or more employees).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True,
                            help="The reporting year (from 1 April of it)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        year = options["year"]
        if not APPRENTICE_YEARS[0] <= year <= APPRENTICE_YEARS[1]:
            raise CommandError(f"--year must be from {APPRENTICE_YEARS[0]} to "
                               f"{APPRENTICE_YEARS[1]}.")
        records = [row.as_record() for row in
                   selectors.target_rows(Organisation.objects.all(), year)]
        if options["format"] == "json":
            self.stdout.write(json.dumps(records, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=selectors.TARGET_COLUMNS,
                                lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
