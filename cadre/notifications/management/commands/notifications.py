"""``cadre notifications outbox``: the messages Cadre sent, newest first (ADR 30)."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.notifications.kinds import all_kinds
from cadre.notifications.selectors import outbox


class Command(SubcommandCommand):
    help = "List the messages in the outbox."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        listing = actions.add_parser("outbox", help="Messages, newest first.")
        listing.add_argument("--to", help="Only messages to this email address")
        listing.add_argument("--kind", help="Only messages of this kind")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        listing.add_argument("--limit", type=int, default=100)

    def handle_outbox(self, options: dict, *, actor: Actor) -> None:
        kind = options.get("kind")
        if kind and kind not in all_kinds():
            raise CommandError(f"No message kind {kind!r}; known: "
                               + ", ".join(sorted(all_kinds())))
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        rows = [{
            "to": m.to, "kind": m.kind, "template": m.kind, "subject": m.subject,
            "personalisation": m.personalisation, "created": m.created_at.isoformat(),
            "status": m.status, "backend": m.backend, "error": m.error,
        } for m in outbox(to=options.get("to"), kind=kind)[: options["limit"]]]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['created']}  {row['status']:7}  {row['kind']:15}  "
                              f"{row['to']}  {row['subject']}")
