"""``cadre demo community``: communities of practice with members and events, a mentoring
scheme, the learning exchange, communications and perception surveys on the demo
government (after the other demo commands). Safe to run twice."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.community import demo
from cadre.core.actor import command_line_actor


class Command(BaseCommand):
    help = ("Add demo communities, events, mentoring, learning exchange offers, messages and "
            "perception surveys.")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        rng = random.Random(int(options["seed"]))  # type: ignore[arg-type]  # noqa: S311
        with transaction.atomic():
            for line in demo.load(actor=command_line_actor(), rng=rng):
                self.stdout.write(line)
