"""``cadre learning variance [--year YYYY] --format json|csv [--output FILE]``: every
organisation's unit price per product in one financial year (the newest with spend when
no year is given), as on the price variance page.

One row per product and organisation, with the columns ``product``, ``supplier``,
``organisation``, ``unit_price``, ``median_unit_price``, ``saving_at_median``, then
``attendees``, ``spend``, ``best_contracted_rate`` and ``saving_at_best_rate``. Money is
pounds as a string with 2 decimals; empty (CSV) or null (JSON) where there is no
contracted rate. JSON is ``{"columns": [...], "rows": [...]}``. Audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.core.actor import command_line_actor
from cadre.core.commands import validation_lines
from cadre.learning.selectors import figures as sel


def emit(command: BaseCommand, export: Any, output: str | None) -> None:
    """Write the file to ``output``, else to the command's standard output."""
    if output:
        with open(output, "wb") as handle:
            handle.write(export.content)
        command.stderr.write(f"Wrote {export.rows} row(s) to {output}")
        return
    command.stdout.write(export.content.decode("utf-8-sig"), ending="")


class Command(BaseCommand):
    help = "Unit prices per product and organisation, with the median and the saving."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", help="Financial year by its first calendar year, "
                                           "e.g. 2025 (April 2025 to March 2026)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: Any) -> None:
        try:
            figures = sel.variance(options["year"], with_prices=True)
        except ValidationError as exc:
            raise CommandError("\n  ".join(["Nothing was shown:", *validation_lines(exc)])
                               ) from exc
        year = figures.year or "none"
        export = export_table(
            actor=command_line_actor(), what="learning-price-variance",
            columns=sel.ROW_COLUMNS, rows=figures.rows(), fmt=options["format"],
            filename=f"learning-price-variance-{year}",
            summary=f"Learning price variance {year} (command line)",
            extra={"year": figures.year})
        emit(self, export, options["output"])
