"""``cadre demo learning``: learning providers and products, a supply framework with lots,
contracts with rate cards, spend files, pay ranges and learning records on the demo
government (after ``cadre demo load``, ``capability``, ``generate``, ``talent``,
``programmes`` and ``accreditation``). Safe to run twice: each part that is there already
is left alone."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.core.actor import command_line_actor
from cadre.learning import demo


class Command(BaseCommand):
    help = ("Add demo learning providers, products, a supply framework, contracts, spend, pay "
            "ranges and learning records.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        rng = random.Random(int(options["seed"]))  # type: ignore[arg-type]  # noqa: S311
        with transaction.atomic():
            for line in demo.load(actor=command_line_actor(), rng=rng):
                self.stdout.write(line)
