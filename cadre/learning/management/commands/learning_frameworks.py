"""``cadre learning frameworks --format json|csv|xlsx|ods [-o FILE]``: supply frameworks
with their lots and the number of contracts under each, audited as an export."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.learning.services import contracts as services


class Command(BaseCommand):
    help = "Supply frameworks with their lots and contract counts."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "ods"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output; "
                                                   "needed for xlsx and ods)")

    def handle(self, *args: str, **options: object) -> None:
        fmt = str(options["format"])
        if fmt in ("xlsx", "ods") and not options["output"]:
            raise CommandError(f"--format {fmt} needs --output FILE.")
        export = services.export_frameworks(actor=command_line_actor(), fmt=fmt)
        note = write_export(export, options["output"], sys.stdout.buffer)
        if note:
            self.stderr.write(note)
