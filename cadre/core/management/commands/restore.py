"""``cadre restore FILE [--force]``: replace the database with a backup."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadre.core.backup import BackupError, restore
from cadre.core.management.commands.backup import describe


class Command(BaseCommand):
    help = ("Restore a backup made by 'cadre backup' into this database. Refuses a database "
            "that has any table unless --force is given. Stop the service first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a file written by 'cadre backup'")
        parser.add_argument("--force", action="store_true",
                            help="replace a database that is not empty")

    def handle(self, *args: str, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        try:
            summary = restore(path, force=bool(options["force"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {path.resolve()} into {summary.database}: "
                          f"{describe(summary)}.")
        for note in summary.notes:
            self.stdout.write(note)
