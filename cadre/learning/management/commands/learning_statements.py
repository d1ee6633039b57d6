"""``cadre learning statements [--provider NAME] --format json|csv``.

Every stored learning record (newest first): ``statement_id``, ``provider``,
``stored_at``, ``actor_email``, ``person`` (organisation/staff number, empty when none
was found), ``verb``, ``object``, ``voids`` and ``voided``. JSON also carries each
``statement`` as stored. Audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.core.actor import command_line_actor
from cadre.learning.models import Provider, StoredStatement

COLUMNS = ["statement_id", "provider", "stored_at", "actor_email", "person", "verb",
           "object", "voids", "voided"]


class Command(BaseCommand):
    help = "Stored xAPI learning records as JSON or CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--provider", help="Only this provider's statements")
        parser.add_argument("--format", choices=["json", "csv"], required=True)

    def handle(self, *args: str, **options: Any) -> None:
        rows = StoredStatement.objects.select_related("provider", "person__organisation")
        if options.get("provider"):
            provider = Provider.objects.filter(name__iexact=options["provider"].strip()).first()
            if provider is None:
                raise CommandError(f"No provider named '{options['provider'][:200]}'.")
            rows = rows.filter(provider=provider)
        voided = {(p, v) for p, v in StoredStatement.objects.filter(voids__isnull=False)
                  .values_list("provider_id", "voids")}
        fmt = options["format"]
        records = []
        for row in rows.order_by("-stored_at", "-pk").iterator(chunk_size=2000):
            person = (f"{row.person.organisation.abbreviation}/{row.person.staff_number}"
                      if row.person else "")
            record = {"statement_id": str(row.statement_id), "provider": row.provider.name,
                      "stored_at": row.stored_at.isoformat(), "actor_email": row.actor_email,
                      "person": person, "verb": row.verb_id, "object": row.object_id,
                      "voids": str(row.voids) if row.voids else "",
                      "voided": (row.provider_id, row.statement_id) in voided}
            if fmt == "json":
                record["statement"] = row.body
            records.append(record)
        export = export_table(
            actor=command_line_actor(), what="learning-statements",
            columns=COLUMNS + (["statement"] if fmt == "json" else []), rows=records,
            fmt=fmt, summary=f"{len(records)} learning record(s) exported",
            json_key="statements")
        self.stdout.write(export.content.decode("utf-8"))
