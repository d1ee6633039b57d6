"""``cadre learning providers [--search TEXT] --format json|csv``: the catalogue's
providers, with their company numbers, websites, other names and product counts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cadre.core.exports import render_table
from cadre.learning.selectors import catalogue as sel


class Command(BaseCommand):
    help = "List the learning catalogue's providers as JSON or CSV."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--search", default="", help="Words in the name, or a company "
                                                         "number.")

    def handle(self, *args: str, **options: Any) -> None:
        rows = sel.provider_export_rows(sel.providers(search=str(options["search"])[:200]))
        export = render_table(sel.EXPORT_PROVIDER_COLUMNS, rows, options["format"],
                              filename="learning-providers", json_key="providers")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
