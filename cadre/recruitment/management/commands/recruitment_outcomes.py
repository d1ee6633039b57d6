"""``cadre recruitment outcomes show [--organisation ABBR] [--from YYYY-MM-DD]
[--to YYYY-MM-DD] [--csv]``: the recruitment outcome tables (time to hire, appointable
candidates per campaign, appointments from inside and outside government, senior posts
filled from inside by quarter) as JSON, or as CSV with ``--csv``; counts of 1 to 4 people
read "fewer than 5", as on the page. The command line sees every organisation; the
download is audited as an export."""

from __future__ import annotations

from typing import Any

from cadre.audit.exports import export_document, export_table
from cadre.core.commands import SubcommandCommand
from cadre.recruitment.selectors import outcomes as sel


class Command(SubcommandCommand):
    help = "Recruitment outcomes: show."

    def add_actions(self, actions: Any) -> None:
        show = actions.add_parser("show", help="The outcome tables, as JSON or CSV")
        show.add_argument("--organisation", help="An organisation's abbreviation")
        show.add_argument("--from", dest="start", help="The first day, YYYY-MM-DD")
        show.add_argument("--to", dest="end", help="The last day, YYYY-MM-DD")
        show.add_argument("--csv", action="store_true", help="CSV instead of JSON")

    def handle_show(self, options: dict, *, actor: Any) -> None:
        filters = sel.check_filters(actor, organisation=options["organisation"],
                                    start=options["start"], end=options["end"])
        result = sel.outcomes_for(actor, filters)
        summary = f"Recruitment outcomes, {filters.period_words} (command line)"
        extra = {"organisation": filters.organisation.abbreviation
                 if filters.organisation else None,
                 "from": filters.start.isoformat() if filters.start else None,
                 "to": filters.end.isoformat() if filters.end else None}
        if options["csv"]:
            rows = list(sel.csv_rows(result))
            export = export_table(actor=actor, what="recruitment_outcomes",
                                  columns=sel.CSV_COLUMNS, rows=rows, fmt="csv",
                                  filename="recruitment-outcomes", summary=summary,
                                  extra=extra)
            self.stdout.write(export.content.decode("utf-8-sig"), ending="")
            return
        doc = sel.document(result, filters)
        export = export_document(actor=actor, what="recruitment_outcomes", document=doc,
                                 rows=len(result.organisations) + len(result.quarters),
                                 summary=summary, filename="recruitment-outcomes",
                                 extra=extra)
        self.stdout.write(export.content.decode("utf-8"))
