"""``cadre strategy workstreams [--strategy NAME] [--period LABEL] --format json|csv``:
workstreams with their milestones and the period's owner and central ratings (the current
period unless one is named). JSON: ``{"workstreams": [{..., "milestones": [...]}]}``; CSV:
one row a milestone."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.exports import render_table
from cadre.strategy.models import ReportingPeriod
from cadre.strategy.selectors import workstreams as sel


class Command(BaseCommand):
    help = "List workstreams with their milestones and delivery confidence ratings."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--strategy", default="", help="A strategy's name.")
        parser.add_argument("--period", default="", help="A reporting period's name "
                                                          "(the current one if left out).")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        strategy = None
        name = str(options["strategy"]).strip()
        if "\x00" in name or "\x00" in str(options["period"]):
            raise CommandError("Remove the NUL character (\\0) from the options.")
        if name:
            strategy = sel.strategy_by_name(name)
            if strategy is None:
                known = ", ".join(s.name for s in sel.strategies()) or "none yet"
                raise CommandError(f"--strategy: there is no strategy called '{name[:80]}' "
                                   f"(known: {known}).")
        period = None
        if str(options["period"]).strip():
            period = ReportingPeriod.objects.filter(
                label__iexact=str(options["period"]).strip()).first()
            if period is None:
                raise CommandError(f"--period: there is no reporting period "
                                   f"'{str(options['period'])[:40]}'.")
        document = sel.workstream_document(strategy=strategy, period=period)
        if options["format"] == "json":
            self.stdout.write(json.dumps({"workstreams": document}, indent=1,
                                         ensure_ascii=False))
            return
        export = render_table(sel.CSV_COLUMNS, sel.workstream_csv_rows(document), "csv",
                              filename="strategy-workstreams")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
