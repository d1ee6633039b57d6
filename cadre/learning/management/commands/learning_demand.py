"""``cadre learning demand [--organisation ABBR] [--lot ID] [--family ID] [--from 2027-Q1]
[--to 2027-Q4] --format json|csv|xlsx|ods [--output FILE]``.

Without ``--lot``: the demand table (one row per organisation, skill, level and quarter
with someone in it or a hidden value). With ``--lot``: the lot's demand pack, priced from
every contract (the command line sees them all). The same suppressed table as the pages
and the API: a count from 1 to 4 reads "fewer than 5", a value withheld to protect one
"[c]". XLSX and ODS need ``--output``. Every file is audited as an export.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_document, export_table
from cadre.core.actor import command_line_actor
from cadre.core.commands import validation_lines
from cadre.core.inputs import parse_id
from cadre.learning.models import Lot
from cadre.learning.selectors import demand as sel

DEMAND_COLUMNS = ["organisation", "organisation_name", "skill", "level", "quarter",
                  "quarter_label", "people", "people_all_quarters"]


def demand_rows(view: sel.DemandView) -> list[dict[str, object]]:
    """Long form: a row per (organisation, skill, level, quarter) that is not a shown zero."""
    out = []
    for r in view.rows:
        for (key, label), cell in zip(view.quarters, r.cells, strict=True):
            if cell == 0:
                continue
            out.append({"organisation": r.abbreviation, "organisation_name": r.organisation,
                        "skill": r.skill, "level": r.level,
                        "quarter": sel.quarter_code(key) if key is not None else "",
                        "quarter_label": label, "people": cell,
                        "people_all_quarters": r.total})
    return out


class Command(BaseCommand):
    help = ("Demand for learning from skill gaps and development plans (counts below 5 "
            "hidden), or a lot's demand pack, as JSON, CSV, XLSX or ODS.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", metavar="ABBR", help="Only this organisation.")
        parser.add_argument("--lot", metavar="ID", help="A framework lot: its demand pack.")
        parser.add_argument("--family", metavar="ID", help="Only the skills of a role family.")
        parser.add_argument("--from", dest="quarter_from", metavar="YYYY-Qn")
        parser.add_argument("--to", dest="quarter_to", metavar="YYYY-Qn")
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "ods"], default="json")
        parser.add_argument("--output", metavar="FILE",
                            help="Write here instead of standard output (needed for xlsx, ods).")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, output = options["format"], options.get("output")
        if fmt in ("xlsx", "ods") and not output:
            raise CommandError(f"{fmt.upper()} is binary: give --output FILE.")
        try:
            filters = sel.parse_filters(
                organisation=options.get("organisation"), family=options.get("family"),
                quarter_from=options.get("quarter_from"), quarter_to=options.get("quarter_to"))
            lot_id = (parse_id(options["lot"], field="lot")
                      if options.get("lot") is not None else None)
        except ValidationError as exc:
            raise CommandError("\n".join(validation_lines(exc))) from None
        actor = command_line_actor()
        if lot_id is not None:
            lot = Lot.objects.select_related("framework").filter(pk=lot_id).first()
            if lot is None:
                raise CommandError(f"lot: No lot with id {lot_id}.")
            pack = sel.demand_pack(lot, contracts=sel.all_contracts(),
                                   organisation=filters.organisation)
            what, summary = "learning demand pack", f"Demand pack for {lot}"
            columns, rows = pack.columns, pack.file_rows()
            document: dict[str, Any] = pack.as_dict()
            filename = f"demand-pack-lot-{lot.pk}"
        else:
            view = sel.demand_view(filters)
            what, summary = "learning demand", f"Learning demand ({filters.describe()})"
            columns, rows = DEMAND_COLUMNS, demand_rows(view)
            document = view.as_dict()
            filename = "learning-demand"
        if fmt == "json":
            export = export_document(actor=actor, what=what, document=document,
                                     rows=len(rows), summary=summary, filename=filename)
        else:
            export = export_table(actor=actor, what=what, columns=columns, rows=rows,
                                  fmt=fmt, summary=summary, filename=filename,
                                  sheet_title="Demand")
        if output:
            Path(output).write_bytes(export.content)
            self.stderr.write(f"Wrote {export.rows} row(s), {len(export.content)} bytes to "
                              f"{output}.")
        else:
            sys.stdout.flush()
            self.stdout.write(export.content.decode("utf-8-sig"), ending="")
