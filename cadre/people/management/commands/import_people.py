import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cadre.core.actor import command_line_actor
from cadre.core.dispatch import report_table_errors
from cadre.core.management.files import read_input_file
from cadre.core.tabular import TableError, read_table
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.people.imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from cadre.people.services import import_people


class Command(BaseCommand):
    help = "Import an organisation's people from CSV or XLSX; all rows valid or nothing saved."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")
        parser.add_argument("file")

    def handle(self, *args: str, **options: object) -> None:
        organisation = organisation_by_abbreviation(str(options["organisation"]))
        if organisation is None:
            raise CommandError(f"No organisation with abbreviation '{options['organisation']}'.")
        path = str(options["file"])
        try:
            table = read_table(read_input_file(path), filename=path, required=REQUIRED_COLUMNS,
                               optional=OPTIONAL_COLUMNS)
            result = import_people(
                actor=command_line_actor(), organisation=organisation, table=table, filename=path,
                progress=lambda rows: tqdm(rows, desc="Checking rows", unit="row",
                                           file=sys.stderr, disable=None),
            )
        except TableError as exc:
            raise report_table_errors(self, exc.errors, "imported") from exc
        self.stdout.write(
            f"{path} into {organisation.abbreviation}: {result.created} added, "
            f"{result.updated} changed, {result.unchanged} unchanged."
        )
