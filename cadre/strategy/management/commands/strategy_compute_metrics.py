"""``cadre strategy compute-metrics [--period P] [--metric KEY ...]``: work out every
computed metric (or those named) for a period from Cadre's data and store the values
(``strategy.services.metrics.compute_metrics``: one transaction, bulk writes, audited).
Without ``--period``, the financial year running today; run it from cron to keep the
values current. Periods: "2025-26" (a financial year), "2025 Q3", "2025-10"."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.strategy import metrics_rules as rules
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services.metrics import compute_metrics


class Command(BaseCommand):
    help = "Compute the metrics held in Cadre's own data for a period and store the values."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", help='"2025-26" (default: this financial year), '
                                             '"2025 Q3" or "2025-10"')
        parser.add_argument("--metric", action="append", default=None,
                            help="A computed metric's key (repeat for more; default: all)")

    def handle(self, *args: str, **options: Any) -> None:
        try:
            period = (sel.as_period(options["period"]) if options["period"]
                      else sel.current_financial_year())
        except rules.PeriodError as problem:
            raise CommandError(f"--period: {problem}") from None
        with refusals_reported(self):
            result = compute_metrics(actor=command_line_actor(), period=period,
                                     keys=options["metric"])
        self.stdout.write(f"{period.label}: {len(result.definitions)} metric(s) computed, "
                          f"{result.stored} value(s) stored ({result.superseded} replacing "
                          f"earlier ones), {result.unchanged} unchanged.")
        for key, reason in sorted(result.skipped.items()):
            self.stdout.write(f"  skipped {key}: {reason}")
