"""``cadre recruitment reserve ACTION``: the reserve list from the command line.

- ``list [--state S] [--format json|csv]``: every entry (id, candidate, role level,
  organisation, decided on, expires on, state, version);
- ``add --application ID``: put an appointable, consenting candidate on the list;
- ``targets --entry ID``: similar roles being recruited for (campaign:ID or vacancy:ID);
- ``offer --entry ID --target campaign:ID|vacancy:ID [--note TEXT] [--version N]``;
- ``respond --offer ID --answer accept|decline [--reason TEXT] [--version N]``: record the
  candidate's answer (accepting appoints them without a second assessment);
- ``withdraw (--entry ID | --offer ID) [--reason TEXT] [--version N]``;
- ``expire [--today YYYY-MM-DD] [--enqueue]``: end the entries past their 12 months; run it
  daily from a timer (``--enqueue`` hands the run to the worker, task
  ``expire_reserve_entries``).

The command line acts with the hub's rights. A refused change ends "Nothing was changed:"
with the reasons, and a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from cadre.core.commands import SubcommandCommand
from cadre.core.exports import render_table
from cadre.core.objects import parse_id
from cadre.recruitment.models import ReserveEntry, ReserveEntryState
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.services import reserve as services

LIST_COLUMNS = ("id", "candidate", "role_level", "organisation", "decided_on", "expires_on",
                "state", "version")


def _row(actor: Any, entry: ReserveEntry) -> dict[str, Any]:
    return {"id": entry.pk, "candidate": sel.candidate_label(actor, entry),
            "role_level": f"{entry.role_level.role.name}: {entry.role_level.name}",
            "organisation": entry.application.campaign.organisation.abbreviation,
            "decided_on": entry.decided_on.isoformat(),
            "expires_on": entry.expires_on.isoformat(), "state": entry.state,
            "version": entry.version}


class Command(SubcommandCommand):
    help = "The reserve list: list, add, targets, offer, respond, withdraw, expire."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="Every entry")
        listing.add_argument("--state", choices=ReserveEntryState.values)
        listing.add_argument("--format", choices=["json", "csv"], default="json")
        add = actions.add_parser("add", help="Put a candidate on the reserve list")
        add.add_argument("--application", required=True, help="The application's id")
        targets = actions.add_parser("targets", help="Similar roles for an entry")
        targets.add_argument("--entry", required=True)
        offer = actions.add_parser("offer", help="Offer an entry a role")
        offer.add_argument("--entry", required=True)
        offer.add_argument("--target", required=True, help="campaign:ID or vacancy:ID")
        offer.add_argument("--note", default="")
        offer.add_argument("--version", help="The entry's version read")
        respond = actions.add_parser("respond", help="Record the candidate's answer")
        respond.add_argument("--offer", required=True)
        respond.add_argument("--answer", required=True, choices=services.ANSWERS)
        respond.add_argument("--reason", default="")
        respond.add_argument("--version", help="The offer's version read")
        withdraw = actions.add_parser("withdraw", help="Withdraw an entry or an offer")
        which = withdraw.add_mutually_exclusive_group(required=True)
        which.add_argument("--entry")
        which.add_argument("--offer")
        withdraw.add_argument("--reason", default="")
        withdraw.add_argument("--version")
        expire = actions.add_parser("expire", help="End the entries past their 12 months")
        expire.add_argument("--today", help="The day to expire on (YYYY-MM-DD); default today")
        expire.add_argument("--enqueue", action="store_true",
                            help="Hand the run to the background worker")

    def handle_list(self, options: dict, *, actor: Any) -> None:
        rows = [_row(actor, e) for e in sel.entries(actor, state=options["state"])]
        export = render_table(LIST_COLUMNS, rows, options["format"], filename="reserve-list")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")

    def handle_add(self, options: dict, *, actor: Any) -> None:
        entry = services.add_to_reserve(actor=actor, application_id=options["application"])
        self.stdout.write(f"Entry {entry.pk}: on the reserve list until "
                          f"{entry.expires_on.isoformat()}.")

    def handle_targets(self, options: dict, *, actor: Any) -> None:
        pk = parse_id(options["entry"])
        entry = sel.visible_entries(actor).filter(pk=pk).first() if pk else None
        if entry is None:
            raise CommandError(f"No reserve list entry {options['entry']}.")
        rows = sel.similar_targets(actor, entry)
        for row in rows:
            self.stdout.write(f"{row.key}\t{row.title}\t{row.organisation}\t{row.role_level}"
                              f"\tcloses {row.closing_date.isoformat()}")
        self.stdout.write(f"{len(rows)} similar role(s).")

    def handle_offer(self, options: dict, *, actor: Any) -> None:
        offer = services.make_offer(actor=actor, entry_id=options["entry"],
                                    target=options["target"], note=options["note"],
                                    version=options["version"])
        self.stdout.write(f"Offer {offer.pk} made to entry {offer.entry_id}; record the answer "
                          f"with 'cadre recruitment reserve respond --offer {offer.pk} "
                          "--answer accept|decline'.")

    def handle_respond(self, options: dict, *, actor: Any) -> None:
        offer = services.respond(actor=actor, offer_id=options["offer"],
                                 answer=options["answer"], reason=options["reason"],
                                 version=options["version"])
        if offer.state == "accepted":
            where = (f"application {offer.placed_application_id}" if offer.campaign_id
                     else f"vacancy {offer.vacancy_id}")
            self.stdout.write(f"Offer {offer.pk} accepted: appointed ({where}).")
        else:
            self.stdout.write(f"Offer {offer.pk} declined; entry {offer.entry_id} is back on "
                              "the reserve list.")

    def handle_withdraw(self, options: dict, *, actor: Any) -> None:
        if options.get("offer"):
            offer = services.withdraw_offer(actor=actor, offer_id=options["offer"],
                                            reason=options["reason"],
                                            version=options["version"])
            self.stdout.write(f"Offer {offer.pk} withdrawn.")
            return
        entry = services.withdraw_entry(actor=actor, entry_id=options["entry"],
                                        reason=options["reason"], version=options["version"])
        self.stdout.write(f"Entry {entry.pk} taken off the reserve list.")

    def handle_expire(self, options: dict, *, actor: Any) -> None:
        text = options.get("today")
        try:
            today = dt.date.fromisoformat(text) if text else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today: give a date as YYYY-MM-DD, not '{text[:40]}'.") \
                from None
        if options.get("enqueue"):
            from cadre.recruitment.tasks import expire_reserve_entries

            result = expire_reserve_entries.enqueue(today.isoformat())
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        report = services.expire_entries(actor=actor, today=today)
        self.stdout.write(f"{len(report.expired)} entr{'y' if len(report.expired) == 1 else 'ies'}"
                          f" expired, {len(report.offers_withdrawn)} offer(s) withdrawn, "
                          f"{len(report.stale_offers_withdrawn)} offer(s) to a campaign or "
                          f"vacancy no longer running withdrawn ({today.isoformat()}).")
