"""``cadre accreditation renewals [--today YYYY-MM-DD]``: the daily renewal run.

Sends reminders 90 and 30 days before expiry, renews expired awards whose holders recorded
enough CPD, suspends the others as lapsed, and reinstates lapsed awards that now meet the
requirement (``services.renewals``). Prints a JSON object with the award ids of each:
``reminded``, ``renewed``, ``lapsed``, ``reinstated``. Safe to run twice.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.accreditation.services.renewals import run_renewals
from cadre.core.actor import command_line_actor
from cadre.core.inputs import parse_date


class Command(BaseCommand):
    help = "Renewal reminders, automatic renewal, lapse and reinstatement of awards."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Run as of this date (YYYY-MM-DD); default today")

    def handle(self, *args: str, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = parse_date(options["today"], field="today")
            except ValidationError as exc:
                raise CommandError(f"--today: {exc.messages[0]}") from None
        run = run_renewals(actor=command_line_actor(), today=today)
        self.stdout.write(json.dumps(run.as_record(), indent=2))
