"""``cadre strategy metrics [--period P] [--organisation ABBR|government] [--metric KEY]
[--history] --format json|csv [--output FILE]``: metric values, one row per definition,
organisation and period (value, suppressed, note, origin, who, when), hidden below 5 people
as on the pages, audited as an export. JSON is a list of objects; a hidden value is null
(JSON) or empty (CSV) and ``note`` says why."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_document, export_table
from cadre.core.actor import command_line_actor
from cadre.organisations.models import Organisation
from cadre.strategy import metrics_rules as rules
from cadre.strategy.selectors import metrics as sel


class Command(BaseCommand):
    help = "Metric values by definition, organisation and period (hidden below 5 people)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", help='"2025-26", "2025 Q3" or "2025-10"')
        parser.add_argument("--organisation",
                            help="An organisation's abbreviation, or 'government'")
        parser.add_argument("--metric", help="A metric's key")
        parser.add_argument("--history", action="store_true",
                            help="Include superseded values")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: Any) -> None:
        definition = None
        if options["metric"]:
            definition = sel.definition(options["metric"])
            if definition is None:
                raise CommandError(f"No metric with the key '{options['metric']}'.")
        organisation: Any = "any"
        if options["organisation"]:
            text = options["organisation"].strip()
            if text.lower() == "government":
                organisation = None
            else:
                organisation = Organisation.objects.filter(abbreviation__iexact=text).first()
                if organisation is None:
                    raise CommandError(f"No organisation with the abbreviation '{text}'.")
        period = None
        if options["period"]:
            try:
                period = rules.parse_period(
                    options["period"], definition.frequency if definition else None).label
            except rules.PeriodError as problem:
                raise CommandError(f"--period: {problem}") from None
        rows = sel.value_rows(definition=definition, organisation=organisation, period=period,
                              include_history=options["history"])
        summary = f"Strategy metric values (command line, {len(rows)} rows)"
        if options["format"] == "json":
            export = export_document(actor=command_line_actor(), what="strategy_metric_values",
                                     document=rows, rows=len(rows), summary=summary,
                                     filename="strategy-metric-values")
        else:
            export = export_table(actor=command_line_actor(), what="strategy_metric_values",
                                  columns=sel.VALUE_COLUMNS, rows=rows, fmt="csv",
                                  filename="strategy-metric-values", summary=summary)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s) to {options['output']}")
            return
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
