"""``cadre backup FILE``: the whole database to one file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cadre.core.backup import BackupError, Summary, backup


def describe(summary: Summary) -> str:
    """One line of what a backup or restore covered."""
    return (f"{summary.tables} tables, {summary.rows:,} rows, {summary.audit_events:,} audit "
            f"events, {summary.bytes:,} bytes")


class Command(BaseCommand):
    help = ("Back up the whole database to FILE: pg_dump's custom format on PostgreSQL, "
            "SQLite's online backup on SQLite. Safe while the service runs.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="where to write the backup (replaced)")

    def handle(self, *args: str, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        try:
            summary = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up {summary.database} to {path.resolve()}: "
                          f"{describe(summary)}.")
