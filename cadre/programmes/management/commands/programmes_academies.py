"""``cadre programmes academies rounds [--format json|csv]`` and
``cadre programmes academies decisions --round ID [--format json|csv]``.

``rounds``: one record per selection round (``id``, ``academy``, ``round``, ``state``,
``capacity``, ``members``). ``decisions``: one record per candidate of the round
(``staff_number``, ``organisation``, ``state``, ``score``, ``moderated``, ``feedback``).
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.programmes.models import SelectionRound
from cadre.programmes.selectors import academies as sel

ROUND_COLUMNS = ["id", "academy", "round", "state", "capacity", "members"]
DECISION_COLUMNS = ["staff_number", "organisation", "state", "score", "moderated", "feedback"]


class Command(SubcommandCommand):
    help = "IT and CIO Academies: list selection rounds and a round's decisions."

    def add_actions(self, actions: Any) -> None:
        rounds = actions.add_parser("rounds", help="List the selection rounds.")
        rounds.add_argument("--format", choices=["json", "csv"], default="json")
        decisions = actions.add_parser("decisions", help="A round's candidates and decisions.")
        decisions.add_argument("--round", dest="round_id", type=int, required=True)
        decisions.add_argument("--format", choices=["json", "csv"], default="json")

    def _write(self, records: list[dict], columns: list[str], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})

    def handle_rounds(self, options: dict[str, Any], *, actor: Actor) -> None:
        records = [{"id": r.pk, "academy": r.academy.name, "round": r.name,
                    "state": r.state, "capacity": r.cadre.capacity,
                    "members": r.cadre.memberships.count()}
                   for r in SelectionRound.objects.select_related("academy", "cadre")]
        self._write(records, ROUND_COLUMNS, options["format"])

    def handle_decisions(self, options: dict[str, Any], *, actor: Actor) -> None:
        round_ = SelectionRound.objects.filter(pk=options["round_id"]).first()
        if round_ is None:
            raise CommandError(f"No selection round {options['round_id']}.")
        records = [{"staff_number": c.person.staff_number,
                    "organisation": c.organisation.abbreviation, "state": c.state,
                    "score": sel.candidate_total(c), "moderated": c.moderated_score is not None,
                    "feedback": c.feedback}
                   for c in round_.candidates.select_related("person", "organisation")]
        self._write(records, DECISION_COLUMNS, options["format"])
