"""``cadre demo recruitment``: recruitment campaigns on the demo government, from a vacancy
that went external to appointment, with applications, panels, pay benchmarks, a reserve
list and outcomes (after the other demo commands). Safe to run twice."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.core.actor import command_line_actor
from cadre.recruitment import demo


class Command(BaseCommand):
    help = ("Add demo recruitment campaigns, applications, panels, market pay figures and "
            "reserve-list offers.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        rng = random.Random(int(options["seed"]))  # type: ignore[arg-type]  # noqa: S311
        with transaction.atomic():
            for line in demo.load(actor=command_line_actor(), rng=rng):
                self.stdout.write(line)
