"""``cadre learning import-contracts FILE``: contracts with their rate cards from CSV or
XLSX (docs/data-formats.md); every row is checked first and nothing is written when any
row has a problem (each listed by row and column)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.learning.services import contracts as services


class Command(BaseCommand):
    help = "Import learning contracts and their rate cards from a CSV or XLSX file."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", help="CSV or XLSX: reference, title, supplier, buyers, "
                                         "starts_on, ends_on[, framework, lot, ceiling_value, "
                                         "notes, product, unit_price]")

    def handle(self, *args: str, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"No file '{path}'.")
        if path.stat().st_size > services.MAX_IMPORT_BYTES:
            raise CommandError(f"{path.name} is larger than "
                               f"{services.MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
        with refusals_reported(self):
            result = services.import_contracts(actor=command_line_actor(),
                                               data=path.read_bytes(), filename=path.name)
        self.stdout.write(f"Imported {path.name}: {result.created} contract(s) added, "
                          f"{result.updated} changed, {result.rates} rate(s) set.")
