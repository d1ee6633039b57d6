"""``cadre strategy commitments [--action NAME] [--organisation ABBR] [--strategy NAME]
[--kind KIND] [--period P] --format json|csv``: departmental commitments, progress and plans
as a list of ``{strategy, action, organisation, kind, period, not_applicable, text}`` (JSON)
or a CSV with those columns, which imports again as it is (organisations by name)."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.organisations.models import Organisation
from cadre.strategy import commitment_rows
from cadre.strategy.selectors import commitments as sel


def _checked(value: str | None, option: str, limit: int) -> str:
    text = str(value or "").strip()
    if "\x00" in text or len(text) > limit:
        raise CommandError(f"{option}: give at most {limit} characters.")
    return text


class Command(BaseCommand):
    help = "List departmental commitments, progress and plans as JSON or CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--action", help="An action's name (case ignored)")
        parser.add_argument("--organisation", help="An organisation's abbreviation")
        parser.add_argument("--strategy", help="A strategy's name (case ignored)")
        parser.add_argument("--kind", choices=list(commitment_rows.KINDS))
        parser.add_argument("--period", help="A year (2013) or a month (2012-12)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        organisation = None
        abbreviation = _checked(options["organisation"], "--organisation",
                                commitment_rows.MAX_ABBREVIATION)
        if abbreviation:
            organisation = Organisation.objects.filter(abbreviation__iexact=abbreviation).first()
            if organisation is None:
                raise CommandError(f"--organisation: no organisation with the abbreviation "
                                   f"'{abbreviation}'.")
        rows = sel.export_rows(sel.entries(
            strategy=_checked(options["strategy"], "--strategy", commitment_rows.MAX_STRATEGY),
            action=_checked(options["action"], "--action", commitment_rows.MAX_ACTION),
            organisation=organisation, kind=options["kind"] or "",
            period=_checked(options["period"], "--period", commitment_rows.MAX_PERIOD)))
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(sel.EXPORT_COLUMNS),
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
