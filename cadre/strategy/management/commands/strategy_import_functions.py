"""``cadre strategy import-functions [FILE]``: load the ICT function taxonomy from a CSV or
XLSX file with the columns ``key, name, description, needs, retained_in`` (Cadre's own list,
``cadre/strategy/data/ict-functions.csv``, when no file is named).

``needs`` names role families of the default framework with the lowest level each needs
(``Architecture: senior; Data: practitioner``; levels: apprentice, junior, practitioner,
senior, lead, principal, chief); ``retained_in`` names the reference operating models that
keep the function in house (``centralised; federated; minimal``). The file is loaded whole
or not at all: every bad row is listed and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.strategy.services import functions as services


class Command(BaseCommand):
    help = "Load the ICT function taxonomy (and the reference models' choices) from a file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", help="CSV or XLSX; Cadre's own list if left out")

    def handle(self, *args: str, **options: Any) -> None:
        path = Path(options["file"]) if options.get("file") else services.EMBEDDED
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from None
        with refusals_reported(self):
            result = services.import_taxonomy(actor=command_line_actor(), data=data,
                                              filename=path.name)
        self.stdout.write(result.summary)
