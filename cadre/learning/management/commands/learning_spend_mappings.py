"""``cadre learning spend-mappings [--organisation ABBR]``: saved spend column mappings."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.learning.models import SpendColumnMapping
from cadre.organisations.selectors import organisation_by_abbreviation


class Command(BaseCommand):
    help = "List saved column mappings for learning spend files."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", help="Organisation abbreviation (default: all)")

    def handle(self, *args: str, **options: Any) -> None:
        mappings = SpendColumnMapping.objects.select_related("organisation").order_by(
            "organisation__abbreviation", "name")
        if options["organisation"]:
            organisation = organisation_by_abbreviation(str(options["organisation"]))
            if organisation is None:
                raise CommandError(f"No organisation with abbreviation "
                                   f"'{options['organisation']}'.")
            mappings = mappings.filter(organisation=organisation)
        if not mappings:
            self.stdout.write("No spend mappings are saved.")
        for mapping in mappings:
            self.stdout.write(f"{mapping.organisation.abbreviation} {mapping.name} "
                              f"(saved {mapping.updated_at:%Y-%m-%d %H:%M})")
            for header, field in mapping.columns.items():
                self.stdout.write(f"  {header!r}: {field or 'ignored'}")
