"""``cadre demo accreditation``: a scheme, a round with applications, assessors and conflicts,
allocation, scoring, a panel award and CPD on the demo government."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.accreditation import demo
from cadre.core.actor import command_line_actor


class Command(BaseCommand):
    help = "Add a demo accreditation scheme, round, applications, allocation and award."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        rng = random.Random(int(options["seed"]))  # type: ignore[arg-type]  # noqa: S311
        with transaction.atomic():
            for line in demo.load(actor=command_line_actor(), rng=rng):
                self.stdout.write(line)
