"""``cadre notifications outbox``: the messages Cadre sent, newest first (ADR 30);
``cadre notifications digests [--dry-run]``: send the weekly digests that are due;
``cadre notifications preferences --user EMAIL [--set KIND=CHOICE ...]``: an account's
choices; ``cadre notifications check-delivery``: read delivery back from GOV.UK Notify."""

from __future__ import annotations

import json

from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.notifications.kinds import all_kinds
from cadre.notifications.selectors import outbox, preferences_for
from cadre.notifications.services import check_delivery, send_weekly_digests, set_preferences


class Command(SubcommandCommand):
    help = "The outbox of messages, and the weekly digests."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        listing = actions.add_parser("outbox", help="Messages, newest first.")
        listing.add_argument("--to", help="Only messages to this email address")
        listing.add_argument("--kind", help="Only messages of this kind")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        listing.add_argument("--limit", type=int, default=100)
        choosing = actions.add_parser(
            "preferences", help="Show, or change with --set, how an account gets each kind "
                                "of message.")
        choosing.add_argument("--user", required=True, help="The account's email address")
        choosing.add_argument("--set", action="append", default=[], metavar="KIND=CHOICE",
                              help="at_once, weekly or never for one kind (repeatable)")
        choosing.add_argument("--format", choices=["json", "text"], default="text")
        checking = actions.add_parser(
            "check-delivery", help="Ask GOV.UK Notify whether sent messages arrived; flag "
                                   "addresses that bounce (run by a timer).")
        checking.add_argument("--message", type=int, action="append", dest="messages",
                              metavar="ID", help="Only this message (repeatable)")
        checking.add_argument("--enqueue", action="store_true",
                              help="Hand the work to the background worker instead")
        digests = actions.add_parser(
            "digests", help="Send the weekly digests that are due (run weekly by a timer).")
        digests.add_argument("--dry-run", action="store_true",
                             help="Only list who would get a digest; send nothing")
        digests.add_argument("--enqueue", action="store_true",
                             help="Hand the work to the background worker instead")
        digests.add_argument("--format", choices=["json", "text"], default="text")

    def handle_digests(self, options: dict, *, actor: Actor) -> None:
        if options["enqueue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run and --enqueue do not go together.")
            from cadre.notifications.tasks import send_digests

            result = send_digests.enqueue()
            self.stdout.write(f"Weekly digests handed to the worker (task {result.id}).")
            return
        outcomes = send_weekly_digests(actor=actor, dry_run=options["dry_run"])
        rows = [{"to": o.to, "held": o.count, "status": o.status, "digest": o.digest_id,
                 "due_on": o.due_on.isoformat() if o.due_on else None} for o in outcomes]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        words = {"sent": "sent", "would_send": "would be sent", "not_due": "not due until",
                 "busy": "being sent by another run"}
        for row in rows:
            when = f" {row['due_on']}" if row["status"] == "not_due" else ""
            self.stdout.write(f"{row['to']}: {row['held']} held, digest "
                              f"{words[row['status']]}{when}")
        sent = sum(1 for row in rows if row["status"] in ("sent", "would_send"))
        self.stdout.write(f"{sent} digest(s) {'would be ' if options['dry_run'] else ''}"
                          f"sent, {len(rows) - sent} waiting.")

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

    def handle_preferences(self, options: dict, *, actor: Actor) -> None:
        from django.contrib.auth import get_user_model

        email = (options["user"] or "").strip()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the email address {email!r}.")
        choices: dict[str, str] = {}
        for item in options["set"]:
            kind, sep, choice = item.partition("=")
            if not sep or not kind.strip() or not choice.strip():
                raise CommandError(f"--set {item!r}: write it as KIND=CHOICE, e.g. "
                                   "round_waiting=weekly.")
            choices[kind.strip()] = choice.strip()
        if choices:
            set_preferences(actor=actor, user=user, choices=choices)
        kinds = preferences_for(user)
        if options["format"] == "json":
            self.stdout.write(json.dumps([{
                "kind": k.key, "title": k.title, "mandatory": k.mandatory,
                "choice": k.choice} for k in kinds], indent=2))
            return
        for k in kinds:
            self.stdout.write(f"{k.key:20}  {k.words:25}  {k.title}")

    def handle_check_delivery(self, options: dict, *, actor: Actor) -> None:
        ids = options.get("messages")
        if ids and any(i < 1 for i in ids):
            raise CommandError("--message must be a message id, 1 or more.")
        if options["enqueue"]:
            from cadre.notifications.tasks import check_delivery_task

            result = check_delivery_task.enqueue(ids)
            self.stdout.write(f"Delivery check handed to the worker (task {result.id}).")
            return
        report = check_delivery(message_ids=ids, actor=actor)
        for error in report.errors:
            self.stderr.write(f"  {error}")
        self.stdout.write(report.summary())
