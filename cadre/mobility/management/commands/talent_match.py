"""``cadre talent match --vacancy ID``: everyone open to opportunities, ranked for a vacancy
(CSV and JSON output is audited as an export)."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadre.core.tabular import write_csv
from cadre.mobility import selectors, services
from cadre.mobility.models import Vacancy


class Command(BaseCommand):
    help = "Rank the people open to opportunities for a vacancy, with the reasons."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--vacancy", type=int, required=True)
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--format", choices=["text", "csv", "json"], default="text")

    def handle(self, *args: str, **options: object) -> None:
        vacancy = Vacancy.objects.filter(pk=options["vacancy"]).first()
        if vacancy is None:
            raise CommandError(f"No vacancy {options['vacancy']}.")
        if int(options["limit"]) < 1:
            raise CommandError("--limit must be 1 or more.")
        result = selectors.match(vacancy, limit=int(options["limit"]))
        rows = selectors.match_table(result)
        if options["format"] in ("csv", "json"):
            services.record_match_export(actor=None, vacancy=vacancy, rows=len(rows),
                                         fmt=str(options["format"]))
        if options["format"] == "json":
            self.stdout.write(json.dumps({"vacancy": vacancy.pk, "ranked": result.ranked,
                                          "results": rows}, indent=2))
        elif options["format"] == "csv":
            self.stdout.write(write_csv(selectors.MATCH_COLUMNS, rows), ending="")
        else:
            for r in rows:
                self.stdout.write(f"{r['position']:>4}. {r['name']} ({r['organisation']}) "
                                  f"score {r['score']}; short: {r['short'] or 'none'}; "
                                  f"missing: {r['missing'] or 'none'}")
            self.stdout.write(f"{result.ranked} people ranked.")
