"""``cadre accreditation applications list [--round ID] [--state STATE] [--format json|csv]``,
``cadre accreditation applications rounds [--format json|csv]``,
``cadre accreditation applications open-round --scheme ID --name NAME --opens DATE --closes DATE``
and ``cadre accreditation applications close-round --round ID``.

``list``: one record per application (``id``, ``applicant_staff_number``,
``applicant_organisation``, ``scheme``, ``level``, ``round``, ``state``, ``supporter_confirmed``,
``submitted_at``). ``rounds``: one record per round (``id``, ``scheme``, ``round``,
``opens_on``, ``closes_on``, ``state``, ``applications``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.accreditation.models import AccreditationRound, Application, Scheme
from cadre.accreditation.services import applications as services
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand

APPLICATION_COLUMNS = ["id", "applicant_staff_number", "applicant_organisation", "scheme",
                       "level", "round", "state", "supporter_confirmed", "submitted_at"]
ROUND_COLUMNS = ["id", "scheme", "round", "opens_on", "closes_on", "state", "applications"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"'{value}' is not a date (use YYYY-MM-DD).") from exc


class Command(SubcommandCommand):
    help = "Accreditation applications and rounds: list them, open and close rounds."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="List applications.")
        listing.add_argument("--round", dest="round_id", type=int)
        listing.add_argument("--state", choices=Application.State.values)
        listing.add_argument("--format", choices=["json", "csv"], default="json")
        rounds = actions.add_parser("rounds", help="List rounds.")
        rounds.add_argument("--format", choices=["json", "csv"], default="json")
        opening = actions.add_parser("open-round", help="Create a round of a scheme.")
        opening.add_argument("--scheme", dest="scheme_id", type=int, required=True)
        opening.add_argument("--name", required=True)
        opening.add_argument("--opens", required=True, help="YYYY-MM-DD")
        opening.add_argument("--closes", required=True, help="YYYY-MM-DD")
        closing = actions.add_parser("close-round", help="Close a round.")
        closing.add_argument("--round", dest="round_id", type=int, required=True)

    def _write(self, records: list[dict], columns: list[str], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})

    def handle_list(self, options: dict[str, Any], *, actor: Actor) -> None:
        rows = Application.objects.select_related(
            "person__organisation", "level__scheme", "round").order_by("id")
        if options.get("round_id") is not None:
            if not AccreditationRound.objects.filter(pk=options["round_id"]).exists():
                raise CommandError(f"No accreditation round {options['round_id']}.")
            rows = rows.filter(round_id=options["round_id"])
        if options.get("state"):
            rows = rows.filter(state=options["state"])
        records = [{"id": a.pk, "applicant_staff_number": a.person.staff_number,
                    "applicant_organisation": a.person.organisation.abbreviation,
                    "scheme": a.level.scheme.name, "level": a.level.name,
                    "round": a.round.name if a.round else None, "state": a.state,
                    "supporter_confirmed": a.supporter_confirmed(),
                    "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None}
                   for a in rows]
        self._write(records, APPLICATION_COLUMNS, options["format"])

    def handle_rounds(self, options: dict[str, Any], *, actor: Actor) -> None:
        records = [{"id": r.pk, "scheme": r.scheme.name, "round": r.name,
                    "opens_on": r.opens_on.isoformat(), "closes_on": r.closes_on.isoformat(),
                    "state": r.state, "applications": r.applications.count()}
                   for r in AccreditationRound.objects.select_related("scheme").order_by("id")]
        self._write(records, ROUND_COLUMNS, options["format"])

    def handle_open_round(self, options: dict[str, Any], *, actor: Actor) -> None:
        scheme = Scheme.objects.filter(pk=options["scheme_id"]).first()
        if scheme is None:
            raise CommandError(f"No accreditation scheme {options['scheme_id']}.")
        round_ = services.create_round(actor=actor, scheme=scheme, name=options["name"],
                                       opens_on=_date(options["opens"]),
                                       closes_on=_date(options["closes"]))
        self.stdout.write(f"Round {round_.pk} ({round_}) created.")

    def handle_close_round(self, options: dict[str, Any], *, actor: Actor) -> None:
        if not AccreditationRound.objects.filter(pk=options["round_id"]).exists():
            raise CommandError(f"No accreditation round {options['round_id']}.")
        round_ = services.transition_round(actor=actor, round_id=options["round_id"],
                                           action="close")
        self.stdout.write(f"Round {round_.pk} ({round_}) closed.")
