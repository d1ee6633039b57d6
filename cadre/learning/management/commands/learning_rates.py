"""``cadre learning rates [--organisation ABBR] [--table benchmarks|variance|above|costs]
[--by organisation|supplier] --format json|csv [--output FILE]``: contractor day-rate
figures, as on the pages, with the same suppression (a group of fewer than 5 people shows
no rate; counts read "fewer than 5" or ``[c]``).

The default table is the benchmarks: one row per role family ("All levels") and role level
with the columns ``family``, ``role_level``, ``count``, ``median``, ``lower_quartile``,
``upper_quartile``, ``suppressed``. JSON is ``{"columns": [...], "rows": [...]}``; a hidden
rate is null in JSON and empty in CSV. Audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.core.actor import command_line_actor
from cadre.learning.selectors import rates as sel
from cadre.organisations.models import Organisation

TABLES = ("benchmarks", "variance", "above", "costs")


class Command(BaseCommand):
    help = "Contractor day-rate benchmarks (suppressed below 5), as JSON or CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", help="An organisation's abbreviation "
                                                   "(benchmarks and costs only)")
        parser.add_argument("--table", choices=TABLES, default="benchmarks")
        parser.add_argument("--by", choices=sel.BY_CHOICES, default="organisation",
                            help="For --table variance or above")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(
                abbreviation__iexact=options["organisation"].strip()).first()
            if organisation is None:
                raise CommandError(f"No organisation with the abbreviation "
                                   f"'{options['organisation'][:40]}'.")
        org_id = getattr(organisation, "pk", None)
        table, by = options["table"], options["by"]
        if organisation is not None and table in ("variance", "above"):
            raise CommandError("--organisation works with --table benchmarks or costs; "
                               "variance and above compare organisations already.")
        if table == "benchmarks":
            columns, rows = sel.BENCHMARK_COLUMNS, sel.benchmark_rows(organisation_id=org_id)
        elif table == "variance":
            columns, rows = sel.variance_columns(by), sel.variance_rows(by=by)
        elif table == "above":
            columns = [by, "rated", "above_upper_quartile", "share_percent"]
            rows = sel.above_upper_quartile(by=by)
        else:
            columns, rows = sel.COST_COLUMNS, sel.cost_rows(organisation_id=org_id)
        where = organisation.abbreviation if organisation else "government"
        export = export_table(
            actor=command_line_actor(), what=f"learning-rates-{table}", columns=columns,
            rows=rows, fmt=options["format"], filename=f"learning-rates-{table}-{where}",
            summary=f"Contractor day rates, {table} ({where}, command line)",
            extra={"table": table, "organisation": where})
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s) to {options['output']}")
            return
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
