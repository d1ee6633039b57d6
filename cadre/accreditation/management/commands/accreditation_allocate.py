"""``cadre accreditation allocate --round ID [--dry-run] --format json|csv``.

JSON is one object: ``assignments``, a list of ``{application, applicant_staff_number,
applicant_organisation, assessors: [{email, organisation}], cost}`` (one per submitted
application waiting in the round; organisations by abbreviation), and ``exclusions``, a
list of ``{application, assessor, reason}`` (the assessor by email, the reason a code of
``ExclusionReason``: self, supporter, line_chain, same_organisation, recent, declared).
CSV has one row per assessor given (``record`` "assignment") and per exclusion (``record``
"exclusion"); an application left with fewer than two assessors says why in ``reason``.

Without ``--dry-run`` the round takes its ``allocate`` step and everything is stored; an
application that could not get two assessors is listed with none and stays submitted.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.accreditation.models import AccreditationRound
from cadre.accreditation.services import allocation as services
from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported


class Command(BaseCommand):
    help = "Allocate two assessors to each submitted application of a round (or a dry run)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--round", dest="round_id", type=int, required=True, help="The round's id"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the allocation without saving it"
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        round_id = options["round_id"]
        if not AccreditationRound.objects.filter(pk=round_id).exists():
            raise CommandError(f"No round {round_id}.")
        actor = command_line_actor()
        with refusals_reported(self):
            if options["dry_run"]:
                plan = services.dry_run(actor=actor, round_id=round_id)
            else:
                plan = services.allocate_round(actor=actor, round_id=round_id)
        if options["format"] == "json":
            self.stdout.write(json.dumps(plan.as_record(), indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=services.PLAN_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(plan.csv_rows())
