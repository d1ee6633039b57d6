"""``cadre strategy import-supplier-scores FILE``: strategic supplier scores from a CSV or
XLSX file with columns ``supplier, period, organisation, criterion, score`` and optionally
``comment`` (names as Cadre holds them, any case; the organisation by abbreviation or name;
the criterion by name in the framework version the period is scored against). Every row is
checked first: a file with faults is rejected listing every bad row, and nothing is written.
A good file sets each score as given, as the command line (audited; the old values stay in
each score's history)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.strategy.services import suppliers as services


class Command(BaseCommand):
    help = "Import strategic supplier scores from a CSV or XLSX file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="A CSV or XLSX file")

    def handle(self, *args: str, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if path.stat().st_size > services.MAX_IMPORT_BYTES:
            raise CommandError(f"{path}: the file is larger than 5 MB.")
        with refusals_reported(self):
            changed = services.import_scores(actor=command_line_actor(),
                                             data=path.read_bytes(), filename=path.name)
        self.stdout.write(f"{changed} score(s) written or changed.")
