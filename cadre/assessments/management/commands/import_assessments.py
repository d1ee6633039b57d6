from django.core.management.base import BaseCommand, CommandError

from cadre.assessments.imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from cadre.assessments.services import import_assessments
from cadre.core.actor import command_line_actor
from cadre.core.dispatch import report_table_errors
from cadre.core.management.files import read_input_file
from cadre.core.tabular import TableError, read_table
from cadre.framework.selectors import default_framework


class Command(BaseCommand):
    help = ("Import skill assessments (staff_number, organisation, skill, level, assessed_by, "
            "assessed_on[, evidence]) against the default framework.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file")

    def handle(self, *args: str, **options: object) -> None:
        framework = default_framework()
        if framework is None:
            raise CommandError("No framework is loaded; run 'cadre load_defaults' first.")
        path = str(options["file"])
        try:
            table = read_table(read_input_file(path), filename=path, required=REQUIRED_COLUMNS,
                               optional=OPTIONAL_COLUMNS)
            count = import_assessments(actor=command_line_actor(), table=table, framework=framework,
                                       filename=path)
        except TableError as exc:
            raise report_table_errors(self, exc.errors, "imported") from exc
        self.stdout.write(f"{path}: {count} assessments imported against {framework}.")
