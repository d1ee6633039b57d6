"""Two-word commands (``cadre import people …``) without a central registry.

``cadre import people`` runs the management command ``import_people`` of
whichever app provides it; each app adds its own, so lower apps never need to
know about higher ones.
"""

from __future__ import annotations

import sys

from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError


class DispatchCommand(BaseCommand):
    """Base for ``import``, ``export``, ``demo`` and ``defaults`` style commands."""

    prefix = ""

    def kinds(self) -> dict[str, str]:
        start = f"{self.prefix}_"
        return {
            name[len(start):].replace("_", "-"): app
            for name, app in get_commands().items()
            if name.startswith(start)
        }

    def run_from_argv(self, argv: list[str]) -> None:
        kinds = self.kinds()
        rest = argv[2:]
        if not rest or rest[0] in {"-h", "--help"}:
            self.stdout.write(
                f"usage: cadre {self.prefix} KIND [options]\n\nKinds: {', '.join(sorted(kinds))}\n"
                f"Help on one kind: cadre {self.prefix} KIND --help"
            )
            return
        kind = rest[0]
        if kind not in kinds:
            self.stderr.write(
                f"Unknown kind '{kind}' for 'cadre {self.prefix}'. "
                f"Choose one of: {', '.join(sorted(kinds))}"
            )
            sys.exit(2)
        name = f"{self.prefix}_{kind.replace('-', '_')}"
        command = load_command_class(kinds[kind], name)
        command.run_from_argv([argv[0], f"{self.prefix} {kind}", *rest[1:]])

    def handle(self, *args: str, **options: object) -> None:
        raise CommandError(f"Use: cadre {self.prefix} KIND …")


def report_table_errors(command: BaseCommand, errors: list, what: str) -> CommandError:
    """Print every row/column error and return the CommandError to raise."""
    for error in errors:
        command.stderr.write(f"  {error}")
    return CommandError(f"{len(errors)} problem(s) found; nothing was {what}.")
