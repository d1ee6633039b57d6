"""``cadre strategy import-commitments FILE [--map "Old name=ABBR" ...] [--create-missing]
[--dry-run]``: departmental commitments from a ``strategy,action,organisation,kind,period,
text`` file (CSV or XLSX). All or nothing: a file with faults is refused naming every row and
column, and a name that matches no organisation stops the import listing every such name,
unless mapped (``--map``) or created as a closed organisation (``--create-missing``).
Importing the same file again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.strategy.services import commitments as services


class Command(BaseCommand):
    help = "Import departmental commitments, progress and plans from a CSV or XLSX file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="strategy,action,organisation,kind,period,text")
        parser.add_argument("--map", action="append", default=[], metavar="NAME=ABBR",
                            help="Take a name in the file to mean the organisation with "
                                 "this abbreviation (repeat for more names)")
        parser.add_argument("--create-missing", action="store_true",
                            help="Create each name that matches nothing as a closed "
                                 "organisation")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check and match everything and say what would change; "
                                 "save nothing")

    def handle(self, *args: str, **options: Any) -> None:
        path = Path(options["file"])
        try:
            # A file over the limit is refused before it is read into memory.
            if path.stat().st_size > services.MAX_IMPORT_BYTES:
                raise CommandError(f"{path.name} is larger than "
                                   f"{services.MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        with refusals_reported(self):
            result = services.import_commitments(
                actor=command_line_actor(), data=data, filename=path.name,
                mappings=options["map"], create_missing=options["create_missing"],
                dry_run=options["dry_run"])
        self.stdout.write(result.summary())
        if result.created_organisations:
            self.stdout.write("Created as closed organisations: "
                              + ", ".join(result.created_organisations))
        if result.unused_mappings:
            self.stdout.write("Mapped names not in the file: "
                              + ", ".join(result.unused_mappings))
        if result.dry_run:
            self.stdout.write("Dry run: nothing was saved.")
