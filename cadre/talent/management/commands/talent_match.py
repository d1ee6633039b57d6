"""``cadre talent match --vacancy ID``: everyone open to opportunities, ranked for a vacancy."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadre.core.tabular import write_csv
from cadre.talent import selectors_mobility as selectors
from cadre.talent.models import Vacancy

COLUMNS = ["position", "person_id", "name", "organisation", "score", "skill_fit", "grade_gap",
           "location_fit", "met", "short", "missing"]


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
        rows = [{"position": r["position"], "person_id": r["person"].pk,
                 "name": r["person"].full_name,
                 "organisation": r["person"].organisation.abbreviation, "score": r["score"],
                 "skill_fit": r["skill_fit"], "grade_gap": r["grade_gap"],
                 "location_fit": r["location_fit"],
                 "met": "; ".join(m["skill"] for m in r["met"]),
                 "short": "; ".join(f"{m['skill']} by {m['short_by']}" for m in r["short"]),
                 "missing": "; ".join(m["skill"] for m in r["missing"])} for r in result.rows]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"vacancy": vacancy.pk, "ranked": result.ranked,
                                          "results": rows}, indent=2))
        elif options["format"] == "csv":
            self.stdout.write(write_csv(COLUMNS, rows), ending="")
        else:
            for r in rows:
                self.stdout.write(f"{r['position']:>4}. {r['name']} ({r['organisation']}) "
                                  f"score {r['score']}; short: {r['short'] or 'none'}; "
                                  f"missing: {r['missing'] or 'none'}")
            self.stdout.write(f"{result.ranked} people ranked.")
