"""``cadre talent ratings ACTION``: appraisal cycles, the nine-box grid, export."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.exports import write_export
from cadre.people import cli
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import AppraisalCycle


def _format(output: object) -> str:
    """XLSX or ODS for a file named .xlsx or .ods, else CSV."""
    suffix = str(output or "").lower().rsplit(".", 1)[-1]
    return suffix if output and suffix in ("xlsx", "ods") else "csv"


class Command(BaseCommand):
    help = "Open appraisal cycles, print a cycle's nine-box grid, export its ratings."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("cycles", help="List appraisal cycles.")
        cycle = sub.add_parser("open-cycle", help="Open a cycle for an organisation.")
        cycle.add_argument("--organisation", required=True)
        cycle.add_argument("--name", required=True)
        cycle.add_argument("--opens", required=True, help="YYYY-MM-DD or DD/MM/YYYY")
        cycle.add_argument("--closes", required=True)
        grid = sub.add_parser("grid", help="Counts per box (after calibration).")
        grid.add_argument("--cycle", type=int, required=True)
        export = sub.add_parser("export", help="Every rating in a cycle (audited).")
        export.add_argument("--cycle", type=int, required=True)
        export.add_argument("--output", "-o", help="File (.csv, .xlsx or .ods); default stdout")

    def handle(self, *args: str, **options: object) -> None:
        cli.run_action(self, options)

    def _cycle(self, pk: object) -> AppraisalCycle:
        cycle = AppraisalCycle.objects.filter(pk=pk).select_related("organisation").first()
        if cycle is None:
            raise CommandError(f"No appraisal cycle {pk}.")
        return cycle

    def _cycles(self, options: dict) -> None:
        for c in AppraisalCycle.objects.select_related("organisation"):
            self.stdout.write(f"{c.pk}\t{c.organisation.abbreviation}\t{c.name}\t"
                              f"{c.opens_on} to {c.closes_on}\t{c.ratings.count()} rating(s)")

    def _open_cycle(self, options: dict) -> None:
        opens = cli.date(str(options["opens"]), "--opens")
        closes = cli.date(str(options["closes"]), "--closes")
        cycle = services.open_cycle(actor=command_line_actor(),
                                    organisation=cli.organisation(str(options["organisation"])),
                                    name=str(options["name"]), opens_on=opens, closes_on=closes)
        self.stdout.write(f"Opened cycle {cycle.pk}: {cycle}")

    def _grid(self, options: dict) -> None:
        cycle = self._cycle(options["cycle"])
        rated, final = sel.grids(cycle.ratings.all())
        self.stdout.write(f"{cycle}: {final.total} rated")
        for box in final.boxes():
            self.stdout.write(f"{box.number}\t{box.name}\t{box.count}\t"
                              f"(line managers: {rated.count(box.performance, box.potential)})")

    def _export(self, options: dict) -> None:
        export = services.export_ninebox(actor=command_line_actor(),
                                         cycle=self._cycle(options["cycle"]),
                                         fmt=_format(options["output"]), channel="command line")
        line = write_export(export, options["output"], sys.stdout.buffer)
        if line:
            self.stderr.write(line)
