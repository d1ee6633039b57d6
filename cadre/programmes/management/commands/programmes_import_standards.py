"""``cadre programmes import-standards FILE.json``: apprenticeship standards in the layout
of the Skills England standards API. All or nothing: a malformed file is refused with
every problem named by record (index and reference number) and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.programmes import services


class Command(BaseCommand):
    help = "Import apprenticeship standards from a JSON file (Skills England layout)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The standards file (JSON)")

    def handle(self, *args: str, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        with refusals_reported(self, (services.StandardsFileError,)):
            counts = services.import_standards(actor=command_line_actor(), data=data,
                                               filename=path.name)
        self.stdout.write(f"Standards imported: {counts['created']} new, "
                          f"{counts['updated']} updated.")
