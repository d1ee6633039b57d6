from django.core.management.base import BaseCommand

from cadre.core.actor import command_line_actor
from cadre.core.dispatch import report_table_errors
from cadre.core.management.files import read_input_file
from cadre.core.tabular import TableError, read_table
from cadre.organisations.imports import ORGANISATION_COLUMNS, REQUIRED_COLUMNS
from cadre.organisations.services import import_organisations


class Command(BaseCommand):
    help = "Import organisations from CSV or XLSX (columns: name,abbreviation,type,parent)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args: str, **options: object) -> None:
        path = str(options["file"])
        optional = [c for c in ORGANISATION_COLUMNS if c not in REQUIRED_COLUMNS]
        try:
            table = read_table(read_input_file(path), filename=path, required=REQUIRED_COLUMNS,
                               optional=optional)
            created, updated = import_organisations(actor=command_line_actor(),
                                                    table=table, filename=path)
        except TableError as exc:
            raise report_table_errors(self, exc.errors, "imported") from exc
        self.stdout.write(f"{path}: {created} organisations added, {updated} updated.")
