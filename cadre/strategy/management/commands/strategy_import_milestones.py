"""``cadre strategy import-milestones --workstreams FILE --milestones FILE [--map
"Name=ABBR" ...] [--create-missing] [--dry-run]``: published workstreams
(``strategy,workstream,lead_organisation``) and their milestones
(``strategy,workstream,milestone``, the date inside the text).

All or nothing: a file with faults, or a lead organisation that matches nothing (unless
mapped or created with ``--create-missing``, as an open organisation of the type its name
suggests), is refused listing every row. Dates that cannot be read are listed; those
milestones are kept with no baseline date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import command_line_actor
from cadre.core.commands import refusals_reported
from cadre.strategy.services import workstreams as services


def _read(path: str, option: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{option}: there is no file {path}.")
    if file.stat().st_size > services.MAX_IMPORT_BYTES:
        raise CommandError(f"{option}: {path} is larger than "
                           f"{services.MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    return file.read_bytes()


class Command(BaseCommand):
    help = "Import published strategy workstreams and milestones (CSV or XLSX)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--workstreams", required=True, help="strategy,workstream,"
                                                                 "lead_organisation")
        parser.add_argument("--milestones", required=True, help="strategy,workstream,milestone")
        parser.add_argument("--map", action="append", default=[], metavar="NAME=ABBR",
                            help="Match a lead organisation's name to an organisation by "
                                 "abbreviation (repeat as needed).")
        parser.add_argument("--create-missing", action="store_true",
                            help="Create lead organisations that match nothing, as open "
                                 "organisations of the type their names suggest.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check and report; save nothing.")

    def handle(self, *args: str, **options: Any) -> None:
        ws = _read(options["workstreams"], "--workstreams")
        ms = _read(options["milestones"], "--milestones")
        with refusals_reported(self):
            report = services.import_milestones(
                actor=command_line_actor(), workstreams_data=ws, milestones_data=ms,
                workstreams_filename=Path(options["workstreams"]).name,
                milestones_filename=Path(options["milestones"]).name,
                mapping=services.parse_mapping(options["map"]),
                create_missing=options["create_missing"], dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
