"""``cadre learning contracts [--expiring-within MONTHS] [--organisation ABBR] --format
json|csv|xlsx|ods [-o FILE]``: the contracts register (every contract: the command line acts
with the service's own rights), audited as an export."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.core.inputs import parse_date
from cadre.learning.services import contracts as services
from cadre.organisations.selectors import organisation_by_abbreviation

MAX_MONTHS = 120


class Command(BaseCommand):
    help = "The learning contracts register, with each contract's status (ending within 6 " \
           "or 12 months, current, not started, ended)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--expiring-within", type=int, metavar="MONTHS",
                            help=f"Only current contracts ending within MONTHS (0 to "
                                 f"{MAX_MONTHS})")
        parser.add_argument("--organisation", help="A buying organisation's abbreviation")
        parser.add_argument("--on", help="The day to work statuses out from (YYYY-MM-DD; "
                                         "default today)")
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "ods"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output; "
                                                   "needed for xlsx and ods)")

    def handle(self, *args: str, **options: object) -> None:
        months = options["expiring_within"]
        if months is not None and not 0 <= int(months) <= MAX_MONTHS:
            raise CommandError(f"--expiring-within must be 0 to {MAX_MONTHS} months.")
        organisation = None
        if options["organisation"]:
            found = organisation_by_abbreviation(str(options["organisation"]))
            if found is None:
                raise CommandError(f"No organisation '{options['organisation']}'.")
            organisation = found.pk
        fmt = str(options["format"])
        if fmt in ("xlsx", "ods") and not options["output"]:
            raise CommandError(f"--format {fmt} needs --output FILE.")
        try:
            today = parse_date(options["on"], field="on", default=timezone.localdate())
        except Exception as exc:  # noqa: BLE001 - a ValidationError naming the option
            raise CommandError(f"--on: give a date as YYYY-MM-DD ({exc}).") from exc
        export = services.export_register(actor=command_line_actor(), user=None, fmt=fmt,
                                          today=today, organisation=organisation,
                                          expiring_within=months, channel="cli")
        note = write_export(export, options["output"], sys.stdout.buffer)
        if note:
            self.stderr.write(note)
