"""``cadre learning baseline [--year YYYY] [--by organisation|supplier|product|family]
--format json|csv [--output FILE]``: one table of the learning spend baseline for one
financial year (the newest with spend when no year is given), as on the baseline page.

Rows: the organisation, supplier, product (with its supplier) or skill family, then
``spend`` (pounds as a string with 2 decimals), ``lines``, ``attendees`` and
``share_of_spend`` (0 to 1); by organisation also ``profession_headcount`` and
``spend_per_head`` ("fewer than 5" or "[c]" where hidden). JSON is
``{"columns": [...], "rows": [...]}``. Audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.core.actor import command_line_actor
from cadre.core.commands import validation_lines
from cadre.learning.management.commands.learning_variance import emit
from cadre.learning.selectors import figures as sel


class Command(BaseCommand):
    help = "Learning spend for one year by organisation, supplier, product or skill family."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", help="Financial year by its first calendar year, "
                                           "e.g. 2025 (April 2025 to March 2026)")
        parser.add_argument("--by", choices=list(sel.BY_CHOICES), default="organisation")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: Any) -> None:
        by = options["by"]
        try:
            figures = sel.baseline(options["year"])
        except ValidationError as exc:
            raise CommandError("\n  ".join(["Nothing was shown:", *validation_lines(exc)])
                               ) from exc
        year = figures.year or "none"
        export = export_table(
            actor=command_line_actor(), what="learning-spend-baseline",
            columns=sel.BASELINE_COLUMNS[by], rows=figures.rows(by), fmt=options["format"],
            filename=f"learning-spend-{year}-by-{by}",
            summary=f"Learning spend baseline {year} by {by} (command line)",
            extra={"year": figures.year, "by": by})
        emit(self, export, options["output"])
