"""``cadre demo talent``: demo data for talent and workforce planning, over whatever people
and organisations exist (run after ``cadre demo load`` and ``cadre demo generate``)."""

import importlib
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.core.actor import command_line_actor

#: Each talent app's demo module, by name so that no app imports another's demo; loaded if
#: installed: ``load(*, actor, rng) -> list[str]``. The order fixes what a seed gives.
AREAS = [
    "cadre.mobility.demo",
    "cadre.talent.demo",
    "cadre.bench.demo",
    "cadre.planning.demo",
]


class Command(BaseCommand):
    help = "Add demo vacancies, moves, ratings, pools, succession, bench and plans."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        rng = random.Random(int(options["seed"]))  # type: ignore[arg-type]  # noqa: S311
        actor = command_line_actor()
        for name in AREAS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                for line in module.load(actor=actor, rng=rng):
                    self.stdout.write(line)
