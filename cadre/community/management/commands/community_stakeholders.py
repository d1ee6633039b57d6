"""``cadre community stakeholders list|profession|add ... --format json|csv``: the
stakeholder register from the command line (audited).

- ``list``: external stakeholders (``id``, ``name``, ``kind``, ``contact_email``,
  ``notes``);
- ``profession``: the profession by organisation, role family and grade (``by``,
  ``group``, ``people``); counts below 5 read "fewer than 5";
- ``add --name NAME --kind KIND [--email ADDRESS] [--notes TEXT]``: add one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.community.models import StakeholderKind
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.core.actor import command_line_actor


class Command(BaseCommand):
    help = "The stakeholder register: external stakeholders and the profession's counts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["list", "profession", "add"])
        parser.add_argument("--name")
        parser.add_argument("--kind", choices=StakeholderKind.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--notes", default="")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: str, **options: Any) -> None:
        actor = command_line_actor()
        action = options["action"]
        if action == "add":
            try:
                found = services.create_stakeholder(
                    actor=actor, name=options["name"] or "", kind=options["kind"] or "",
                    contact_email=options["email"], notes=options["notes"])
            except ValidationError as exc:
                raise CommandError("; ".join(f"--{'email' if f == 'contact_email' else f}: "
                                             f"{' '.join(m)}"
                                             for f, m in exc.message_dict.items())) from exc
            self.stdout.write(f"Added stakeholder {found.pk}: {found}.")
            return
        if action == "list":
            columns = ("id", "name", "kind", "contact_email", "notes")
            rows = [{"id": s.pk, "name": s.name, "kind": s.kind,
                     "contact_email": s.contact_email, "notes": s.notes}
                    for s in sel.stakeholders().order_by("id")]
        else:
            columns = ("by", "group", "people")
            rows = [{"by": by, "group": row.label, "people": row.shown}
                    for by, found in sel.profession_counts().items() for row in found]
        export = export_table(actor=actor, what=f"community-stakeholders-{action}",
                              columns=columns, rows=rows, fmt=options["format"],
                              summary=f"Community stakeholder register, {action} "
                                      "(command line)")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
