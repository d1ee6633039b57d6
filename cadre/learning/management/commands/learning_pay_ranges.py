"""``cadre learning pay-ranges [--import FILE] --format json|csv``: the pay ranges held.

With ``--import FILE`` (CSV or XLSX with the columns ``grade, minimum, maximum,
on_cost_percent, effective_from`` and optionally ``source``) every row is checked first;
a file with any problem writes nothing and lists each problem by row and column. A row
for a grade and date already held replaces that range. Then the list is printed as JSON
(``{"columns": [...], "rows": [...]}``) or CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.core.exports import render_table
from cadre.core.tabular import read_table
from cadre.learning.selectors import rates as sel
from cadre.learning.services import rates as services

COLUMNS = ["grade", "grade_name", "minimum", "maximum", "on_cost_percent", "effective_from",
           "source"]
#: The largest pay range file read (docs/limits.md).
MAX_FILE_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Pay ranges of grades: list them, or import a file of them (all or nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--import", dest="import_file", metavar="FILE",
                            help="CSV or XLSX: grade, minimum, maximum, on_cost_percent, "
                                 "effective_from[, source]")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        if options["import_file"]:
            path = Path(options["import_file"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            with refusals_reported(self):
                table = read_table(path.read_bytes(), filename=path.name,
                                   required=services.IMPORT_COLUMNS,
                                   optional=services.IMPORT_OPTIONAL,
                                   max_bytes=MAX_FILE_BYTES)
                result = services.import_pay_ranges(actor=command_line_actor(), table=table)
            self.stderr.write(f"{result['rows']} row(s): {result['created']} added, "
                              f"{result['updated']} changed, {result['unchanged']} unchanged.")
        rows = [{"grade": p.grade.code, "grade_name": p.grade.name, "minimum": p.minimum,
                 "maximum": p.maximum, "on_cost_percent": str(p.on_cost_percent),
                 "effective_from": p.effective_from.isoformat(), "source": p.source}
                for p in sel.pay_ranges()]
        export = render_table(COLUMNS, rows, options["format"], filename="pay-ranges")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
