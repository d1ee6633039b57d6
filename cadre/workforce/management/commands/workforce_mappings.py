from django.core.management.base import BaseCommand

from cadre.workforce.cli import organisation_option
from cadre.workforce.models import ColumnMapping


class Command(BaseCommand):
    help = "List an organisation's saved column mappings for HR extracts."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--organisation", required=True, help="Organisation abbreviation")

    def handle(self, *args: str, **options: object) -> None:
        organisation = organisation_option(options["organisation"])
        mappings = ColumnMapping.objects.filter(organisation=organisation).order_by("name")
        if not mappings:
            self.stdout.write(f"{organisation.abbreviation} has no saved mappings.")
        for mapping in mappings:
            self.stdout.write(f"{mapping.name} (saved {mapping.updated_at:%Y-%m-%d %H:%M})")
            for header, field in mapping.columns.items():
                self.stdout.write(f"  {header!r}: {field or 'ignored'}")
