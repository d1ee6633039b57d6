"""``cadre strategy suppliers [--supplier NAME] [--period P] --format json|csv``: overall
scores of strategic suppliers, one row per supplier, period and buying organisation and one
across government (``organisation`` "All buying organisations"), as a list of
``{supplier, period, framework_version, organisation, overall, organisations,
criteria_scored, criteria}`` (JSON) or a CSV with those columns. ``overall`` is a percentage:
0 is the lowest score on every criterion, 100 the highest. The command line sees what the
central team sees, including figures behind fewer than 2 buying organisations (the
``organisations`` column says how many)."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.strategy.models import MAX_PERIOD_LABEL, MAX_SUPPLIER_NAME
from cadre.strategy.selectors import suppliers as sel


def _checked(value: str | None, option: str, limit: int) -> str:
    text = str(value or "").strip()
    if "\x00" in text or len(text) > limit:
        raise CommandError(f"{option}: give at most {limit} characters, without NUL.")
    return text


class Command(BaseCommand):
    help = "List strategic suppliers' overall scores by period and buying organisation."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--supplier", help="A supplier's name (case ignored)")
        parser.add_argument("--period", help="A period's label (case ignored)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        name = _checked(options["supplier"], "--supplier", MAX_SUPPLIER_NAME)
        label = _checked(options["period"], "--period", MAX_PERIOD_LABEL)
        supplier = sel.supplier_by_name(name) if name else None
        if name and supplier is None:
            raise CommandError(f"--supplier: there is no strategic supplier called '{name}'.")
        period = sel.period_by_label(label) if label else None
        if label and period is None:
            raise CommandError(f"--period: there is no assessment period '{label}'.")
        rows = sel.overall_rows(command_line_actor(), supplier=supplier, period=period)
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(sel.OVERALL_COLUMNS),
                                    lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
        else:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
