"""``cadre community audiences list|people [--audience ID] --format json|csv``: audiences
and who is in each now (the command line acts with the service's own rights; audited as
an export).

- ``list``: ``id``, ``name``, ``definition``, ``people``, ``external_stakeholders``;
- ``people --audience ID``: ``id``, ``name``, ``email``, ``organisation`` of everyone in
  it now, read in batches (never everyone in memory at once).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.community.selectors import communications as sel
from cadre.core.actor import command_line_actor


class Command(BaseCommand):
    help = "Audiences of messages to the profession, and who is in each now."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["list", "people"])
        parser.add_argument("--audience", type=int, help="An audience's id")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        actor = command_line_actor()
        if options["action"] == "list":
            columns = ("id", "name", "definition", "people", "external_stakeholders")
            rows: Any = []
            for audience in sel.audiences().order_by("id"):
                size = sel.audience_size(audience)
                rows.append({"id": audience.pk, "name": audience.name,
                             "definition": sel.describe(audience), "people": size.people,
                             "external_stakeholders": size.stakeholders})
            what = "list"
        else:
            if options["audience"] is None:
                raise CommandError("people needs --audience ID.")
            audience = sel.audiences().filter(pk=options["audience"]).first()
            if audience is None:
                raise CommandError(f"No audience with the id {options['audience']}.")
            columns = ("id", "name", "email", "organisation")

            def people() -> Iterator[dict[str, Any]]:
                found = sel.audience_people(audience).values_list(
                    "pk", "first_name", "last_name", "email", "organisation__name")
                for pk, first, last, email, org in found.iterator(chunk_size=1000):
                    yield {"id": pk, "name": f"{first} {last}", "email": email,
                           "organisation": org}

            rows, what = people(), f"people of audience {audience.pk}"
        export = export_table(actor=actor, what="community-audiences", columns=columns,
                              rows=rows, fmt=options["format"],
                              summary=f"Community audiences, {what} (command line)")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
