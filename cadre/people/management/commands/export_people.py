import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.people.exports import FORMATS
from cadre.people.models import Person
from cadre.people.services import export_people


class Command(BaseCommand):
    help = "Export people (all, or one organisation's) as CSV, XLSX or JSON."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", help="Organisation abbreviation")
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: str, **options: object) -> None:
        people = Person.objects.all()
        description = "all organisations"
        if options["organisation"]:
            org = organisation_by_abbreviation(str(options["organisation"]))
            if org is None:
                raise CommandError(f"No organisation '{options['organisation']}'.")
            people = people.filter(organisation=org)
            description = org.abbreviation
        fmt = str(options["format"])
        export = export_people(actor=command_line_actor(),
                               people=people.order_by("staff_number"), fmt=fmt,
                               description=f"command line, {description}")
        note = write_export(export, options["output"], sys.stdout.buffer)
        if note:
            self.stderr.write(note)
