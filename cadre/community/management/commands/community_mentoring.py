"""``cadre community mentoring match --scheme ID [--dry-run] --format json|csv``: run the
mentoring matcher on a scheme. A dry run prints the proposed pairs with their explanations
and writes nothing; otherwise the matches are proposed to both people (audited). One row per
mentee: the mentor and the score's explanation, or "Not matched" and why.

``cadre community mentoring schemes --format json|csv``: every scheme with its rules and
sign-up counts."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.community.models import MentoringScheme
from cadre.community.selectors import mentoring as sel
from cadre.community.services import mentoring as services
from cadre.core.commands import SubcommandCommand
from cadre.core.inputs import MAX_ID

MATCH_COLUMNS = ("scheme", "mentee_signup", "mentee", "mentor_signup", "mentor", "score",
                 "explanation")
SCHEME_COLUMNS = ("id", "name", "status", "signup_opens", "signup_closes", "mentors",
                  "mentees", *services.RULE_FIELDS)


class Command(SubcommandCommand):
    help = "Mentoring schemes and matching: 'match --scheme ID [--dry-run]' and 'schemes'."

    def add_actions(self, actions: Any) -> None:
        match = actions.add_parser("match", help="Match a scheme's mentees to mentors")
        match.add_argument("--scheme", required=True, help="The scheme's id")
        match.add_argument("--dry-run", action="store_true",
                           help="Print the proposed pairs and write nothing")
        match.add_argument("--format", choices=["json", "csv"], default="json")
        schemes = actions.add_parser("schemes", help="List the mentoring schemes")
        schemes.add_argument("--format", choices=["json", "csv"], default="json")

    def _write(self, rows: list[dict], columns: tuple[str, ...], fmt: str) -> None:
        if fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
        else:
            self.stdout.write(json.dumps(rows, indent=2, default=str))

    def handle_match(self, options: dict, *, actor: Any) -> None:
        text = str(options["scheme"]).strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ID:
            raise CommandError(f"--scheme: give a scheme's id (a whole number), not "
                               f"'{text[:40]}'.")
        if not MentoringScheme.objects.filter(pk=int(text)).exists():
            raise CommandError(f"--scheme: there is no mentoring scheme with id {text}.")
        proposal = services.run_matching(actor=actor, scheme=int(text),
                                         dry_run=bool(options["dry_run"]))
        self._write(proposal.rows(), MATCH_COLUMNS, str(options["format"]))
        what = "proposed (dry run: nothing written)" if proposal.dry_run else "proposed"
        self.stderr.write(f"{len(proposal.pairs)} match(es) {what}; "
                          f"{len(proposal.unmatched)} mentee(s) not matched.")

    def handle_schemes(self, options: dict, *, actor: Any) -> None:
        rows = []
        for s in sel.all_schemes_with_counts():
            rows.append({"id": s.pk, "name": s.name, "status": s.status,
                         "signup_opens": s.signup_opens.isoformat(),
                         "signup_closes": s.signup_closes.isoformat(),
                         "mentors": s.mentors, "mentees": s.mentees,
                         **{k: getattr(s, k) for k in services.RULE_FIELDS}})
        self._write(rows, SCHEME_COLUMNS, str(options["format"]))
