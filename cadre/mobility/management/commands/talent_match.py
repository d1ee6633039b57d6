"""``cadre talent match --vacancy ID``: everyone open to opportunities, ranked for a vacancy
(CSV and JSON output is audited as an export, as the page's and the API's are)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.mobility import selectors, services
from cadre.mobility.models import Vacancy


class Command(BaseCommand):
    help = "Rank the people open to opportunities for a vacancy, with the reasons."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        bounds = selectors.MATCH_LIMIT
        parser.add_argument("--vacancy", type=int, required=True)
        parser.add_argument("--limit", default=str(bounds.default),
                            help=f"How many people, {bounds.minimum} to {bounds.maximum} "
                                 f"(default {bounds.default})")
        parser.add_argument("--format", choices=["text", "csv", "json"], default="text")

    def handle(self, *args: str, **options: object) -> None:
        vacancy = Vacancy.objects.filter(pk=options["vacancy"]).first()
        if vacancy is None:
            raise CommandError(f"No vacancy {options['vacancy']}.")
        try:
            limit = selectors.MATCH_LIMIT.parse(options["limit"], field="limit")
        except ValidationError as exc:
            raise CommandError(f"--limit: {exc.message_dict['limit'][0]}") from exc
        fmt = str(options["format"])
        if fmt in ("csv", "json"):
            export = services.export_matches(actor=command_line_actor(), vacancy=vacancy,
                                             limit=limit, fmt=fmt)
            self.stdout.write(export.content.decode("utf-8-sig"), ending="")
            return
        result = selectors.match(vacancy, limit=limit)
        for r in selectors.match_table(result):
            self.stdout.write(f"{r['position']:>4}. {r['name']} ({r['organisation']}) "
                              f"score {r['score']}; short: {r['short'] or 'none'}; "
                              f"missing: {r['missing'] or 'none'}")
        self.stdout.write(f"{result.ranked} people ranked.")
