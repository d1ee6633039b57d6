"""``cadre programmes postings allocate --round ID [--dry-run] --format json|csv``.

One record per fast streamer of the round's scheme: ``staff_number``,
``home_organisation``, ``posting``, ``host_organisation``, ``preference_rank`` (null when
unranked or not placed) and ``reason``. JSON is a list of such objects. Without
``--dry-run`` the round takes its ``allocate`` step (it must be taking preferences) and
the postings are saved; with it nothing is written.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.programmes import services
from cadre.programmes.models import PostingRound
from cadre.programmes.selectors import POSTING_COLUMNS


class Command(SubcommandCommand):
    help = "Fast Stream postings: allocate a posting round (or show a dry run)."

    def add_actions(self, actions: Any) -> None:
        allocate = actions.add_parser("allocate", help="Allocate a posting round.")
        allocate.add_argument("--round", dest="round_id", type=int, required=True,
                              help="The posting round's id")
        allocate.add_argument("--dry-run", action="store_true",
                              help="Show the allocation without saving it")
        allocate.add_argument("--format", choices=["json", "csv"], default="json")

    def handle_allocate(self, options: dict[str, Any], *, actor: Actor) -> None:
        round_ = PostingRound.objects.filter(pk=options["round_id"]).first()
        if round_ is None:
            raise CommandError(f"No posting round {options['round_id']}.")
        if options["dry_run"]:
            rows = services.dry_run(actor=actor, round_=round_)
        else:
            rows = services.allocate_round(actor=actor, round_=round_)
        records = [row.as_record() for row in rows]
        if options["format"] == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=POSTING_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
