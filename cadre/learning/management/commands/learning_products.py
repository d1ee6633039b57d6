"""``cadre learning products [--skill NAME] [--min-level LEVEL] [--provider NAME]
[--kind KIND] [--mode MODE] [--search TEXT] [--withdrawn] --format json|csv``: the
catalogue's products, in the import file's own columns (so the CSV imports back)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.exports import render_table
from cadre.learning.models import DeliveryMode, ProductKind, Provider
from cadre.learning.selectors import catalogue as sel


class Command(BaseCommand):
    help = "List the learning catalogue's products as JSON or CSV."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--skill", default="", help="A skill of the default framework.")
        parser.add_argument("--min-level", default="",
                            help="The lowest level built (name or number).")
        parser.add_argument("--provider", default="", help="A provider's name.")
        parser.add_argument("--kind", choices=ProductKind.values)
        parser.add_argument("--mode", choices=DeliveryMode.values)
        parser.add_argument("--search", default="")
        parser.add_argument("--withdrawn", action="store_true",
                            help="Include withdrawn products.")

    def handle(self, *args: str, **options: Any) -> None:
        skill = None
        if options["skill"]:
            skill = sel.skill_choices().filter(name__iexact=options["skill"].strip()).first()
            if skill is None:
                raise CommandError(f"--skill: '{options['skill'][:60]}' is not a skill of the "
                                   "default framework.")
        min_level = None
        if options["min_level"]:
            text = str(options["min_level"]).strip()
            level = sel.level_choices().filter(name__iexact=text).first() or (
                sel.level_choices().filter(ordinal=int(text)).first() if text.isdigit()
                else None)
            if level is None:
                raise CommandError(f"--min-level: '{text[:40]}' is not a level of the default "
                                   "framework.")
            min_level = level.ordinal
        provider = None
        if options["provider"]:
            provider = Provider.objects.filter(name__iexact=options["provider"].strip()).first()
            if provider is None:
                raise CommandError(f"--provider: '{options['provider'][:60]}' is not a "
                                   "provider in the catalogue.")
        qs = sel.products(skill=skill, min_level=min_level, provider=provider,
                          kind=options["kind"] or "", mode=options["mode"] or "",
                          search=str(options["search"])[:200],
                          include_withdrawn=options["withdrawn"])
        export = render_table(sel.EXPORT_PRODUCT_COLUMNS, sel.product_export_rows(qs),
                              options["format"], filename="learning-products",
                              json_key="products")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
