"""``cadre learning import-catalogue FILE [--dry-run]``: products from a CSV or XLSX file
(docs/data-formats.md, "Learning catalogue"). Every row is checked first; any problem is
listed by row and column and nothing is written."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.core.management.files import read_input_file
from cadre.learning.services import catalogue as services


class Command(BaseCommand):
    help = "Import learning providers and products from a CSV or XLSX file."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and count what would change; write nothing.")

    def handle(self, *args: str, **options: Any) -> None:
        path = str(options["file"])
        data = read_input_file(path)
        with refusals_reported(self):
            result = services.import_catalogue(actor=command_line_actor(), data=data,
                                               filename=path, dry_run=options["dry_run"])
        verb = "would add" if result.dry_run else "added"
        self.stdout.write(
            f"{path}: {result.rows} row(s); {verb} {result.products_created} product(s), "
            f"{'would change' if result.dry_run else 'changed'} {result.products_updated}, "
            f"{result.products_unchanged} unchanged; {verb} {result.providers_created} "
            f"provider(s).{' Nothing was written (dry run).' if result.dry_run else ''}")
