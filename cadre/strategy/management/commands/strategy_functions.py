"""``cadre strategy functions [--organisation ABBR] --format json|csv``: the recorded rows of
departments' ICT function matrices with their checks.

JSON is a list of objects and CSV has a header row, both with the keys ``organisation,
organisation_name, function, function_name, sourcing, maturity, evidence, version,
updated_at, retained, status, flagged, check`` (``status``: ``not_retained``, ``ok``,
``gap`` or ``nobody``; ``flagged`` is true for ``nobody``: declared in house with nobody in
the department's profession in the families the function needs)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.tabular import write_csv
from cadre.organisations.models import Organisation
from cadre.strategy.selectors import functions as sel

MAX_ABBREVIATION = Organisation._meta.get_field("abbreviation").max_length


class Command(BaseCommand):
    help = "List departments' ICT function matrix rows with their checks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", help="One organisation (abbreviation)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        organisation = None
        text = str(options.get("organisation") or "").strip()
        if text:
            if "\x00" in text or len(text) > MAX_ABBREVIATION:
                raise CommandError("--organisation: not an organisation's abbreviation.")
            organisation = Organisation.objects.filter(abbreviation__iexact=text).first()
            if organisation is None:
                raise CommandError(f"--organisation: no organisation with the abbreviation "
                                   f"'{text[:40]}'.")
        rows = sel.entry_rows(organisation)
        if options["format"] == "csv":
            self.stdout.write(write_csv(sel.ROW_COLUMNS, rows), ending="")
        else:
            self.stdout.write(json.dumps(rows, indent=2, default=str))
