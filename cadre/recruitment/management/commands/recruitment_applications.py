"""``cadre recruitment applications ...``: applications to recruitment campaigns.

- ``list [--campaign ID] [--state STATE] [--format json|csv]``: applications (candidates
  by id and name; no contact details);
- ``show ID``: one application with its evidence, as JSON;
- ``import --campaign ID FILE``: the import of docs/data-formats.md ("Recruitment
  applications"); every problem is listed and nothing is written;
- ``purge [--today YYYY-MM-DD] [--enqueue]``: erase the personal data of the candidates of
  every campaign whose retention period has passed (kept while on a live reserve-list
  entry); run it daily from a timer (docs/deployment.md). ``--enqueue`` hands the run to
  the worker (task ``delete_expired_applicant_data``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from cadre.core.commands import SubcommandCommand
from cadre.core.inputs import MAX_ID
from cadre.recruitment.models import Application, ApplicationState, Campaign
from cadre.recruitment.selectors import applications as sel
from cadre.recruitment.services import applications as services

LIST_COLUMNS = ("id", "campaign", "candidate", "candidate_name", "internal", "state",
                "submitted_at", "reserve_consent", "personal_data_deleted")


def _id(value: Any, what: str) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ID:
        raise CommandError(f"Give {what}'s id (a whole number), not '{text[:40]}'.")
    return int(text)


def _row(a: Application) -> dict[str, Any]:
    return {"id": a.pk, "campaign": a.campaign_id, "candidate": a.candidate_id,
            "candidate_name": a.candidate.display_name, "internal": a.internal,
            "state": a.state, "submitted_at": a.submitted_at.isoformat(),
            "reserve_consent": a.reserve_consent,
            "personal_data_deleted": a.candidate.personal_data_deleted_at is not None}


class Command(SubcommandCommand):
    help = "Applications: 'list', 'show ID', 'import --campaign ID FILE' and 'purge'."

    def add_actions(self, actions: Any) -> None:
        listing = actions.add_parser("list", help="List applications")
        listing.add_argument("--campaign", help="Only this campaign's (its id)")
        listing.add_argument("--state", choices=ApplicationState.values)
        listing.add_argument("--format", choices=["json", "csv"], default="json")
        show = actions.add_parser("show", help="One application with its evidence")
        show.add_argument("id")
        importing = actions.add_parser("import", help="Import applications from a file")
        importing.add_argument("--campaign", required=True, help="The campaign's id")
        importing.add_argument("file", help="A CSV or XLSX file")
        purge = actions.add_parser("purge", help="Delete applicants' personal data after "
                                                 "the retention period")
        purge.add_argument("--today", help="The date to count from (YYYY-MM-DD); default "
                                           "today")
        purge.add_argument("--enqueue", action="store_true",
                           help="Hand the run to the background worker")

    def handle_list(self, options: dict, *, actor: Any) -> None:
        rows = sel.visible_applications(actor).order_by("pk")
        if options.get("campaign"):
            rows = rows.filter(campaign_id=_id(options["campaign"], "the campaign"))
        if options.get("state"):
            rows = rows.filter(state=options["state"])
        data = [_row(a) for a in rows]
        if options["format"] == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=LIST_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(data)
        else:
            self.stdout.write(json.dumps(data, indent=2))

    def handle_show(self, options: dict, *, actor: Any) -> None:
        pk = _id(options["id"], "the application")
        application = sel.visible_applications(actor).filter(pk=pk).first()
        if application is None:
            raise CommandError(f"There is no application with id {pk}.")
        data = {**_row(application),
                "evidence": [{"criterion": c.pk, "criterion_text": c.text, "text": text}
                             for c, text in sel.evidence_by_criterion(application)]}
        self.stdout.write(json.dumps(data, indent=2))

    def handle_import(self, options: dict, *, actor: Any) -> None:
        pk = _id(options["campaign"], "the campaign")
        if not Campaign.objects.filter(pk=pk).exists():
            raise CommandError(f"--campaign: there is no campaign with id {pk}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        result = services.import_applications(actor=actor, campaign=pk,
                                               data=path.read_bytes(), filename=path.name)
        self.stdout.write(result.summary())

    def handle_purge(self, options: dict, *, actor: Any) -> None:
        text = options.get("today")
        try:
            today = dt.date.fromisoformat(text) if text else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today: give a date as YYYY-MM-DD, not '{text[:40]}'.") \
                from None
        if options.get("enqueue"):
            from cadre.recruitment.tasks import delete_expired_applicant_data

            result = delete_expired_applicant_data.enqueue(today.isoformat())
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        report = services.purge_expired(actor=actor, today=today)
        for line in report.campaigns:
            self.stdout.write(f"Campaign {line['campaign']}: {line['erased']} candidate(s) "
                              f"erased, {line['kept_on_reserve']} kept while on the reserve "
                              "list.")
        self.stdout.write(f"{report.erased} candidate(s) erased, {report.kept} kept "
                          f"({today.isoformat()}).")
